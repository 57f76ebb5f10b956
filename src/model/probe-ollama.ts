import type { AppError } from '../errors.js';
import { modelError } from '../errors.js';
import { createOllamaClient } from './generate-structured.js';
import { toModelError } from './to-model-error.js';

export interface ProbeOptions {
  host: string;
  model: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type ProbeResult = { ok: true } | { ok: false; error: AppError };

const PROBE_TIMEOUT_MS = 2000;

const withoutLatest = (name: string): string => name.replace(/:latest$/, '');

/**
 * Whether Ollama answers and has the model, for `--backend auto`: one quick `GET /api/tags`, no
 * retries, since falling back to the template writer is cheap and waiting is not.
 */
export const probeOllama = async (options: ProbeOptions): Promise<ProbeResult> => {
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const client = createOllamaClient({ ...options, timeoutMs });
  try {
    const { models } = await client.list();
    const wanted = withoutLatest(options.model);
    const found = models.some(
      (entry) => withoutLatest(entry.name) === wanted || withoutLatest(entry.model ?? '') === wanted,
    );
    if (found) return { ok: true };
    return {
      ok: false,
      error: modelError('not-found', `Ollama at ${options.host} has no model "${options.model}"`, {
        hint: `run \`ollama pull ${options.model}\``,
      }),
    };
  } catch (error) {
    const classified = toModelError(error, { host: options.host, model: options.model, timeoutMs });
    if (classified !== undefined) return { ok: false, error: classified.error };
    // Something answered, but not like Ollama (a proxy's HTML page, another service on the port).
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: modelError(
        'unexpected-reply',
        `${options.host} did not answer like an Ollama server: ${detail}`,
        {
          hint: 'check --ollama-host',
          cause: error,
        },
      ),
    };
  }
};
