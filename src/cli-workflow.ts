import type { Command } from 'commander';
import { readableFormat, usageError, withHelp, type CommandHelp } from './cli-help.js';
import type { Io } from './io.js';

/**
 * The commands that fit aithreat into a team's workflow: `init`, `schema`, `diff` and `import`.
 * Kept beside cli.ts so that file stays a readable list; each command is still imported lazily.
 */
export function registerWorkflowCommands(program: Command, io: Io, setExitCode: (code: number) => void): void {
  withHelp(program
    .command('init')
    .description('write a commented starter project description that validates and assesses as it is')
    .argument('[file]', "where to write it; '-' prints it", 'aithreat.yaml')
    .option('--name <name>', 'the project name')
    .option('--owner <owner>', 'the team or person accountable')
    .option('--training <mode>', 'how models are trained: from-scratch, fine-tuning, transfer-learning, continuous, federated, retrieval-augmented, hosted-fine-tuning; repeatable or comma-separated', collect)
    .option('--data-origin <origin>', 'where the training data comes from: internal, supplier, public-internet, collected-in-operation, user-generated, synthetic, federated-clients')
    .option('--agent', 'the model drives an agent: add a supplied ability (such as an MCP server) and its system prompt')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, options: { name?: string; owner?: string; training?: string[]; dataOrigin?: string; agent?: boolean; force?: boolean }) => {
      const { initCommand } = await import('./commands/init.js');
      setExitCode(initCommand(file, options, io));
    }), {
    exits: [[0, 'written (or printed)'], [2, `the file exists (without --force), cannot be written, or would not be valid with these options, or ${usageError}`]],
    examples: ['aithreat init', 'aithreat init ml/fraud/aithreat.yaml --name "Card fraud scoring" --training fine-tuning', 'aithreat init - > aithreat.yaml'],
  });

  withHelp(program
    .command('schema')
    .description('print a JSON Schema: project (default), policy, config, report, baseline, or catalog and rule for an organisation\'s files')
    .argument('[name]', 'project, policy, config, report, baseline, catalog or rule', 'project')
    .action(async (name: string) => {
      const { schemaCommand } = await import('./commands/schema.js');
      setExitCode(await schemaCommand(name, io));
    }), {
    exits: [[0, 'printed'], [2, `an unknown schema name, or ${usageError}`]],
    examples: ['aithreat schema > project.schema.json', 'aithreat schema report', 'aithreat schema rule'],
  });

  withHelp(program
    .command('diff')
    .description('compare the control gaps of two JSON reports (from assess --format json); exit 1 when a required gap is new')
    .argument('<old>', 'the earlier report (JSON)')
    .argument('<new>', 'the later report (JSON)')
    .option('-f, --format <format>', 'text (or table) or json (default: text)', readableFormat('text'))
    .option('--follow-symlinks', 'read reports through symbolic links that lead outside the working directory (see SECURITY.md)')
    .action(async (oldFile: string, newFile: string, options: { format?: string; followSymlinks?: boolean }) => {
      const { diffCommand } = await import('./commands/diff.js');
      setExitCode(diffCommand(oldFile, newFile, options, io));
    }), {
    exits: [[0, 'no required gap is new'], [1, 'a required gap is new'], [2, `a report cannot be read or is not a report, or ${usageError}`]],
    examples: ['aithreat diff aithreat-baseline.json aithreat-report.json', 'aithreat diff old.json new.json --format json'],
  });

  const importHelp: CommandHelp = {
    exits: [[0, 'drafted (the summary goes to stderr when the draft goes to stdout)'], [2, `the BOM cannot be read or imported, the output exists (without --force) or cannot be written, or ${usageError}`]],
    examples: ['aithreat import ml-bom.cdx.json -o aithreat.yaml', 'aithreat import spdx ai-bom.spdx3.json > aithreat.yaml', 'cat ml-bom.cdx.json | aithreat import - -o aithreat.yaml'],
  };
  const importer = withHelp(program
    .command('import')
    .description('draft a project description from an AI bill of materials (CycloneDX or SPDX 3, detected)')
    .argument('[bom]', "the BOM file (JSON), or '-' for standard input; its standard is detected")
    .option('-o, --output <file>', "where to write the project description (default: stdout; '-' too)")
    .option('--force', 'overwrite the output file if it exists')
    .option('--follow-symlinks', 'read the BOM through a symbolic link that leads outside the working directory (see SECURITY.md)'), importHelp);
  // The options belong to `import` itself, which reads them wherever they stand, also after a
  // subcommand: `import cyclonedx bom.json -o out.yaml`.
  const run = (standard: 'cyclonedx' | 'spdx' | undefined) => async (bom: string | undefined) => {
    if (bom === undefined) return importer.help({ error: true });
    const { importBomCommand } = await import('./commands/import.js');
    setExitCode(importBomCommand(standard, bom, importer.opts<{ output?: string; force?: boolean; followSymlinks?: boolean }>(), io));
  };
  importer.action(run(undefined));
  for (const [standard, what] of [
    ['cyclonedx', 'from a CycloneDX 1.4-1.7 JSON bill of materials (ML-BOM)'],
    ['spdx', 'from an SPDX 3.0 JSON-LD document with the AI and Dataset profiles'],
  ] as const) {
    withHelp(importer
      .command(standard)
      .description(`${what}; what it cannot say is marked TODO`)
      .argument('<bom>', "the BOM file (JSON), or '-' for standard input")
      .addHelpText('after', '\nOptions of `aithreat import` (-o, --force, --follow-symlinks) apply here too.')
      .action(run(standard)), { exits: importHelp.exits, examples: [`aithreat import ${standard} bom.json -o aithreat.yaml`] });
  }

  registerDiscoverCommand(program, io, setExitCode);
}

/**
 * `discover` reads a repository with tree-sitter's WebAssembly parser; the build gives it a
 * bundle of its own (dist/discover.cjs) so that no other command loads it.
 */
export function registerDiscoverCommand(program: Command, io: Io, setExitCode: (code: number) => void): void {
  withHelp(program
    .command('discover')
    .description("read a repository's code, notebooks, dependency files and model files (nothing is run); list what they show or draft a project description")
    .argument('<dir>', 'the repository to read')
    .option('-o, --output <file>', "draft a project description into this file ('-' prints it)")
    .option('--force', 'overwrite the output file if it exists')
    .option('-f, --format <format>', 'table (or text) or json (default: table; with -o, only the summary line)', readableFormat('table'))
    .option('--name <name>', 'the project name for the draft (default: the directory name)')
    .action(async (dir: string, options: { output?: string; force?: boolean; format?: string; name?: string }) => {
      const { discoverCommand } = await import('./commands/discover.js');
      setExitCode(await discoverCommand(dir, options, io));
    }), {
    exits: [[0, 'read (or drafted)'], [1, 'a model file imports dangerous pickle globals'], [2, `the directory cannot be read, the output exists (without --force) or cannot be written, or ${usageError}`]],
    examples: ['aithreat discover .', 'aithreat discover . -o aithreat.yaml', 'aithreat discover . --format json'],
  });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
