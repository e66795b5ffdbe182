import type { Catalog } from '../catalog/types.js';
import { locate, type DataPath } from '../load/locate.js';
import type { SourceFile } from '../load/source.js';
import type { Problem } from '../problem.js';
import { didYouMean } from './suggest.js';

/** The ids a file may name, from the catalog the run loaded: its own and an organisation's. */
export interface CatalogIds {
  controls: readonly string[];
  /** Threat ids and their aliases. */
  threats: readonly string[];
}

export function catalogIds(catalog: Catalog): CatalogIds {
  return { controls: catalog.controls.map((c) => c.id), threats: catalog.threats.flatMap((t) => [t.id, ...t.aliases]) };
}

/** Well-formed ids only: one that breaks the pattern is the schema's to report. */
const wellFormed = /^[A-Z][A-Z0-9]{1,63}$/;

/** Said of an id nothing resembles: it may be an organisation's, from a catalog this run did not load. */
const orgCatalogHint = "; no catalog of this run defines it (an organisation's catalog is loaded with --catalog or `catalogs:` in .aithreatrc.yaml)";

/** Control ids in a project's `controls` that the catalog does not define. */
export function projectCatalogProblems(data: unknown, source: SourceFile, ids: CatalogIds): Problem[] {
  const controls = isMapping(data) ? data.controls : undefined;
  if (!isMapping(controls)) return [];
  const known = new Set(ids.controls);
  return Object.keys(controls)
    .filter((id) => wellFormed.test(id) && !known.has(id))
    .map((id) => ({ file: source.file, ...locate(source, ['controls', id], 'key'), code: 'unknown-key', message: `unknown control id \`${id}\`${didYouMean(id, ids.controls) || orgCatalogHint}` }));
}

/** Control and threat ids in a policy that the catalog does not define. */
export function policyCatalogProblems(data: unknown, source: SourceFile, ids: CatalogIds): Problem[] {
  if (!isMapping(data)) return [];
  const problems: Problem[] = [];
  const check = (value: unknown, path: DataPath, kind: 'control' | 'threat') => {
    const known = kind === 'control' ? ids.controls : ids.threats;
    if (typeof value !== 'string' || !wellFormed.test(value) || known.includes(value)) return;
    problems.push({ file: source.file, ...locate(source, path), code: 'invalid-value', message: `\`${path.join('.')}\` names ${kind} \`${value}\`, which the catalog does not define${didYouMean(value, known)}` });
  };
  (Array.isArray(data.require) ? data.require : []).forEach((rule, i) => {
    if (!isMapping(rule)) return;
    check(rule.control, ['require', i, 'control'], 'control');
    check(rule.when, ['require', i, 'when'], 'threat');
  });
  (Array.isArray(data.forbidRiskAcceptance) ? data.forbidRiskAcceptance : []).forEach((id, i) => check(id, ['forbidRiskAcceptance', i], 'control'));
  return problems;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
