import { readFile } from 'node:fs/promises';
import { inputError } from '../errors.js';
import { type Draft, draftSidecarPath, parseDraftJson } from '../pipeline/draft.js';
import { draftSchema } from './draft-schema.js';

const SIDECAR_SUFFIX = '.draft.json';

export interface DraftPaths {
  reportPath: string;
  sidecarPath: string;
}

/** Accepts either the report or its sidecar, so `review report.md.draft.json` works too. */
export const resolveDraftPaths = (path: string): DraftPaths =>
  path.endsWith(SIDECAR_SUFFIX)
    ? { reportPath: path.slice(0, -SIDECAR_SUFFIX.length), sidecarPath: path }
    : { reportPath: path, sidecarPath: draftSidecarPath(path) };

const isMissingFile = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');

/** Parses and validates sidecar text; `sidecarPath` only names the file in errors. */
export const parseDraft = (text: string, sidecarPath: string): Draft => {
  let json: unknown;
  try {
    json = parseDraftJson(text);
  } catch (error) {
    throw inputError('draft-corrupt', `draft sidecar ${sidecarPath} is not valid JSON`, {
      hint: 'restore the sidecar from a backup, or write the report again with `falco-report write -o`',
      cause: error,
    });
  }
  const result = draftSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    throw inputError(
      'draft-corrupt',
      `draft sidecar ${sidecarPath} is not a falco-report draft${where}: ${issue?.message ?? 'invalid'}`,
      {
        hint: 'restore the sidecar from a backup, or write the report again with `falco-report write -o`',
        cause: result.error,
      },
    );
  }
  // The schema pins every field review and check read; loose objects keep the rest as written.
  return result.data as unknown as Draft;
};

/** The draft saved next to a report (`<report>.draft.json`), or undefined when there is none. */
export const loadDraftForReport = async (reportPath: string): Promise<Draft | undefined> => {
  const { sidecarPath } = resolveDraftPaths(reportPath);
  let text: string;
  try {
    text = await readFile(sidecarPath, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw inputError('draft-unreadable', `cannot read draft sidecar ${sidecarPath}`, {
      hint: 'check the file permissions',
      cause: error,
    });
  }
  return parseDraft(text, sidecarPath);
};
