import { Command, CommanderError } from 'commander';
import { stripTerminalControls } from '../render/strip-terminal-controls.js';
import type { CliContext } from './cli-context.js';
import { registerBatchCommand } from './commands/batch.js';
import { registerCheckCommand } from './commands/check.js';
import { registerReviewCommand } from './commands/review.js';
import { registerWriteCommand } from './commands/write.js';

/**
 * Builds the commander program on the given context and runs it. Commands stay thin: each parses
 * its options into a typed object and calls a plain function. Heavy modules are imported inside
 * the actions so `--help` starts fast.
 */
export const runCli = async (argv: string[], context: CliContext): Promise<void> => {
  const program = new Command()
    .name('falco-report')
    .description('Turn Falco alerts into incident reports a local model writes and a fact-checker verifies')
    .version(context.toolVersion)
    .option('--debug', 'show stack traces for errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(stripTerminalControls(text)),
    });
  registerWriteCommand(program, context);
  registerCheckCommand(program, context);
  registerBatchCommand(program, context);
  registerReviewCommand(program, context);
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (
      error instanceof CommanderError &&
      (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
    ) {
      return;
    }
    throw error;
  }
};
