import { Command, CommanderError, Option } from 'commander';
import { readableFormat, usageError, withHelp } from './cli-help.js';
import { ExitCode, printError, type Io } from './io.js';

export { processIo } from './io.js';
import { getVersion } from './version.js';
import { registerWorkflowCommands } from './cli-workflow.js';
import { formatNames } from './render/index.js';

/**
 * Commander's own messages in aithreat's style, one line: `aithreat: unknown option '--formt'
 * (did you mean --format?)` rather than `error: ...` and a second line.
 */
export function commanderMessage(message: string): string {
  return message
    .replace(/^error: /, '')
    .replace(/\s*\(Did you mean (.+)\?\)\s*$/, ' (did you mean $1?)')
    .trim();
}

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
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (message) => printError(io, commanderMessage(message)) })
    .showSuggestionAfterError(true);
  withHelp(program, {
    exits: [[0, 'success: every file valid, no required control missing'], [1, 'assess, diff: a required control is missing (or new); discover: a dangerous model file'], [2, `invalid input (a file that does not parse, fails the schema or a limit, or cannot be read), or ${usageError}`]],
    examples: ['aithreat init', 'aithreat assess aithreat.yaml', 'aithreat assess . --format markdown=aithreat-report.md', 'aithreat <command> --help'],
  });

  withHelp(program
    .command('validate')
    .description('check project descriptions against the schema and their references')
    .argument('<files...>', `project files, '-' for standard input, directories (searched for aithreat.yaml, *.aithreat.yaml and YAML files that declare formatVersion) or quoted globs`)
    .option('-f, --format <format>', 'text (or table) or json (default: text)', readableFormat('text'))
    .option('--catalog <dir>', "an organisation's catalog folder, whose control ids the files may name; repeatable (replaces `catalogs:` of .aithreatrc.yaml)", collect)
    .option('--follow-symlinks', 'read files through symbolic links that lead outside the working directory (see SECURITY.md)')
    .action(async (files: string[], options: { format?: string; followSymlinks?: boolean; catalog?: string[] }) => {
      const { validateCommand } = await import('./commands/validate.js');
      exitCode = await validateCommand(files, options, io);
    }), {
    exits: [[0, 'every file is valid'], [2, `a file is invalid or cannot be read (one file:line:column line per problem), or ${usageError}`]],
    examples: ['aithreat validate aithreat.yaml', "aithreat validate . 'ml/**/*.yaml'", 'cat aithreat.yaml | aithreat validate -', 'aithreat validate aithreat.yaml --format json'],
  });

  withHelp(program
    .command('assess')
    .description('assess project descriptions: applicable threats, control gaps and a verdict')
    .argument('<files...>', `project files, '-' for standard input, directories (searched for aithreat.yaml, *.aithreat.yaml and YAML files that declare formatVersion) or quoted globs`)
    .addOption(new Option('--fail-on <severity>', 'fail when a threat at or above this severity lacks a required control (default: high, or the policy\'s failOn)').choices(['critical', 'high', 'medium', 'low', 'none']))
    .addOption(new Option('--undeclared <how>', 'how fields a project leaves out count: count (as the unsafe value, the default) or ignore (not counted, for exploring); they are listed as open questions either way').choices(['count', 'ignore']))
    .option('--policy <file>', 'organisation policy file (YAML)')
    .option('--as-of <date>', 'date (YYYY-MM-DD) for risk-acceptance expiry checks; default today')
    .option('-f, --format <format[=file]>', `output format: ${formatNames.join(', ')} (text is the table), to stdout or to =file; repeatable (default: table)`, (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option('-o, --output <file>', 'write the stdout format to this file instead')
    .option('--baseline <report.json>', 'compare with an earlier JSON report; new, resolved and unchanged gaps go to stderr')
    .option('--no-baseline', 'compare with no baseline, even if .aithreatrc.yaml names one')
    .option('--catalog <dir>', "an organisation's catalog folder (threats/, controls/), on top of the built-in one; repeatable (replaces `catalogs:` of .aithreatrc.yaml)", collect)
    .option('--rules <dir>', "a folder of an organisation's rules (YAML, see docs/org-rules.md); repeatable (replaces `rules:` of .aithreatrc.yaml)", collect)
    .option('--fail-on-new-only', 'with --baseline: exit 1 only when a required gap is new')
    .option('--no-fail-on-new-only', 'fail on every required gap, even if .aithreatrc.yaml says otherwise')
    .option('--discover <dir>', "check each description against the repository's code, notebooks and model files (read once, nothing run); drift is reported in every format")
    .option('--follow-symlinks', 'read files through symbolic links that lead outside the working directory (see SECURITY.md)')
    .option('--link-base <url>', 'Markdown and summary: link project files under this URL (default in GitHub Actions: the commit\'s file view), for reports read away from the repository')
    .action(async (files: string[], options: { failOn?: 'critical' | 'high' | 'medium' | 'low' | 'none'; undeclared?: 'count' | 'ignore'; policy?: string; asOf?: string; format?: string[]; output?: string; baseline?: string | false; failOnNewOnly?: boolean; discover?: string; followSymlinks?: boolean; linkBase?: string; catalog?: string[]; rules?: string[] }) => {
      const { assessCommand } = await import('./commands/assess.js');
      exitCode = await assessCommand(files, options, io);
    }), {
    exits: [
      [0, 'no required control is missing (with --fail-on-new-only: none is new against the baseline)'],
      [1, 'a required control is missing at or above --fail-on (policy failure)'],
      [2, `invalid input (a project, policy, baseline or .aithreatrc.yaml), a report that could not be written, or ${usageError}`],
    ],
    examples: [
      'aithreat assess aithreat.yaml',
      'aithreat assess . --fail-on medium --policy security/policy.yaml',
      'aithreat assess aithreat.yaml -f table -f markdown=aithreat-report.md -f sarif=aithreat.sarif',
      'aithreat assess . --baseline aithreat-baseline.json --fail-on-new-only',
      'aithreat assess aithreat.yaml --discover .',
      'cat aithreat.yaml | aithreat assess - --format json',
    ],
  });

  const catalog = withHelp(program.command('catalog').description('browse the threat and control catalog (OWASP AI Exchange, development-time)'), {
    exits: [[0, 'shown'], [2, `an unknown id, or ${usageError}`]],
    examples: ['aithreat catalog list', 'aithreat catalog show datapoison'],
  });
  withHelp(catalog
    .command('list')
    .description('list the section, threats and controls')
    .option('--kind <kind>', 'section, threat or control (default: all)')
    .option('-f, --format <format>', 'table (or text), json or markdown (default: table)', readableFormat('table'))
    .option('--catalog <dir>', "an organisation's catalog folder to list with the built-in one; repeatable (replaces `catalogs:` of .aithreatrc.yaml)", collect)
    .action(async (options: { kind?: string; format?: string; catalog?: string[] }) => {
      const { catalogList, orgCatalog } = await import('./commands/catalog.js');
      const catalog = await orgCatalog(io, options.catalog);
      exitCode = typeof catalog === 'number' ? catalog : catalogList(options, io, catalog);
    }), {
    exits: [[0, 'listed'], [2, usageError]],
    examples: ['aithreat catalog list --kind threat', 'aithreat catalog list --format json'],
  });
  withHelp(catalog
    .command('show')
    .description('show everything about one section, threat or control; ids are case-insensitive and aliases work')
    .argument('<id>', 'section, threat or control id, such as DATAPOISON, developmenttime or transferlearningattack')
    .option('-f, --format <format>', 'text (or table) or json (default: text)', readableFormat('text'))
    .option('--catalog <dir>', "an organisation's catalog folder to look in too; repeatable (replaces `catalogs:` of .aithreatrc.yaml)", collect)
    .action(async (id: string, options: { format?: string; catalog?: string[] }) => {
      const { catalogShow, orgCatalog } = await import('./commands/catalog.js');
      const catalog = await orgCatalog(io, options.catalog);
      exitCode = typeof catalog === 'number' ? catalog : catalogShow(id, options, io, catalog);
    }), {
    exits: [[0, 'shown'], [2, `an unknown id (with the closest ids), or ${usageError}`]],
    examples: ['aithreat catalog show DATAPOISON', 'aithreat catalog show transferlearningattack --format json'],
  });

  const rules = withHelp(program.command('rules').description("an organisation's rules, written as data (see docs/org-rules.md)"), {
    exits: [[0, 'done'], [2, usageError]],
    examples: ['aithreat rules test examples/org/rules --catalog examples/org/catalog'],
  });
  withHelp(rules
    .command('test')
    .description('assess the fixtures in <dir>/tests with the rules of <dir>, and check what their comments expect (# expect: THREAT SEVERITY, # ok: THREAT, # factor: THREAT CODE); exit 1 when an expectation fails')
    .argument('<dir>', 'a folder of rules (YAML), with its fixtures in tests/')
    .option('--catalog <dir>', "an organisation's catalog folder the rules name threats and controls of; repeatable (replaces `catalogs:` of .aithreatrc.yaml)", collect)
    .option('--follow-symlinks', 'read files through symbolic links that lead outside the working directory (see SECURITY.md)')
    .action(async (dir: string, options: { catalog?: string[]; followSymlinks?: boolean }) => {
      const { rulesTestCommand } = await import('./commands/rules-test.js');
      exitCode = await rulesTestCommand(dir, options, io);
    }), {
    exits: [[0, 'every expectation of every fixture holds'], [1, 'an expectation fails'], [2, `a rule, catalog or fixture cannot be read, or there is nothing to test, or ${usageError}`]],
    examples: ['aithreat rules test examples/org/rules --catalog examples/org/catalog'],
  });

  registerWorkflowCommands(program, io, (code) => {
    exitCode = code;
  });

  withHelp(program
    .command('lsp')
    .description('run the language server over standard input and output: diagnostics, hover, completion, go to definition and quick fixes for project descriptions, policies and .aithreatrc.yaml as they are typed (see docs/lsp.md)')
    .option('--stdio', 'talk over standard input and output (the only transport; editors add this flag)')
    .addOption(new Option('--clientProcessId <pid>', 'the editor\'s process id, which some clients pass').hideHelp())
    .action(async () => {
      const { lspCommand } = await import('./commands/lsp.js');
      exitCode = await lspCommand();
    }), {
    exits: [[0, 'the editor sent shutdown, then exit'], [1, 'the editor sent exit without shutdown, or closed the connection'], [2, usageError]],
    examples: ['aithreat lsp', 'aithreat lsp --stdio'],
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
