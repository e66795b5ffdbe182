import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import projectSchema from '../../schemas/project.schema.json' with { type: 'json' };
import { getCatalog } from '../../src/catalog/bundled.js';
import { loadCatalogDirectory, parseCatalogFiles } from '../../src/catalog/load.js';
import { controlById, threatById } from '../../src/catalog/lookup.js';

const catalogDir = fileURLToPath(new URL('../../catalog/', import.meta.url));
const catalog = getCatalog();
const threats = threatById(catalog);
const controls = controlById(catalog);

// Every id section 3 of the reference text defines (threats, groups, development-time controls)
// plus the controls it points to elsewhere, as listed in the task's catalog facts.
const EXPECTED_THREATS = ['DATAPOISON', 'DEVCODELEAK', 'DEVDATALEAK', 'DEVLEAK', 'DEVMODELLEAK', 'DEVMODELPOISON', 'MODELPOISON', 'TRANSFERLEARNINGATTACK'];
const DEV_TIME_CONTROLS = ['DEVDATAPROTECT', 'DEVSECURITY', 'SEGREGATEDATA', 'CONFCOMPUTE', 'FEDERATEDLEARNING', 'SUPPLYCHAINMANAGE', 'MODELENSEMBLE', 'MORETRAINDATA', 'DATAQUALITYCONTROL', 'TRAINDATADISTORTION', 'POISONROBUSTMODEL'];
const GROUPED_GENERAL_CONTROLS: Record<string, string[]> = {
  governancecontrols: ['AIPROGRAM', 'SECPROGRAM', 'SECDEVPROGRAM', 'DEVPROGRAM', 'CHECKCOMPLIANCE', 'SECEDUCATE'],
  datalimit: ['DATAMINIMIZE', 'ALLOWEDDATA', 'SHORTRETAIN', 'OBFUSCATETRAININGDATA', 'DISCRETE'],
  limitunwanted: ['OVERSIGHT', 'LEASTMODELPRIVILEGE', 'AITRANSPARENCY', 'CONTINUOUSVALIDATION', 'EXPLAINABILITY', 'UNWANTEDBIASTESTING', 'MODELALIGNMENT'],
};
const OTHER_CONTROLS = ['TRAINADVERSARIAL', 'ADVERSARIALROBUSTDISTILLATION', 'EVASIONROBUSTMODEL', 'MODELWATERMARKING'];

// MITRE ATLAS names as the catalog facts give them (v5.6); sub-techniques of T0010 and T0018 are
// written "<technique>: <sub-technique>".
const ATLAS_NAMES: Record<string, string> = {
  'AML.T0020': 'Poison Training Data', 'AML.T0019': 'Publish Poisoned Datasets', 'AML.T0058': 'Publish Poisoned Models',
  'AML.T0010': 'AI Supply Chain Compromise', 'AML.T0010.002': 'AI Supply Chain Compromise: Data',
  'AML.T0010.003': 'AI Supply Chain Compromise: Model', 'AML.T0018': 'Manipulate AI Model',
  'AML.T0018.000': 'Manipulate AI Model: Poison AI Model', 'AML.T0018.001': 'Manipulate AI Model: Modify AI Model Architecture',
  'AML.T0043.004': 'Insert Backdoor Trigger', 'AML.T0011.000': 'Unsafe AI Artifacts', 'AML.T0031': 'Erode AI Model Integrity',
  'AML.T0059': 'Erode Dataset Integrity', 'AML.T0025': 'Exfiltration via Cyber Means', 'AML.T0035': 'AI Artifact Collection',
  'AML.T0036': 'Data from Information Repositories', 'AML.T0037': 'Data from Local System', 'AML.T0048.004': 'AI Intellectual Property Theft',
  'AML.M0001': 'Limit Model Artifact Release', 'AML.M0003': 'Model Hardening', 'AML.M0005': 'Control Access to AI Models and Data at Rest',
  'AML.M0006': 'Use Ensemble Methods', 'AML.M0007': 'Sanitize Training Data', 'AML.M0008': 'Validate AI Model',
  'AML.M0011': 'Restrict Library Loading', 'AML.M0012': 'Encrypt Sensitive Information', 'AML.M0013': 'Code Signing',
  'AML.M0014': 'Verify AI Artifacts', 'AML.M0016': 'Vulnerability Scanning', 'AML.M0017': 'AI Model Distribution Methods',
  'AML.M0023': 'AI Bill of Materials', 'AML.M0025': 'Maintain AI Dataset Provenance',
};

function yamlFiles(kind: 'threats' | 'controls'): string[] {
  return readdirSync(join(catalogDir, kind)).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(catalogDir, kind, f));
}

describe('the built-in catalog files', () => {
  it.each([...yamlFiles('threats'), ...yamlFiles('controls')])('%s validates on its own against the schema', (path) => {
    // Alone, references to other files cannot resolve; only schema and syntax problems count here.
    const { problems, catalog: one } = parseCatalogFiles([{ path, text: readFileSync(path, 'utf8') }]);
    expect(one.threats.length + one.controls.length, JSON.stringify(problems)).toBe(1);
  });

  it('load together without any problem', () => {
    expect(loadCatalogDirectory(catalogDir).problems).toEqual([]);
  });

  it('are named after their id and kept in the folder of their kind', () => {
    for (const kind of ['threats', 'controls'] as const) {
      for (const path of yamlFiles(kind)) {
        const entry = parse(readFileSync(path, 'utf8')) as { id: string; kind: string };
        expect(basename(path)).toBe(`${entry.id.toLowerCase()}.yaml`);
        expect(`${entry.kind}s`).toBe(kind);
      }
    }
  });
});

