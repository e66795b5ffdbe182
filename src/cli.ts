import { Command, CommanderError, Option } from 'commander';
import { ExitCode, printError, type Io } from './io.js';

export { processIo } from './io.js';
import { getVersion } from './version.js';
import { registerWorkflowCommands } from './cli-workflow.js';
import { formatNames } from './render/index.js';

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
    .argument('<files...>', 'project files, directories (searched for aithreat.yaml and *.aithreat.yaml) or quoted globs')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--catalog <dir>', "an organisation's catalog folder, whose control ids the files may name; repeatable (replaces `catalogs:` of .aithreatrc.yaml)", collect)
    .option('--follow-symlinks', 'read files through symbolic links that lead outside the working directory (see SECURITY.md)')
    .action(async (files: string[], options: { format: string; followSymlinks?: boolean; catalog?: string[] }) => {
      const { validateCommand } = await import('./commands/validate.js');
      exitCode = await validateCommand(files, options, io);
    });

  program
    .command('assess')
    .description('assess project descriptions: applicable threats, control gaps and a verdict')
    .argument('<files...>', 'project files, directories (searched for aithreat.yaml and *.aithreat.yaml) or quoted globs')
    .addOption(new Option('--fail-on <severity>', 'fail when a threat at or above this severity lacks a required control (default: high, or the policy\'s failOn)').choices(['critical', 'high', 'medium', 'low', 'none']))
    .addOption(new Option('--undeclared <how>', 'how fields a project leaves out count: count (as the unsafe value, the default) or ignore (not counted, for exploring); they are listed as open questions either way').choices(['count', 'ignore']))
    .option('--policy <file>', 'organisation policy file (YAML)')
    .option('--as-of <date>', 'date (YYYY-MM-DD) for risk-acceptance expiry checks; default today')
    .option('-f, --format <format[=file]>', `output format: ${formatNames.join(', ')}, to stdout or to =file; repeatable (default: table)`, (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('-o, --output <file>', 'write the stdout format to this file instead')
    .option('--baseline <report.json>', 'compare with an earlier JSON report; new, resolved and unchanged gaps go to stderr')
    .option('--catalog <dir>', "an organisation's catalog folder (threats/, controls/), on top of the built-in one; repeatable (replaces `catalogs:` of .aithreatrc.yaml)", collect)
    .option('--rules <dir>', "a folder of an organisation's rules (YAML, see docs/org-rules.md); repeatable (replaces `rules:` of .aithreatrc.yaml)", collect)
    .option('--fail-on-new-only', 'with --baseline: exit 1 only when a required gap is new')
    .option('--no-fail-on-new-only', 'fail on every required gap, even if .aithreatrc.yaml says otherwise')
    .option('--discover <dir>', "check each description against the repository's code, notebooks and model files (read once, nothing run); drift is reported in every format")
    .option('--follow-symlinks', 'read files through symbolic links that lead outside the working directory (see SECURITY.md)')
    .action(async (files: string[], options: { failOn?: 'critical' | 'high' | 'medium' | 'low' | 'none'; undeclared?: 'count' | 'ignore'; policy?: string; asOf?: string; format?: string[]; output?: string; baseline?: string; failOnNewOnly?: boolean; discover?: string; followSymlinks?: boolean; catalog?: string[]; rules?: string[] }) => {
      const { assessCommand } = await import('./commands/assess.js');
      exitCode = await assessCommand(files, options, io);
    });

  const catalog = program.command('catalog').description('browse the threat and control catalog (OWASP AI Exchange, development-time)');
  catalog
    .command('list')
    .description('list the section, threats and controls')
    .option('--kind <kind>', 'section, threat or control (default: all)')
    .option('-f, --format <format>', 'table, json or markdown (default: table)')
    .option('--catalog <dir>', "an organisation's catalog folder to list with the built-in one; repeatable (replaces `catalogs:` of .aithreatrc.yaml)", collect)
    .action(async (options: { kind?: string; format?: string; catalog?: string[] }) => {
      const { catalogList, orgCatalog } = await import('./commands/catalog.js');
      const catalog = await orgCatalog(io, options.catalog);
      exitCode = typeof catalog === 'number' ? catalog : catalogList(options, io, catalog);
    });
  catalog
    .command('show')
    .description('show everything about one section, threat or control; ids are case-insensitive and aliases work')
    .argument('<id>', 'section, threat or control id, such as DATAPOISON, developmenttime or transferlearningattack')
    .option('-f, --format <format>', 'text or json (default: text)')
    .option('--catalog <dir>', "an organisation's catalog folder to look in too; repeatable (replaces `catalogs:` of .aithreatrc.yaml)", collect)
    .action(async (id: string, options: { format?: string; catalog?: string[] }) => {
      const { catalogShow, orgCatalog } = await import('./commands/catalog.js');
      const catalog = await orgCatalog(io, options.catalog);
      exitCode = typeof catalog === 'number' ? catalog : catalogShow(id, options, io, catalog);
    });

  const rules = program.command('rules').description("an organisation's rules, written as data (see docs/org-rules.md)");
  rules
    .command('test')
    .description('assess the fixtures in <dir>/tests with the rules of <dir>, and check what their comments expect (# expect: THREAT SEVERITY, # ok: THREAT, # factor: THREAT CODE); exit 1 when an expectation fails')
    .argument('<dir>', 'a folder of rules (YAML), with its fixtures in tests/')
    .option('--catalog <dir>', "an organisation's catalog folder the rules name threats and controls of; repeatable (replaces `catalogs:` of .aithreatrc.yaml)", collect)
    .option('--follow-symlinks', 'read files through symbolic links that lead outside the working directory (see SECURITY.md)')
    .action(async (dir: string, options: { catalog?: string[]; followSymlinks?: boolean }) => {
      const { rulesTestCommand } = await import('./commands/rules-test.js');
      exitCode = await rulesTestCommand(dir, options, io);
    });

  registerWorkflowCommands(program, io, (code) => {
    exitCode = code;
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.inputError;
    }
    printError(io, `internal error: ${(error as Error).message}`);
    return ExitCode.inputError;
  }
  return exitCode;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
