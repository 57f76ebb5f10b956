import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { addModelOptions, type ModelCliOptions, parseCount } from '../model-options.js';

export const DEFAULT_BATCH_DIR = 'falco-report-batch';

interface BatchCliOptions extends ModelCliOptions {
  output: string;
  force?: boolean;
  since?: string;
  until?: string;
  minPriority?: string;
  rule?: string[];
  host?: string[];
  source?: string[];
  groupBy?: string;
  concurrency: string;
}

const batchFilterOptions = (options: BatchCliOptions) => ({
  since: options.since,
  until: options.until,
  minPriority: options.minPriority,
  rules: options.rule,
  hosts: options.host,
  sources: options.source,
  groupBy: options.groupBy === undefined ? undefined : [options.groupBy],
});

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const registerBatchCommand = (program: Command, context: CliContext): void => {
  const command = program
    .command('batch')
    .description('turn alert archives into a digest and one verified report per group of alerts')
    .argument('<archives...>', 'files, folders or - for stdin: JSON Lines, JSON arrays, gzipped or not')
    .option(
      '-o, --output <dir>',
      'output folder (digest.md/.html/.json, groups/, .cache/)',
      DEFAULT_BATCH_DIR,
    )
    .option('--force', 'write into a folder batch did not create, replacing its digest and groups')
    .option('--since <time>', 'keep alerts at or after this time: ISO time, date, or duration ago (24h, 7d)')
    .option('--until <time>', 'keep alerts at or before this time: ISO time, date, or duration ago')
    .option('--min-priority <priority>', 'keep alerts at least this severe (e.g. Warning)')
    .option('--rule <name>', 'keep alerts of this rule (repeatable)', collect)
    .option('--host <name>', 'keep alerts from this host (repeatable, or comma-separated)', collect)
    .option(
      '--source <name>',
      'keep alerts of this source, e.g. syscall, k8s_audit (repeatable)',
      collect,
      [],
    )
    .option(
      '--group-by <keys>',
      'comma-separated keys: rule, hostname, container.image, priority, source or any output field',
    )
    .option('--concurrency <n>', 'model calls in parallel', '2');
  addModelOptions(command, { repairs: false, strict: true }).action(
    async (archives: string[], options: BatchCliOptions) => {
      const concurrency = parseCount(options.concurrency, '--concurrency', { min: 1, max: 64 });
      const timeoutMs = parseCount(options.timeout, '--timeout', { min: 1, max: 3600 }) * 1000;
      const { resolveBatchFilters } = await import('../../batch/resolve-batch-filters.js');
      // Option mistakes fail before Ollama is probed or the archive is opened.
      resolveBatchFilters(batchFilterOptions(options), Date.now());
      const { createWriterFromOptions } = await import('../model-options.js');
      const { loadRulesOption } = await import('../load-rules-option.js');
      const { runBatch } = await import('../../batch/run-batch.js');
      const { createTemplateBatchWriter } = await import('../../batch/batch-prose-writer.js');
      const { stripTerminalControls } = await import('../../render/strip-terminal-controls.js');
      const rules = await loadRulesOption(options.rules);
      const resolved = await createWriterFromOptions(options, context);
      let writer = createTemplateBatchWriter();
      if (resolved.ollama !== undefined) {
        const { createOllamaBatchWriter } = await import('../../batch/create-ollama-batch-writer.js');
        const { loadPromptSet } = await import('../../prompting/load-prompt-set.js');
        const { isLoopbackHost } = await import('../../model/is-loopback-host.js');
        writer = createOllamaBatchWriter({
          ...resolved.ollama,
          fetch: context.fetch,
          timeoutMs,
          prompts: await loadPromptSet(options.prompts),
          redact: options.redact ?? !isLoopbackHost(resolved.ollama.host),
        });
      }
      const note = (text: string): void => {
        context.stderr.write(`${stripTerminalControls(text)}\n`);
      };
      if (resolved.fallbackReason) note(`note: ${resolved.fallbackReason}`);
      const result = await runBatch(
        {
          inputs: archives,
          outputDir: options.output,
          force: options.force === true,
          concurrency,
          ...batchFilterOptions(options),
        },
        {
          writer,
          fallbackReason: resolved.fallbackReason,
          rules,
          stdin: context.stdin,
          progress: context.stderr.isTTY === true ? (text) => context.stderr.write(text) : undefined,
          now: () => new Date(),
          toolVersion: context.toolVersion,
          signal: context.signal,
        },
      );
      const { quality } = result;
      if (quality.skipped > 0) note(`note: skipped ${quality.skipped} non-JSON line(s)`);
      for (const example of quality.invalidExamples) {
        note(`warning: ${example.origin.file}:${example.origin.line}: ${example.reason}`);
      }
      if (quality.invalid > quality.invalidExamples.length) {
        note(`warning: ${quality.invalid - quality.invalidExamples.length} more invalid alert(s)`);
      }
      const done = result.outcomes.length;
      if (result.interrupted) {
        note(
          `interrupted: ${done} of ${result.groups} group reports written; rerun the same command to finish (replies so far are cached)`,
        );
        context.exitCode = 130;
        return;
      }
      const failed = result.outcomes.filter((outcome) => outcome.status === 'failed');
      const kept = result.outcomes.filter((outcome) => outcome.status === 'kept');
      note(
        `wrote ${options.output}/digest.md (.html, .json) and ${done} group report(s): ${quality.alertsRead} alerts read, ${quality.alertsKept} kept, ${result.modelCalls} model call(s), ${result.cachedCalls} from the cache`,
      );
      for (const outcome of kept)
        note(`note: kept ${outcome.reportFile}: its draft is under review (--force replaces it)`);
      if (failed.length > 0) {
        note(
          `warning: the model failed on ${failed.length} group(s), written with template prose; rerun to complete them`,
        );
        if (options.backend === 'ollama') context.exitCode = 4;
      }
      if (result.removedSentences > 0) {
        note(
          `note: ${result.removedSentences} sentence(s) with unverifiable claims were removed (see Verification)`,
        );
        if (options.strict && context.exitCode === 0) context.exitCode = 5;
      }
    },
  );
};
