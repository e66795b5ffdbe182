import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import projectSchema from '../../schemas/project.schema.json' with { type: 'json' };
import atlas from '../fixtures/catalog/atlas-5.6.json' with { type: 'json' };
import { getCatalog } from '../../src/catalog/bundled.js';
import { loadCatalogDirectory, parseCatalogFiles } from '../../src/catalog/load.js';
import { controlById, threatById } from '../../src/catalog/lookup.js';
import type { CatalogEntry } from '../../src/catalog/types.js';

const catalogDir = fileURLToPath(new URL('../../catalog/', import.meta.url));
const catalog = getCatalog();
const threats = threatById(catalog);
const controls = controlById(catalog);
const entries: CatalogEntry[] = [...catalog.sections, ...catalog.threats, ...catalog.controls];

// Every id section 3 of the reference text defines (threats, groups, development-time controls)
// plus the controls it points to elsewhere, as listed in the task's catalog facts.
const EXPECTED_THREATS = ['DATAPOISON', 'DEVCODELEAK', 'DEVDATALEAK', 'DEVLEAK', 'DEVMODELLEAK', 'DEVMODELPOISON', 'MODELPOISON', 'SUPPLYMODELPOISON'];
const DEV_TIME_CONTROLS = ['DEVDATAPROTECT', 'DEVSECURITY', 'SEGREGATEDATA', 'CONFCOMPUTE', 'FEDERATEDLEARNING', 'SUPPLYCHAINMANAGE', 'MODELENSEMBLE', 'MORETRAINDATA', 'DATAQUALITYCONTROL', 'TRAINDATADISTORTION', 'POISONROBUSTMODEL'];
const GROUPED_GENERAL_CONTROLS: Record<string, string[]> = {
  governancecontrols: ['AIPROGRAM', 'SECPROGRAM', 'SECDEVPROGRAM', 'DEVPROGRAM', 'CHECKCOMPLIANCE', 'SECEDUCATE'],
  datalimit: ['DATAMINIMIZE', 'ALLOWEDDATA', 'SHORTRETAIN', 'OBFUSCATETRAININGDATA', 'DISCRETE'],
  limitunwanted: ['OVERSIGHT', 'LEASTMODELPRIVILEGE', 'AITRANSPARENCY', 'CONTINUOUSVALIDATION', 'EXPLAINABILITY', 'UNWANTEDBIASTESTING', 'MODELALIGNMENT'],
};
const OTHER_CONTROLS = ['TRAINADVERSARIAL', 'ADVERSARIALROBUSTDISTILLATION', 'EVASIONROBUSTMODEL', 'MODELWATERMARKING'];

