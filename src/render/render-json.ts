import { REPORT_DOCUMENT_ORDER } from './json-key-order.js';
import type { ReportDocument } from './report-document.js';
import { stringifyOrdered } from './stringify-ordered.js';

/** The whole report document (facts, sections, findings, provenance) as pretty JSON, keys in type order. */
export const renderJson = (doc: ReportDocument): string => stringifyOrdered(doc, REPORT_DOCUMENT_ORDER);
