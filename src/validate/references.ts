import { locate, type DataPath } from '../load/locate.js';
import type { SourceFile } from '../load/source.js';
import type { Problem } from '../problem.js';
import type { Project } from '../project/types.js';
import { isCalendarDate } from '../util/dates.js';
import { limits } from '../load/limits.js';
import { didYouMean, SuggestionBudget } from './suggest.js';

type Kind = 'supplier' | 'environment' | 'dataset' | 'model' | 'training activity' | 'ability' | 'asset';

/** Each kind's ids, for resolving references in one pass (maps, so large projects stay linear). */
export interface ProjectIndex {
  supplier: Map<string, number>;
  environment: Map<string, number>;
  dataset: Map<string, number>;
  model: Map<string, number>;
  'training activity': Map<string, number>;
  ability: Map<string, number>;
  asset: Map<string, number>;
}

interface Reference {
  path: DataPath;
  kind: Kind;
  id: string;
}

/**
 * Duplicate ids, references that name nothing, and dates that do not exist. Did-you-mean is worked
 * out only for the dangling references that can be shown: at most the first
 * `limits.maxProblemsPerFile` in the file's order (every later problem is cut by `capProblems`),
 * within one comparison budget for the file.
 */
export function referenceProblems(project: Project, source: SourceFile): Problem[] {
  const problems: Problem[] = [];
  const at = (path: DataPath, target: 'key' | 'value' = 'value') => ({ file: source.file, ...locate(source, path, target) });
  const index = indexProject(project, (kind, path, id) => {
    problems.push({ ...at(path), code: 'duplicate-id', message: `${kind} id \`${id}\` is already used by an earlier ${kind}` });
  });
  const dangling: { ref: Reference; where: ReturnType<typeof at> }[] = [];
  forEachDanglingReference(project, index, (ref) => dangling.push({ ref, where: at(ref.path) }));
  dangling.sort((a, b) => a.where.line - b.where.line || a.where.column - b.where.column);
  const known = new Map<Kind, string[]>();
  const budget = new SuggestionBudget();
  dangling.forEach(({ ref, where }, i) => {
    let ids = known.get(ref.kind);
    if (!ids) known.set(ref.kind, (ids = [...index[ref.kind].keys()]));
    const suggest = i < limits.maxProblemsPerFile;
    problems.push({ ...where, code: 'dangling-reference', message: danglingMessage(ref, ids, suggest ? budget : null) });
  });
  const controls = project.controls !== null && typeof project.controls === 'object' ? project.controls : {};
  for (const [id, control] of Object.entries(controls)) {
    if (typeof control?.expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(control.expires) && !isCalendarDate(control.expires)) {
      problems.push({ ...at(['controls', id, 'expires']), code: 'invalid-date', message: `\`controls.${id}.expires\` is \`${control.expires}\`, which is not a calendar date` });
    }
  }
  return problems;
}

export function indexProject(project: Project, onDuplicate: (kind: Kind, path: DataPath, id: string) => void = () => {}): ProjectIndex {
  const index: ProjectIndex = { supplier: new Map(), environment: new Map(), dataset: new Map(), model: new Map(), 'training activity': new Map(), ability: new Map(), asset: new Map() };
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
  add('ability', project.abilities, 'abilities');
  add('asset', project.assets, 'assets');
  return index;
}

/**
 * Every field that names another entry, as a path pattern (`*` for any list index) and the kind
 * it names; a field that lists ids ends in `*`. The one table of references: validation resolves
 * them, and the language server completes and follows them (src/lsp).
 */
