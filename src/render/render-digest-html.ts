import { createSafeMarked } from './create-safe-marked.js';
import { escapeHtml } from './escape-html.js';
import type { DigestDocument, GroupReport } from './render-digest-document.js';
import { renderDigestMarkdown } from './render-digest-markdown.js';
import { renderGroupMarkdown } from './render-group-markdown.js';
import { CONTENT_SECURITY_POLICY } from './render-html.js';
import { makeControlsVisible } from './visible-controls.js';

const STYLE = `
:root { color-scheme: light dark; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; border-bottom: 1px solid #8884; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #8883; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #8885; padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
code { background: #8882; padding: 0 .2rem; border-radius: 3px; overflow-wrap: anywhere; }
.raw { font-family: ui-monospace, monospace; white-space: pre-wrap; }
`;

/** Batch pages go through the same locked-down `marked` instance and CSP as single reports. */
const page = (title: string, markdown: string): string =>
  [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="falco-report">',
    `<title>${escapeHtml(makeControlsVisible(title))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    createSafeMarked().parse(markdown, { async: false }).trimEnd(),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');

export const renderDigestHtml = (digest: DigestDocument): string =>
  page(digest.title, renderDigestMarkdown(digest));

export const renderGroupHtml = (report: GroupReport): string =>
  page(report.document.title, renderGroupMarkdown(report));