/** Every piece of prose in an entry, wherever it sits. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(texts);
  return [];
}

function yamlFiles(kind: 'sections' | 'threats' | 'controls'): string[] {
  return readdirSync(join(catalogDir, kind)).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(catalogDir, kind, f));
}

describe('the built-in catalog files', () => {
  it.each([...yamlFiles('sections'), ...yamlFiles('threats'), ...yamlFiles('controls')])('%s validates on its own against the schema', (path) => {
    // Alone, references to other files cannot resolve; only schema and syntax problems count here.
    const { problems, catalog: one } = parseCatalogFiles([{ path, text: readFileSync(path, 'utf8') }]);
    expect(one.sections.length + one.threats.length + one.controls.length, JSON.stringify(problems)).toBe(1);
  });

  it('load together without any problem', () => {
    expect(loadCatalogDirectory(catalogDir).problems).toEqual([]);
  });

  it('are named after their id and kept in the folder of their kind', () => {
    for (const kind of ['sections', 'threats', 'controls'] as const) {
      for (const path of yamlFiles(kind)) {
        const entry = parse(readFileSync(path, 'utf8')) as { id: string; kind: string };
        expect(basename(path)).toBe(`${entry.id.toLowerCase()}.yaml`);
        expect(`${entry.kind}s`).toBe(kind);
      }
    }
  });
});

describe('catalog content', () => {
  it('holds the section introduction as its one section, over the two groups', () => {
    expect(catalog.sections.map((s) => s.id)).toEqual(['DEVELOPMENTTIME']);
    const [section] = catalog.sections;
    expect(section?.members).toEqual(['MODELPOISON', 'DEVLEAK']);
    expect(section?.controls.map((c) => c.id)).toEqual(['DEVSECURITY', 'DEVDATAPROTECT', 'SEGREGATEDATA', 'CONFCOMPUTE', 'FEDERATEDLEARNING', 'SUPPLYCHAINMANAGE']);
    expect(section?.particularities).toHaveLength(7);
    expect(section?.agenticThreats.map((t) => t.id)).toEqual(['malicious-agent-training', 'agent-behaviour-manipulation', 'tool-integration-vulnerabilities', 'planning-system-poisoning']);
    expect(section?.standards).toEqual([{ standard: 'ISO/IEC 42001', ref: 'B.7.2', title: 'Data for development and enhancement of AI system', note: expect.any(String) }]);
  });

  it('holds exactly the threats the source defines, sorted by id', () => {
    expect(catalog.threats.map((t) => t.id)).toEqual([...EXPECTED_THREATS].sort());
  });

  it('holds exactly the controls the source defines or points to, sorted by id', () => {
    const expected = [...DEV_TIME_CONTROLS, ...Object.values(GROUPED_GENERAL_CONTROLS).flat(), ...OTHER_CONTROLS];
    expect(catalog.controls.map((c) => c.id)).toEqual([...expected].sort());
  });

  it("has the same control ids as the project schema lists for editors", () => {
    expect(catalog.controls.map((c) => c.id).sort()).toEqual([...projectSchema.$defs.controlId.examples].sort());
  });

  it('has unique ids and aliases', () => {
    const names = [...catalog.threats.flatMap((t) => [t.id, ...t.aliases]), ...catalog.controls.map((c) => c.id)];
    expect(new Set(names).size).toBe(names.length);
  });

  it('links threats and controls both ways', () => {
    for (const threat of catalog.threats) {
      for (const { id } of threat.controls) expect(controls.get(id)?.counters, `${threat.id} -> ${id}`).toContain(threat.id);
    }
    for (const control of catalog.controls) {
      for (const id of control.counters) expect(threats.get(id)?.controls.map((c) => c.id), `${control.id} -> ${id}`).toContain(control.id);
    }
  });

  it('links groups and members both ways', () => {
    expect(threats.get('MODELPOISON')?.members.sort()).toEqual(['DATAPOISON', 'DEVMODELPOISON', 'SUPPLYMODELPOISON']);
    expect(threats.get('DEVLEAK')?.members.sort()).toEqual(['DEVCODELEAK', 'DEVDATALEAK', 'DEVMODELLEAK']);
    for (const threat of catalog.threats) {
      if (threat.group) expect(threats.get(threat.group)?.members).toContain(threat.id);
      for (const member of threat.members) expect(threats.get(member)?.group).toBe(threat.id);
    }
  });

  it('uses the /go/ form of every permalink, and no /goto/ link anywhere', () => {
    for (const entry of entries) {
      expect(entry.permalink, entry.id).toMatch(/^https:\/\/owaspai\.org\/go\/[a-z0-9]+\/$/);
      expect(entry.permalink, entry.id).toBe(`https://owaspai.org/go/${entry.id.toLowerCase()}/`);
      for (const text of texts(entry)) expect(text, entry.id).not.toMatch(/owaspai\.org\/goto\//);
    }
  });

  it(`uses only MITRE ATLAS ids of the pinned ATLAS ${atlas.version} copy, with their names`, () => {
    const techniques: Record<string, string> = atlas.techniques;
    const mitigations: Record<string, string> = atlas.mitigations;
    const used = catalog.threats.flatMap((t) => t.references.atlas);
    expect(used.length).toBeGreaterThan(0);
    for (const ref of used) expect(ref.name, ref.id).toBe(techniques[ref.id]);
    for (const ref of catalog.controls.flatMap((c) => c.atlasMitigations)) expect(ref.name, ref.id).toBe(mitigations[ref.id]);
  });

  it('names every ATLAS sub-technique by its own name, never with its parent prefixed', () => {
    const subTechniques = catalog.threats.flatMap((t) => t.references.atlas).filter((ref) => /\.\d{3}$/.test(ref.id));
    expect(subTechniques.length).toBeGreaterThan(0);
    for (const ref of subTechniques) expect(ref.name, ref.id).not.toContain(':');
  });

  it('records the editions each entry comes from; DEVDATAPROTECT is of the 2024 edition only', () => {
    for (const entry of entries) expect(entry.editions?.length, entry.id).toBeGreaterThan(0);
    expect(controls.get('DEVDATAPROTECT')?.editions).toEqual(['2024']);
    expect(findSection('DEVELOPMENTTIME')?.editions).toEqual(['2024', '2026-08']);
    for (const id of EXPECTED_THREATS) expect(threats.get(id)?.editions, id).toEqual(['2024', '2026-08']);
    for (const id of Object.values(GROUPED_GENERAL_CONTROLS).flat()) expect(controls.get(id)?.editions, id).toEqual(['2026-08']);
  });

  it('gives DATAPOISON the attack vectors of both editions and its ATLAS techniques', () => {
    const threat = threats.get('DATAPOISON');
    expect(threat?.attackVectors.map((v) => v.id)).toEqual([
      'in-storage', 'in-transit', 'at-data-supplier', 'at-model-supplier', 'data-entry-in-operation', 'insider', 'augmentation-data',
    ]);
    expect(threat?.references.atlas.map((r) => r.id)).toEqual(expect.arrayContaining(['AML.T0020', 'AML.T0019']));
    expect(threat?.references.owaspLlm2025.map((r) => r.id)).toContain('LLM04:2025');
    expect(threat?.references.owaspMl2023.map((r) => r.id)).toContain('ML02');
    expect(threat?.references.nistAi1002.map((r) => r.id)).toContain('2.3.2');
  });

  it('gives DEVMODELPOISON the current edition\'s ways in, and ATLAS techniques that fit them', () => {
    const threat = threats.get('DEVMODELPOISON');
    expect(threat?.attackVectors.map((v) => v.id)).toEqual(expect.arrayContaining(['model-swapping', 'malicious-layers', 'deserialisation', 'behaviour-shaping-assets']));
    expect(threat?.references.atlas.map((r) => r.id)).toEqual(['AML.T0018', 'AML.T0018.000', 'AML.T0018.001', 'AML.T0018.002', 'AML.T0011.000']);
    // Erode AI Model Integrity is about wearing a model down at runtime, not development-time tampering.
    for (const id of ['DEVMODELPOISON', 'MODELPOISON']) expect(threats.get(id)?.references.atlas.map((r) => r.id), id).not.toContain('AML.T0031');
  });

  it('writes the NIST AI 100-2 E2023 section names in full', () => {
    expect(threats.get('MODELPOISON')?.references.nistAi1002).toEqual([{ id: '2.3', name: 'Poisoning Attacks and Mitigations' }]);
    expect(threats.get('SUPPLYMODELPOISON')?.references.nistAi1002).toContainEqual({ id: '3.2', name: 'AI Supply Chain Attacks and Mitigations' });
  });

  it('keeps the counts the source states for practices and limitations', () => {
    expect(controls.get('TRAINDATADISTORTION')?.limitations).toHaveLength(2);
    expect(controls.get('DEVDATAPROTECT')?.practices).toHaveLength(5);
    expect(controls.get('SEGREGATEDATA')?.practices).toHaveLength(5);
    expect(controls.get('SUPPLYCHAINMANAGE')?.practices.map((p) => p.id).slice(0, 6)).toEqual([
      'provenance-and-pedigree', 'verify-signatures', 'package-repositories', 'frequent-patching', 'dependency-verification', 'ai-bom',
    ]);
  });

  it("names SEGREGATEDATA's areas as the project schema's environment areas", () => {
    const areas = projectSchema.$defs.environment.properties.area.enum;
    expect(controls.get('SEGREGATEDATA')?.practices.map((p) => p.id)).toEqual(areas);
  });

  it('gives development-time controls two practices or more, and the others at least one', () => {
    for (const control of catalog.controls) {
      expect(control.practices.length, control.id).toBeGreaterThanOrEqual(control.definedIn === 'development-time' ? 2 : 1);
    }
  });

  it('marks where each control is defined, and the groups of the general controls', () => {
    for (const id of DEV_TIME_CONTROLS) expect(controls.get(id)?.definedIn, id).toBe('development-time');
    for (const [group, ids] of Object.entries(GROUPED_GENERAL_CONTROLS)) {
      for (const id of ids) expect(controls.get(id), id).toMatchObject({ definedIn: 'general', group });
    }
    for (const id of OTHER_CONTROLS) expect(controls.get(id)?.definedIn, id).not.toBe('development-time');
  });

  it('marks the controls a reviewer requires first as primary', () => {
    const primary = (id: string) => threats.get(id)?.controls.filter((c) => c.primary).map((c) => c.id).sort();
    expect(primary('DATAPOISON')).toEqual(['DATAQUALITYCONTROL', 'DEVDATAPROTECT', 'SEGREGATEDATA', 'SUPPLYCHAINMANAGE']);
    expect(primary('DEVMODELPOISON')).toEqual(['DEVDATAPROTECT', 'DEVSECURITY', 'SEGREGATEDATA']);
    expect(primary('SUPPLYMODELPOISON')).toEqual(['POISONROBUSTMODEL', 'SUPPLYCHAINMANAGE']);
    expect(primary('DEVDATALEAK')).toEqual(['DATAMINIMIZE', 'DEVDATAPROTECT', 'SEGREGATEDATA']);
    expect(primary('DEVMODELLEAK')).toEqual(['DEVDATAPROTECT', 'DEVSECURITY', 'SEGREGATEDATA']);
    expect(primary('DEVCODELEAK')).toEqual(['DEVDATAPROTECT', 'DEVSECURITY']);
    expect(primary('MODELPOISON')).toEqual(['DEVDATAPROTECT', 'DEVSECURITY']);
    expect(primary('DEVLEAK')).toEqual(['DEVDATAPROTECT', 'DEVSECURITY']);
  });

  it('names the controls each edition lists per threat', () => {
    const named = (id: string) => threats.get(id)?.controls.map((c) => c.id);
    expect(named('DEVMODELPOISON')).toEqual(expect.arrayContaining(['CONTINUOUSVALIDATION', 'TRAINADVERSARIAL', 'ADVERSARIALROBUSTDISTILLATION']));
    expect(named('DEVMODELLEAK')).toEqual(expect.arrayContaining(['MODELWATERMARKING', 'SUPPLYCHAINMANAGE', 'CONFCOMPUTE']));
    expect(named('DATAPOISON')).toEqual(expect.arrayContaining(['ADVERSARIALROBUSTDISTILLATION', 'TRAINADVERSARIAL']));
    expect(named('DEVDATALEAK')).toEqual(expect.arrayContaining(['FEDERATEDLEARNING', 'CONFCOMPUTE', 'DATAMINIMIZE']));
    expect(named('DEVCODELEAK')).toContain('CONFCOMPUTE');
    expect(named('SUPPLYMODELPOISON')).toEqual(expect.arrayContaining(['SUPPLYCHAINMANAGE', 'POISONROBUSTMODEL', 'MODELENSEMBLE', 'ADVERSARIALROBUSTDISTILLATION']));
    for (const id of ['DEVLEAK', 'DEVDATALEAK', 'DEVMODELLEAK', 'DEVCODELEAK']) expect(named(id), id).toContain('DISCRETE');
  });

  it('does not list federated learning against poisoning, which it gives more ways in', () => {
    expect(controls.get('FEDERATEDLEARNING')?.counters).toEqual(['DEVDATALEAK']);
    expect(controls.get('FEDERATEDLEARNING')?.practices.map((p) => p.id)).toEqual(expect.arrayContaining(['guard-against-malicious-clients', 'secure-aggregation', 'limit-what-updates-reveal']));
  });

  it('records the current titles, and SUPPLYMODELPOISON with its 2024 id as an alias', () => {
    expect(threats.get('DEVMODELPOISON')?.currentTitle).toBe('Direct development-time model poisoning');
    expect(threats.get('DEVMODELLEAK')?.currentTitle).toBe('Direct development-time model leak');
    const supply = catalog.threats.find((t) => t.id === 'SUPPLYMODELPOISON');
    expect(supply).toMatchObject({ title: 'Supply-chain model poisoning', aliases: ['TRANSFERLEARNINGATTACK'], permalink: 'https://owaspai.org/go/supplymodelpoison/' });
    expect(supply?.currentTitle).toBeUndefined();
    expect(threats.get('TRANSFERLEARNINGATTACK')).toBe(supply);
  });

  it('has checklist items for the practices the current edition adds', () => {
    const practices = (id: string) => controls.get(id)?.practices.map((p) => p.id);
    expect(practices('SUPPLYCHAINMANAGE')).toEqual(expect.arrayContaining(['unsafe-serialisation', 'fine-tuning-adapters', 'supplied-abilities', 'agent-bom']));
    expect(practices('DEVSECURITY')).toEqual(expect.arrayContaining(['model-signing', 'dataset-entry-hashes', 'build-integrity-checks', 'deploy-integrity-checks', 'behaviour-shaping-assets']));
    const serialisation = controls.get('SUPPLYCHAINMANAGE')?.practices.find((p) => p.id === 'unsafe-serialisation')?.text;
    expect(serialisation).toMatch(/pickle/);
    expect(serialisation).toMatch(/safetensors/);
  });

  it('states a level of coverage only where the source does', () => {
    const level = (id: string, ref: string) => controls.get(id)?.standards.find((s) => s.ref === ref)?.coverage;
    expect(level('DEVSECURITY', 'whole standard')).toBeUndefined();
    expect(level('SUPPLYCHAINMANAGE', 'B.7.5')).toBeUndefined();
    expect(controls.get('SUPPLYCHAINMANAGE')?.standards.find((s) => s.standard === 'ISO/IEC AWI 5181')?.coverage).toBeUndefined();
    expect(level('SUPPLYCHAINMANAGE', '5.19')).toBe('full');
    expect(level('AITRANSPARENCY', 'B.7.2')).toBe('minimal');
    expect(controls.get('DEVDATAPROTECT')?.standards.map((s) => s.ref)).not.toContain('B.7.2');
  });

  it('maps OVERSIGHT and ALLOWEDDATA to the standards the general controls name', () => {
    expect(controls.get('OVERSIGHT')?.standards).toEqual([expect.objectContaining({ standard: 'ISO/IEC 42001', ref: 'B.9.3', coverage: 'partial' })]);
    expect(controls.get('ALLOWEDDATA')?.standards).toEqual([expect.objectContaining({ standard: 'ISO/IEC 23894', ref: 'A.8', title: 'Privacy', coverage: 'full' })]);
  });

  it('says in its own words that no ISO/IEC standard covers a control, with coverage none', () => {
    for (const id of ['CONFCOMPUTE', 'FEDERATEDLEARNING', 'MODELENSEMBLE', 'MORETRAINDATA', 'TRAINDATADISTORTION', 'POISONROBUSTMODEL']) {
      expect(controls.get(id)?.standards, id).toEqual([expect.objectContaining({ ref: 'n/a', coverage: 'none', note: 'No ISO/IEC standard deals with this control so far.' })]);
    }
    for (const entry of entries) {
      for (const text of texts(entry)) expect(text, entry.id).not.toMatch(/not covered yet in ISO\/IEC standards/i);
    }
    expect(controls.get('SEGREGATEDATA')?.standards).toEqual([
      expect.objectContaining({ standard: 'ISO/IEC 27002', ref: '8.31', title: 'Separation of development, test and production environments', coverage: 'partial' }),
    ]);
  });
});

function findSection(id: string) {
  return catalog.sections.find((s) => s.id === id);
}
