import { modelError } from '../errors.js';

export const MIN_CONTEXT_TOKENS = 4096;
export const MAX_CONTEXT_TOKENS = 32768;

/**
 * A deliberately high token estimate (about 3 characters a token, where English prose runs nearer
 * 4) so the window is never smaller than the prompt: Ollama silently drops what does not fit.
 */
export const estimateTokens = (characters: number): number => Math.ceil(characters / 3);

/**
 * `num_ctx` for a prompt: room for the prompt and the reply, rounded up to a power of two (what
 * model runners allocate well), at least Ollama's usual 4096 and at most 32768.
 */
export const contextWindowFor = (promptCharacters: number, numPredict: number): number => {
  const needed = estimateTokens(promptCharacters) + numPredict;
  if (needed > MAX_CONTEXT_TOKENS) {
    throw modelError(
      'context-too-large',
      `the prompt needs about ${needed} tokens, more than the ${MAX_CONTEXT_TOKENS}-token window falco-report asks a model for`,
      { hint: 'use --backend template for this alert' },
    );
  }
  let window = MIN_CONTEXT_TOKENS;
  while (window < needed) window *= 2;
  return window;
};
