import type { Command } from 'commander';
import { wrapText } from './render/wrap-text.js';

/**
 * What every command's `--help` ends with: its exit codes and examples to copy. Kept beside the
 * commands in cli.ts and cli-workflow.ts, so a new command gets them where it is defined;
 * test/e2e/help.test.ts fails for a command without them.
 */
export interface CommandHelp {
  exits: readonly (readonly [code: 0 | 1 | 2, meaning: string])[];
  examples: readonly string[];
}

export function helpText({ exits, examples }: CommandHelp): string {
  return [
    '',
    'Exit codes:',
    ...exits.flatMap(([code, meaning]) => wrapText(meaning, 75).map((line, i) => `${i === 0 ? `  ${code}  ` : '     '}${line}`)),
    '',
    'Examples:',
    ...examples.map((example) => `  $ ${example}`),
  ].join('\n');
}

export function withHelp<C extends Command>(command: C, help: CommandHelp): C {
  return command.addHelpText('after', helpText(help));
}

/**
 * `text` and `table` name one thing on every command, its human-readable output: `validate -f
 * table` and `assess -f text` work as well as `validate -f text` and `assess -f table`.
 */
export function readableFormat(own: 'text' | 'table'): (value: string) => string {
  return (value) => (value === 'text' || value === 'table' ? own : value);
}

/** The usage error every command shares. */
export const usageError = 'a usage error: an unknown command, flag or value';
