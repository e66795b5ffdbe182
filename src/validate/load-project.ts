import { relative, isAbsolute } from 'node:path';
import { standardInput, standardInputName, type ReadTarget } from '../load/read-file.js';
import type { ReadScope } from '../load/read-scope.js';
import { loadYamlFile, parseSource, type LoadResult, type SourceFile } from '../load/source.js';
import { capProblems, compareProblems, type Problem } from '../problem.js';
import { limits } from '../load/limits.js';
import type { Project } from '../project/types.js';
import { schemas } from '../schemas.js';
import { getCatalog } from '../catalog/bundled.js';
import { catalogIds, projectCatalogProblems, type CatalogIds } from './catalog-references.js';
import { referenceProblems } from './references.js';
import { schemaProblems } from './schema-errors.js';
import { getValidator, type ValidatedSchema } from './validators.js';

export type Loaded<T> = { ok: true; source: SourceFile; value: T } | { ok: false; problems: Problem[] };

/** How a path is shown: relative to the working directory when it lies inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * Checks parsed YAML against a schema; returns the value typed when it conforms. `more` adds the
 * problems the schema cannot see (such as ids of the catalog in force), in the same list.
 */
export function checkSchema<T>(loaded: LoadResult, name: ValidatedSchema, more: (data: unknown, source: SourceFile) => Problem[] = () => []): Loaded<T> {
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  const validate = getValidator(name);
  const extra = more(loaded.data, loaded.source);
  if (!validate(loaded.data) || extra.length > 0) {
    const problems = [...(validate.errors ? schemaProblems(validate.errors, loaded.source, loaded.data, schemas[name] as Record<string, unknown>) : []), ...extra];
    return { ok: false, problems: capProblems(problems.sort(compareProblems), limits.maxProblemsPerFile) };
  }
  return { ok: true, source: loaded.source, value: loaded.data as T };
}

/**
 * Parses a project description, checks it against the schema, then its references: to its own
 * entries, and to the controls of the catalog in force (the built-in one unless told otherwise).
 */
export function checkProject(loaded: LoadResult, ids: CatalogIds = catalogIds(getCatalog())): Loaded<Project> {
  const checked = checkSchema<Project>(loaded, 'project');
  if (!loaded.ok) return checked;
  const isMapping = loaded.data !== null && typeof loaded.data === 'object' && !Array.isArray(loaded.data);
  const references = isMapping ? [...referenceProblems(loaded.data as Project, loaded.source), ...projectCatalogProblems(loaded.data, loaded.source, ids)] : [];
  if (checked.ok && references.length === 0) return checked;
  const schemaFound = checked.ok ? [] : checked.problems;
  // The schema's problems are capped already; keep its summary line last, after the references.
  const summary = schemaFound.filter((p) => p.code === 'too-many-problems');
  const problems = [...schemaFound.filter((p) => p.code !== 'too-many-problems'), ...references].sort(compareProblems);
  return { ok: false, problems: summary.length > 0 ? [...problems.slice(0, limits.maxProblemsPerFile), ...summary] : capProblems(problems, limits.maxProblemsPerFile) };
}

/** Reads and checks a project description: a file, or standard input (`standardInput`, shown as `<stdin>`). */
export function loadProject(path: ReadTarget, cwd: string, scope: ReadScope, ids?: CatalogIds): Loaded<Project> {
  return checkProject(loadYamlFile(path, path === standardInput ? standardInputName : displayPath(path, cwd), scope), ids);
}

export function parseProject(text: string, file: string, ids?: CatalogIds): Loaded<Project> {
  return checkProject(parseSource(text, file), ids);
}