export const referenceFields: readonly { pattern: readonly string[]; kind: Kind }[] = [
  { pattern: ['environments', '*', 'provider'], kind: 'supplier' },
  { pattern: ['environments', '*', 'installsFrom', '*'], kind: 'supplier' },
  { pattern: ['datasets', '*', 'labelsFor'], kind: 'dataset' },
  { pattern: ['datasets', '*', 'supplyChain', '*', 'supplier'], kind: 'supplier' },
  { pattern: ['datasets', '*', 'storedIn', '*'], kind: 'environment' },
  { pattern: ['models', '*', 'supplier'], kind: 'supplier' },
  { pattern: ['models', '*', 'baseModel'], kind: 'model' },
  { pattern: ['models', '*', 'storedIn', '*'], kind: 'environment' },
  { pattern: ['models', '*', 'inferenceInputs', '*'], kind: 'dataset' },
  { pattern: ['training', '*', 'model'], kind: 'model' },
  { pattern: ['training', '*', 'datasets', '*'], kind: 'dataset' },
  { pattern: ['training', '*', 'environment'], kind: 'environment' },
  { pattern: ['training', '*', 'hostedBy'], kind: 'supplier' },
  { pattern: ['abilities', '*', 'supplier'], kind: 'supplier' },
  { pattern: ['abilities', '*', 'usedBy', '*'], kind: 'model' },
  { pattern: ['abilities', '*', 'runsIn', '*'], kind: 'environment' },
  { pattern: ['assets', '*', 'usedBy', '*'], kind: 'model' },
  { pattern: ['assets', '*', 'storedIn', '*'], kind: 'environment' },
  { pattern: ['code', 'storedIn', '*'], kind: 'environment' },
  { pattern: ['code', 'developedBy', '*'], kind: 'supplier' },
];

/** The section of the file that defines each kind's entries. */
export const sectionOf: Readonly<Record<Kind, string>> = {
  supplier: 'suppliers',
  environment: 'environments',
  dataset: 'datasets',
  model: 'models',
  'training activity': 'training',
  ability: 'abilities',
  asset: 'assets',
};

export type { Kind as ReferenceKind };

/** The kind of entry a value at this path names, or null where no reference stands. */
export function referenceKindAt(path: DataPath): Kind | null {
  const field = referenceFields.find(({ pattern }) => pattern.length === path.length && pattern.every((step, i) => (step === '*' ? typeof path[i] === 'number' : step === path[i])));
  return field?.kind ?? null;
}

/**
 * Calls `found` for each reference that names no entry of its kind. Most references resolve, so
 * the path of one is only built once it is known to dangle: a thousand projects make hundreds of
 * thousands of references, and a path each was a tenth of what reading a project allocated.
 */
function forEachDanglingReference(project: Project, index: ProjectIndex, found: (ref: Reference) => void): void {
  // Runs on data that may have failed the schema too, so that one pass reports every problem:
  // anything of the wrong shape is skipped here (the schema has already reported it).
  // An id the schema refuses (wrong characters) is reported once, by the schema, not again here.
  const steps: (string | number)[] = [];
  const walk = (value: unknown, pattern: readonly string[], depth: number, kind: Kind) => {
    if (depth === pattern.length) {
      if (isId(value) && !index[kind].has(value)) found({ kind, id: value, path: [...steps] });
      return;
    }
    const step = pattern[depth]!;
    if (step === '*') {
      if (!Array.isArray(value)) return;
      for (let i = 0; i < value.length; i++) {
        steps.push(i);
        walk(value[i], pattern, depth + 1, kind);
        steps.pop();
      }
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, step)) {
      steps.push(step);
      walk((value as Record<string, unknown>)[step], pattern, depth + 1, kind);
      steps.pop();
    }
  };
  for (const { pattern, kind } of referenceFields) walk(project, pattern, 0, kind);
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z0-9][a-z0-9._-]{0,63}$/.test(value);
}

/** The message for a dangling reference; with a suggestion only when a budget is given (see above). */
function danglingMessage(ref: Reference, known: readonly string[], budget: SuggestionBudget | null): string {
  const base = `\`${ref.path.join('.')}\` names ${ref.kind} \`${ref.id}\`, which is not defined`;
  if (known.length === 0) return `${base}; this file defines no ${ref.kind}`;
  const hint = budget ? didYouMean(ref.id, known, { budget }) : '';
  const shown = known.slice(0, 10).map((id) => `\`${id}\``).join(', ');
  return `${base}${hint} (defined: ${shown}${known.length > 10 ? `, and ${known.length - 10} more` : ''})`;
}
