import { isAbsolute, resolve } from 'node:path';
import { loadAssessmentContext, type AssessmentContext } from '../assess/context.js';
import { judgementOf, today } from '../assess/report.js';
import type { AssessOptions } from '../assess/types.js';
import { getCatalog } from '../catalog/bundled.js';
import type { Catalog } from '../catalog/types.js';
import { configFileName, loadConfig, type Config } from '../config/load.js';
import { isInside } from '../load/read-scope.js';
import type { Problem } from '../problem.js';
import { catalogIds, type CatalogIds } from '../validate/catalog-references.js';
import type { ServerSettings } from './settings.js';

/**
 * What the documents of one workspace folder are checked and assessed against, loaded as `assess`
 * loads it in that folder: `.aithreatrc.yaml`, the policy, and the organisation's catalogs and
 * rules it names, all read from disk through the one reader and held to the folder. The editor's
 * settings win over the configuration as flags would. Loaded once, and again when one of those
 * files is saved or the settings change: a keystroke reuses it.
 */
export interface FolderContext {
  root: string;
  /** The catalog the documents name ids of: the organisation's too when it loaded. */
  catalog: Catalog;
  ids: CatalogIds;
  /** Null when the configuration, the policy, a catalog or a rule did not load: then nothing is assessed. */
  context: AssessmentContext | null;
  /** Why it did not load, each problem in the file it concerns. */
  problems: Problem[];
  /** The policy file in force (absolute), whether or not it loaded. */
  policyPath: string | null;
  settings: ServerSettings;
  config: Config;
}

export async function loadFolderContext(root: string, settings: ServerSettings): Promise<FolderContext> {
  const configured = loadConfig(root);
  const config: Config = configured.ok ? configured.config : {};
  const problems: Problem[] = configured.ok ? [] : [...configured.problems];
  const policy = settings.policy ?? config.policy;
  const policyPath = policy === undefined ? null : resolve(root, policy);
  if (settings.policy !== undefined && (isAbsolute(settings.policy) || !isInside(resolve(root, settings.policy), root))) {
    problems.push({ file: configFileName, line: 1, column: 1, code: 'invalid-value', message: `the setting aithreat.policy names \`${settings.policy}\`, outside the workspace folder; the server reads only files inside it` });
  }
  const merged: Config = { ...config, ...(policy === undefined ? {} : { policy }) };
  if (problems.length === 0) {
    const loaded = await loadAssessmentContext(root, merged);
    if (loaded.ok) return { root, catalog: loaded.context.catalog, ids: catalogIds(loaded.context.catalog), context: loaded.context, problems, policyPath, settings, config };
    problems.push(...loaded.problems);
  }
  // The catalogs alone may still load, so that ids are checked against the right catalog.
  const catalogOnly = configured.ok ? await loadAssessmentContext(root, { catalogs: config.catalogs }, {}, 'catalog') : null;
  const catalog = catalogOnly?.ok ? catalogOnly.context.catalog : getCatalog();
  return { root, catalog, ids: catalogIds(catalog), context: null, problems, policyPath, settings, config };
}

/** The options `assess` would run with in this folder, on this day. */
export function assessOptionsIn(folder: FolderContext, context: AssessmentContext): AssessOptions {
  const policy = context.policy?.policy ?? null;
  const { failOn, undeclared } = judgementOf({ failOn: folder.settings.failOn ?? folder.config.failOn, undeclared: folder.settings.undeclared }, policy);
  return { catalog: context.catalog, rules: context.rules, asOf: folder.settings.asOf ?? today(), failOn, undeclared, policy, discovered: null };
}
