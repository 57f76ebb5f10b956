import type { DigestDocument, GroupReport } from './render-digest-document.js';
import { renderDigestMarkdown } from './render-digest-markdown.js';
import { renderGroupMarkdown } from './render-group-markdown.js';
import { renderHtmlPage } from './render-html-page.js';

/** Batch pages go through the same locked-down `marked` instance and CSP as single reports. */
export const renderDigestHtml = (digest: DigestDocument): string =>
  renderHtmlPage(digest.title, renderDigestMarkdown(digest), 'wide');

export const renderGroupHtml = (report: GroupReport): string =>
  renderHtmlPage(report.document.title, renderGroupMarkdown(report), 'wide');
