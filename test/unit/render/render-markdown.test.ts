import { Marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/render/render-markdown.js';
import { sanitizeNarrativeMarkdown } from '../../../src/render/sanitize-narrative-markdown.js';
import {
  buildHostileReportDocument,
  buildReportDocument,
  HOSTILE_NARRATIVE,
  hostileValues,
} from '../../support/report-document.js';

const lex = (markdown: string): Token[] => new Marked({ gfm: true }).lexer(markdown);

const allTokens = (markdown: string): Token[] => {
  const tokens: Token[] = [];
  const marked = new Marked({ gfm: true });
  marked.walkTokens(marked.lexer(markdown), (token) => {
    tokens.push(token);
  });
  return tokens;
};

const headings = (markdown: string): string[] =>
  lex(markdown)
    .filter((token): token is Tokens.Heading => token.type === 'heading')
    .map((token) => `${'#'.repeat(token.depth)} ${token.text}`);

const EXPECTED_HEADINGS = (sections: string[]) => [
  '## Facts',
  '## Rule',
  '## MITRE ATT&CK',
  ...sections.map((title) => `## ${title}`),
  '## Verification',
  '## Provenance',
];

describe('renderMarkdown', () => {
  it('lays out a plain report: title, summary line, facts, rule, MITRE, narrative, verification, provenance', () => {
    const markdown = renderMarkdown(buildReportDocument());
    const [title] = headings(markdown);
    expect(title).toBe('# Critical: Fileless execution via memfd\\_create on web-1');
    expect(headings(markdown).slice(1)).toEqual(EXPECTED_HEADINGS(['Summary', 'Recommendations']));
    expect(markdown).toContain(
      '**Priority:** Critical · **Time:** 2024-05-02T10:15:01.123456789Z · **Host:** web-1',
    );
    expect(markdown).toContain('| Label of proc.tty (proc.tty) | 34816 |');
    expect(markdown).toContain('| Label of evt.time (evt.time) | 1714644901123456789 |');
    expect(markdown).toContain('Detect if a binary is executed from memory');
    expect(markdown).toContain('- **T1620** Reflective Code Loading (tactics: Defense Evasion)');
    expect(markdown).toContain('- **Repair rounds:** 2');
    expect(markdown).toContain('34816 is the terminal device number, not a parent PID');
    expect(markdown).toContain(
      'key facts the prose never mentions: cmdline (proc.cmdline = 3 -c "sleep 600")',
    );
    expect(markdown).toContain('- **Fallback reason:** Ollama did not answer');
    expect(markdown).toContain('- **Input:** fixtures/seed/alert.json:1');
  });

  it('says so when the checker removed every sentence of a section, instead of a bare heading', () => {
    const base = buildReportDocument();
    const [first, ...rest] = base.sections;
    if (!first) throw new Error('the fixture has sections');
    const doc = buildReportDocument({
      sections: [{ ...first, markdown: '' }, ...rest],
      verification: {
        ...base.verification,
        removed: [{ section: first.id, sentence: 'The PID was 3.', findings: [] }],
      },
    });
    const markdown = renderMarkdown(doc);
    expect(markdown).toContain(
      `## ${first.title}\n\n_Every sentence of this section failed verification and was removed (1; see Verification)._`,
    );
  });

  it('builds the title from priority, rule and host when the document has none', () => {
    const markdown = renderMarkdown(buildReportDocument({ title: '' }));
    expect(headings(markdown)[0]).toBe('# Critical: Fileless execution via memfd\\_create on web-1');
  });

  it('lists flagged claims that were kept, and says when nothing is missing', () => {
    const doc = buildReportDocument();
    const flagged = { ...doc.verification.removed[0]!.findings[0]! };
    const markdown = renderMarkdown({
      ...doc,
      findings: [...doc.findings, flagged],
      coverage: { mentioned: doc.coverage.mentioned, missing: [] },
    });
    expect(markdown).toContain('Flagged claims still in the report');
    expect(markdown).toContain('the prose mentions every key fact');
  });

  describe('with hostile alert values', () => {
    const doc = buildHostileReportDocument();
    const withoutModelLinks = {
      ...doc,
      sections: doc.sections.filter((section) => section.id !== 'summary'),
    };

    it('creates no heading, table row, link, image or HTML of its own', () => {
      const markdown = renderMarkdown(withoutModelLinks);
      expect(headings(markdown)).toEqual([
        '# Notice: \\<script\\>alert(1)\\</script\\> on k8s-node-7',
        ...EXPECTED_HEADINGS(['What happened']),
      ]);
      const tables = lex(markdown).filter((token): token is Tokens.Table => token.type === 'table');
      expect(tables).toHaveLength(1);
      expect(tables[0]!.rows).toHaveLength(doc.facts.length);
      for (const row of tables[0]!.rows) expect(row).toHaveLength(2);
      const types = new Set(allTokens(markdown).map((token) => token.type));
      for (const forbidden of ['html', 'link', 'image', 'hr', 'blockquote', 'code', 'del', 'def']) {
        expect(types.has(forbidden), forbidden).toBe(false);
      }
    });

    it('keeps every hostile value present, as text', () => {
      const markdown = renderMarkdown(withoutModelLinks);
      const codeSpans = allTokens(markdown)
        .filter((token): token is Tokens.Codespan => token.type === 'codespan')
        .map((token) => token.text);
      for (const value of hostileValues().filter(
        (value) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(value),
      )) {
        expect(codeSpans).toContain(value);
      }
    });

    it('truncates a very long command line in the fact table, with a note', () => {
      const markdown = renderMarkdown(withoutModelLinks);
      const longRow = markdown
        .split('\n')
        .find((line) => line.startsWith('| Label of proc.cmdline') && line.includes('python3'));
      expect(longRow).toBeDefined();
      expect(longRow!.length).toBeLessThan(600);
      expect(longRow).toContain('truncated:');
    });

    it('writes control characters as visible escapes, never raw', () => {
      const markdown = renderMarkdown(doc);
      expect(markdown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(markdown).toContain('\\\\u001b\\[31m');
    });

    it('strips HTML and headings from model prose, leaving code spans alone', () => {
      const markdown = renderMarkdown(doc);
      expect(headings(markdown).slice(1)).toEqual(EXPECTED_HEADINGS(['Summary', 'What happened']));
      expect(allTokens(markdown).filter((token) => token.type === 'html')).toEqual([]);
    });
  });
});

describe('sanitizeNarrativeMarkdown', () => {
  it('removes raw HTML and neutralises headings', () => {
    const sanitized = sanitizeNarrativeMarkdown(HOSTILE_NARRATIVE);
    const types = allTokens(sanitized).map((token) => token.type);
    expect(types).not.toContain('html');
    expect(types).not.toContain('heading');
    expect(sanitized).not.toMatch(/<(script|img|iframe|a |pre)/);
  });

  it('leaves code spans and fenced code byte for byte', () => {
    const prose =
      'Run `<script>x</script>` then:\n\n```sh\n<img src=x onerror=alert(1)>\n# not a heading\n```\n\n<b>bold</b> done';
    const sanitized = sanitizeNarrativeMarkdown(prose);
    expect(sanitized).toContain('`<script>x</script>`');
    expect(sanitized).toContain('```sh\n<img src=x onerror=alert(1)>\n# not a heading\n```');
    expect(sanitized).toContain('bold done');
    expect(sanitized).not.toContain('<b>');
  });

  it('keeps ordinary prose, lists and thematic breaks as they are', () => {
    const prose =
      'The process `bash` ran.\n\n- Isolate the container.\n- Inspect the parent.\n\n---\n\nDone when 3 < 4.';
    expect(sanitizeNarrativeMarkdown(prose)).toBe(prose);
  });

  it('keeps list items that start with a code span as list items', () => {
    const prose =
      'Next steps:\n- `kubectl delete pod web-1` after saving its logs.\n- `ss -tnp` on the node.';
    expect(sanitizeNarrativeMarkdown(prose)).toBe(prose);
  });

  it('still neutralises a setext underline right before a code span on the next line', () => {
    const sanitized = sanitizeNarrativeMarkdown('Fake heading\n---\n`code` after');
    expect(sanitized).toBe('Fake heading\n\\---\n`code` after');
  });

  it('escapes an unterminated tag that would open an HTML block', () => {
    const sanitized = sanitizeNarrativeMarkdown('<script src=x\nstill here');
    expect(allTokens(sanitized).map((token) => token.type)).not.toContain('html');
  });
});
