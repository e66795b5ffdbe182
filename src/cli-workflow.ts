import type { Command } from 'commander';
import type { Io } from './io.js';

/**
 * The commands that fit aithreat into a team's workflow: `init`, `schema`, `diff` and `import`.
 * Kept beside cli.ts so that file stays a readable list; each command is still imported lazily.
 */
export function registerWorkflowCommands(program: Command, io: Io, setExitCode: (code: number) => void): void {
  program
    .command('init')
    .description('write a commented starter project description that validates and assesses as it is')
    .argument('[file]', "where to write it; '-' prints it", 'aithreat.yaml')
    .option('--name <name>', 'the project name')
    .option('--owner <owner>', 'the team or person accountable')
    .option('--training <mode>', 'how models are trained: from-scratch, fine-tuning, transfer-learning, continuous, federated, retrieval-augmented, hosted-fine-tuning; repeatable or comma-separated', collect)
    .option('--data-origin <origin>', 'where the training data comes from: internal, supplier, public-internet, collected-in-operation, user-generated, synthetic, federated-clients')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, options: { name?: string; owner?: string; training?: string[]; dataOrigin?: string; force?: boolean }) => {
      const { initCommand } = await import('./commands/init.js');
      setExitCode(initCommand(file, options, io));
    });

  program
    .command('schema')
    .description('print a JSON Schema: project (default), policy, config or report')
    .argument('[name]', 'project, policy, config or report', 'project')
    .action(async (name: string) => {
      const { schemaCommand } = await import('./commands/schema.js');
      setExitCode(schemaCommand(name, io));
    });

  program
    .command('diff')
    .description('compare the control gaps of two JSON reports (from assess --format json); exit 1 when a required gap is new')
    .argument('<old>', 'the earlier report (JSON)')
    .argument('<new>', 'the later report (JSON)')
    .option('-f, --format <format>', 'text or json (default: text)')
    .option('--follow-symlinks', 'read reports through symbolic links that lead outside the working directory (see SECURITY.md)')
    .action(async (oldFile: string, newFile: string, options: { format?: string; followSymlinks?: boolean }) => {
      const { diffCommand } = await import('./commands/diff.js');
      setExitCode(diffCommand(oldFile, newFile, options, io));
    });

  const importer = program.command('import').description('draft a project description from another format');
  importer
    .command('cyclonedx')
    .description('from a CycloneDX 1.5 or 1.6 JSON bill of materials (ML-BOM); what it cannot say is marked TODO')
    .argument('<bom>', 'the BOM file (JSON)')
    .option('-o, --output <file>', "where to write the project description (default: stdout; '-' too)")
    .option('--force', 'overwrite the output file if it exists')
    .option('--follow-symlinks', 'read the BOM through a symbolic link that leads outside the working directory (see SECURITY.md)')
    .action(async (bom: string, options: { output?: string; force?: boolean; followSymlinks?: boolean }) => {
      const { importCycloneDxCommand } = await import('./commands/import.js');
      setExitCode(importCycloneDxCommand(bom, options, io));
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
