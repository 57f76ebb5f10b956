import type { ReportDocument } from './report-document.js';

/** `Critical: Fileless execution via memfd_create on web-1`, from alert fields, never from prose. */
export const alertTitle = (alert: Pick<ReportDocument['alert'], 'priority' | 'rule' | 'hostname'>): string =>
  `${alert.priority}: ${alert.rule}${alert.hostname === undefined ? '' : ` on ${alert.hostname}`}`;

/** The document's title, or one built from its alert when it has none. */
export const reportTitle = (doc: ReportDocument): string =>
  doc.title.trim() !== '' ? doc.title : alertTitle(doc.alert);
