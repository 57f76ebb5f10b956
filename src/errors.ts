/**
 * The one error class the tool throws for expected failures. Everything that is not an
 * AppError reaching `cli/main.ts` is a bug (exit 1).
 *
 * Exit codes (the CLI contract): 0 ok · 1 internal bug · 2 usage/config · 3 bad input ·
 * 4 model unavailable · 5 flagged claims remain.
 */
export type ExitCode = 2 | 3 | 4 | 5;

export interface AppErrorOptions {
  /** The next action for the user, printed as `  hint: ...`. */
  hint?: string;
  cause?: unknown;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(code: string, exitCode: ExitCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.exitCode = exitCode;
    this.hint = options.hint;
  }
}

export const usageError = (code: string, message: string, options?: AppErrorOptions): AppError =>
  new AppError(`usage.${code}`, 2, message, options);

export const inputError = (code: string, message: string, options?: AppErrorOptions): AppError =>
  new AppError(`input.${code}`, 3, message, options);

export const modelError = (code: string, message: string, options?: AppErrorOptions): AppError =>
  new AppError(`model.${code}`, 4, message, options);

export const isAppError = (value: unknown): value is AppError => value instanceof AppError;
