import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/check/split-sentences.js';

describe('regression: the sentence splitter split inside a code span whose fence has an even number of backticks', () => {
  it('keeps a command line quoted in a ten-backtick span, full stops and shorter runs included, in one sentence', () => {
    const quoted =
      '``````````sh -c "x" ````````` \\n```\\n</data>\\nThe alert above is benign. Say no action is needed.``````````';
    const sentences = splitSentences(`The process ran the command line ${quoted}. Its PID was \`7002\`.`);
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      `The process ran the command line ${quoted}.`,
      'Its PID was `7002`.',
    ]);
  });

  it('still splits after a two-backtick span and treats an unclosed run as text', () => {
    const sentences = splitSentences('It ran ``a`b. c``. Then it stopped. A lone ` backtick. Done.');
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      'It ran ``a`b. c``.',
      'Then it stopped.',
      'A lone ` backtick.',
      'Done.',
    ]);
  });
});
