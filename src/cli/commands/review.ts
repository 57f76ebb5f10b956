import type { Command } from 'commander';
import type { SectionRegenerator } from '../../review/review-loop.js';
import type { CliContext } from '../cli-context.js';
import { addModelOptions, type ModelCliOptions, parseCount } from '../model-options.js';

interface ReviewCliOptions extends ModelCliOptions {
  decisions?: string;
}

/**
 * The writer the options pick (Ollama when it serves, else the template writer under `auto`),
 * built only when the reviewer first asks for a regeneration.
 */
const createRegenerator = async (
  options: ReviewCliOptions,
  context: CliContext,
  note: (text: string) => void,
): Promise<SectionRegenerator> => {
  const { createWriterFromOptions } = await import('../model-options.js');
  const { createOllamaRegenerator, createTemplateRegenerator } = await import(
    '../../review/regenerate-section.js'
  );
  const resolved = await createWriterFromOptions(options, context);
  if (resolved.fallbackReason) note(`note: ${resolved.fallbackReason}`);
  if (resolved.ollama === undefined) return createTemplateRegenerator();
  const { loadPromptSet } = await import('../../prompting/load-prompt-set.js');
  const { isLoopbackHost } = await import('../../model/is-loopback-host.js');
  return createOllamaRegenerator({
    host: resolved.ollama.host,
    model: resolved.ollama.model,
    fetch: context.fetch,
    timeoutMs: parseCount(options.timeout, '--timeout', { min: 1, max: 3600 }) * 1000,
    prompts: await loadPromptSet(options.prompts),
    redact: options.redact ?? !isLoopbackHost(resolved.ollama.host),
  });
};

export const registerReviewCommand = (program: Command, context: CliContext): void => {
  const command = program
    .command('review')
    .description(
      'walk a draft section by section: accept, edit, regenerate or drop; every change is re-checked',
    )
    .argument('<draft>', 'a report written with `write -o` (its .draft.json sidecar is read and updated)')
    .option('--decisions <file>', 'take decisions from a file, one per line, instead of the terminal');
  addModelOptions(command, { repairs: false, strict: false }).action(
    async (draft: string, options: ReviewCliOptions) => {
      const { runReview } = await import('../../review/run-review.js');
      const { checkText } = await import('../../check/check-text.js');
      const { fillPlaceholders } = await import('../../check/fill-placeholders.js');
      const { stripTerminalControls } = await import('../../render/strip-terminal-controls.js');
      const result = await runReview(
        { draft, decisions: options.decisions },
        {
          stdin: context.stdin,
          stdout: context.stdout,
          user: context.env.USER ?? context.env.USERNAME ?? 'unknown',
          editor: context.env.VISUAL || context.env.EDITOR || undefined,
          now: () => new Date(),
          signal: context.signal,
          checkText,
          fillPlaceholders,
          createRegenerator: () =>
            createRegenerator(options, context, (note) =>
              context.stderr.write(`${stripTerminalControls(note)}\n`),
            ),
        },
      );
      if (result.interrupted) context.exitCode = 130;
    },
  );
};
