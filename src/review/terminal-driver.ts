import { createInterface, type Interface } from 'node:readline';
import { type EditorResult, editInEditor } from './edit-in-editor.js';
import { formatReviewView, REVIEW_PROMPT } from './format-review-view.js';
import type { ReviewCommand, ReviewDriver } from './review-loop.js';
import type { ReviewView } from './review-session.js';

export interface TerminalDriverOptions {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
  reportPath: string;
  /** `$VISUAL`, else `$EDITOR`, else `vi`. */
  editor: string;
  /** Injected for tests; defaults to spawning `editor` on a temp file. */
  edit?: (markdown: string, name: string) => Promise<EditorResult>;
}

export interface TerminalDriver extends ReviewDriver {
  /** Releases the terminal so the process can exit. */
  close(): void;
  /** True once the reviewer pressed Ctrl-C at a prompt. */
  readonly interrupted: boolean;
}

/**
 * The interactive review: `git add -p` style keys at a readline prompt. Ctrl-C or Ctrl-D at a
 * prompt ends the review like `q`; every decision before it is already saved.
 */
export const createTerminalDriver = (options: TerminalDriverOptions): TerminalDriver => {
  const { input, output } = options;
  const color = output.isTTY === true;
  let readline: Interface | undefined;
  let interrupted = false;
  let pending: ((answer: string | undefined) => void) | undefined;

  const settle = (answer: string | undefined): void => {
    const resolve = pending;
    pending = undefined;
    resolve?.(answer);
  };

  const open = (): Interface => {
    if (readline !== undefined) return readline;
    const created = createInterface({ input, output, terminal: input.isTTY === true });
    created.on('SIGINT', () => {
      interrupted = true;
      output.write('^C\n');
      settle(undefined);
    });
    created.on('close', () => {
      if (readline === created) readline = undefined;
      settle(undefined);
    });
    readline = created;
    return created;
  };

  const release = (): void => {
    const current = readline;
    readline = undefined;
    current?.close();
  };

  const ask = (prompt: string): Promise<string | undefined> => {
    if (interrupted) return Promise.resolve(undefined);
    const rl = open();
    return new Promise((resolve) => {
      pending = resolve;
      rl.question(prompt, (answer) => settle(answer));
    });
  };

  const edit = options.edit ?? ((markdown, name) => editInEditor(markdown, { editor: options.editor, name }));

  const editCommand = async (view: ReviewView): Promise<ReviewCommand> => {
    if (view.kind !== 'section' && view.kind !== 'help') return { kind: 'show' };
    release();
    const result = await edit(view.section.markdown, `section-${view.section.id}`);
    if (!result.ok) return { kind: 'show', notice: `Not edited: ${result.message}.` };
    return { kind: 'edit', markdown: result.markdown };
  };

  return {
    show: (view) =>
      output.write(formatReviewView(view, { color, showText: true, reportPath: options.reportPath })),
    regenerationFailed: (error) => {
      output.write(
        `Regeneration failed: ${error.message}${error.hint === undefined ? '' : ` (${error.hint})`}\n`,
      );
    },
    next: async (view): Promise<ReviewCommand | undefined> => {
      if (view.kind === 'reason-required') {
        const reason = await ask('Reason for accepting: ');
        if (reason === undefined) return undefined;
        return reason.trim() === '' ? { kind: 'show', notice: 'Not accepted.' } : { kind: 'accept', reason };
      }
      const answer = await ask(REVIEW_PROMPT);
      if (answer === undefined) return undefined;
      switch (answer.trim().toLowerCase().charAt(0)) {
        case 'y':
          return { kind: 'accept' };
        case 'n':
          return { kind: 'skip' };
        case 'e':
          return editCommand(view);
        case 'r': {
          const instruction = await ask('Instruction for the model (optional, Enter for none): ');
          if (instruction === undefined) return undefined;
          output.write('Regenerating...\n');
          return instruction.trim() === '' ? { kind: 'regenerate' } : { kind: 'regenerate', instruction };
        }
        case 'd':
          return { kind: 'drop' };
        case 'q':
          return { kind: 'quit' };
        default:
          return { kind: 'help' };
      }
    },
    close: release,
    get interrupted() {
      return interrupted;
    },
  };
};
