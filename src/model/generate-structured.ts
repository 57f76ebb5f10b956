import { Ollama } from 'ollama';
import { z } from 'zod';
import { modelError } from '../errors.js';
import { contextWindowFor } from './context-window.js';
import { type ModelErrorContext, toModelError } from './to-model-error.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type ModelEvent =
  | {
      type: 'request';
      host: string;
      model: string;
      attempt: number;
      numCtx: number;
      promptCharacters: number;
    }
  | { type: 'retry'; attempt: number; delayMs: number; code: string }
  | {
      type: 'response';
      promptEvalCount: number | undefined;
      evalCount: number | undefined;
      durationMs: number;
    }
  | { type: 'invalid-reply'; reason: string };

export interface ModelCallOptions {
  host: string;
  model: string;
  /** The transport; tests pass msw's patched global or a fake. Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Per HTTP request, body included. */
  timeoutMs?: number;
  /** Attempts on connection errors and 5xx, the first one included. */
  retries?: number;
  /** Injected so tests do not wait through the backoff. */
  sleep?: (ms: number) => Promise<void>;
  numPredict?: number;
  keepAlive?: string;
  onRequest?: (event: ModelEvent) => void;
}

export interface StructuredReply<T> {
  value: T;
  /** The reply text as the model wrote it. */
  content: string;
  numCtx: number;
  promptEvalCount: number | undefined;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_NUM_PREDICT = 1536;
const DEFAULT_RETRIES = 3;
const BACKOFF_MS = [250, 1000, 4000];

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Adds the timeout to every request, and hands non-2xx bodies to the client as JSON: ollama-js
 * prints to the console when an error body is not JSON, and stdout may be the report.
 */
export const createTimeoutFetch =
  (base: typeof fetch, timeoutMs: number): typeof fetch =>
  async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const response = await base(input, { ...init, signal });
    if (response.ok) return response;
    const body = await response.text().catch(() => '');
    let message = body.trim() || `${response.status} ${response.statusText}`.trim();
    try {
      const parsed: unknown = JSON.parse(body);
      const error = (parsed as { error?: unknown } | null)?.error;
      if (typeof error === 'string') message = error;
    } catch {
      // Not JSON: the text itself is the message.
    }
    return new Response(JSON.stringify({ error: message }), {
      status: response.status,
      statusText: response.statusText,
      headers: { 'content-type': 'application/json' },
    });
  };

/** Builds the client per call: ollama-js captures `fetch` when constructed, so a module-scope client would bypass msw. */
export const createOllamaClient = (options: Pick<ModelCallOptions, 'host' | 'fetch' | 'timeoutMs'>): Ollama =>
  new Ollama({
    host: options.host,
    fetch: createTimeoutFetch(options.fetch ?? globalThis.fetch, options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  });

/** Runs `call`, retrying what the error classification calls retryable, with backoff. */
export const withRetries = async <T>(
  call: () => Promise<T>,
  context: ModelErrorContext,
  options: Pick<ModelCallOptions, 'retries' | 'sleep' | 'onRequest'>,
  onAttempt: (attempt: number) => void = () => {},
): Promise<T> => {
  const attempts = Math.max(1, options.retries ?? DEFAULT_RETRIES);
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt += 1) {
    onAttempt(attempt);
    try {
      return await call();
    } catch (error) {
      const classified = toModelError(error, context);
      if (classified === undefined) throw error;
      if (!classified.retryable || attempt >= attempts) throw classified.error;
      const delayMs = BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)] ?? 1000;
      options.onRequest?.({ type: 'retry', attempt, delayMs, code: classified.error.code });
      await sleep(delayMs);
    }
  }
};

const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`)
    .join('; ');

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const parseReply = <T>(content: string, schema: z.ZodType<T>): Parsed<T> => {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, reason: 'the reply is not JSON' };
  }
  const result = schema.safeParse(json);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, reason: describeIssues(result.error) };
};

/**
 * One chat call with structured output: `format` is the JSON schema of `schema`, and the reply is
 * validated against it anyway (small models drift). A reply that fails validation gets one more
 * try, told what was wrong; then `model.invalid-reply`. Batch reuses this for group summaries and digests.
 */
export const generateStructured = async <T>(
  options: ModelCallOptions,
  messages: ChatMessage[],
  schema: z.ZodType<T>,
): Promise<StructuredReply<T>> => {
  const { host, model } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const numPredict = options.numPredict ?? DEFAULT_NUM_PREDICT;
  const context: ModelErrorContext = { host, model, timeoutMs };
  const format = z.toJSONSchema(schema) as Record<string, unknown>;
  const client = createOllamaClient(options);
  let conversation = messages;
  let lastReason = '';
  for (let round = 0; round < 2; round += 1) {
    const promptCharacters = conversation.reduce((total, message) => total + message.content.length, 0);
    const numCtx = contextWindowFor(promptCharacters + JSON.stringify(format).length, numPredict);
    const started = Date.now();
    const response = await withRetries(
      () =>
        client.chat({
          model,
          messages: conversation,
          format,
          stream: false,
          keep_alive: options.keepAlive ?? '10m',
          options: { temperature: 0.1, seed: 42, num_ctx: numCtx, num_predict: numPredict },
        }),
      context,
      options,
      (attempt) => options.onRequest?.({ type: 'request', host, model, attempt, numCtx, promptCharacters }),
    );
    const promptEvalCount =
      typeof response.prompt_eval_count === 'number' ? response.prompt_eval_count : undefined;
    options.onRequest?.({
      type: 'response',
      promptEvalCount,
      evalCount: typeof response.eval_count === 'number' ? response.eval_count : undefined,
      durationMs: Date.now() - started,
    });
    // Ollama cuts a prompt that does not fit and says nothing; a prompt that filled the room
    // left for it means the start of the alert was dropped.
    if (promptEvalCount !== undefined && promptEvalCount >= numCtx - numPredict) {
      throw modelError(
        'context-truncated',
        `Ollama at ${host} read ${promptEvalCount} prompt tokens into a ${numCtx}-token window: the prompt was probably cut`,
        { hint: 'use --backend template for this alert, or a model with a larger context window' },
      );
    }
    const content = response.message?.content ?? '';
    const parsed =
      response.done_reason === 'length'
        ? ({ ok: false, reason: `the reply was cut off after ${numPredict} tokens` } as const)
        : parseReply(content, schema);
    if (parsed.ok) return { value: parsed.value, content, numCtx, promptEvalCount };
    lastReason = parsed.reason;
    options.onRequest?.({ type: 'invalid-reply', reason: lastReason });
    conversation = [
      ...messages,
      { role: 'assistant', content },
      {
        role: 'user',
        content: `That reply does not match the required JSON schema (${lastReason}). Reply again with only the JSON object.`,
      },
    ];
  }
  throw modelError(
    'invalid-reply',
    `model "${model}" at ${host} twice replied with JSON that does not match the schema: ${lastReason}`,
    {
      hint: 'try a larger or newer model, or --backend template',
    },
  );
};
