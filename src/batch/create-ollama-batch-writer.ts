import { z } from 'zod';
import { type ChatMessage, generateStructured, type ModelCallOptions } from '../model/generate-structured.js';
import { stripHeadings } from '../model/reply-schemas.js';
import { formatFactsBlock } from '../prompting/format-facts-block.js';
import type { PromptSet } from '../prompting/prompt-set.js';
import { redactSecrets, restoreSecrets } from '../prompting/redact-secrets.js';
import { renderPrompt } from '../prompting/render-prompt.js';
import type { BatchProseWriter } from './batch-prose-writer.js';
import { formatAggregatesBlock, formatDigestBlock } from './format-aggregates-block.js';

/** Bumped when the schemas or the way prompts are filled change, so old cache entries stop matching. */
const REPLY_VERSION = 1;

export const groupReplySchema = z.object({
  summary: z.string().min(1),
  details: z.string().min(1),
  recommendations: z.array(z.string().min(1)).min(1).max(8),
});

export const digestReplySchema = z.object({ overview: z.string().min(1) });

const REPLY_GUIDE: Record<'group' | 'digest', string> = {
  group:
    'Reply with JSON: `summary` (how often and over what period the rule fired, and where), `details` (the recurring values), `recommendations` (a list of next steps).',
  digest: 'Reply with JSON: `overview` (the digest, in Markdown paragraphs).',
};

export interface OllamaBatchWriterOptions extends ModelCallOptions {
  prompts: PromptSet;
  redact?: boolean;
}

const createRedaction = (enabled: boolean) => {
  const secrets = new Map<string, string>();
  return {
    value: (text: string): string => (enabled ? redactSecrets(text, secrets).text : text),
    restore: (text: string): string => (enabled ? restoreSecrets(text, secrets) : text),
  };
};

/** Group and digest prose from a model on Ollama: one structured call each, through the same client as `write`. */
export const createOllamaBatchWriter = (options: OllamaBatchWriterOptions): BatchProseWriter => {
  const { prompts } = options;
  const system = (): ChatMessage => ({ role: 'system', content: renderPrompt(prompts.system, {}) });
  return {
    info: { backend: 'ollama', model: options.model, promptHash: prompts.hash },
    cacheIdentity: JSON.stringify({
      backend: 'ollama',
      model: options.model,
      promptHash: prompts.hash,
      numPredict: options.numPredict ?? null,
      redact: options.redact ?? false,
      reply: REPLY_VERSION,
    }),

    async writeGroup({ group, facts }) {
      const redaction = createRedaction(options.redact ?? false);
      const user = `${renderPrompt(prompts.groupSummary, {
        group_facts: formatFactsBlock(facts, { mapValue: redaction.value }),
        aggregates: formatAggregatesBlock(group, redaction.value),
      })}\n\n${REPLY_GUIDE.group}`;
      const reply = await generateStructured(
        options,
        [system(), { role: 'user', content: user }],
        groupReplySchema,
      );
      const text = (markdown: string): string => redaction.restore(stripHeadings(markdown));
      return {
        sections: [
          { id: 'summary', markdown: text(reply.value.summary) },
          { id: 'what-happened', markdown: text(reply.value.details) },
          {
            id: 'recommendations',
            markdown: reply.value.recommendations
              .map((item) =>
                item
                  .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
                  .replace(/\s*\n\s*/g, ' ')
                  .trim(),
              )
              .filter((item) => item !== '')
              .map((item) => `- ${redaction.restore(item)}`)
              .join('\n'),
          },
        ],
      };
    },

    async writeDigest({ groups, quality }) {
      const redaction = createRedaction(options.redact ?? false);
      const user = `${renderPrompt(prompts.digest, {
        digest_facts: formatDigestBlock(groups, quality, redaction.value),
      })}\n\n${REPLY_GUIDE.digest}`;
      const reply = await generateStructured(
        options,
        [system(), { role: 'user', content: user }],
        digestReplySchema,
      );
      return redaction.restore(stripHeadings(reply.value.overview));
    },
  };
};
