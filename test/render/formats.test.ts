import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import configSchema from '../../schemas/config.schema.json' with { type: 'json' };
import { formatNames, formats } from '../../src/render/index.js';
import { getValidator } from '../../src/validate/validators.js';
import { runSourceCli } from '../helpers/run-cli.js';

// The format registry in src/render/index.ts is the one list of formats; everything that names the
// formats is held to it here, so adding a format to it and forgetting one of these fails.
describe('one format registry', () => {
  const validate = getValidator('config');

  it('the config schema accepts every registered format, alone and with a file, and nothing else', () => {
    for (const name of formatNames) {
      expect(validate({ configVersion: 1, formats: [name] }), name).toBe(true);
      expect(validate({ configVersion: 1, formats: [`${name}=out/report.${formats[name].extension}`] }), name).toBe(true);
    }
    expect(validate({ configVersion: 1, formats: ['csv'] })).toBe(false);
  });

  it('the config schema names exactly the registered formats', () => {
    const pattern = configSchema.properties.formats.items.pattern;
    expect(/^\^\(([a-z|]+)\)/.exec(pattern)?.[1]?.split('|')).toEqual(formatNames);
  });

  it('the help text of assess lists every format', async () => {
    const { stdout } = await runSourceCli(['assess', '--help']);
    expect(stdout.replace(/\s+/g, ' ')).toContain(`output format: ${formatNames.join(', ')}`);
  });

  it('the README has a row for every format, in registry order', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('| format | for | notes |')).split('\n').slice(2);
    const rows = table.slice(0, table.findIndex((line) => !line.startsWith('|')));
    expect(rows.map((row) => /^\| `([a-z]+)`/.exec(row)?.[1])).toEqual(formatNames);
  });
});
