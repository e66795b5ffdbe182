import type { Catalog } from '../catalog/types.js';
import type { Problem } from '../problem.js';
import type { Rule } from '../rules/api.js';
import { loadOrgCatalogs, loadOrgRules, type OrgSource } from './load.js';
import { orgSchemas } from './validators.js';

export type { OrgSource } from './load.js';

/**
 * An organisation's catalogs and rules, loaded on top of the built-in ones. This module and what
 * it imports (the catalog loader, ajv's compiler, the CEL library) are a bundle of their own,
 * dist/org.cjs, loaded only by a run that names a catalog or rules: see src/assess/context.ts.
 */
export interface OrgInput {
  cwd: string;
  base: Catalog;
  builtInRules: readonly Rule[];
  catalogs: readonly OrgSource[];
  rules: readonly OrgSource[];
  /** An assessment needs a rule for each of the organisation's threats; browsing the catalog does not. */
  forAssessment: boolean;
}

export type OrgLoaded = { ok: true; catalog: Catalog; rules: readonly Rule[]; files: string[] } | { ok: false; problems: Problem[] };

export function loadOrgContext(input: OrgInput): OrgLoaded {
  const catalogs = loadOrgCatalogs(input.base, input.catalogs, input.cwd);
  if (catalogs.problems.length > 0) return { ok: false, problems: catalogs.problems };
  const { catalog } = catalogs;
  if (!input.forAssessment) return { ok: true, catalog, rules: input.builtInRules, files: catalogs.files };
  const loaded = loadOrgRules(catalog, input.builtInRules, input.rules, input.cwd);
  if (loaded.problems.length > 0) return { ok: false, problems: loaded.problems };
  // An organisation's threat that no rule decides would silently be missing from every report.
  const decided = new Set(loaded.rules.map((r) => r.meta.threat));
  const undecided: Problem[] = [];
  for (const threat of catalog.threats) {
    if (threat.members.length > 0 || decided.has(threat.id)) continue;
    const origin = catalogs.origins.get(threat.id) ?? { file: threat.id, line: 1, column: 1 };
    const hint = input.rules.length === 0 ? ' (--rules <dir>, or `rules:` in .aithreatrc.yaml)' : '';
    undecided.push({ ...origin, code: 'invalid-rule', message: `no rule decides threat ${threat.id}: give a rules folder with a rule for it${hint}` });
  }
  if (undecided.length > 0) return { ok: false, problems: undecided };
  return { ok: true, catalog, rules: loaded.rules, files: [...catalogs.files, ...loaded.files] };
}

/** The schemas of an organisation's catalog and rule files, for `aithreat schema` (no other run needs them). */
export const organisationSchemas = orgSchemas;
