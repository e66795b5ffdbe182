import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyConfig, configFileName, loadConfig } from '../../src/config/load.js';
import { schemaCommand } from '../../src/commands/schema.js';
import { memoryIo } from '../../src/io.js';
import { schemas } from '../../src/schemas.js';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aithreat-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (text: string) => writeFileSync(join(dir, configFileName), text);

  it('is empty without a file', () => {
    expect(loadConfig(dir)).toEqual({ ok: true, config: {}, file: null });
  });

  it('reads every key', () => {
    write('configVersion: 1\nfailOn: medium\npolicy: policy.yaml\nformats: [table, sarif=out/aithreat.sarif]\nbaseline: base.json\nfailOnNewOnly: true\n');
    expect(loadConfig(dir)).toEqual({
      ok: true,
      file: configFileName,
      config: { configVersion: 1, failOn: 'medium', policy: 'policy.yaml', formats: ['table', 'sarif=out/aithreat.sarif'], baseline: 'base.json', failOnNewOnly: true },
    });
  });

  it('reads the folders of an organisation, the working directory itself included', () => {
    write('catalogs: [., org/catalog]\nrules: [org/rules]\n');
    expect(loadConfig(dir)).toMatchObject({ ok: true, config: { catalogs: ['.', 'org/catalog'], rules: ['org/rules'] } });
  });

  it('names the repository to discover inside the working directory, the directory itself included', () => {
    write('discover: .\n');
    expect(loadConfig(dir)).toEqual({ ok: true, file: configFileName, config: { discover: '.' } });
    expect(applyConfig<{ discover?: string }>({}, { discover: '.' }).discover).toBe('.');
    expect(applyConfig({ discover: 'typed' }, { discover: '.' }).discover).toBe('typed');
  });

  it.each([
    ['failOn: severe\n', 1, 9, /`failOn` is `severe`; allowed values: critical, high, medium, low, none/],
    ['formats: [table]\nasOf: 2025-01-01\n', 2, 1, /unknown key `asOf` in the file/],
    ['formats: [pdf]\n', 1, 11, /`formats\.0` is `pdf`; expected a format name/],
    ['failOnNewOnly: yes\n', 1, 16, /`failOnNewOnly` must be true or false/],
    ['failOn: [high\n', 2, 1, /YAML syntax error/],
    ['catalogs: [org/catalog, ../shared]\n', 1, 25, /`catalogs\.1` names `\.\.\/shared`, outside the working directory/],
    ['rules: [/srv/rules]\n', 1, 9, /`rules\.0` names `\/srv\/rules`, an absolute path/],
    ['catalogs: []\n', 1, 11, /`catalogs` must list at least 1 item/],
    ['discover: ../other-repo\n', 1, 11, /`discover` names `\.\.\/other-repo`, outside the working directory; a configuration may only name folders inside the working directory/],
    ['discover: /srv/repo\n', 1, 11, /`discover` names `\/srv\/repo`, an absolute path/],
  ])('reports %j at %i:%i', (text, line, column, message) => {
    write(text);
    const loaded = loadConfig(dir);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems[0]).toMatchObject({ file: configFileName, line, column, message: expect.stringMatching(message) });
  });
});

describe('applyConfig', () => {
  const config = { failOn: 'low' as const, policy: 'p.yaml', formats: ['markdown'], baseline: 'b.json', failOnNewOnly: true };
  it('fills what the flags leave out', () => {
    expect(applyConfig({}, config)).toEqual({ failOn: 'low', policy: 'p.yaml', format: ['markdown'], baseline: 'b.json', failOnNewOnly: true });
  });
  it('lets every flag win, and --format replace the whole list', () => {
    const flags = { failOn: 'critical' as const, policy: 'q.yaml', format: ['json'], baseline: 'c.json', failOnNewOnly: false, asOf: '2025-01-01' };
    expect(applyConfig(flags, config)).toEqual(flags);
  });
});

describe('schemaCommand', () => {
  it.each(Object.keys(schemas))('prints the %s schema as JSON', async (name) => {
    const io = memoryIo();
    expect(await schemaCommand(name, io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual(schemas[name as keyof typeof schemas]);
  });
  it.each(['catalog', 'rule'])('prints the %s schema of an organisation\'s files', async (name) => {
    const io = memoryIo();
    expect(await schemaCommand(name, io)).toBe(0);
    expect(JSON.parse(io.out()).$id).toBe(`https://aithreat.dev/schemas/${name}/v1.json`);
  });
  it('prints the project schema by default', async () => {
    const io = memoryIo();
    expect(await schemaCommand(undefined, io)).toBe(0);
    expect(JSON.parse(io.out()).$id).toBe('https://aithreat.dev/schemas/project/v1.json');
  });
  it('names the schemas it has when asked for another', async () => {
    const io = memoryIo();
    expect(await schemaCommand('catalogue', io)).toBe(2);
    expect(io.err()).toBe("aithreat: unknown schema 'catalogue'; expected one of: project, policy, config, report, baseline, catalog, rule\n");
  });
});
