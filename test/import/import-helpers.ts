import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport } from '../../src/assess/report.js';
import type { ThreatFinding } from '../../src/assess/types.js';
import { getCatalog } from '../../src/catalog/bundled.js';
import { importBom, type Standard } from '../../src/import/index.js';
import type { Project } from '../../src/project/types.js';
import { parseProject } from '../../src/validate/load-project.js';
import { repoRoot } from '../helpers/run-cli.js';

export const fixtureDir = (standard: Standard) => join(repoRoot, 'test/fixtures', standard);
export const fixtureText = (standard: Standard, name: string) => readFileSync(join(fixtureDir(standard), name), 'utf8');

export interface ImportedFixture {
  text: string;
  project: Project;
  threats: ThreatFinding[];
  /** The TODO comments of the output, without their prefix. */
  todos: string[];
  model: (id: string) => NonNullable<Project['models']>[number];
}

/** Imports BOM text, checks the output validates, and assesses it: every import test goes through here. */
export function importText(text: string, file = 'bom.json', standard?: Standard): ImportedFixture {
  const imported = importBom(text, file, 'project.yaml', standard);
  if (!imported.ok) throw new Error(`${file}:${imported.problem.line}:${imported.problem.column}: ${imported.problem.message}`);
  const checked = parseProject(imported.text, 'project.yaml');
  if (!checked.ok) throw new Error(`${file}: the output does not validate:\n${checked.problems.map((p) => p.message).join('\n')}`);
  const report = buildReport([{ source: checked.source, project: checked.value }], { catalog: getCatalog(), asOf: '2026-01-01', failOn: 'high', undeclared: 'count', policy: null });
  const todos = [...imported.text.matchAll(/# TODO\(aithreat import\): (.*)$/gm)].map((m) => m[1]!);
  const model = (id: string) => {
    const found = checked.value.models?.find((m) => m.id === id);
    if (!found) throw new Error(`no model ${id}; models: ${checked.value.models?.map((m) => m.id).join(', ')}`);
    return found;
  };
  return { text: imported.text, project: checked.value, threats: report.projects[0]!.threats, todos, model };
}

export function importFixture(standard: Standard, name: string): ImportedFixture {
  return importText(fixtureText(standard, name), name);
}

/** The codes of the factors and evidence a threat has, to check what assess concludes from an import. */
export function codesOf(threats: readonly ThreatFinding[], threat: string): string[] {
  const finding = threats.find((t) => t.threat === threat);
  return finding ? [...finding.evidence.map((e) => e.code), ...finding.factors.map((f) => f.code)] : [];
}
