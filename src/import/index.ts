import { formatProblem } from '../problem.js';
import { projectSchemaUrl } from '../init/template.js';
import { parseProject } from '../validate/load-project.js';
import { readBom, type Bom } from './cyclonedx.js';
import { bomToProject, todo } from './map.js';
import { writeProjectYaml } from './write-yaml.js';

export type ImportOutcome = { ok: true; text: string; counts: { models: number; datasets: number; suppliers: number } } | { ok: false; messages: string[] };

/**
 * CycloneDX JSON text in, project description YAML out. The YAML is checked with the same loader
 * `validate` uses before anyone writes it: an import that would not validate is refused.
 */
export function importCycloneDx(text: string, bomFile: string, outputName: string): ImportOutcome {
  const read = readBom(text);
  if (!read.ok) return { ok: false, messages: [`${bomFile}: ${read.message}`] };
  const { project, comments } = bomToProject(read.bom);
  const yaml = writeProjectYaml(project, comments, header(read.bom, bomFile), footer());
  const checked = parseProject(yaml, outputName);
  if (!checked.ok) {
    return { ok: false, messages: [...checked.problems.map(formatProblem), `${bomFile}: the imported description does not validate; nothing was written (please report this)`] };
  }
  return { ok: true, text: yaml, counts: { models: project.models?.length ?? 0, datasets: project.datasets?.length ?? 0, suppliers: project.suppliers?.length ?? 0 } };
}

function header(bom: Bom, bomFile: string): string[] {
  const identity = [bom.serialNumber, bom.version !== null ? `version ${bom.version}` : null].filter(Boolean).join(', ');
  return [
    `yaml-language-server: $schema=${projectSchemaUrl}`,
    '',
    `Imported by \`aithreat import cyclonedx\` from ${bomFile} (CycloneDX ${bom.specVersion}${identity ? `, ${identity}` : ''}).`,
    'A BOM says what the system is made of, not how it is protected: every TODO marks something',
    'it cannot say. The file validates and assesses as it is, but the assessment is only as good',
    'as the answers, so go through each TODO, then run `aithreat assess` on this file.',
  ];
}

function footer(): string[] {
  return [
    `${todo} environments: a BOM does not say where data, models and code are kept.`,
    'Add them with their segregation area (external, application-development, data-engineering,',
    'training, operational), then list them in the storedIn of each data set and model.',
    `${todo} code: say whether the training code is confidential or open-source, and where it lives.`,
    `${todo} controls: record the status of each security control (see \`aithreat catalog list\`).`,
  ];
}
