import { readFile } from 'node:fs/promises';
import { inputError } from '../errors.js';
import type { ScriptLine } from './decision-script.js';
import { formatReviewView } from './format-review-view.js';
import type { ReviewCommand, ReviewDriver } from './review-loop.js';

export interface ScriptDriverOptions {
  /** The script file, named in errors. */
  file: string;
  reportPath: string;
  write: (text: string) => void;
}

const readEditFile = async (path: string, file: string, line: number): Promise<string> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(
      'decisions-edit-unreadable',
      `${file}:${line}: cannot read ${path} (${code ?? 'error'})`,
      {
        hint: 'edit lines name a Markdown file, relative to the decisions file',
        cause: error,
      },
    );
  }
};

/** Feeds a `--decisions` script to the review, one line per command; its end saves and stops. */
export const createScriptDriver = (lines: ScriptLine[], options: ScriptDriverOptions): ReviewDriver => {
  let index = 0;
  let lastLine = 0;
  return {
    show: (view) =>
      options.write(
        formatReviewView(view, { color: false, showText: false, reportPath: options.reportPath }),
      ),
    regenerationFailed: (error) => {
      throw error;
    },
    next: async (view): Promise<ReviewCommand | undefined> => {
      if (view.kind === 'reason-required') {
        throw inputError(
          'decisions-reason-required',
          `${options.file}:${lastLine}: section "${view.section.title}" has ${view.flagged.length} flagged claims; accepting it needs a reason`,
          { hint: 'write `accept REASON` on that line, or edit, regenerate or drop the section' },
        );
      }
      const next = lines[index];
      if (next === undefined) return undefined;
      index += 1;
      lastLine = next.line;
      const { decision } = next;
      if (decision.kind === 'edit') {
        return { kind: 'edit', markdown: await readEditFile(decision.path, options.file, next.line) };
      }
      return decision;
    },
  };
};
