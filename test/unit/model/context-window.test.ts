import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { contextWindowFor, estimateTokens } from '../../../src/model/context-window.js';

describe('contextWindowFor', () => {
  it('never goes below 4096 tokens', () => {
    expect(contextWindowFor(0, 1536)).toBe(4096);
    expect(contextWindowFor(7000, 1536)).toBe(4096);
  });

  it('rounds prompt plus reply up to a power of two', () => {
    expect(estimateTokens(30_000)).toBe(10_000);
    expect(contextWindowFor(30_000, 1536)).toBe(16_384);
    expect(contextWindowFor(7_700, 1536)).toBe(8192);
  });

  it('refuses a prompt that needs more than 32768 tokens', () => {
    expect(contextWindowFor(90_000, 1536)).toBe(32_768);
    let error: unknown;
    try {
      contextWindowFor(100_000, 1536);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('model.context-too-large');
    expect((error as AppError).exitCode).toBe(4);
  });
});
