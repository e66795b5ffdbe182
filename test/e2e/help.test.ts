import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/run-cli.js';

/** The commands a help text lists under `Commands:`, `help` aside. */
function commandsOf(help: string): string[] {
  const section = help.slice(help.indexOf('\nCommands:\n') + 11).split('\n\n')[0]!;
  return [...section.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
}

/** Every command and subcommand, found from the help texts themselves: a new one is checked too. */
function everyCommand(): string[][] {
  const found: string[][] = [];
  const visit = (path: string[]) => {
    found.push(path);
    const help = runBuiltCli([...path, '--help']).stdout;
    if (help.includes('\nCommands:\n')) for (const sub of commandsOf(help)) visit([...path, sub]);
  };
  visit([]);
  return found;
}

describe('--help', () => {
  const commands = everyCommand();

  it('reaches every command', () => {
    expect(commands.map((c) => c.join(' '))).toEqual(['', 'validate', 'assess', 'catalog', 'catalog list', 'catalog show', 'rules', 'rules test', 'init', 'schema', 'diff', 'import', 'import cyclonedx', 'import spdx', 'discover', 'lsp']);
  });

  it.each(commands.map((c) => [c.join(' ') || 'aithreat', c] as const))('of %s lists its exit codes and an example', (_, path) => {
    const result = runBuiltCli([...path, '--help']);
    expect(result.code).toBe(0);
    const [, exits, examples] = /\nExit codes:\n((?: {2}[012] {2}.*\n(?: {5}.*\n)*)+)\nExamples:\n((?: {2}\$ .*\n)+)$/.exec(result.stdout) ?? [];
    expect(exits, result.stdout).toBeDefined();
    const entries = exits!.replace(/\n {5}/g, ' ').trimEnd().split('\n');
    expect(entries[0]).toMatch(/^ {2}0 {2}/);
    expect(entries.at(-1)).toMatch(/^ {2}2 {2}.*usage error/);
    expect(examples).toContain(`$ aithreat ${path.join(' ')}`.trimEnd());
    for (const line of result.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  });
});
