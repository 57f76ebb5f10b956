import { renderHtmlPage } from './render-html-page.js';
import { renderMarkdown } from './render-markdown.js';
import type { ReportDocument } from './report-document.js';
import { reportTitle } from './report-title.js';

export { CONTENT_SECURITY_POLICY } from './render-html-page.js';

/** The report as one self-contained, script-free HTML page built from its Markdown. */
export const renderHtml = (doc: ReportDocument): string =>
  renderHtmlPage(reportTitle(doc), renderMarkdown(doc), 'report');
