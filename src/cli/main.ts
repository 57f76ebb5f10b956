#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import type { CliContext } from './cli-context.js';
import { formatError } from './format-error.js';
import { runCli } from './run-cli.js';

/** The one place that reads the process and sets its exit code. */
const readDotEnv = (): Record<string, string> => {
  try {
    return parseEnv(readFileSync('.env', 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
};

const packageVersion = (): string => {
  const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
};

const main = async (): Promise<void> => {
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    interrupt.abort();
    process.exitCode = 130;
  });
  const context: CliContext = {
    env: { ...readDotEnv(), ...process.env },
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    fetch: globalThis.fetch,
    toolVersion: packageVersion(),
    exitCode: 0,
    signal: interrupt.signal,
  };
  const debug = process.argv.includes('--debug');
  try {
    await runCli(process.argv.slice(2), context);
    process.exitCode = context.exitCode;
  } catch (error) {
    const { text, exitCode } = formatError(error, { debug, toolVersion: context.toolVersion });
    process.stderr.write(text);
    process.exitCode = exitCode;
  }
};

await main();
