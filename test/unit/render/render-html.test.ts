import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { createSafeMarked } from '../../../src/render/create-safe-marked.js';
import { CONTENT_SECURITY_POLICY, renderHtml } from '../../../src/render/render-html.js';
import {
  buildHostileReportDocument,
  buildReportDocument,
  HOSTILE_MARKDOWN_PAYLOADS,
} from '../../support/report-document.js';

/** The only elements and attributes a report page may contain. */
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  main: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  p: ['class'],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['align'],
  td: ['align'],
  ul: [],
  ol: ['start'],
  li: [],
  strong: [],
  em: [],
  del: [],
  code: ['class'],
  pre: [],
  blockquote: [],
  br: [],
  hr: [],
  a: ['href', 'title', 'rel'],
  input: ['checked', 'disabled', 'type'],
};

/**
 * Every real tag in the body (text has its `<` escaped, so a literal `<` opens a tag) is an
 * allowed element with allowed attributes, and links go only to http(s) or mailto.
 */
const expectInert = (html: string): void => {
  const end = html.lastIndexOf('</body>');
  const body = html.slice(html.indexOf('>', html.indexOf('<body')) + 1, end === -1 ? undefined : end);
  for (const tag of body.matchAll(
    /<\/?([A-Za-z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g,
  )) {
    const name = tag[1]!.toLowerCase();
    const allowed = ALLOWED_ATTRIBUTES[name];
    expect(allowed, `element <${name}>`).toBeDefined();
    for (const attribute of tag[2]!.matchAll(
      /\s+([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g,
    )) {
      const attributeName = attribute[1]!.toLowerCase();
      expect(allowed, `attribute ${attributeName} on <${name}>`).toContain(attributeName);
      const value = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
      if (attributeName === 'href') expect(value).toMatch(/^(https?:\/\/|mailto:)/i);
      if (name === 'input') expect(tag[0]).toMatch(/type="checkbox"/);
    }
  }
  // Every `<` that does not open an allowed tag must have been escaped.
  const stripped = body.replace(
    /<\/?([A-Za-z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g,
    '',
  );
  expect(stripped).not.toContain('<');
  expect(body).not.toMatch(/<script/i);
};

describe('createSafeMarked', () => {
  it.each(HOSTILE_MARKDOWN_PAYLOADS.map((payload) => [payload.slice(0, 50), payload]))(
    'makes %j inert',
    (_name, payload) => {
      expectInert(`<body>${createSafeMarked().parse(payload, { async: false })}`);
    },
  );

  it('relies on a check that catches what an unconfigured marked lets through', () => {
    for (const payload of [
      '<img src=x onerror=alert(1)>',
      '[x](javascript:alert(1))',
      '<pre><svg/onload=alert(1)>',
    ]) {
      expect(() => expectInert(`<body>${new Marked().parse(payload, { async: false })}`)).toThrow();
    }
  });

  it('keeps allowed links and ordinary formatting', () => {
    const html = createSafeMarked().parse(
      '**bold** `code` [docs](https://falco.org/docs/) <mailto:sec@example.com>\n\n- item\n\n| a | b |\n| - | - |\n| 1 | 2 |',
      { async: false },
    );
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<a href="https://falco.org/docs/" rel="noopener noreferrer nofollow">docs</a>');
    expect(html).toContain('href="mailto:sec@example.com"');
    expect(html).toContain('<li>item</li>');
    expect(html).toContain('<td>1</td>');
  });

  it('shows refused links and images as the Markdown they were', () => {
    const html = createSafeMarked().parse('[x](javascript:alert(1)) ![p](http://t.example/p.png)', {
      async: false,
    });
    expect(html).toContain('[x](javascript:alert(1))');
    expect(html).toContain('![p](http://t.example/p.png)');
  });

  it('never touches the global marked instance', async () => {
    const { marked } = await import('marked');
    createSafeMarked();
    expect(marked.parse('<b>x</b>', { async: false })).toContain('<b>x</b>');
  });
});

describe('renderHtml', () => {
  it('is a self-contained page with charset, CSP, escaped title and no script', () => {
    const html = renderHtml(buildHostileReportDocument());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    );
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
    );
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<title>'));
    expect(html).toContain('<title>Notice: &lt;script&gt;alert(1)&lt;/script&gt; on k8s-node-7</title>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b|@import|url\(/i);
  });

  it('renders every hostile value inert', () => {
    const html = renderHtml(buildHostileReportDocument());
    expectInert(html);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('renders the plain report as expected', () => {
    const html = renderHtml(buildReportDocument());
    expect(html).toContain('<h1>Critical: Fileless execution via memfd_create on web-1</h1>');
    expect(html).toContain('<h2>Facts</h2>');
    expect(html).toContain('<td>Label of proc.tty (proc.tty)</td>\n<td>34816</td>');
    expect(html).toContain('<h2>MITRE ATT&amp;CK</h2>');
    expect(html).toContain('<li>Isolate the container.</li>');
  });
});
