import { createSafeMarked } from './create-safe-marked.js';
import { escapeHtml } from './escape-html.js';
import { makeControlsVisible } from './visible-controls.js';

/**
 * Nothing in the page may fetch, run or submit anything: scripts and every other resource are
 * refused, inline styles (ours) allowed, and `<base>` and forms neutered in case markup got through.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { color-scheme: light dark; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
body.wide { max-width: 70rem; }
h1 { font-size: 1.6rem; border-bottom: 1px solid #8884; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #8883; }
table { border-collapse: collapse; width: 100%; }
body.report table { table-layout: fixed; }
body.report th:first-child, body.report td:first-child { width: 30%; }
th, td { border: 1px solid #8885; padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
code { background: #8882; padding: 0 .2rem; border-radius: 3px; overflow-wrap: anywhere; }
pre { background: #8881; padding: .6rem; overflow-x: auto; }
.raw { font-family: ui-monospace, monospace; white-space: pre-wrap; }
blockquote { margin-left: 0; padding-left: 1rem; border-left: 3px solid #8886; }
`;

/**
 * A Markdown document as one self-contained HTML page: converted by a private, locked-down `marked`
 * instance, inline CSS, a CSP meta tag that forbids scripts, and no external resource. `report`
 * pages (two-column fact tables) fix the table layout; `wide` pages (digests) have many columns.
 */
export const renderHtmlPage = (title: string, markdown: string, layout: 'report' | 'wide'): string =>
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
    `<body class="${layout}">`,
    '<main>',
    createSafeMarked().parse(markdown, { async: false }).trimEnd(),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
