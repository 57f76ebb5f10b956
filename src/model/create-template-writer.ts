import type { FactTable } from '../facts/fact.js';
import { createFactLookup } from './fact-lookup.js';
import type { Narrative, ReportWriter } from './narrative.js';
import { attackPathParagraphs, recommendationItems } from './template-analysis.js';
import { summarySentences, whatHappenedSentences } from './template-sections.js';

/** The narrative as the template writer words it: deterministic, and only values the alert holds. */
export const templateNarrative = (table: FactTable): Narrative => {
  const facts = createFactLookup(table);
  const whatHappened = whatHappenedSentences(facts);
  return {
    sections: [
      { id: 'summary', markdown: summarySentences(facts).join(' ') },
      {
        id: 'what-happened',
        markdown:
          whatHappened.length === 0
            ? 'The alert carries no details about the event.'
            : whatHappened.join(' '),
      },
      { id: 'attack-path', markdown: attackPathParagraphs(facts).join('\n\n') },
      {
        id: 'recommendations',
        markdown: recommendationItems(facts)
          .map((item) => `- ${item}`)
          .join('\n'),
      },
    ],
  };
};

/** The writer that needs no model: always available, and its prose passes the checker by construction. */
export const createTemplateWriter = (): ReportWriter => ({
  info: { backend: 'template', model: undefined, promptHash: undefined },
  writeNarrative: async (table) => templateNarrative(table),
  repairSentences: async () => [],
});
