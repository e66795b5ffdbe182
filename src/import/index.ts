import { isDeepStrictEqual } from 'node:util';
import { projectSchemaUrl } from '../init/template.js';
import { limits } from '../load/limits.js';
import { parseProject } from '../validate/load-project.js';
import type { Bom } from './bom.js';
import { checkCycloneDxHeader, readCycloneDx } from './cyclonedx.js';
import { parseJson, type BomProblem, type JsonPositions } from './json-source.js';
import { bomToProject, todo } from './map.js';
import { isObject, type Refusal } from './read-json.js';
import { checkShape, type Standard } from './shape.js';
import { readSpdx } from './spdx.js';
import { bomInline } from './text.js';
import { writeProjectYaml } from './write-yaml.js';

export type { Standard } from './shape.js';

export type ImportOutcome =
  | { ok: true; text: string; standard: string; counts: { models: number; datasets: number; suppliers: number } }
  | { ok: false; problem: BomProblem };

const commandOf: Record<Standard, string> = { cyclonedx: 'aithreat import cyclonedx', spdx: 'aithreat import spdx' };

/**
 * BOM JSON text in, project description YAML out. `expected` is the standard the user named;
 * without it the document says which it is. The YAML is checked with the loader `validate` uses,
 * and read back to make sure it says exactly what the mapping meant: no BOM text can have become
 * a key. An import that fails either check is refused.
 */
export function importBom(text: string, bomFile: string, outputName: string, expected?: Standard): ImportOutcome {
  const input = text.replace(/^\uFEFF/, '');
  if (input.trim() === '') return refuse(1, 1, 'file is empty: expected a JSON bill of materials');
  if (input.trimStart().startsWith('<')) {
    return refuse(1, 1, 'this is XML; aithreat imports JSON only (convert CycloneDX XML with the CycloneDX CLI; SPDX 3 is JSON-LD)');
  }
  const parsed = parseJson(input);
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  if (!isObject(parsed.value)) return refuse(1, 1, 'expected a JSON object: a BOM is one');
  const data = parsed.value;
  const detected = detect(data);
  if (typeof detected !== 'string') return positioned(parsed.positions, detected);
  const standard = expected ?? detected;
  if (expected && detected !== expected && detected !== 'unknown') {
    const other = { cyclonedx: 'a CycloneDX BOM', spdx: 'an SPDX 3 document' }[detected];
    return refuse(1, 1, `this is ${other}, not ${expected === 'spdx' ? 'SPDX' : 'CycloneDX'}: use \`${commandOf[detected]}\` (or \`aithreat import\`, which detects it)`);
  }
  if (standard === 'unknown') return refuse(1, 1, 'neither a CycloneDX BOM (no `bomFormat`) nor an SPDX 3 JSON-LD document (no `@graph`)');
  const identity = standard === 'cyclonedx' ? checkCycloneDxHeader(data) : null;
  if (identity) return positioned(parsed.positions, identity);
  const shape = checkShape(standard, data, parsed.positions);
  if (shape) return { ok: false, problem: shape };
  const read = standard === 'cyclonedx' ? readCycloneDx(data) : readSpdx(data);
  if (!read.ok) return positioned(parsed.positions, read);
  const bom = read.bom;
  if (!bom.items.some((i) => i.kind === 'model' || i.kind === 'data') && bom.services.length === 0) {
    return refuse(1, 1, `the BOM lists no model or data set (${standard === 'cyclonedx' ? 'components of type `machine-learning-model` or `data`, or services' : '`ai_AIPackage` or `dataset_DatasetPackage` elements'}): nothing to import`);
  }
  const { project, comments, skipped, environmentsFromBom } = bomToProject(bom);
  if (!project.models && !project.datasets) {
    return refuse(1, 1, `the BOM lists no model or data set that aithreat can import${skipped.length > 0 ? ` (${bomInline(skipped.join('; '), 300)})` : ''}`);
  }
  const over = (['suppliers', 'datasets', 'models', 'training', 'environments'] as const).find((key) => (project[key]?.length ?? 0) > limits.maxCollectionItems);
  if (over) return refuse(1, 1, `the BOM makes ${project[over]!.length} ${over}; a project description holds at most ${limits.maxCollectionItems}`);
  const yaml = writeProjectYaml(project, comments, header(bom, bomFile, standard), footer(skipped, environmentsFromBom));
  const checked = parseProject(yaml, outputName);
  if (!checked.ok || !isDeepStrictEqual(checked.value, JSON.parse(JSON.stringify(project)))) {
    // Not reachable from any BOM the tests know: the mapping writes only values the schema allows.
    return refuse(1, 1, 'the imported description does not validate or does not read back as written; nothing was written (please report this)');
  }
  return { ok: true, text: yaml, standard: bom.standard, counts: { models: project.models?.length ?? 0, datasets: project.datasets?.length ?? 0, suppliers: project.suppliers?.length ?? 0 } };
}

function detect(data: Record<string, unknown>): Standard | 'unknown' | Refusal {
  if (data.bomFormat === 'CycloneDX') return 'cyclonedx';
  if (typeof data.spdxVersion === 'string') {
    return { ok: false, path: ['spdxVersion'], message: `this is ${JSON.stringify(bomInline(data.spdxVersion, 40))}: SPDX 2 has no AI or Dataset profile; aithreat imports SPDX 3.0 JSON-LD` };
  }
  if ('@graph' in data || /spdx\.org\/rdf\/3/.test(JSON.stringify(data['@context'] ?? ''))) return 'spdx';
  if ('bomFormat' in data) return 'cyclonedx';
  return 'unknown';
}

function refuse(line: number, column: number, message: string): ImportOutcome {
  return { ok: false, problem: { line, column, message } };
}

function positioned(positions: JsonPositions, refusal: Refusal): ImportOutcome {
  return { ok: false, problem: { ...positions.at(refusal.path), message: refusal.message } };
}

function header(bom: Bom, bomFile: string, standard: Standard): string[] {
  const identity = bom.identity ? `, ${bomInline(bom.identity, 200)}` : '';
  return [
    `yaml-language-server: $schema=${projectSchemaUrl}`,
    '',
    `Imported by \`${commandOf[standard]}\` from ${bomInline(bomFile, 300)} (${bomInline(bom.standard, 40)}${identity}).`,
    'A BOM says what the system is made of, not how it is protected: every TODO marks something',
    'it cannot say. The file validates and assesses as it is, but the assessment is only as good',
    'as the answers, so go through each TODO, then run `aithreat assess` on this file.',
  ];
}

function footer(skipped: readonly string[], environmentsFromBom: boolean): string[] {
  return [
    ...(environmentsFromBom
      ? [`${todo} environments: the BOM's formulation names where models are built; add the other places where data, models and code are kept.`]
      : [
          `${todo} environments: a BOM does not say where data, models and code are kept.`,
          'Add them with their segregation area (external, application-development, data-engineering,',
          'training, operational), then list them in the storedIn of each data set and model.',
        ]),
    `${todo} code: say whether the training code is confidential or open-source, and where it lives.`,
    `${todo} controls: record the status of each security control (see \`aithreat catalog list\`).`,
    ...(skipped.length > 0 ? ['Not imported from the BOM:', ...skipped.slice(0, 100).map((line) => `- ${line}`), ...(skipped.length > 100 ? [`- and ${skipped.length - 100} more`] : [])] : []),
  ];
}
