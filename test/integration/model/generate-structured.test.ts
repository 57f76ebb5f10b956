import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateStructured, type ModelEvent } from '../../../src/model/generate-structured.js';
import {
  type ChatRequestBody,
  chatHandler,
  OLLAMA_HOST,
  structuredResponse,
  useMockOllamaServer,
} from '../../support/ollama-msw.js';

const server = useMockOllamaServer();

const groupSummarySchema = z.object({ summary: z.string(), notable_values: z.array(z.string()) });

describe('generateStructured', () => {
  it('sends any zod schema as the format and returns the validated value', async () => {
    const calls: ChatRequestBody[] = [];
    const events: ModelEvent[] = [];
    server.use(
      chatHandler(
        () =>
          structuredResponse(
            { summary: 'Fired 12 times.', notable_values: ['bash'] },
            { prompt_eval_count: 40 },
          ),
        calls,
      ),
    );
    const reply = await generateStructured(
      { host: OLLAMA_HOST, model: 'qwen2.5:7b', numPredict: 1024, onRequest: (event) => events.push(event) },
      [
        { role: 'system', content: 'You summarise.' },
        { role: 'user', content: 'Group data.' },
      ],
      groupSummarySchema,
    );
    expect(reply.value).toEqual({ summary: 'Fired 12 times.', notable_values: ['bash'] });
    expect(reply.numCtx).toBe(4096);
    expect(reply.promptEvalCount).toBe(40);
    expect(calls[0]?.format).toMatchObject({
      type: 'object',
      properties: { summary: { type: 'string' }, notable_values: { type: 'array' } },
    });
    expect(calls[0]?.options).toMatchObject({ num_ctx: 4096, num_predict: 1024 });
    expect(events.map((event) => event.type)).toEqual(['request', 'response']);
  });
});
