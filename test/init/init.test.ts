import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/assess/report.js';
import { getCatalog } from '../../src/catalog/bundled.js';
import { initCommand } from '../../src/commands/init.js';
import { dataOrigins, projectSchemaUrl, renderTemplate, trainingModes, yamlString } from '../../src/init/template.js';
import { memoryIo } from '../../src/io.js';
import { parseSource } from '../../src/load/source.js';
import type { DatasetOrigin, TrainingMode } from '../../src/project/types.js';
import { parseProject } from '../../src/validate/load-project.js';

/** Every combination of training modes: 2^7 subsets. */
const subsets = Array.from({ length: 2 ** trainingModes.length }, (_, bits) => trainingModes.filter((_, i) => bits & (1 << i)));

function check(text: string) {
  const checked = parseProject(text, 'aithreat.yaml');
  if (!checked.ok) throw new Error(checked.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return checked;
}

describe('renderTemplate', () => {
  it('starts with the schema line for the YAML language server', () => {
    expect(renderTemplate().split('\n')[0]).toBe(`# yaml-language-server: $schema=${projectSchemaUrl}`);
  });

  const assessable = (modes: readonly TrainingMode[], dataOrigin?: DatasetOrigin, agent = false) => {
    const checked = check(renderTemplate({ training: modes, dataOrigin, agent }));
    const report = buildReport([{ source: checked.source, project: checked.value }], { catalog: getCatalog(), asOf: '2025-01-01', failOn: 'high', undeclared: 'count', policy: null });
    expect(report.projects).toHaveLength(1);
    expect(new Set(checked.value.training?.map((t) => t.mode))).toEqual(new Set(modes.length > 0 ? modes : ['from-scratch']));
  };

  it('validates and assesses for every combination of training modes', () => {
    for (const modes of subsets) assessable(modes);
  }, 30_000);

  it('validates and assesses for every data origin, with any training modes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...subsets), fc.constantFrom(...dataOrigins), (modes, origin) => assessable(modes, origin)),
      { numRuns: 150 },
    );
  }, 30_000);

  it('puts the name and owner in the file exactly as given', () => {
    const text = fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() === s && s.length > 0 && !/[\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufeff\u2028\u2029]/.test(s));
    fc.assert(
      fc.property(text, text, (name, owner) => {
        const checked = check(renderTemplate({ name, owner }));
        expect(checked.value.project).toMatchObject({ name, owner });
      }),
      { numRuns: 300 },
    );
  });

  it('marks what is a placeholder', () => {
    const text = renderTemplate();
    expect(text).toContain("name: My ML project # TODO(aithreat init): the project's name");
    expect(text).toContain('# owner:');
    expect(renderTemplate({ owner: 'Fraud ML' })).toContain('  owner: Fraud ML\n');
  });

  it('states the data origin it was given, with a supplier for supplier data', () => {
    const checked = check(renderTemplate({ dataOrigin: 'supplier' as DatasetOrigin }));
    expect(checked.value.datasets?.[0]).toMatchObject({ origin: 'supplier', supplyChain: [{ supplier: 'data-vendor', role: 'provides' }] });
  });

  it('has no comment line that the YAML parser sees as data', () => {
    const loaded = parseSource(renderTemplate({ training: trainingModes as TrainingMode[], agent: true }), 'x.yaml');
    expect(loaded.ok).toBe(true);
  });

  it('validates and assesses with --agent for every combination of training modes', () => {
    for (const modes of subsets) assessable(modes, undefined, true);
  }, 30_000);

  it('adds a supplied ability and the system prompt for an agent, counted the cautious way', () => {
    const checked = check(renderTemplate({ agent: true }));
    expect(checked.value.suppliers?.find((s) => s.id === 'tool-vendor')).toMatchObject({ supplies: ['abilities'] });
    expect(checked.value.abilities).toEqual([{ id: 'tool-server', kind: 'mcp-server', origin: 'supplied', supplier: 'tool-vendor', usedBy: ['model'], pinned: false, verified: false }]);
    expect(checked.value.assets).toEqual([{ id: 'system-prompt', kind: 'system-prompt', usedBy: ['model'], storedIn: ['training'], changeReview: false, integrityChecked: false }]);
    const report = buildReport([{ source: checked.source, project: checked.value }], { catalog: getCatalog(), asOf: '2025-01-01', failOn: 'high', undeclared: 'count', policy: null });
    const factors = report.projects[0]!.threats.flatMap((t) => t.factors.map((f) => f.code));
    expect(factors).toEqual(expect.arrayContaining(['ability-unpinned', 'ability-unverified', 'asset-changes-unreviewed', 'asset-not-checked']));
  });

  it('writes no abilities or assets without --agent, and offers kind: adapter where a base model is fine-tuned', () => {
    const text = renderTemplate({ training: ['fine-tuning'] });
    expect(check(text).value).not.toHaveProperty('abilities');
    expect(check(text).value).not.toHaveProperty('assets');
    expect(text).toContain('    # kind: adapter');
    expect(check(text.replace('    # kind: adapter', '    kind: adapter')).value.models?.[1]).toMatchObject({ kind: 'adapter', baseModel: 'base-model' });
  });
});

