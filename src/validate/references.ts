import { locate, type DataPath } from '../load/locate.js';
import type { SourceFile } from '../load/source.js';
import type { Problem } from '../problem.js';
import type { Project } from '../project/types.js';
import { isCalendarDate } from '../util/dates.js';
import { nearest } from './suggest.js';

type Kind = 'supplier' | 'environment' | 'dataset' | 'model' | 'training activity';

/** Each kind's ids, for resolving references in one pass (maps, so large projects stay linear). */
export interface ProjectIndex {
  supplier: Map<string, number>;
  environment: Map<string, number>;
  dataset: Map<string, number>;
  model: Map<string, number>;
  'training activity': Map<string, number>;
}

interface Reference {
  path: DataPath;
  kind: Kind;
  id: string;
}

/** Duplicate ids, references that name nothing, and dates that do not exist. */
export function referenceProblems(project: Project, source: SourceFile): Problem[] {
  const problems: Problem[] = [];
  const at = (path: DataPath, target: 'key' | 'value' = 'value') => ({ file: source.file, ...locate(source, path, target) });
  const index = indexProject(project, (kind, path, id) => {
    problems.push({ ...at(path), code: 'duplicate-id', message: `${kind} id \`${id}\` is already used by an earlier ${kind}` });
  });
  for (const ref of references(project)) {
    if (index[ref.kind].has(ref.id)) continue;
    const known = [...index[ref.kind].keys()];
    problems.push({ ...at(ref.path), code: 'dangling-reference', message: danglingMessage(ref, known) });
  }
  const controls = project.controls !== null && typeof project.controls === 'object' ? project.controls : {};
  for (const [id, control] of Object.entries(controls)) {
    if (typeof control?.expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(control.expires) && !isCalendarDate(control.expires)) {
      problems.push({ ...at(['controls', id, 'expires']), code: 'invalid-date', message: `\`controls.${id}.expires\` is \`${control.expires}\`, which is not a calendar date` });
    }
  }
  return problems;
}

export function indexProject(project: Project, onDuplicate: (kind: Kind, path: DataPath, id: string) => void = () => {}): ProjectIndex {
  const index: ProjectIndex = { supplier: new Map(), environment: new Map(), dataset: new Map(), model: new Map(), 'training activity': new Map() };
  const add = (kind: Kind, list: readonly { id: string }[] | undefined, key: string) => {
    (Array.isArray(list) ? list : []).forEach((item, i) => {
      if (typeof item?.id !== 'string') return;
      if (index[kind].has(item.id)) onDuplicate(kind, [key, i, 'id'], item.id);
      else index[kind].set(item.id, i);
    });
  };
  add('supplier', project.suppliers, 'suppliers');
  add('environment', project.environments, 'environments');
  add('dataset', project.datasets, 'datasets');
  add('model', project.models, 'models');
  add('training activity', project.training, 'training');
  return index;
}

function* references(project: Project): Generator<Reference> {
  // Runs on data that may have failed the schema too, so that one pass reports every problem:
  // anything of the wrong shape is skipped here (the schema has already reported it).
  // An id the schema refuses (wrong characters) is reported once, by the schema, not again here.
  const many = function* (kind: Kind, ids: unknown, path: DataPath): Generator<Reference> {
    for (const [i, id] of (Array.isArray(ids) ? ids : []).entries()) if (isId(id)) yield { kind, id, path: [...path, i] };
  };
  const one = function* (kind: Kind, id: unknown, path: DataPath): Generator<Reference> {
    if (isId(id)) yield { kind, id, path };
  };
  for (const [i, env] of list(project.environments).entries()) yield* one('supplier', env.provider, ['environments', i, 'provider']);
  for (const [i, data] of list(project.datasets).entries()) {
    for (const [j, link] of list(data.supplyChain).entries()) yield* one('supplier', link?.supplier, ['datasets', i, 'supplyChain', j, 'supplier']);
    yield* many('environment', data.storedIn, ['datasets', i, 'storedIn']);
  }
  for (const [i, model] of list(project.models).entries()) {
    yield* one('supplier', model.supplier, ['models', i, 'supplier']);
    yield* one('model', model.baseModel, ['models', i, 'baseModel']);
    yield* many('environment', model.storedIn, ['models', i, 'storedIn']);
  }
  for (const [i, activity] of list(project.training).entries()) {
    yield* one('model', activity.model, ['training', i, 'model']);
    yield* many('dataset', activity.datasets, ['training', i, 'datasets']);
    yield* one('environment', activity.environment, ['training', i, 'environment']);
    yield* one('supplier', activity.hostedBy, ['training', i, 'hostedBy']);
  }
  yield* many('environment', project.code?.storedIn, ['code', 'storedIn']);
  yield* many('supplier', project.code?.developedBy, ['code', 'developedBy']);
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z0-9][a-z0-9._-]{0,63}$/.test(value);
}

/** The items of a list that are mappings; nothing for anything else. */
function list<T>(value: readonly T[] | undefined): T[] {
  return Array.isArray(value) ? value.filter((item) => item !== null && typeof item === 'object') : [];
}

function danglingMessage(ref: Reference, known: string[]): string {
  const base = `\`${ref.path.join('.')}\` names ${ref.kind} \`${ref.id}\`, which is not defined`;
  if (known.length === 0) return `${base}; this file defines no ${ref.kind}`;
  const close = nearest(ref.id, known);
  const hint = close.length > 0 ? `; did you mean ${close.map((id) => `\`${id}\``).join(' or ')}?` : '';
  const shown = known.slice(0, 10).map((id) => `\`${id}\``).join(', ');
  return `${base}${hint} (defined: ${shown}${known.length > 10 ? `, and ${known.length - 10} more` : ''})`;
}
