import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeMarked } from '../../../src/render/create-safe-marked.js';
import { renderHtml } from '../../../src/render/render-html.js';
import { launchChromium, skipBrowserTests } from '../../support/chromium.js';
import { buildHostileReportDocument, HOSTILE_MARKDOWN_PAYLOADS } from '../../support/report-document.js';

interface PageOutcome {
  dialogs: string[];
  console: string[];
  pageErrors: string[];
  requests: string[];
  pwned: unknown;
  dangerousElements: number;
  eventHandlerAttributes: string[];
  scriptLinks: number;
  bodyText: string;
}

/**
 * Runs in the page. Kept as source text because the project compiles without the DOM library.
 * Counts what could run or fetch: script-capable elements, `on*` attributes, non-http(s) links.
 */
const INSPECT_PAGE = `(() => {
  const handlers = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) handlers.push(element.tagName + '.' + attribute.name);
    }
  }
  return {
    pwned: window.__pwned,
    dangerousElements: document.querySelectorAll(
      'body script, iframe, img, object, embed, svg, math, form, base, link, meta[http-equiv="refresh"]',
    ).length,
    eventHandlerAttributes: handlers,
    scriptLinks: [...document.querySelectorAll('a[href]')].filter((anchor) => !/^(https?:|mailto:)$/i.test(anchor.protocol)).length,
    bodyText: document.body.textContent,
  };
})()`;

/**
 * Opens a page from a file, as a user opens a saved report. Hostile payloads call `alert` (a
 * `dialog` event) or set the sentinel `window.__pwned`; both are read back after load.
 */
const openPage = async (
  browser: Browser,
  directory: string,
  name: string,
  html: string,
): Promise<PageOutcome> => {
  const file = join(directory, name);
  await writeFile(file, html);
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  const outcome: Pick<PageOutcome, 'dialogs' | 'console' | 'pageErrors' | 'requests'> = {
    dialogs: [],
    console: [],
    pageErrors: [],
    requests: [],
  };
  page.on('dialog', (dialog) => {
    outcome.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => outcome.console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => outcome.pageErrors.push(error.message));
  page.on('request', (request) => outcome.requests.push(request.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  // Event handlers such as onerror and onload fire on load; give any timer-based payload a turn too.
  await page.evaluate('new Promise((resolve) => setTimeout(resolve, 100))');
  const state = (await page.evaluate(INSPECT_PAGE)) as Omit<PageOutcome, keyof typeof outcome>;
  await context.close();
  return { ...outcome, ...state };
};

const expectNothingRan = (outcome: PageOutcome): void => {
  expect(outcome.dialogs).toEqual([]);
  expect(outcome.pwned).toBeUndefined();
  expect(outcome.pageErrors).toEqual([]);
  expect(outcome.dangerousElements).toBe(0);
  expect(outcome.eventHandlerAttributes).toEqual([]);
  expect(outcome.scriptLinks).toBe(0);
  // The only request is the report file itself: no image, frame, style sheet or beacon was fetched.
  expect(outcome.requests).toHaveLength(1);
  expect(outcome.requests[0]).toMatch(/^file:/);
};

describe.skipIf(skipBrowserTests())('HTML report in headless Chromium', () => {
  let browser: Browser;
  let directory: string;
  let html: string;

  beforeAll(async () => {
    browser = await launchChromium();
    directory = await mkdtemp(join(tmpdir(), 'falco-report-html-'));
    html = renderHtml(buildHostileReportDocument());
  });

  afterAll(async () => {
    await browser?.close();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  it('runs no script and opens no dialog for the hostile report', async () => {
    const outcome = await openPage(browser, directory, 'hostile.html', html);
    expectNothingRan(outcome);
    // No CSP violation either: nothing on the page even tried to run or load.
    expect(outcome.console).toEqual([]);
    expect(outcome.bodyText).toContain('<img src=x onerror=alert(1)>');
    expect(outcome.bodyText).toContain('<script>alert(1)</script>');
  });

  it('stays inert with the CSP removed: escaping alone is enough', async () => {
    const withoutPolicy = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    expect(withoutPolicy).not.toContain('Content-Security-Policy');
    const outcome = await openPage(browser, directory, 'hostile-no-csp.html', withoutPolicy);
    expectNothingRan(outcome);
  });

  it('keeps raw hostile Markdown inert with no CSP at all', async () => {
    const marked = createSafeMarked();
    const body = HOSTILE_MARKDOWN_PAYLOADS.map((payload) => marked.parse(payload, { async: false })).join(
      '\n<hr>\n',
    );
    const outcome = await openPage(
      browser,
      directory,
      'raw-markdown.html',
      `<!doctype html><meta charset="utf-8"><title>raw</title><body>${body}</body>`,
    );
    expectNothingRan(outcome);
  });

  it('has a sentinel that works: an unescaped payload is caught', async () => {
    const outcome = await openPage(
      browser,
      directory,
      'control.html',
      '<!doctype html><meta charset="utf-8"><title>control</title><img src="data:," onerror="window.__pwned=1;alert(1)">',
    );
    expect(outcome.pwned).toBe(1);
    expect(outcome.dialogs).toEqual(['alert: 1']);
  });

  it('the CSP blocks an injected script on its own', async () => {
    const injected = html.replace('<main>', '<main><script>window.__pwned=1;alert(1)</script>');
    const outcome = await openPage(browser, directory, 'csp-only.html', injected);
    expect(outcome.pwned).toBeUndefined();
    expect(outcome.console.join('\n')).toMatch(/Content Security Policy/);
  });
});
