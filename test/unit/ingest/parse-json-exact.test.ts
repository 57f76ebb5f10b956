import { describe, expect, it } from 'vitest';
import { parseJsonExact, quoteBigIntegers } from '../../../src/ingest/parse-json-exact.js';

describe('parseJsonExact', () => {
  it('keeps a 19-digit evt.time exact as a bigint', () => {
    const value = parseJsonExact('{"evt.time":1764511331482117230}') as Record<string, unknown>;
    expect(value['evt.time']).toBe(1764511331482117230n);
  });

  it('keeps negative big integers and big integers inside arrays', () => {
    expect(parseJsonExact('[-9223372036854775807, 12345678901234567890]')).toEqual([
      -9223372036854775807n,
      12345678901234567890n,
    ]);
  });

  it('picks the right literal when a string holds a different one that rounds the same', () => {
    const text =
      '{"output":"ts=1764511331482117231","evt.time":1764511331482117230,"copy":"1764511331482117230"}';
    expect(parseJsonExact(text)).toEqual({
      output: 'ts=1764511331482117231',
      'evt.time': 1764511331482117230n,
      copy: '1764511331482117230',
    });
  });

  it('finds literals whose printed double has carried into a new digit', () => {
    expect(parseJsonExact('{"n":9999999999999999999}')).toEqual({ n: 9999999999999999999n });
  });

  it('returns a number when a 16-digit literal is still exact as a double', () => {
    expect(parseJsonExact('{"n":1234567890123456}')).toEqual({ n: 1234567890123456 });
  });

  it('leaves digits inside strings, fractions and exponents alone', () => {
    const text =
      '{"id":"1764511331482117230","escaped":"a\\"1764511331482117230","f":1.12345678901234567,"e":12345678901234567e2}';
    expect(parseJsonExact(text)).toEqual({
      id: '1764511331482117230',
      escaped: 'a"1764511331482117230',
      f: JSON.parse('1.12345678901234567'),
      e: JSON.parse('12345678901234567e2'),
    });
  });

  it('returns the text unchanged when no literal needs quoting', () => {
    const text = '{"a":"12345678901234567890","b":1}';
    expect(quoteBigIntegers(text)).toBe(text);
  });

  it('throws on invalid JSON like JSON.parse', () => {
    expect(() => parseJsonExact('{"a":1764511331482117230')).toThrow(SyntaxError);
  });
});
