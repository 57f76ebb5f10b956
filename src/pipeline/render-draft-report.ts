import { renderGroupHtml } from '../render/render-digest-html.js';
import { renderGroupMarkdown } from '../render/render-group-markdown.js';
import type { Draft } from './draft.js';
import { renderReport } from './run-write.js';

/**
 * The report file of a draft as it now stands: a batch group report keeps its aggregate tables
 * (top values, time histogram, exemplars), a single-alert report is rendered as `write` does.
 */
export const renderDraftReport = (draft: Draft): string => {
  if (draft.aggregates === undefined) return renderReport(draft.document, draft.reportFormat);
  const report = { document: draft.document, aggregates: draft.aggregates };
  if (draft.reportFormat === 'html') return renderGroupHtml(report);
  if (draft.reportFormat === 'json') return renderReport(draft.document, 'json');
  return renderGroupMarkdown(report);
};
