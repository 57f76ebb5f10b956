import type { ReportDocument } from './report-document.js';

/** `Critical: Fileless execution via memfd_create on web-1`, from alert fields, never from prose. */
export const reportTitle = (doc: ReportDocument): string => {
  if (doc.title.trim() !== '') return doc.title;
  const host = doc.alert.hostname === undefined ? '' : ` on ${doc.alert.hostname}`;
  return `${doc.alert.priority}: ${doc.alert.rule}${host}`;
};
