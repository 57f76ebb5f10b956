import { readFile } from 'node:fs/promises';
import { checkText } from '../check/check-text.js';
import type { CheckResult } from '../check/finding.js';
import { inputError, usageError } from '../errors.js';
import { buildFactTable } from '../facts/build-fact-table.js';
import type { FactTable } from '../facts/fact.js';
import type { RuleIndex } from '../facts/rule-index.js';
import { loadAlerts } from '../ingest/load-alerts.js';
import { narrativeOfReport } from './narrative-of-report.js';

export interface RunCheckOptions {
  report: string;
  /** The alert file; undefined means "use the draft sidecar next to the report". */
  alert: string | undefined;
}

export interface RunCheckDeps {
  rules: RuleIndex | undefined;
  stdin: NodeJS.ReadableStream;
  /** The facts and the checker of a draft sidecar, when the report has one. */
  loadDraftChecker: (reportPath: string) => Promise<DraftChecker | undefined>;
}

/** A batch group draft is checked against its aggregates too, so its checker comes with it. */
export interface DraftChecker {
  factTable: FactTable;
  checkText: (markdown: string, facts: FactTable) => CheckResult;
}

const readReport = async (path: string): Promise<string> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(
      code === 'ENOENT' ? 'not-found' : 'unreadable',
      `cannot read report ${path} (${code ?? 'error'})`,
      {
        hint: 'check the path of the report to audit',
      },
    );
  }
};

const factsFromAlert = async (path: string, deps: RunCheckDeps): Promise<FactTable> => {
  const { records } = await loadAlerts([path], { stdin: deps.stdin });
  const [first, ...rest] = records;
  if (!first) throw inputError('no-valid-alert', `${path} holds no valid alert`);
  if (rest.length > 0) {
    throw usageError(
      'many-alerts',
      `${path} holds ${records.length} alerts; check needs the one the report is about`,
      {
        hint: 'put that alert alone in a file and pass it with --alert',
      },
    );
  }
  return buildFactTable(first.alert, deps.rules);
};

/** `falco-report check`: audit any report's prose against an alert (or a draft's own facts). */
export const runCheck = async (options: RunCheckOptions, deps: RunCheckDeps): Promise<CheckResult> => {
  const text = await readReport(options.report);
  if (options.alert !== undefined) {
    return checkText(narrativeOfReport(text), await factsFromAlert(options.alert, deps));
  }
  const draft = await deps.loadDraftChecker(options.report);
  if (!draft) {
    throw usageError('missing-alert', `${options.report} has no draft sidecar, so the alert is needed`, {
      hint: 'pass the alert the report is about: --alert ALERT.json',
    });
  }
  return draft.checkText(narrativeOfReport(text), draft.factTable);
};