describe('yamlString', () => {
  it.each([
    ['Fraud scoring', 'Fraud scoring'],
    ['true', '"true"'],
    ['123', '"123"'],
    ['a: b', '"a: b"'],
    ['a #b', '"a #b"'],
    ['- x', '"- x"'],
    ["Member's assistant (EU)", "Member's assistant (EU)"],
  ])('%s', (value, expected) => expect(yamlString(value)).toBe(expected));
});

describe('initCommand', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aithreat-init-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes aithreat.yaml by default, and nothing else', () => {
    const io = memoryIo({ cwd: dir });
    expect(initCommand(undefined, { name: 'Fraud', training: ['fine-tuning,retrieval-augmented'], owner: 'Risk ML' }, io)).toBe(0);
    expect(readdirSync(dir)).toEqual(['aithreat.yaml']);
    const checked = check(readFileSync(join(dir, 'aithreat.yaml'), 'utf8'));
    expect(checked.value.training?.map((t) => t.mode)).toEqual(['fine-tuning', 'retrieval-augmented']);
    expect(io.out()).toContain('wrote aithreat.yaml');
  });

  it('refuses to overwrite an existing file without --force', () => {
    writeFileSync(join(dir, 'aithreat.yaml'), 'mine\n');
    const io = memoryIo({ cwd: dir });
    expect(initCommand(undefined, {}, io)).toBe(2);
    expect(io.err()).toBe('aithreat: aithreat.yaml already exists; use --force to overwrite it\n');
    expect(readFileSync(join(dir, 'aithreat.yaml'), 'utf8')).toBe('mine\n');
    expect(readdirSync(dir)).toEqual(['aithreat.yaml']);
    expect(initCommand(undefined, { force: true }, memoryIo({ cwd: dir }))).toBe(0);
    expect(readFileSync(join(dir, 'aithreat.yaml'), 'utf8')).toContain('formatVersion: 1');
  });

  it('prints to stdout for -', () => {
    const io = memoryIo({ cwd: dir });
    expect(initCommand('-', { training: ['federated'] }, io)).toBe(0);
    expect(io.out()).toBe(renderTemplate({ training: ['federated'] }));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects unknown training modes and data origins with the allowed values', () => {
    const io = memoryIo({ cwd: dir });
    expect(initCommand(undefined, { training: ['fine-tuning', 'rlhf'] }, io)).toBe(2);
    expect(io.err()).toMatch(/^aithreat: unknown training mode 'rlhf'; expected one or more of: from-scratch, fine-tuning, /);
    const io2 = memoryIo({ cwd: dir });
    expect(initCommand(undefined, { dataOrigin: 'scraped' }, io2)).toBe(2);
    expect(io2.err()).toMatch(/^aithreat: unknown data origin 'scraped'; expected one of: internal, /);
    expect(existsSync(join(dir, 'aithreat.yaml'))).toBe(false);
  });

  it('refuses a name the schema does not allow, and writes nothing', () => {
    const io = memoryIo({ cwd: dir });
    expect(initCommand('p.aithreat.yaml', { name: 'x'.repeat(501) }, io)).toBe(2);
    expect(io.err()).toContain('nothing was written');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a folder that does not exist as a write error', () => {
    const io = memoryIo({ cwd: dir });
    expect(initCommand('no/such/dir/aithreat.yaml', {}, io)).toBe(2);
    expect(io.err()).toMatch(/^aithreat: cannot write .*aithreat\.yaml \(ENOENT\)\n$/);
  });
});
