// The `atlas` command line: one command per module in ./commands.
import { Command, CommanderError } from 'commander';
import { EXIT, UsageError } from './context.ts';
import { registerValidate } from './commands/validate.ts';
import { registerStatus } from './commands/status.ts';
import { registerReview } from './commands/review.ts';
import { registerImpact } from './commands/impact.ts';
import { registerNew } from './commands/new.ts';
import { registerSources } from './commands/sources.ts';
import { registerExport } from './commands/export.ts';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('atlas')
    .description('Production Atlas: validate, track and review the atlas content')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of [registerValidate, registerStatus, registerReview, registerImpact, registerNew, registerSources, registerExport]) {
    register(program);
  }
  program.exitOverride();
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? EXIT.clean);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; anything else commander rejects is a usage error.
      return error.exitCode === 0 ? EXIT.clean : EXIT.usage;
    }
    const message = error instanceof UsageError ? error.message : `internal error: ${(error as Error).message ?? String(error)}`;
    process.stderr.write(`atlas: ${message}\n`);
    return EXIT.usage;
  }
}
