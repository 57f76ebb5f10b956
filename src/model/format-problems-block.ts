import { escapeControlCharacters } from '../prompting/escape-control-characters.js';
import { fenceDataBlock } from '../prompting/fence-data-block.js';
import type { SentenceProblem } from './narrative.js';

/** The flagged sentences for the repair prompt; they are model text, so they go in as fenced data too. */
export const formatProblemsBlock = (problems: SentenceProblem[], mapText: (text: string) => string): string =>
  fenceDataBlock(
    problems
      .map((problem) =>
        [
          `id: ${escapeControlCharacters(problem.id)}`,
          `section: ${problem.section}`,
          `sentence: ${escapeControlCharacters(mapText(problem.sentence))}`,
          ...problem.issues.map((issue) => `wrong: ${escapeControlCharacters(mapText(issue))}`),
        ].join('\n'),
      )
      .join('\n\n'),
  );
