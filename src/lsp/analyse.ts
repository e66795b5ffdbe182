import { assessProject } from '../assess/assess.js';
import type { ProjectAssessment } from '../assess/types.js';
import { checkConfig } from '../config/load.js';
import { sizeProblem } from '../load/read-file.js';
import { decode, parseSource, type LoadResult, type SourceFile } from '../load/source.js';
import type { Problem } from '../problem.js';
import type { Project } from '../project/types.js';
import { isRuleError } from '../rules/api.js';
import { policyCatalogProblems } from '../validate/catalog-references.js';
import { checkProject, checkSchema } from '../validate/load-project.js';
import { assessmentDiagnostics, contextDiagnostic, problemDiagnostic, ruleErrorDiagnostic, type Diagnostic } from './diagnostics.js';
import type { DocumentKind } from './document-kind.js';
import { assessOptionsIn, type FolderContext } from './folder-context.js';

/** What the server knows of one version of a document: its diagnostics, and what hover and completion read. */
export interface Analysis {
  kind: DocumentKind;
  diagnostics: Diagnostic[];
  /** The parsed file, when it parsed within the limits. */
  source?: SourceFile;
  /** The project, when it validated. */
  project?: Project;
  assessment?: ProjectAssessment;
}

/**
 * Checks a document's text as `validate` checks the file (the same loader, limits, schema and
 * references, so the same problems at the same places), then, for a valid project, assesses it as
 * `assess` would in its folder. Nothing here throws on any text: an error of the server's own is
 * one diagnostic at the top of the file.
 */
export function analyse(text: string, file: string, kind: DocumentKind, folder: FolderContext): Analysis {
  try {
    return analyseUnsafe(text, file, kind, folder);
  } catch (error) {
    return { kind, diagnostics: [problemDiagnostic(text, { file, line: 1, column: 1, code: 'schema', message: `aithreat could not check this file: ${(error as Error).message}` })] };
  }
}

function analyseUnsafe(text: string, file: string, kind: DocumentKind, folder: FolderContext): Analysis {
  const loaded = load(text, file);
  const of = (problems: readonly Problem[]) => problems.map((p) => problemDiagnostic(text, p));
  if (kind === 'config') {
    const checked = checkConfig(loaded, folder.root);
    return { kind, diagnostics: checked.ok ? [] : of(checked.problems), ...sourceOf(loaded) };
  }
  if (kind === 'policy') {
    const checked = checkSchema(loaded, 'policy', (data, source) => policyCatalogProblems(data, source, folder.ids));
    return { kind, diagnostics: checked.ok ? [] : of(checked.problems), ...sourceOf(loaded) };
  }
  const checked = checkProject(loaded, folder.ids);
  if (!checked.ok) return { kind, diagnostics: of(checked.problems), ...sourceOf(loaded) };
  const { source, value: project } = checked;
  if (!folder.context) return { kind, diagnostics: [contextDiagnostic(text, folder.problems)], source, project };
  let assessment: ProjectAssessment;
  try {
    assessment = assessProject(source, project, assessOptionsIn(folder, folder.context));
  } catch (error) {
    // An organisation's rule that cannot decide on this project: `assess` stops with it, the editor shows it.
    if (!isRuleError(error)) throw error;
    return { kind, diagnostics: error.problems.map((p) => ruleErrorDiagnostic(text, p, folder.root)), source, project };
  }
  return { kind, diagnostics: assessmentDiagnostics(text, assessment, folder.catalog), source, project, assessment };
}

/** The text as the one reader would take it from a file: within the size limit, and no NUL byte. */
function load(text: string, file: string): LoadResult {
  const tooLarge = sizeProblem(file, Buffer.byteLength(text));
  if (tooLarge) return { ok: false, problems: [tooLarge] };
  if (text.includes('\u0000')) {
    const decoded = decode(Buffer.from(text), file);
    if ('problem' in decoded) return { ok: false, problems: [decoded.problem] };
  }
  return parseSource(text, file);
}

function sourceOf(loaded: LoadResult): { source?: SourceFile } {
  return loaded.source ? { source: loaded.source } : {};
}
