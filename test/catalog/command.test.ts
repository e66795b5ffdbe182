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
  it('shows the section, all 8 threats and 33 controls in tables that fit 80 columns', () => {
    const { code, out, err } = run((io) => catalogList({}, io));
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('Sections (1)');
    expect(out).toContain('Threats (8)');
    expect(out).toContain('Controls (33)');
    for (const entry of [...catalog.sections, ...catalog.threats, ...catalog.controls]) expect(out).toContain(entry.id);
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(out).not.toContain(ESC);
  });

  it('filters by kind', () => {
    const { out } = run((io) => catalogList({ kind: 'threat' }, io));
    expect(out).toContain('DATAPOISON');
    expect(out).not.toContain('Controls (');
    expect(out).not.toContain('Sections (');
    const sections = run((io) => catalogList({ kind: 'section' }, io)).out;
    expect(sections).toContain('DEVELOPMENTTIME');
    expect(sections).not.toContain('Threats (');
  });

  it('prints stable JSON with full entries', () => {
    const { code, out } = run((io) => catalogList({ format: 'json' }, io));
    expect(code).toBe(0);
    const json = JSON.parse(out) as { catalogVersion: number; sections: { id: string }[]; threats: { id: string }[]; controls: { id: string }[] };
    expect(Object.keys(json)).toEqual(['catalogVersion', 'sections', 'threats', 'controls']);
    expect(json.catalogVersion).toBe(2);
    expect(json.sections.map((s) => s.id)).toEqual(['DEVELOPMENTTIME']);
    expect(json.threats).toHaveLength(8);
    expect(json.controls).toHaveLength(33);
    expect(Object.keys(json.threats[0] ?? {}).slice(0, 3)).toEqual(['kind', 'id', 'aliases']);
    expect(json.sections).toEqual(catalog.sections);
    expect(json.threats).toEqual(catalog.threats);
    expect(json.controls).toEqual(catalog.controls);
  });

  it('says in the JSON which editions each entry comes from, and leaves out coverage the source does not state', () => {
    const json = JSON.parse(run((io) => catalogList({ format: 'json' }, io)).out) as {
      threats: { id: string; editions?: string[] }[];
      controls: { id: string; editions?: string[]; standards: { ref: string; coverage?: string }[] }[];
    };
    expect(json.threats.find((t) => t.id === 'DATAPOISON')?.editions).toEqual(['2024', '2026-08']);
    const devsecurity = json.controls.find((c) => c.id === 'DEVSECURITY');
    expect(devsecurity?.standards[0]).not.toHaveProperty('coverage');
    expect(json.controls.find((c) => c.id === 'DEVDATAPROTECT')?.editions).toEqual(['2024']);
  });

  it('prints one GFM table per kind', () => {
    const { out } = run((io) => catalogList({ format: 'markdown' }, io));
    expect(out).toContain('## Threats');
    expect(out).toContain('## Controls');
    expect(out).toContain('## Sections');
    expect(out).toContain('| `DEVELOPMENTTIME` | Development-time threats (section introduction) | MODELPOISON DEVLEAK | 6 |');
    expect(out).toContain('| `DATAPOISON` | Data poisoning | MODELPOISON | 25 |');
    expect(out.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(42);
  });

  it('colours only when asked: a terminal without NO_COLOR, or FORCE_COLOR', () => {
    expect(run((io) => catalogList({}, io), { stdoutIsTTY: true, env: {} }).out).toContain(ESC);
    expect(run((io) => catalogList({}, io), { stdoutIsTTY: true, env: { NO_COLOR: '1' } }).out).not.toContain(ESC);
    expect(run((io) => catalogList({}, io), { stdoutIsTTY: false, env: { FORCE_COLOR: '1' } }).out).toContain(ESC);
    expect(run((io) => catalogList({}, io), { stdoutIsTTY: false, env: {} }).out).not.toContain(ESC);
  });

  it.each([
    [{ kind: 'threats' }, /--kind; expected one of: section, threat, control/],
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
    const byId = run((io) => catalogShow('SUPPLYMODELPOISON', {}, io));
    const byAlias = run((io) => catalogShow('transferlearningattack', {}, io));
    expect(byAlias.code).toBe(0);
    expect(byAlias.out).toBe(byId.out);
    expect(byId.out).toContain('Aliases: TRANSFERLEARNINGATTACK');
    expect(byId.out).toContain('https://owaspai.org/go/supplymodelpoison/');
  });

  it('says which editions the facts come from', () => {
    expect(run((io) => catalogShow('datapoison', {}, io)).out).toContain('Facts from the 2024 edition and the current edition (2026-08) of the AI Exchange');
    expect(run((io) => catalogShow('devdataprotect', {}, io)).out).toContain('Facts from the 2024 edition of the AI Exchange');
    expect(run((io) => catalogShow('oversight', {}, io)).out).toContain('Facts from the current edition (2026-08) of the AI Exchange');
  });

  it('shows the section introduction, which is no threat', () => {
    const { code, out } = run((io) => catalogShow('developmenttime', {}, io));
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('DEVELOPMENTTIME  Development-time threats (section introduction)');
    expect(out).toContain('section · groups MODELPOISON, DEVLEAK');
    expect(out).toContain('https://owaspai.org/go/developmenttime/');
    expect(out).toContain('Agentic development-time threats');
    expect(out).toMatch(/^ {2}tool-integration-vulnerabilities\n {4}Connectors to tools/m);
    expect(out).toContain('  SUPPLYCHAINMANAGE:');
    // ISO/IEC 42001 B.7.2 has no level in the source: a dash, not a level.
    expect(out).toMatch(/^ {2}- {7}ISO\/IEC 42001 B\.7\.2: Data for development and enhancement of AI system$/m);
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    const json = JSON.parse(run((io) => catalogShow('DEVELOPMENTTIME', { format: 'json' }, io)).out) as { kind: string };
    expect(json).toEqual(catalog.sections[0]);
    expect(json.kind).toBe('section');
  });

  it('names the parent of an ATLAS sub-technique', () => {
    expect(run((io) => catalogShow('devmodelpoison', {}, io)).out).toMatch(/AML\.T0018\.002\s+Embed Malware \(sub-technique of AML\.T0018\)/);
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
