import { type Command, Option } from 'commander';
import { usageError } from '../errors.js';
import type { ReportWriter } from '../model/narrative.js';
import type { CliContext } from './cli-context.js';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';
export const DEFAULT_MODEL = 'llama3.2:3b';

/** The options every model-using command shares (`write`, `batch`, `review`). */
export interface ModelCliOptions {
  backend: 'auto' | 'ollama' | 'template';
  model?: string;
  ollamaHost?: string;
  rules?: string[];
  prompts?: string;
  /** Only on commands that repair (`write`). */
  maxRepairs?: string;
  /** Only on commands that write reports (`write`, `batch`). */
  strict?: boolean;
  redact?: boolean;
  timeout: string;
}

/** Which of the shared options a command has: review neither repairs nor writes new reports. */
export interface ModelOptionSet {
  repairs: boolean;
  strict: boolean;
}

export const addModelOptions = (
  command: Command,
  { repairs, strict }: ModelOptionSet = { repairs: true, strict: true },
): Command => {
  command
    .addOption(
      new Option('--backend <backend>', 'who writes the prose')
        .choices(['auto', 'ollama', 'template'])
        .default('auto'),
    )
    .option('-m, --model <name>', `Ollama model (env FALCO_REPORT_MODEL, default ${DEFAULT_MODEL})`)
    .option('--ollama-host <url>', `Ollama address (env OLLAMA_HOST, default ${DEFAULT_OLLAMA_HOST})`)
    .option(
      '--rules <file...>',
      'Falco rules files for rule knowledge (default: /etc/falco rules when present)',
    )
    .option('--prompts <dir>', 'use prompt files from this folder instead of the bundled ones')
    .option('--redact', 'mask secrets before prompting (default: on when the Ollama host is not loopback)')
    .option('--no-redact', 'never mask secrets before prompting')
    .option('--timeout <seconds>', 'timeout of one model call', '120');
  if (repairs) command.option('--max-repairs <n>', 'rounds of repair for flagged sentences', '2');
  if (strict) command.option('--strict', 'exit 5 when claims could not be verified (flagged or removed)');
  return command;
};

export const parseCount = (value: string, option: string, { min = 0, max = 1000 } = {}): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw usageError('bad-option', `${option} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return parsed;
};

export interface ResolvedWriter {
  writer: ReportWriter;
  /** Why `--backend auto` used the template writer. */
  fallbackReason: string | undefined;
  ollama: { host: string; model: string } | undefined;
  /** For `--backend auto` with a model that answered the probe: who writes when a model call fails anyway. */
  fallback?: ReportWriter;
}

export const resolveHost = (options: Pick<ModelCliOptions, 'ollamaHost'>, context: CliContext): string => {
  const host = options.ollamaHost ?? context.env.OLLAMA_HOST ?? DEFAULT_OLLAMA_HOST;
  const withScheme = /^[a-z]+:\/\//i.test(host) ? host : `http://${host}`;
  try {
    return new URL(withScheme).toString().replace(/\/$/, '');
  } catch {
    throw usageError('bad-option', `--ollama-host "${host}" is not a URL`, {
      hint: 'pass an address like http://127.0.0.1:11434',
    });
  }
};

/**
 * Picks the writer: the template writer for `--backend template`, Ollama for `--backend ollama`
 * (failing with exit 4 when it cannot serve), and for `auto` Ollama when it answers and has the
 * model, else the template writer with the reason recorded in the report.
 */
export const createWriterFromOptions = async (
  options: ModelCliOptions,
  context: CliContext,
): Promise<ResolvedWriter> => {
  const model = await import('../model/index.js');
  if (options.backend === 'template') {
    return { writer: model.createTemplateWriter(), fallbackReason: undefined, ollama: undefined };
  }
  const host = resolveHost(options, context);
  const modelName = options.model ?? context.env.FALCO_REPORT_MODEL ?? DEFAULT_MODEL;
  const timeoutMs = parseCount(options.timeout, '--timeout', { min: 1, max: 3600 }) * 1000;
  const probe = await model.probeOllama({ host, model: modelName, fetch: context.fetch, timeoutMs: 3000 });
  if (!probe.ok) {
    if (options.backend === 'ollama') throw probe.error;
    return {
      writer: model.createTemplateWriter(),
      fallbackReason: `${probe.error.message} (--backend auto fell back to the template writer)`,
      ollama: undefined,
    };
  }
  const prompts = await (await import('../prompting/index.js')).loadPromptSet(options.prompts);
  const redact = options.redact ?? !model.isLoopbackHost(host);
  const writer = model.createOllamaWriter({
    host,
    model: modelName,
    prompts,
    fetch: context.fetch,
    timeoutMs,
    redact,
  });
  return {
    writer,
    fallbackReason: undefined,
    ollama: { host, model: modelName },
    ...(options.backend === 'auto' ? { fallback: model.createTemplateWriter() } : {}),
  };
};
