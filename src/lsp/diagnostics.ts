import { relative } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Acceptance, Gap, OpenQuestion, ProjectAssessment } from '../assess/types.js';
import type { Catalog } from '../catalog/types.js';
import { formatProblem, type Problem } from '../problem.js';
import { catalogIndex } from '../render/catalog-index.js';
import { gapWords } from '../render/wording.js';
import { safeLine } from '../util/clean-text.js';
import { suggestionsIn } from '../validate/suggest.js';
import { rangeAt } from './ranges.js';

export type { Diagnostic } from 'vscode-languageserver';

/** What a quick fix needs of a diagnostic, carried in its `data` (code-actions.ts). */
export interface FixData {
  /** Words the message offers in place of the one at the range. */
  suggestions?: string[];
  /** A required key the mapping at the range lacks, and the path of that mapping. */
  missingKey?: { key: string; at: (string | number)[] };
}

const source = 'aithreat';

/** A problem of `validate`, with its message as `validate` prints it. */
export function problemDiagnostic(text: string, problem: Problem): Diagnostic {
  const data = fixData(problem);
  return {
    range: rangeAt(text, problem.line, problem.column),
    severity: DiagnosticSeverity.Error,
    source,
    code: problem.code,
    message: safeLine(problem.message),
    ...(data ? { data } : {}),
  };
}

function fixData(problem: Problem): FixData | null {
  const suggestions = suggestionsIn(problem.message);
  if (suggestions.length > 0) return { suggestions };
  const missing = /^missing required key `([^`]+)` in (?:`([^`]*)`|the file)/.exec(problem.message);
  if (problem.code === 'missing-key' && missing) return { missingKey: { key: missing[1]!, at: missing[2] ? missing[2].split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : [] } };
  return null;
}

/** Said on a valid project when the folder's configuration, policy, catalogs or rules did not load. */
export function contextDiagnostic(text: string, problems: readonly Problem[]): Diagnostic {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return {
    range: rangeAt(text, 1, 1),
    severity: DiagnosticSeverity.Warning,
    source,
    code: 'not-assessed',
    message: `not assessed: the folder's configuration, policy, catalogs or rules have problems: ${first ? safeLine(formatProblem(first)) : 'unknown'}${more}`,
  };
}

/** An organisation's rule that could not decide on this project: `assess` stops on it with exit 2. */
export function ruleErrorDiagnostic(text: string, problem: Problem, root: string): Diagnostic {
  return {
    range: rangeAt(text, 1, 1),
    severity: DiagnosticSeverity.Error,
    source,
    code: problem.code,
    message: `${safeLine(formatProblem({ ...problem, file: relative(root, problem.file) || problem.file }))} (assessing this file)`,
  };
}

/**
 * The assessment, where the report places each part: a required gap (error) or an advisory one
 * (information) at the control's entry or the facts behind the threat, a risk acceptance that
 * expired or lacks what it needs (warning), and each open question (hint). Each links its catalog
 * entry.
 */
export function assessmentDiagnostics(text: string, assessment: ProjectAssessment, catalog: Catalog): Diagnostic[] {
  const index = catalogIndex(catalog);
  const link = (id: string | undefined) => {
    const href = id === undefined ? undefined : (index.controls.get(id) ?? index.threats.get(id))?.permalink;
    return href ? { codeDescription: { href } } : {};
  };
  const at = (location: { line: number; column: number }) => rangeAt(text, location.line, location.column);
  const acceptanceGap = (gap: Gap) => gap.kind === 'acceptance-expired' || gap.kind === 'acceptance-incomplete';
  const gaps = assessment.gaps
    .filter((gap) => gap.required || !acceptanceGap(gap))
    .map((gap): Diagnostic => ({ range: at(gap.location), severity: gap.required ? DiagnosticSeverity.Error : DiagnosticSeverity.Information, source, code: gap.control, ...link(gap.control), message: gapMessage(gap) }));
  const acceptances = assessment.acceptances
    .filter((a) => a.state === 'expired' || a.state === 'incomplete')
    .map((a): Diagnostic => ({ range: at(a.location), severity: DiagnosticSeverity.Warning, source, code: a.control, ...link(a.control), message: acceptanceMessage(a) }));
  const questions = assessment.openQuestions.map((q): Diagnostic => ({ range: at(q.location), severity: DiagnosticSeverity.Hint, source, code: q.threats[0]?.threat ?? 'open-question', ...link(q.threats[0]?.threat), message: questionMessage(q) }));
  return [...gaps, ...acceptances, ...questions].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function gapMessage(gap: Gap): string {
  const what = gap.kind === 'acceptance-expired'
    ? `The risk acceptance of ${gap.control} (${gap.title}) expired${gap.expires ? ` on ${gap.expires}` : ''}`
    : `${gap.required ? 'Required control' : 'Control'} ${gap.control} (${gap.title}) is ${gapWords[gap.kind]}`;
  const counters = gap.threats.length > 0 ? `; it counters ${gap.threats.join(', ')}, the most severe ${gap.severity}` : '';
  const answers = gap.answers.length > 0 ? `; it answers: ${gap.answers.map((a) => `${a.text} (${a.threat})`).join('; ')}` : '';
  const reason = gap.reason ? `; policy: ${gap.reason}` : '';
  return safeLine(`${what}${counters}${answers}${reason}`);
}

function acceptanceMessage(acceptance: Acceptance): string {
  const as = acceptance.status === 'risk-accepted' ? 'risk acceptance' : 'not-applicable declaration';
  if (acceptance.state === 'expired') return safeLine(`The ${as} of ${acceptance.control} expired on ${acceptance.expires ?? 'an unknown date'}: review it, then renew it or put the control in place`);
  const lacks = [acceptance.owner === null ? 'an owner' : null, acceptance.justification === null ? 'a justification' : null, acceptance.status === 'risk-accepted' && acceptance.expires === null ? 'an expiry date' : null].filter((x) => x !== null);
  return safeLine(`The ${as} of ${acceptance.control} is incomplete${lacks.length > 0 ? `: it lacks ${lacks.join(' and ')}` : ''}`);
}

function questionMessage(question: OpenQuestion): string {
  const moves = question.threats.map((t) => `${t.threat} ${t.severity} (declared safe: ${t.ifSafe})`).join(', ');
  return safeLine(`Open question: ${question.text}. Declaring \`${question.path.join('.')}\` (safe: ${question.safe}) moves ${moves}`);
}
