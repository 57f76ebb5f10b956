import { Marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownText } from '../../../src/render/escape-markdown-text.js';
import { inlineCode } from '../../../src/render/inline-code.js';
import { hostileValues } from '../../support/report-document.js';

/** Every token type a lexer produced, nested ones included. */
const tokenTypes = (markdown: string): string[] => {
  const types: string[] = [];
  const marked = new Marked({ gfm: true });
  marked.walkTokens(marked.lexer(markdown), (token: Token) => {
    types.push(token.type);
  });
  return types;
};

/** The plain text a paragraph renders to, reassembled from its inline tokens. */
const renderedText = (markdown: string): string => {
  const marked = new Marked({ gfm: true });
  const [paragraph] = marked.lexer(markdown);
  if (paragraph?.type !== 'paragraph') throw new Error(`expected a paragraph, got ${paragraph?.type}`);
  return (paragraph.tokens ?? [])
    .map((token) => {
      if (token.type !== 'text' && token.type !== 'escape') throw new Error(`unexpected ${token.type} token`);
      return token.text;
    })
    .join('');
};

const SAMPLES = [
  ...hostileValues(),
  '# heading',
  '---',
  '- item',
  '+ item',
  '1. one',
  '2) two',
  '=== ',
  '> quote',
  '![img](http://x.example/a.png)',
  'www.example.com and user@example.com and ftp://x.example/ and HTTPS://X.EXAMPLE',
  'a\\*b\\_c',
  '&amp; &#60; &lt;',
  'text <http://x.example> <mail@x.example>',
];

describe('escapeMarkdownText', () => {
  it.each(SAMPLES.map((value) => [value.slice(0, 40), value]))(
    'keeps %j literal in a paragraph',
    (_name, value) => {
      const markdown = `Value: ${escapeMarkdownText(value)}`;
      expect(tokenTypes(markdown).filter((type) => !['paragraph', 'text', 'escape'].includes(type))).toEqual(
        [],
      );
    },
  );

  it('renders exactly the characters the alert holds, with controls as visible escapes', () => {
    const value = '<b>x</b> | *y* _z_ [l](javascript:1) `c` ~~d~~ a@b.example https://e.example \\ &amp;';
    expect(renderedText(`Value: ${escapeMarkdownText(value)}`)).toBe(`Value: ${value}`);
    expect(renderedText(`Value: ${escapeMarkdownText('a\nb\u001b[31m\u202e')}`)).toBe(
      'Value: a\\nb\\u001b[31m\\u202e',
    );
  });

  it('neutralises block markers at the start of a value', () => {
    for (const value of ['# h', '## h', '- x', '+ x', '1. x', '3) x', '---', '===']) {
      const types = tokenTypes(escapeMarkdownText(value));
      expect(types[0]).toBe('paragraph');
      expect(types).toContain('escape');
      expect(types.filter((type) => !['paragraph', 'text', 'escape'].includes(type))).toEqual([]);
    }
  });

  it('adds no table rows, columns or headings inside a table cell', () => {
    const rows = SAMPLES.map((value) => `| field | ${escapeMarkdownText(value)} |`);
    const table = ['| Field | Value |', '| --- | --- |', ...rows].join('\n');
    const tokens = new Marked({ gfm: true }).lexer(table);
    expect(tokens.map((token) => token.type)).toEqual(['table']);
    const [parsed] = tokens;
    if (parsed?.type !== 'table') throw new Error('no table');
    expect(parsed.rows).toHaveLength(SAMPLES.length);
    for (const row of parsed.rows) expect(row).toHaveLength(2);
    expect(
      tokenTypes(table).filter((type) =>
        ['link', 'html', 'heading', 'image', 'codespan', 'em', 'strong', 'del'].includes(type),
      ),
    ).toEqual([]);
  });

  it('cuts long values with a note and never splits a surrogate pair', () => {
    const long = `${'a'.repeat(9)}😀tail`;
    const escaped = escapeMarkdownText(long, { maxLength: 10 });
    expect(escaped.startsWith('a'.repeat(9))).toBe(true);
    expect(escaped).not.toContain('\ud83d');
    expect(escaped).toContain('truncated: 6 more characters');
    expect(escapeMarkdownText('short', { maxLength: 10 })).toBe('short');
  });
});

describe('inlineCode', () => {
  it.each([
    ['plain', 'bash', '`bash`'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['runs of backticks', '```` `` ` ```', '````` ```` `` ` ``` `````'],
    ['a backtick at an end', '`x', '`` `x ``'],
    ['spaces at both ends', ' x ', '`  x  `'],
    ['empty', '', '` `'],
  ])('fences %s', (_name, value, expected) => {
    expect(inlineCode(value)).toBe(expected);
  });

  it('round-trips every hostile value as one code span on one line', () => {
    for (const value of hostileValues()) {
      const code = inlineCode(value);
      expect(code).not.toContain('\n');
      const tokens = new Marked({ gfm: true }).lexer(`x ${code} y`);
      const inline = tokens[0]?.type === 'paragraph' ? tokens[0].tokens : [];
      const spans = (inline ?? []).filter((token): token is Tokens.Codespan => token.type === 'codespan');
      expect(spans).toHaveLength(1);
      expect(spans[0]?.text).toBe(
        value
          .replace(/\n/g, '\\n')
          .replace(/\r/g, '\\r')
          .replace(/\t/g, '\\t')
          .replace(
            /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g,
            (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
          ),
      );
    }
  });
});
