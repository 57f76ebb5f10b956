import type { Fact, FactTable } from '../facts/fact.js';
import { formatFactsBlock } from '../prompting/format-facts-block.js';
import { formatPlaceholderFields } from '../prompting/format-placeholder-fields.js';
import { formatRuleKnowledge } from '../prompting/format-rule-knowledge.js';
import type { PromptSet } from '../prompting/prompt-set.js';
import { redactSecrets, restoreSecrets } from '../prompting/redact-secrets.js';
import { renderPrompt } from '../prompting/render-prompt.js';
import { formatProblemsBlock } from './format-problems-block.js';
import { type ChatMessage, generateStructured, type ModelCallOptions } from './generate-structured.js';
import type { ReportWriter } from './narrative.js';
import {
  NARRATIVE_SECTION_GUIDE,
  narrativeFromReply,
  narrativeReplySchema,
  repairReplySchema,
  rewritesFromReply,
} from './reply-schemas.js';

export interface OllamaWriterOptions extends ModelCallOptions {
  prompts: PromptSet;
  /** Mask secrets in alert values before they are sent, and put them back in the reply. */
  redact?: boolean;
}

interface Redaction {
  value: (value: string, fact: Fact) => string;
  text: (text: string) => string;
  restore: (text: string) => string;
}

/** One numbering per call, so a secret has the same placeholder in the facts and in the sentences. */
const createRedaction = (enabled: boolean): Redaction => {
  if (!enabled) return { value: (value) => value, text: (text) => text, restore: (text) => text };
  const secrets = new Map<string, string>();
  const text = (input: string): string => redactSecrets(input, secrets).text;
  return { value: text, text, restore: (input) => restoreSecrets(input, secrets) };
};

/** The report writer backed by a model on an Ollama server. */
export const createOllamaWriter = (options: OllamaWriterOptions): ReportWriter => {
  const { prompts } = options;
  const system = (): ChatMessage => ({ role: 'system', content: renderPrompt(prompts.system, {}) });
  const ruleKnowledge = (table: FactTable): string => formatRuleKnowledge(table.rule, table.mitre);

  return {
    info: { backend: 'ollama', model: options.model, promptHash: prompts.hash },

    async writeNarrative(table) {
      const redaction = createRedaction(options.redact ?? false);
      const user = renderPrompt(prompts.report, {
        facts: formatFactsBlock(table, { mapValue: redaction.value }),
        rule_knowledge: ruleKnowledge(table),
        sections: NARRATIVE_SECTION_GUIDE,
        placeholder_fields: formatPlaceholderFields(table),
      });
      const reply = await generateStructured(
        options,
        [system(), { role: 'user', content: user }],
        narrativeReplySchema,
      );
      return narrativeFromReply(reply.value, redaction.restore);
    },

    async repairSentences(table, problems) {
      if (problems.length === 0) return [];
      const redaction = createRedaction(options.redact ?? false);
      const user = renderPrompt(prompts.repair, {
        facts: formatFactsBlock(table, { mapValue: redaction.value }),
        rule_knowledge: ruleKnowledge(table),
        placeholder_fields: formatPlaceholderFields(table),
        problems: formatProblemsBlock(problems, redaction.text),
      });
      const reply = await generateStructured(
        options,
        [system(), { role: 'user', content: user }],
        repairReplySchema,
      );
      return rewritesFromReply(
        reply.value,
        new Set(problems.map((problem) => problem.id)),
        redaction.restore,
      );
    },
  };
};
