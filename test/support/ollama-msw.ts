import { HttpResponse, http } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * Reusable msw handlers that speak Ollama's HTTP API, for integration tests of `src/model/`.
 * The host is fake on purpose: with `onUnhandledRequest: 'error'` nothing can reach a real server.
 */
export const OLLAMA_HOST = 'http://ollama.test:11434';

export interface ChatRequestBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  format?: Record<string, unknown>;
  options?: { temperature?: number; seed?: number; num_ctx?: number; num_predict?: number };
  stream?: boolean;
  keep_alive?: string | number;
}

export interface ChatResponseOverrides {
  prompt_eval_count?: number;
  eval_count?: number;
  done_reason?: string;
}

/** A complete non-streaming `/api/chat` reply whose assistant message is `content`. */
export const chatResponse = (content: string, overrides: ChatResponseOverrides = {}) => ({
  model: 'llama3.2',
  created_at: '2025-11-30T14:05:00.000Z',
  message: { role: 'assistant', content },
  done: true,
  done_reason: overrides.done_reason ?? 'stop',
  total_duration: 1_000_000,
  load_duration: 1000,
  prompt_eval_count: overrides.prompt_eval_count ?? 900,
  prompt_eval_duration: 1000,
  eval_count: overrides.eval_count ?? 300,
  eval_duration: 1000,
});

/** A reply carrying `value` as the structured (JSON) content. */
export const structuredResponse = (value: unknown, overrides: ChatResponseOverrides = {}) =>
  chatResponse(JSON.stringify(value), overrides);

export type ChatResponder = (
  body: ChatRequestBody,
  call: number,
) => unknown | Response | Promise<unknown | Response>;

/**
 * `POST /api/chat`: records each request body in `calls` and answers with what `respond` returns
 * (a plain object becomes a JSON reply; a `Response` is sent as is). `call` counts from 1.
 */
export const chatHandler = (respond: ChatResponder, calls: ChatRequestBody[] = [], host = OLLAMA_HOST) =>
  http.post(`${host}/api/chat`, async ({ request }) => {
    const body = (await request.json()) as ChatRequestBody;
    calls.push(body);
    const result = await respond(body, calls.length);
    return result instanceof Response ? result : HttpResponse.json(result as Record<string, unknown>);
  });

/** What Ollama answers for a model it does not have. */
export const modelNotFound = (model: string) =>
  HttpResponse.json({ error: `model "${model}" not found, try pulling it first` }, { status: 404 });

/** `GET /api/tags`: the models the fake server has pulled. */
export const tagsHandler = (names: string[], host = OLLAMA_HOST) =>
  http.get(`${host}/api/tags`, () =>
    HttpResponse.json({
      models: names.map((name) => ({
        name,
        model: name,
        modified_at: '2025-11-01T00:00:00Z',
        size: 2_000_000_000,
        digest: 'a80c4f17acd5',
        details: {
          parent_model: '',
          format: 'gguf',
          family: 'llama',
          families: ['llama'],
          parameter_size: '3.2B',
          quantization_level: 'Q4_K_M',
        },
      })),
    }),
  );

/**
 * An msw server for the calling test file, listening for its whole run: any request no handler
 * answers is an error, so a test can never reach a real Ollama by accident.
 */
export const useMockOllamaServer = (): SetupServer => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
};
