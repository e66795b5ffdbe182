import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/io.js';
import { catalogList, catalogShow } from '../../src/commands/catalog.js';
import { getCatalog } from '../../src/catalog/bundled.js';

const catalog = getCatalog();
const ESC = '\u001b[';

function run(command: (io: ReturnType<typeof memoryIo>) => number, overrides: Parameters<typeof memoryIo>[0] = {}) {
  const io = memoryIo(overrides);
  const code = command(io);
  return { code, out: io.out(), err: io.err() };
}

describe('catalog list', () => {
  it('shows all 8 threats and 33 controls in tables that fit 80 columns', () => {
    const { code, out, err } = run((io) => catalogList({}, io));
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('Threats (8)');
    expect(out).toContain('Controls (33)');
    for (const entry of [...catalog.threats, ...catalog.controls]) expect(out).toContain(entry.id);
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(out).not.toContain(ESC);
  });

  it('filters by kind', () => {
    const { out } = run((io) => catalogList({ kind: 'threat' }, io));
    expect(out).toContain('DATAPOISON');
    expect(out).not.toContain('Controls (');
  });

  it('prints stable JSON with full entries', () => {
    const { code, out } = run((io) => catalogList({ format: 'json' }, io));
    expect(code).toBe(0);
    const json = JSON.parse(out) as { catalogVersion: number; threats: { id: string }[]; controls: { id: string }[] };
    expect(Object.keys(json)).toEqual(['catalogVersion', 'threats', 'controls']);
    expect(json.catalogVersion).toBe(1);
    expect(json.threats).toHaveLength(8);
    expect(json.controls).toHaveLength(33);
    expect(Object.keys(json.threats[0] ?? {}).slice(0, 3)).toEqual(['kind', 'id', 'aliases']);
    expect(json.threats).toEqual(catalog.threats);
    expect(json.controls).toEqual(catalog.controls);
  });

  it('prints one GFM table per kind', () => {
    const { out } = run((io) => catalogList({ format: 'markdown' }, io));
    expect(out).toContain('## Threats');
    expect(out).toContain('## Controls');
    expect(out).toContain('| `DATAPOISON` | Data poisoning | MODELPOISON | 26 |');
    expect(out.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(41);
  });

  it('colours only when asked: a terminal without NO_COLOR, or FORCE_COLOR', () => {
    expect(run((io) => catalogList({}, io), { stdoutIsTTY: true, env: {} }).out).toContain(ESC);
    expect(run((io) => catalogList({}, io), { stdoutIsTTY: true, env: { NO_COLOR: '1' } }).out).not.toContain(ESC);
    expect(run((io) => catalogList({}, io), { stdoutIsTTY: false, env: { FORCE_COLOR: '1' } }).out).toContain(ESC);
    expect(run((io) => catalogList({}, io), { stdoutIsTTY: false, env: {} }).out).not.toContain(ESC);
  });

  it.each([
    [{ kind: 'threats' }, /--kind; expected one of: threat, control/],
    [{ format: 'yaml' }, /--format; expected one of: table, json, markdown/],
  ])('exits 2 for %j, naming the allowed values', (options, message) => {
    const { code, out, err } = run((io) => catalogList(options, io));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });
});

describe('catalog show', () => {
  it('shows DATAPOISON with its five attack vectors and ATLAS references', () => {
    const { code, out } = run((io) => catalogShow('datapoison', {}, io));
    expect(code).toBe(0);
    for (const vector of ['in-storage', 'in-transit', 'at-data-supplier', 'at-model-supplier', 'data-entry-in-operation']) {
      expect(out).toContain(`${vector}:`);
    }
    expect(out).toMatch(/AML\.T0020\s+Poison Training Data/);
    expect(out).toMatch(/AML\.T0019\s+Publish Poisoned Datasets/);
    expect(out).toContain('https://owaspai.org/go/datapoison/');
    expect(out).toContain('* DEVDATAPROTECT:');
    expect(out).toContain('LLM04:2025');
  });

  it('prints the same for an id and its alias', () => {
    const byId = run((io) => catalogShow('TRANSFERLEARNINGATTACK', {}, io));
    const byAlias = run((io) => catalogShow('supplymodelpoison', {}, io));
    expect(byAlias.code).toBe(0);
    expect(byAlias.out).toBe(byId.out);
    expect(byId.out).toContain('Aliases: SUPPLYMODELPOISON');
  });

  it('shows a control with a practice checklist, standards and counters', () => {
    const { out } = run((io) => catalogShow('SEGREGATEDATA', {}, io));
    expect(out.match(/\[ \]/g)).toHaveLength(5);
    // The line may wrap; compare with whitespace collapsed.
    expect(out.replace(/\s+/g, ' ')).toContain('partial ISO/IEC 27002 8.31: Separation of development, test and production environments');
    expect(out).toContain('Counters (7)');
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('prints the entry as JSON', () => {
    const { out } = run((io) => catalogShow('DEVSECURITY', { format: 'json' }, io));
    expect(JSON.parse(out)).toEqual(catalog.controls.find((c) => c.id === 'DEVSECURITY'));
  });

  it('exits 2 for an unknown id, with suggestions', () => {
    const { code, out, err } = run((io) => catalogShow('datapoision', {}, io));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^aithreat: unknown catalog id 'datapoision'; did you mean `DATAPOISON`(, `[A-Z]+`)*( or `[A-Z]+`)?\?\n$/);
  });

  it('exits 2 for an invalid format', () => {
    const { code, err } = run((io) => catalogShow('datapoison', { format: 'table' }, io));
    expect(code).toBe(2);
    expect(err).toMatch(/expected one of: text, json/);
  });
});
