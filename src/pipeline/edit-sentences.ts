import { checkText } from '../check/check-text.js';
import { describeFinding } from '../check/describe-finding.js';
import { type Finding, isFlagged } from '../check/finding.js';
import { type Sentence, splitSentences } from '../check/split-sentences.js';
import type { FactTable } from '../facts/fact.js';
import type { SectionId, SentenceRewrite } from '../model/narrative.js';

export interface FailingSentence {
  /** Stable within one round: section and position, echoed back by the writer's rewrite. */
  id: string;
  section: SectionId;
  sentence: Sentence;
  findings: Finding[];
  issues: string[];
}

/** The sentences of one section holding at least one flagged claim, with their findings. */
export const findFailingSentences = (
  section: SectionId,
  markdown: string,
  factTable: FactTable,
): FailingSentence[] => {
  const flagged = checkText(markdown, factTable, { section }).findings.filter(isFlagged);
  if (flagged.length === 0) return [];
  return splitSentences(markdown).flatMap((sentence, index) => {
    const findings = flagged.filter((finding) => finding.sentence === sentence.text);
    if (findings.length === 0) return [];
    return [
      { id: `${section}-${index}`, section, sentence, findings, issues: findings.map(describeFinding) },
    ];
  });
};

/** Replaces each failing sentence by its rewrite (by offset, last first so offsets stay valid). */
export const replaceSentences = (
  markdown: string,
  failing: readonly FailingSentence[],
  rewrites: readonly SentenceRewrite[],
): string => {
  let result = markdown;
  for (const item of [...failing].sort((a, b) => b.sentence.start - a.sentence.start)) {
    const rewrite = rewrites.find((candidate) => candidate.id === item.id);
    if (!rewrite) continue;
    result = result.slice(0, item.sentence.start) + rewrite.sentence.trim() + result.slice(item.sentence.end);
  }
  return tidyMarkdown(result);
};

export const removeSentences = (markdown: string, failing: readonly FailingSentence[]): string =>
  replaceSentences(
    markdown,
    failing,
    failing.map((item) => ({ id: item.id, sentence: '' })),
  );

/** Removing sentences can leave empty list items, empty headings and runs of blank lines. */
const tidyMarkdown = (markdown: string): string =>
  markdown
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .filter((line) => !/^\s*(?:[-*+]|\d+[.)])\s*$/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
