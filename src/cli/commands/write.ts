import { type Command, Option } from 'commander';
import type { CliContext } from '../cli-context.js';
import { addModelOptions, type ModelCliOptions, parseCount } from '../model-options.js';

interface WriteCliOptions extends ModelCliOptions {
  output?: string;
  format?: 'md' | 'html' | 'json';
  force?: boolean;
}

export const registerWriteCommand = (program: Command, context: CliContext): void => {
  const command = program
    .command('write')
    .description('write a verified report for each alert (a file, several, a folder, or - for stdin)')
    .argument('<alerts...>', 'alert files: JSON, JSON array, JSON Lines, gzipped or not; - for stdin')
    .option('-o, --output <path>', 'write to this file (one alert) or folder (several); default stdout')
    .addOption(
      new Option('-f, --format <format>', 'report format (default: from -o, else md)').choices([
        'md',
        'html',
        'json',
      ]),
    )
    .option('--force', 'overwrite existing report files');
  addModelOptions(command).action(async (alerts: string[], options: WriteCliOptions) => {
    const maxRepairs = parseCount(options.maxRepairs ?? '2', '--max-repairs', { max: 10 });
    const { createWriterFromOptions } = await import('../model-options.js');
    const { loadRulesOption } = await import('../load-rules-option.js');
    const { runWrite } = await import('../../pipeline/run-write.js');
    const { stripTerminalControls } = await import('../../render/strip-terminal-controls.js');
    const rules = await loadRulesOption(options.rules);
    const resolved = await createWriterFromOptions(options, context);
    const toTerminal = context.stdout.isTTY === true;
    const result = await runWrite(
      {
        inputs: alerts,
        output: options.output,
        format: options.format,
        force: options.force === true,
        maxRepairs,
      },
      {
        writer: resolved.writer,
        fallbackReason: resolved.fallbackReason,
        fallbackWriter: resolved.fallback,
        rules,
        stdin: context.stdin,
        print: (text) => context.stdout.write(toTerminal ? stripTerminalControls(text) : text),
        toolVersion: context.toolVersion,
        now: () => new Date(),
      },
    );
    const notes: string[] = [];
    if (resolved.fallbackReason) notes.push(`note: ${resolved.fallbackReason}`);
    if (result.modelFailures > 0) {
      notes.push(
        `note: the model failed on ${result.modelFailures} alert(s); the template writer wrote their report(s) (see Provenance)`,
      );
    }
    if (result.skipped > 0) notes.push(`note: skipped ${result.skipped} non-JSON line(s)`);
    for (const rejected of result.rejected.slice(0, 5)) {
      notes.push(`warning: ${rejected.origin.file}:${rejected.origin.line}: ${rejected.reason}`);
    }
    if (result.rejected.length > 5)
      notes.push(`warning: ${result.rejected.length - 5} more invalid alert(s)`);
    for (const path of result.written) notes.push(`wrote ${path}`);
    if (result.removedSentences > 0) {
      notes.push(
        `note: ${result.removedSentences} sentence(s) with unverifiable claims were removed (see Verification)`,
      );
    }
    for (const note of notes) context.stderr.write(`${stripTerminalControls(note)}\n`);
    if (options.strict && (result.removedSentences > 0 || result.flaggedClaims > 0)) context.exitCode = 5;
  });
};
