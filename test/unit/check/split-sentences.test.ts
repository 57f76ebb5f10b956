import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/check/split-sentences.js';

const texts = (markdown: string): string[] => splitSentences(markdown).map((sentence) => sentence.text);

describe('splitSentences', () => {
  it('does not split on abbreviations, decimals, IPs, versions, paths and memfd names', () => {
    expect(
      texts('Falco 0.41.3 saw it, e.g. on 10.13.37.7 at 1.5 s. It ran /tmp/x.sh from memfd:program. Done!'),
    ).toEqual([
      'Falco 0.41.3 saw it, e.g. on 10.13.37.7 at 1.5 s.',
      'It ran /tmp/x.sh from memfd:program.',
      'Done!',
    ]);
  });

  it('keeps inline code whole even with periods and spaces inside', () => {
    expect(texts('Run `a. B. c` now. Next.')).toEqual(['Run `a. B. c` now.', 'Next.']);
  });

  it('names sections from ATX and setext headings, without emphasis', () => {
    const sentences = splitSentences('**Summary**\n-------\n\nOne.\n\n### 1. **Process Management**\n\nTwo.');
    expect(sentences.map((sentence) => [sentence.section, sentence.text])).toEqual([
      ['Summary', 'One.'],
      ['Process Management', 'Two.'],
    ]);
  });

  it('makes each list item its own sentence and strips the marker', () => {
    expect(texts('- first item\n- second item\n1. numbered item\n    *   indented item')).toEqual([
      'first item',
      'second item',
      'numbered item',
      'indented item',
    ]);
  });

  it('returns fenced code blocks whole, with their language', () => {
    const sentences = splitSentences('Before.\n\n```yaml\n- rule: x\n  desc: y. z\n```\n\nAfter.');
    expect(sentences[1]).toMatchObject({ text: '- rule: x\n  desc: y. z', codeBlock: { lang: 'yaml' } });
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      'Before.',
      '- rule: x\n  desc: y. z',
      'After.',
    ]);
  });

  it('gives offsets that point back into the Markdown', () => {
    const markdown = '## Summary\n\nThe host is `a`. The user is `b`.';
    for (const sentence of splitSentences(markdown)) {
      expect(markdown.slice(sentence.start, sentence.end)).toBe(sentence.text);
    }
  });

  it('splits table rows into one sentence each and drops the separator', () => {
    expect(texts('| Field | Value |\n|---|---|\n| Host | `x` |')).toEqual(['Field | Value', 'Host | `x`']);
  });
});
