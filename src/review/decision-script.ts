import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { inputError } from '../errors.js';

/**
 * A `--decisions FILE` script: one decision per line, applied to the sections in the order review
 * shows them. Blank lines and lines starting with `#` are ignored.
 *
 *   accept [REASON]           accept the section (REASON is required when it has flagged claims)
 *   skip                      leave it undecided for now
 *   edit PATH                 replace its text with the file's Markdown (relative to the script)
 *   regenerate [INSTRUCTION]  rewrite it with the model, optionally following INSTRUCTION
 *   drop                      remove it from the report
 *   quit                      save and stop
 *
 * The one-letter keys of the terminal (`y n e r d q`) work as verbs too.
 */
export type ScriptedDecision =
  | { kind: 'accept'; reason?: string }
  | { kind: 'skip' }
  | { kind: 'edit'; path: string }
  | { kind: 'regenerate'; instruction?: string }
  | { kind: 'drop' }
  | { kind: 'quit' };

export interface ScriptLine {
  /** 1-based line in the script, for error messages. */
  line: number;
  decision: ScriptedDecision;
}

const VERBS: Record<string, ScriptedDecision['kind']> = {
  accept: 'accept',
  y: 'accept',
  skip: 'skip',
  n: 'skip',
  edit: 'edit',
  e: 'edit',
  regenerate: 'regenerate',
  r: 'regenerate',
  drop: 'drop',
  d: 'drop',
  quit: 'quit',
  q: 'quit',
};

const parseLine = (text: string, line: number, file: string): ScriptedDecision => {
  const match = /^(\S+)\s*(.*)$/.exec(text);
  const verb = match?.[1]?.toLowerCase() ?? '';
  const rest = match?.[2]?.trim() ?? '';
  const kind = VERBS[verb];
  switch (kind) {
    case 'accept':
      return rest === '' ? { kind } : { kind, reason: rest };
    case 'regenerate':
      return rest === '' ? { kind } : { kind, instruction: rest };
    case 'edit':
      if (rest === '') {
        throw inputError('decisions-invalid', `${file}:${line}: \`edit\` needs the path of a Markdown file`, {
          hint: 'write `edit path/to/new-text.md`',
        });
      }
      return { kind, path: resolve(dirname(file), rest) };
    case 'skip':
    case 'drop':
    case 'quit':
      if (rest !== '') {
        throw inputError('decisions-invalid', `${file}:${line}: \`${verb}\` takes no argument`, {
          hint: 'write the verb alone on its line',
        });
      }
      return { kind };
    default:
      throw inputError('decisions-invalid', `${file}:${line}: unknown decision "${verb}"`, {
        hint: 'use one of: accept [reason], skip, edit PATH, regenerate [instruction], drop, quit',
      });
  }
};

export const parseDecisionScript = (text: string, file: string): ScriptLine[] =>
  text.split(/\r?\n/).flatMap((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return [];
    return [{ line: index + 1, decision: parseLine(trimmed, index + 1, file) }];
  });

export const readDecisionScript = async (file: string): Promise<ScriptLine[]> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError('decisions-unreadable', `cannot read decisions file ${file} (${code ?? 'error'})`, {
      hint: 'check the path given to --decisions',
      cause: error,
    });
  }
  return parseDecisionScript(text, file);
};
