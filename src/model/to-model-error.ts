import { AppError, modelError } from '../errors.js';

export interface ModelErrorContext {
  host: string;
  model: string;
  timeoutMs: number;
}

export interface ClassifiedError {
  error: AppError;
  /** Connection failures and 5xx are worth another attempt; a missing model or a timeout are not. */
  retryable: boolean;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

const FETCH_FAILURES = new Set(['fetch failed', 'Failed to fetch']);

const errorCode = (error: unknown): string | undefined => {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
};

const isTimeout = (error: unknown): boolean => {
  const name = (error as { name?: unknown } | undefined)?.name;
  const causeName = (error as { cause?: { name?: unknown } } | undefined)?.cause?.name;
  return name === 'TimeoutError' || causeName === 'TimeoutError';
};

/**
 * Turns what the ollama client throws into the tool's errors (all exit 4). The client does not
 * export its `ResponseError`, so it is recognised by `name` and `status_code`; a refused connection
 * is fetch's `TypeError('fetch failed')` with `cause.code === 'ECONNREFUSED'`. Anything else is a bug
 * and is returned as undefined for the caller to rethrow.
 */
export const toModelError = (error: unknown, context: ModelErrorContext): ClassifiedError | undefined => {
  if (error instanceof AppError) return { error, retryable: false };
  const { host, model } = context;
  if (isTimeout(error)) {
    return {
      error: modelError(
        'timeout',
        `Ollama at ${host} did not answer within ${context.timeoutMs / 1000}s (model ${model})`,
        {
          hint: 'raise --timeout, or use a smaller model',
          cause: error,
        },
      ),
      retryable: false,
    };
  }
  const response = error as { name?: unknown; status_code?: unknown; message?: unknown };
  if (response?.name === 'ResponseError' && typeof response.status_code === 'number') {
    const status = response.status_code;
    const detail = typeof response.message === 'string' ? response.message : '';
    if (status === 404) {
      return {
        error: modelError('not-found', `Ollama at ${host} has no model "${model}"`, {
          hint: `run \`ollama pull ${model}\``,
          cause: error,
        }),
        retryable: false,
      };
    }
    if (status >= 500) {
      return {
        error: modelError('server-error', `Ollama at ${host} failed with HTTP ${status}: ${detail}`, {
          hint: 'check the Ollama server log; a model too large for memory fails this way',
          cause: error,
        }),
        retryable: true,
      };
    }
    return {
      error: modelError(
        'request-rejected',
        `Ollama at ${host} rejected the request with HTTP ${status}: ${detail}`,
        {
          hint: `check that "${model}" is a chat model and that this Ollama supports structured output (0.5 or later)`,
          cause: error,
        },
      ),
      retryable: false,
    };
  }
  if (error instanceof TypeError) {
    const code = errorCode(error);
    // Only fetch's own network failures: any other TypeError is a bug and must surface as one.
    if ((code !== undefined && CONNECTION_CODES.has(code)) || FETCH_FAILURES.has(error.message)) {
      return {
        error: modelError(
          'unreachable',
          `cannot reach Ollama at ${host}${code === undefined ? '' : ` (${code})`}`,
          {
            hint: `start it with \`ollama serve\`, or point --ollama-host at a running server (tried ${host})`,
            cause: error,
          },
        ),
        retryable: true,
      };
    }
    // undici's word for a connection closed while the body was still arriving: the server (or the
    // runner under it) died mid-reply, which another attempt often survives.
    if (error.message === 'terminated') {
      return {
        error: modelError(
          'connection-lost',
          `Ollama at ${host} closed the connection in the middle of its reply (model ${model})`,
          {
            hint: 'check the Ollama server log: a runner that crashes or runs out of memory does this',
            cause: error,
          },
        ),
        retryable: true,
      };
    }
  }
  // The client parses the reply envelope itself: a 200 whose body is not JSON came from something
  // that is not Ollama (a proxy's page) or was cut short.
  if (error instanceof SyntaxError) {
    return {
      error: modelError(
        'unexpected-reply',
        `${host} answered with a body that is not Ollama's JSON: ${error.message}`,
        {
          hint: 'check --ollama-host: a proxy or another service may answer on that address',
          cause: error,
        },
      ),
      retryable: false,
    };
  }
  return undefined;
};
