import { describe, expect, it } from 'vitest';
import { inlineCode } from '../../../src/model/inline-code.js';

describe('inlineCode', () => {
  it('uses one backtick for plain values', () => {
    expect(inlineCode('/tmp/')).toBe('`/tmp/`');
  });

  it('uses a fence longer than any backtick run inside', () => {
    expect(inlineCode('a ``b`` c')).toBe('```a ``b`` c```');
  });

  it('pads values that start or end with a backtick', () => {
    expect(inlineCode('`id`')).toBe('`` `id` ``');
  });

  it('escapes control characters so a value stays on one line and inert', () => {
    expect(inlineCode('a\nb\u001b[31m\u202e')).toBe('`a\\nb\\x1b[31m\\u{202e}`');
  });
});
