import { describe, expect, it } from 'vitest';
import { factValueText } from '../../../src/facts/fact-value-text.js';

describe('factValueText', () => {
  it('writes every kind of field value as text, numbers in full', () => {
    expect(factValueText('memfd:program')).toBe('memfd:program');
    expect(factValueText(34816)).toBe('34816');
    expect(factValueText(1764511331482117230n)).toBe('1764511331482117230');
    expect(factValueText(1e21)).toBe('1000000000000000000000');
    expect(factValueText(0.5)).toBe('0.5');
    expect(factValueText(false)).toBe('false');
    expect(factValueText(null)).toBe('');
    expect(factValueText(['a', 1, ['b']])).toBe('a, 1, b');
  });
});
