/**
 * The outside world as the CLI sees it. `main.ts` builds it from `process`; tests build it from
 * fakes. Commands read env, streams and fetch from here, never from globals, and report their
 * outcome by setting `exitCode` (only `main.ts` hands it to the process).
 */
export interface CliContext {
  env: Record<string, string | undefined>;
  cwd: string;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  fetch: typeof fetch;
  toolVersion: string;
  /** 0 unless a command says otherwise (5 for flagged claims); errors are thrown, not set here. */
  exitCode: number;
  /** Set on SIGINT so long-running commands can stop cleanly after saving. */
  signal: AbortSignal;
}
