import { resolve } from 'node:path';
import { getCatalog } from '../catalog/bundled.js';
import type { Catalog } from '../catalog/types.js';
import type { Config } from '../config/load.js';
import { readScope, workingDirectoryScope, type ReadScope } from '../load/read-scope.js';
import type { Problem } from '../problem.js';
import type { Rule } from '../rules/api.js';
import { rules as builtInRules } from '../rules/index.js';
import { catalogIds } from '../validate/catalog-references.js';
import { loadPolicy, type Policy } from './policy.js';

/** What projects are assessed against: the catalog, the rules that decide its threats, and the policy. */
export interface AssessmentContext {
  catalog: Catalog;
  rules: readonly Rule[];
  policy: { policy: Policy; file: string } | null;
  /** Every file read for it (absolute): inputs that no report may replace. */
  files: readonly string[];
}

/** What a person typed, which wins over the configuration: each flag replaces its list or file. */
export interface ContextFlags {
  catalog?: readonly string[];
  rules?: readonly string[];
  policy?: string;
  followSymlinks?: boolean;
}

export type LoadedContext = { ok: true; context: AssessmentContext } | { ok: false; problems: Problem[] };

/**
 * Loads the assessment context of a run in `cwd` from its configuration (`.aithreatrc.yaml`:
 * `catalogs`, `rules`, `policy`) and the flags: the one function `assess`, `validate`, `catalog`,
 * `rules test` and the language server call. Without an organisation's catalogs or rules it is
 * the built-in catalog and rules, and nothing more is loaded; with them, their loader (and the
 * CEL library) comes from a bundle of its own (dist/org.cjs). Paths the configuration names are
 * read within the working directory only; paths typed on the command line within the tree of the
 * run (see src/load/read-scope.ts). `needs: 'catalog'` loads the catalogs alone (for validating
 * and browsing); `'assessment'` also the rules and the policy, whose ids are checked against the
 * catalog loaded.
 */
export async function loadAssessmentContext(cwd: string, config: Config, flags: ContextFlags = {}, needs: 'catalog' | 'assessment' = 'assessment'): Promise<LoadedContext> {
  const from = (typed: readonly string[] | undefined, configured: readonly string[] | undefined) =>
    typed && typed.length > 0
      ? typed.map((path) => ({ path, scope: scopeOf(cwd, path, true, flags.followSymlinks) }))
      : (configured ?? []).map((path) => ({ path, scope: scopeOf(cwd, path, false, flags.followSymlinks) }));
  const catalogs = from(flags.catalog, config.catalogs);
  const rules = needs === 'assessment' ? from(flags.rules, config.rules) : [];
  let catalog = getCatalog();
  let ruleSet: readonly Rule[] = builtInRules;
  const files: string[] = [];
  if (catalogs.length > 0 || rules.length > 0) {
    const { loadOrgContext } = await import('../org/index.js');
    const loaded = loadOrgContext({ cwd, base: catalog, builtInRules, catalogs, rules, forAssessment: needs === 'assessment' });
    if (!loaded.ok) return loaded;
    ({ catalog, rules: ruleSet } = loaded);
    files.push(...loaded.files);
  }
  let policy: AssessmentContext['policy'] = null;
  const policyPath = flags.policy ?? config.policy;
  if (needs === 'assessment' && policyPath !== undefined) {
    const typed = flags.policy !== undefined;
    const path = resolve(cwd, policyPath);
    const loaded = loadPolicy(path, cwd, scopeOf(cwd, policyPath, typed, flags.followSymlinks), catalogIds(catalog));
    if (!loaded.ok) return { ok: false, problems: loaded.problems };
    policy = { policy: loaded.value, file: loaded.source.file };
    files.push(path);
  }
  return { ok: true, context: { catalog, rules: ruleSet, policy, files } };
}

/** A typed path is read within the tree it names; a configured one within the working directory. */
function scopeOf(cwd: string, path: string, typed: boolean, followSymlinks = false): ReadScope {
  return typed ? readScope(cwd, [path], followSymlinks) : workingDirectoryScope(cwd, followSymlinks);
}
