import { CommanderError } from 'commander';
import { AppError } from '../errors.js';
import { stripTerminalControls } from '../render/strip-terminal-controls.js';

export interface FormattedError {
  text: string;
  exitCode: number;
}

/**
 * `error[code]: what happened to what` and `  hint: the next action`. Messages quote file names and
 * alert values, so they are stripped of terminal control sequences. A non-AppError is a bug: say
 * so, with the version, and show the stack only with --debug.
 */
export const formatError = (
  error: unknown,
  { debug, toolVersion }: { debug: boolean; toolVersion: string },
): FormattedError => {
  if (error instanceof AppError) {
    const hint = error.hint ? `  hint: ${stripTerminalControls(error.hint)}\n` : '';
    const stack = debug && error.stack ? `${error.stack}\n` : '';
    return {
      text: `error[${error.code}]: ${stripTerminalControls(error.message)}\n${hint}${stack}`,
      exitCode: error.exitCode,
    };
  }
  if (error instanceof CommanderError) {
    // commander has already printed its message through configureOutput.
    return { text: '', exitCode: error.exitCode === 0 ? 0 : 2 };
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack ? `${error.stack}\n` : '';
  return {
    text:
      `error[internal]: ${stripTerminalControls(message)}\n` +
      `  hint: this is a bug in falco-report ${toolVersion}; rerun with --debug and report the output\n${stack}`,
    exitCode: 1,
  };
};
