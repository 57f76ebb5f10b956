import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type EditorResult = { ok: true; markdown: string } | { ok: false; message: string };

export interface EditInEditorOptions {
  /** `$VISUAL` or `$EDITOR` as the user set it; may carry arguments (`code --wait`). */
  editor: string;
  /** Names the temp file, so the editor's title says which section is open. */
  name: string;
}

const runEditor = (editor: string, file: string): Promise<number | null> =>
  new Promise((resolve, reject) => {
    // Through the shell, as git does, so an editor set with arguments works; the path goes in as "$1".
    const child = spawn('/bin/sh', ['-c', `${editor} "$1"`, 'falco-report-editor', file], {
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });

/**
 * Opens `markdown` in the user's editor on a temp file and returns what was saved. The terminal
 * must be released (readline closed) before calling: the editor owns it until it exits.
 */
export const editInEditor = async (markdown: string, options: EditInEditorOptions): Promise<EditorResult> => {
  const folder = await mkdtemp(join(tmpdir(), 'falco-report-review-'));
  const file = join(folder, `${options.name}.md`);
  try {
    await writeFile(file, `${markdown.trimEnd()}\n`, 'utf8');
    let code: number | null;
    try {
      code = await runEditor(options.editor, file);
    } catch (error) {
      return {
        ok: false,
        message: `could not start the editor "${options.editor}": ${(error as Error).message}`,
      };
    }
    if (code !== 0)
      return { ok: false, message: `the editor "${options.editor}" exited with status ${code}` };
    return { ok: true, markdown: await readFile(file, 'utf8') };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
};