describe('catalog content', () => {
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
    expect(threats.get('MODELPOISON')?.members.sort()).toEqual(['DATAPOISON', 'DEVMODELPOISON', 'TRANSFERLEARNINGATTACK']);
    expect(threats.get('DEVLEAK')?.members.sort()).toEqual(['DEVCODELEAK', 'DEVDATALEAK', 'DEVMODELLEAK']);
    for (const threat of catalog.threats) {
      if (threat.group) expect(threats.get(threat.group)?.members).toContain(threat.id);
      for (const member of threat.members) expect(threats.get(member)?.group).toBe(threat.id);
    }
  });

  it('uses well-formed current permalinks', () => {
    for (const entry of [...catalog.threats, ...catalog.controls]) {
      expect(entry.permalink).toBe(`https://owaspai.org/go/${entry.id.toLowerCase()}/`);
    }
  });

  it('gives DATAPOISON the five attack vectors of the source and its ATLAS techniques', () => {
    const threat = threats.get('DATAPOISON');
    expect(threat?.attackVectors.map((v) => v.id)).toEqual(['in-storage', 'in-transit', 'at-data-supplier', 'at-model-supplier', 'data-entry-in-operation']);
    expect(threat?.references.atlas.map((r) => r.id)).toEqual(expect.arrayContaining(['AML.T0020', 'AML.T0019']));
    expect(threat?.references.owaspLlm2025.map((r) => r.id)).toContain('LLM04:2025');
    expect(threat?.references.owaspMl2023.map((r) => r.id)).toContain('ML02');
    expect(threat?.references.nistAi1002.map((r) => r.id)).toContain('2.3.2');
  });

  it('spells every ATLAS id and name as the facts give them', () => {
    const refs = [...catalog.threats.flatMap((t) => t.references.atlas), ...catalog.controls.flatMap((c) => c.atlasMitigations)];
    for (const ref of refs) expect(ref.name, ref.id).toBe(ATLAS_NAMES[ref.id]);
  });

  it('keeps the counts the source states for practices and limitations', () => {
    expect(controls.get('TRAINDATADISTORTION')?.limitations).toHaveLength(2);
    expect(controls.get('DEVDATAPROTECT')?.practices).toHaveLength(5);
    expect(controls.get('SEGREGATEDATA')?.practices).toHaveLength(5);
    expect(controls.get('SUPPLYCHAINMANAGE')?.practices.map((p) => p.id)).toEqual([
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
    expect(primary('TRANSFERLEARNINGATTACK')).toEqual(['POISONROBUSTMODEL', 'SUPPLYCHAINMANAGE']);
    expect(primary('DEVDATALEAK')).toEqual(['DATAMINIMIZE', 'DEVDATAPROTECT', 'SEGREGATEDATA']);
    expect(primary('DEVMODELLEAK')).toEqual(['DEVDATAPROTECT', 'DEVSECURITY', 'SEGREGATEDATA']);
    expect(primary('DEVCODELEAK')).toEqual(['DEVDATAPROTECT', 'DEVSECURITY']);
    expect(primary('MODELPOISON')).toEqual(['DEVDATAPROTECT', 'DEVSECURITY']);
    expect(primary('DEVLEAK')).toEqual(['DEVDATAPROTECT', 'DEVSECURITY']);
  });

  it('includes the controls the current edition adds per threat', () => {
    const named = (id: string) => threats.get(id)?.controls.map((c) => c.id);
    expect(named('DEVMODELPOISON')).toContain('CONTINUOUSVALIDATION');
    expect(named('DEVMODELLEAK')).toEqual(expect.arrayContaining(['MODELWATERMARKING', 'SUPPLYCHAINMANAGE', 'CONFCOMPUTE']));
    expect(named('DATAPOISON')).toEqual(expect.arrayContaining(['FEDERATEDLEARNING', 'ADVERSARIALROBUSTDISTILLATION', 'TRAINADVERSARIAL']));
    expect(named('DEVDATALEAK')).toEqual(expect.arrayContaining(['FEDERATEDLEARNING', 'CONFCOMPUTE', 'DATAMINIMIZE']));
    expect(named('DEVCODELEAK')).toContain('CONFCOMPUTE');
    expect(named('TRANSFERLEARNINGATTACK')).toEqual(expect.arrayContaining(['SUPPLYCHAINMANAGE', 'POISONROBUSTMODEL', 'MODELENSEMBLE']));
  });

  it('records the current titles and the SUPPLYMODELPOISON alias', () => {
    expect(threats.get('DEVMODELPOISON')?.currentTitle).toBe('Direct development-time model poisoning');
    expect(threats.get('DEVMODELLEAK')?.currentTitle).toBe('Direct development-time model leak');
    expect(threats.get('TRANSFERLEARNINGATTACK')).toMatchObject({ currentTitle: 'Supply-chain model poisoning', aliases: ['SUPPLYMODELPOISON'] });
  });

  it("states 'Not covered yet in ISO/IEC standards' with coverage none where the source says so", () => {
    for (const id of ['CONFCOMPUTE', 'FEDERATEDLEARNING', 'MODELENSEMBLE', 'MORETRAINDATA', 'TRAINDATADISTORTION', 'POISONROBUSTMODEL']) {
      expect(controls.get(id)?.standards, id).toEqual([expect.objectContaining({ coverage: 'none', note: 'Not covered yet in ISO/IEC standards' })]);
    }
    expect(controls.get('SEGREGATEDATA')?.standards).toEqual([
      expect.objectContaining({ standard: 'ISO/IEC 27002', ref: '8.31', title: 'Separation of development, test and production environments', coverage: 'partial' }),
    ]);
  });
});
