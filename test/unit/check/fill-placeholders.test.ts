import { describe, expect, it } from 'vitest';
import { fillPlaceholders, inlineCode } from '../../../src/check/fill-placeholders.js';
import { factsOf, loadFixtureFacts, SEED_ALERT } from './load-fixture-facts.js';

describe('fillPlaceholders', () => {
  const seed = loadFixtureFacts(SEED_ALERT);

  it('replaces placeholders, with or without backticks, by the value as inline code', () => {
    expect(fillPlaceholders('Parent {{proc.pname}} ran `{{ proc.cmdline }}`.', seed)).toBe(
      'Parent `python3` ran `3 -c 10.13.37.7:4444`.',
    );
  });

  it('leaves placeholders for fields the alert lacks as written', () => {
    expect(fillPlaceholders('PID {{proc.pid}}.', seed)).toBe('PID {{proc.pid}}.');
  });

  it('fences values holding backticks so they stay literal', () => {
    const hostile = factsOf({
      rule: 'r',
      priority: 'Notice',
      output_fields: { 'proc.cmdline': 'sh -c `id`' },
    });
    expect(fillPlaceholders('Ran {{proc.cmdline}}.', hostile)).toBe('Ran `` sh -c `id` ``.');
    expect(inlineCode('`x`')).toBe('`` `x` ``');
    expect(inlineCode('a``b')).toBe('```a``b```');
  });
});
