import { Command, CommanderError, Option } from 'commander';
import { ExitCode, type Io } from './io.js';
import { getVersion } from './version.js';

/**
 * The command line as a function of (argv, io) that returns an exit code, so tests can run it
 * in-process. Commands are imported lazily: each run loads only what it uses.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('aithreat')
    .description('Threat-model ML projects against the OWASP AI Exchange development-time threats.')
    .version(getVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError(true);

  program
    .command('validate')
    .description('check project descriptions against the schema and their references')
    .argument('<files...>', 'project description files (YAML)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (files: string[], options: { format: string }) => {
      const { validateCommand } = await import('./commands/validate.js');
      exitCode = validateCommand(files, options, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.inputError;
    }
    io.stderr(`aithreat: internal error: ${(error as Error).message}\n`);
    return ExitCode.inputError;
  }
  return exitCode;
}
