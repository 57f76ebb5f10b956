import type { AlertRecord } from '../../src/ingest/alert.js';
import { createTemplateWriter } from '../../src/model/create-template-writer.js';
import { type WrittenReport, writeReport } from '../../src/pipeline/write-report.js';

/** One alert through the whole pipeline with the template writer, no rules and no repair. */
export const writeTemplateReport = (record: AlertRecord): Promise<WrittenReport> =>
  writeReport(record, {
    writer: createTemplateWriter(),
    rules: undefined,
    maxRepairs: 0,
    toolVersion: 'test',
    now: () => new Date(0),
    fallbackReason: undefined,
  });
