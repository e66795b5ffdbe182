import type { DriftEntry, Gap, GapReport, Location, ProjectGaps } from '../assess/types.js';
import { severities } from '../assess/types.js';
import { gapKey } from '../baseline/compare.js';
import { driftKinds, type DriftCode } from '../discover/drift.js';
import { standardInputName } from '../load/read-file.js';
import { safeLine } from '../util/clean-text.js';
import { catalogIndex, type CatalogIndex } from './catalog-index.js';
import type { RenderContext } from './renderer.js';
import { annotationCommand, type Annotation } from './workflow-commands.js';
import { gapWords, plural } from './wording.js';

/**
 * GitHub shows at most 10 error and 10 warning annotations of a step (and 50 of a job); the rest
 * are lines of the log only. aithreat writes that many of each, the ones that matter most first,
 * and one notice that counts the rest, so that a run of 10,000 projects writes a bounded log.
 * https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
 */
export const annotationsShown = { error: 10, warning: 10 } as const;

/** The longest a piece of project text is shown in an annotation. */
const textLength = 120;

/**
 * GitHub Actions workflow commands: an error annotation at the line of each required control
 * that is missing (the line of the project file where it is, or would be, declared) and of each
 * drift finding the policy forbids (at the line of the code, `--discover`), and a warning for each
 * risk acceptance that has expired but is not required (someone has to renew or drop it, at a
 * line). Advisory gaps are left to the other reports: a warning per advisory control would bury
 * the errors. With a baseline, the new required gaps come first, then the most severe.
 *
 * Files are named from the repository's root: the working directory's folder in `GITHUB_WORKSPACE`
 * (`RenderContext.repositoryFolder`) goes before each relative path.
 */
export function renderGithub(report: GapReport, context: RenderContext): string {
  const index = catalogIndex(report.catalog);
  const fresh = newGapKeys(context);
  const errors: Ranked[] = [];
  const warnings: Ranked[] = [];
  // Each annotation's text is made only for the ones shown: a large run has many more.
  for (const project of report.projects) {
    for (const gap of project.gaps) {
      if (gap.required) errors.push({ rank: rankOf(gap, project, fresh), annotation: () => gapAnnotation(gap, project, index, context, 'error') });
      else if (gap.kind === 'acceptance-expired') warnings.push({ rank: rankOf(gap, project, fresh), annotation: () => gapAnnotation(gap, project, index, context, 'warning') });
    }
    for (const drift of project.drift) {
      if (drift.required) errors.push({ rank: 1 + severities.length, annotation: () => driftAnnotation(drift, project, context) });
    }
  }
  const lines = [...shown(errors, annotationsShown.error), ...shown(warnings, annotationsShown.warning)].map(annotationCommand);
  const left = errors.length - Math.min(errors.length, annotationsShown.error) + warnings.length - Math.min(warnings.length, annotationsShown.warning);
  if (left > 0) lines.push(annotationCommand({ level: 'notice', title: 'aithreat', message: leftOutMessage(errors.length, warnings.length, left) }));
  return lines.map((line) => `${line}\n`).join('');
}

interface Ranked {
  /** 0 for a gap new since the baseline, then 1 + the index of its severity; drift after gaps. */
  rank: number;
  annotation: () => Annotation;
}

function shown(ranked: Ranked[], most: number): Annotation[] {
  // Array.prototype.sort is stable: within a rank the report's order stays.
  return [...ranked].sort((a, b) => a.rank - b.rank).slice(0, most).map((r) => r.annotation());
}

function rankOf(gap: Gap, project: ProjectGaps, fresh: ReadonlySet<string>): number {
  return fresh.has(gapKey(project.file, gap.control, gap.kind)) ? 0 : 1 + severities.indexOf(gap.severity);
}

function leftOutMessage(errors: number, warnings: number, left: number): string {
  return `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in all; ${plural(left, 'more is', 'more are')} not annotated, as GitHub shows ${annotationsShown.error} errors and ${annotationsShown.warning} warnings of a step. The SARIF and Markdown reports list them all.`;
}

function gapAnnotation(gap: Gap, project: ProjectGaps, index: CatalogIndex, context: RenderContext, level: 'error' | 'warning'): Annotation {
  const title = safeLine(index.controls.get(gap.control)?.title ?? gap.title, textLength);
  const control = safeLine(gap.control, textLength);
  const name = safeLine(project.name, textLength);
  const owner = project.owner ? ` (owner ${safeLine(project.owner, textLength)})` : '';
  const what = gap.kind === 'acceptance-expired'
    ? `The risk acceptance of ${control} (${title}) expired${gap.expires ? ` on ${safeLine(gap.expires, 20)}` : ''}`
    : `Required control ${control} (${title}) is ${gapWords[gap.kind]}`;
  const counters = gap.threats.length > 0 ? ` It counters ${gap.threats.slice(0, 8).map((t) => safeLine(t, 60)).join(', ')}${gap.threats.length > 8 ? ', …' : ''}; the most severe is ${gap.severity}.` : '';
  const reason = gap.reason ? ` Policy: ${safeLine(gap.reason, textLength * 2)}` : '';
  return { level, ...placeOf(gap.location, context), title: `aithreat ${control}: ${title}`, message: `${what} in ${name}${owner}.${counters}${reason}` };
}

function driftAnnotation(drift: DriftEntry, project: ProjectGaps, context: RenderContext): Annotation {
  const kind = Object.hasOwn(driftKinds, drift.code) ? driftKinds[drift.code as DriftCode].title : safeLine(drift.code, 60);
  const sentence = safeLine(drift.text, textLength * 2);
  const message = `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}, in ${safeLine(project.name, textLength)} (${safeLine(project.file, textLength * 2)}). The policy requires that no such drift is found.`;
  return { level: 'error', ...placeOf(drift.location, context), title: `aithreat drift: ${kind}`, message };
}

/** A location as properties: the file from the repository's root; none for standard input. */
function placeOf(location: Location, context: RenderContext): Pick<Annotation, 'file' | 'line' | 'col'> {
  if (location.file === standardInputName) return {};
  const file = safeLine(location.file.replace(/\\/g, '/'), 4000);
  const fromRoot = file.startsWith('/') || /^[A-Za-z]:\//.test(file) || file.startsWith('../') ? file : `${context.repositoryFolder ?? ''}${file}`;
  return { file: fromRoot, line: location.line, col: location.column };
}

function newGapKeys(context: RenderContext): ReadonlySet<string> {
  const gaps = context.baseline?.comparison.gaps ?? [];
  return new Set(gaps.filter((g) => g.change === 'new').map((g) => gapKey(g.file, g.control, g.kind)));
}
