import { dirname } from 'node:path';
import { type Draft, serializeDraft } from '../pipeline/draft.js';
import { renderDraftReport } from '../pipeline/render-draft-report.js';
import { removeStaleTemporaries, writeFileAtomic } from '../render/write-file-atomic.js';
import type { DraftPaths } from './load-draft.js';

/**
 * Saves the sidecar, then the report rendered from the document as it now stands. The sidecar
 * goes first because it is what a resumed review reads; both are atomic, so a crash between or
 * during the writes leaves whole files behind.
 */
export const saveDraft = async (paths: DraftPaths, draft: Draft): Promise<void> => {
  await writeFileAtomic(paths.sidecarPath, serializeDraft(draft), { force: true });
  await writeFileAtomic(paths.reportPath, renderDraftReport(draft), { force: true });
  await removeStaleTemporaries(dirname(paths.reportPath));
};
