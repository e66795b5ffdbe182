import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchemaWithFormats, readmeWithFormats } from '../../scripts/format-docs.js';
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

  it('the config schema and the README are written from the registry (npx tsx scripts/update-docs.ts)', () => {
    const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    expect(read('schemas/config.schema.json')).toBe(configSchemaWithFormats(read('schemas/config.schema.json')));
    expect(read('README.md')).toBe(readmeWithFormats(read('README.md')));
  });

  it('the help text of assess lists every format', async () => {
    const { stdout } = await runSourceCli(['assess', '--help']);
    expect(stdout.replace(/\s+/g, ' ')).toContain(`output format: ${formatNames.join(', ')}`);
  });
});
