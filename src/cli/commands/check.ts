import { type Command, Option } from 'commander';
import type { SentenceJudge } from '../../model/ollama-judge.js';
import type { CliContext } from '../cli-context.js';
import { parseCount, resolveHost } from '../model-options.js';

interface CheckCliOptions {
  alert?: string;
  format: 'text' | 'json';
  rules?: string[];
  judgeModel?: string;
  ollamaHost?: string;
  timeout: string;
}

export const registerCheckCommand = (program: Command, context: CliContext): void => {
  program
    .command('check')
    .description(
      'fact-check a report (Markdown or text, by anyone) against its alert; exit 5 when claims fail',
    )
    .argument('<report>', 'the report to audit')
    .option('--alert <file>', 'the alert the report is about (optional for drafts this tool wrote)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--rules <file...>', 'Falco rules files for rule knowledge')
    .option(
      '--judge-model <name>',
      'also ask this Ollama model whether sentences with no checkable value are supported (off by default)',
    )
    .option('--ollama-host <url>', 'Ollama address for --judge-model (env OLLAMA_HOST)')
    .option('--timeout <seconds>', 'timeout of one judge call', '120')
    .action(async (report: string, options: CheckCliOptions) => {
      const { runCheck } = await import('../../pipeline/run-check.js');
      const { loadRulesOption } = await import('../load-rules-option.js');
      const { loadDraftForReport } = await import('../../review/load-draft.js');
      const { renderFindingsJson, renderFindingsText } = await import('../../render/render-findings.js');
      const { stripTerminalControls } = await import('../../render/strip-terminal-controls.js');
      const { isFlagged } = await import('../../check/finding.js');
      const { checkText } = await import('../../check/check-text.js');
      const { createGroupCheckText } = await import('../../batch/check-group-text.js');
      const judge = await createJudge(options, context);
      const result = await runCheck(
        { report, alert: options.alert },
        {
          rules: await loadRulesOption(options.rules),
          stdin: context.stdin,
          judge,
          loadDraftChecker: async (path) => {
            const draft = await loadDraftForReport(path);
            if (draft === undefined) return undefined;
            const check = draft.aggregates === undefined ? checkText : createGroupCheckText(draft.aggregates);
            return { factTable: draft.factTable, checkText: check };
          },
        },
      );
      const text =
        options.format === 'json'
          ? renderFindingsJson(result)
          : renderFindingsText(result, { source: report });
      context.stdout.write(context.stdout.isTTY ? stripTerminalControls(text) : text);
      if (result.findings.some(isFlagged)) context.exitCode = 5;
    });
};

const createJudge = async (
  options: CheckCliOptions,
  context: CliContext,
): Promise<SentenceJudge | undefined> => {
  if (options.judgeModel === undefined) return undefined;
  const { createOllamaJudge } = await import('../../model/ollama-judge.js');
  return createOllamaJudge({
    host: resolveHost(options, context),
    model: options.judgeModel,
    fetch: context.fetch,
    timeoutMs: parseCount(options.timeout, '--timeout', { min: 1, max: 3600 }) * 1000,
  });
};
