import { describeFact } from '../rules/api.js';
import { severities, type Fact, type Gap, type ProjectAssessment, type Report, type Severity, type ThreatFinding } from '../assess/types.js';
import { oneLine } from '../util/clean-text.js';
import { catalogIndex, organisationEntries } from './catalog-index.js';
import { driftTableLines } from './drift-table.js';
import { styleFor, type Style } from './style.js';
import { fitColumns, type ColumnSpec } from './table-layout.js';
import { TextTable } from './text-table.js';
import { renderWhole, type DocumentWriter, type RenderContext, type RunFacts } from './renderer.js';
import { acceptanceStateWords, foldedAdvice, gapWords, groupWords, needsAttention, plural } from './wording.js';
import { wrapText } from './wrap-text.js';

/**
 * The terminal view: per project a header with the verdict, the threats, the required controls
 * that are missing and the risk acceptances that need attention. Fits `context.width` columns.
 */
export function renderTable(report: Report, context: RenderContext): string {
  return renderWhole(tableDocument, report, context);
}

/** The table a project at a time; a run of several ends with a line of totals, which the writer counts as it goes. */
export function tableDocument(run: RunFacts, context: RenderContext): DocumentWriter {
  const chalk = styleFor(context.colorLevel);
  const width = Math.max(60, context.width);
  const totals: Totals = { failing: 0, missing: 0, applicable: 0 };
  return {
    head: '',
    project(project, index) {
      if (project.verdict === 'fail') totals.failing++;
      totals.missing += project.counts.requiredGaps;
      totals.applicable += project.counts.applicable;
      return `${index === 0 ? '' : '\n\n'}${renderProject(project, run, chalk, width)}`;
    },
    end({ verdict, projects }) {
      return { foot: `${projects > 1 ? `\n\n${totalsLine(projects, verdict, totals, chalk)}` : ''}\n` };
    },
  };
}

/** What the line of totals counts over the projects. */
interface Totals {
  failing: number;
  /** Required controls missing. */
  missing: number;
  /** Threats that apply. */
  applicable: number;
}

function renderProject(project: ProjectAssessment, report: RunFacts, chalk: Style, width: number): string {
  const lines = wrapText(`${oneLine(project.name)} — ${project.verdict.toUpperCase()}`, width).map((l) => chalk.bold(l));
  lines[lines.length - 1] = lines.at(-1)!.replace(project.verdict.toUpperCase(), verdictText(project.verdict, chalk));
  const about = [oneLine(project.file), project.owner ? `owner ${oneLine(project.owner)}` : '', `as of ${report.asOf}`, `fails on ${report.failOn}`];
  lines.push(...wrapText(about.filter(Boolean).join(' · '), width).map((l) => chalk.dim(l)));
  lines.push(...wrapText(threatCount(project, chalk), width), '');
  lines.push(chalk.bold('Threats'), threatTable(project.threats, chalk, width));

  const required = project.gaps.filter((g) => g.required);
  lines.push('', chalk.bold(`Required controls missing (${required.length})`));
  if (required.length === 0) lines.push('None: every required control is in place.');
  else {
    const rows = required.map((gap) => [`${gap.control}\n${chalk.dim(gap.title)}\n${chalk.dim(`line ${gap.location.line}`)}`, gapWords[gap.kind], requiredBecause(gap)]);
    lines.push(drawTable(['Control', 'Gap', 'Why it is required'], [{ min: 18, ideal: 31 }, { min: 10, ideal: 14 }, { min: 20, flex: true }], rows, width, chalk));
  }

  const attention = project.acceptances.filter(needsAttention);
  if (attention.length > 0) {
    lines.push('', chalk.bold(`Risk acceptances needing attention (${attention.length})`));
    const rows = attention.map((a) => [`${a.control}\n${chalk.dim(`line ${a.location.line}`)}`, chalk.yellow(acceptanceStateWords[a.state]), a.owner ? oneLine(a.owner) : chalk.dim('none'), a.expires ?? chalk.dim('none')]);
    lines.push(drawTable(['Control', 'State', 'Owner', 'Expires'], [{ min: 18, ideal: 31 }, { min: 11, ideal: 13 }, { min: 12, flex: true }, { min: 12 }], rows, width, chalk));
  }
  const questions = project.openQuestions;
  if (questions.length > 0) {
    lines.push('', chalk.bold(`Open questions (${questions.length}): not declared, counted ${report.undeclared === 'count' ? 'as a risk' : 'as nothing'}`));
    for (const q of questions.slice(0, shownQuestions)) {
      const moves = q.threats.map((t) => `${t.threat} ${t.severity} → ${report.undeclared === 'count' ? t.ifSafe : t.ifUnsafe}`).join(', ');
      const said = `line ${q.location.line}: ${plainText(q.text)}; declare ${questionPath(q.path)}: ${q.safe} (${moves} if declared ${report.undeclared === 'count' ? 'so' : 'unsafe'})`;
      lines.push(...wrapText(`- ${said}`, width, '  '));
    }
    if (questions.length > shownQuestions) lines.push(chalk.dim(`and ${questions.length - shownQuestions} more: see --format markdown or json.`));
  }
  lines.push(...driftTableLines(project, report, chalk, width));
  lines.push(...adviceLines(project, chalk, width));
  lines.push(...organisationLinks(project, report, chalk, width));
  return lines.join('\n');
}

/** Why a gap is required, in a few words: the factors it answers, the threats it is primary for, the policy. */
function requiredBecause(gap: Gap): string {
  const parts: string[] = [];
  const answered = [...new Set(gap.answers.map((a) => a.threat))];
  if (gap.answers.length > 0) parts.push(`answers ${plural(gap.answers.length, 'factor')} of ${answered.join(', ')}`);
  if (gap.primaryFor.length > 0) parts.push(`primary for ${gap.primaryFor.join(', ')}`);
  if (gap.requiredBy.includes('policy')) parts.push(gap.reason ? `policy: ${oneLine(gap.reason)}` : 'required by policy');
  return parts.join('; ');
}

/** The open questions a terminal shows; the rest are in the Markdown and JSON reports. */
const shownQuestions = 10;

/**
 * The entries of an organisation's catalog the project's report names, with their links: the
 * built-in entries need none here (`aithreat catalog show` has them), the organisation's own are
 * described only on its pages.
 */
function organisationLinks(project: ProjectAssessment, report: RunFacts, chalk: Style, width: number): string[] {
  const threats = project.threats.filter((t) => t.applies).map((t) => t.threat);
  const controls = [...project.gaps.map((g) => g.control), ...project.threats.flatMap((t) => t.recommendations.map((r) => r.control))];
  const own = organisationEntries(catalogIndex(report.catalog), threats, controls);
  if (own.length === 0) return [];
  return ['', chalk.bold(`From the organisation catalog (${own.length})`), ...own.flatMap((e) => wrapText(`- ${e.id} ${oneLine(e.title)}: ${e.permalink}`, width, '  '))];
}

/** Advice in order of weight: controls that answer fired factors, then one line per group of the rest. */
function adviceLines(project: ProjectAssessment, chalk: Style, width: number): string[] {
  const advisory = project.gaps.filter((g) => !g.required);
  if (advisory.length === 0) return [];
  const lines = ['', chalk.bold(`Advice (${advisory.length})`)];
  for (const gap of advisory.filter((g) => g.answers.length > 0)) {
    const answered = [...new Set(gap.answers.map((a) => a.threat))].join(', ');
    lines.push(...wrapText(`- ${gap.control} (${gapWords[gap.kind]}, ${gap.severity}): answers ${plural(gap.answers.length, 'factor')} of ${answered}`, width, '  '));
  }
  for (const [group, gaps] of foldedAdvice(advisory)) {
    lines.push(...wrapText(`- ${groupWords[group] ?? group}: ${gaps.map((g) => g.control).join(', ')}`, width, '  ').map((l) => chalk.dim(l)));
  }
  return lines;
}

/** Below this width the threat table leaves out its Applies column: a threat that applies has a severity, and `—` says it does not. */
const compactWidth = 72;

function threatTable(threats: ThreatFinding[], chalk: Style, width: number): string {
  const compact = width < compactWidth;
  const rows = threats.map((t) => [
    `${t.group === null ? chalk.bold(t.threat) : t.threat}\n${chalk.dim(t.title)}`,
    t.severity ? severityText(t.severity, chalk) : chalk.dim('—'),
    ...(compact ? [] : [t.applies ? 'yes' : chalk.dim('no')]),
    // A group's first fact is its most severe member's (assess/groups.ts).
    t.evidence[0] ? plainFact(t.evidence[0]) : '',
  ]);
  if (compact) return drawTable(['Threat', 'Severity', 'Why'], [{ min: 16, ideal: 24 }, { min: 10 }, { min: 20, flex: true }], rows, width, chalk);
  return drawTable(['Threat', 'Severity', 'Applies', 'Why'], [{ min: 16, ideal: 24 }, { min: 10 }, { min: 9 }, { min: 20, flex: true }], rows, width, chalk);
}

/** A boxed table exactly `width` columns wide (table-layout.ts decides the columns, text-table.ts draws them). */
function drawTable(head: string[], columns: ColumnSpec[], rows: string[][], width: number, chalk: Style): string {
  const table = new TextTable({ head: head.map((h) => chalk.bold(h)), colWidths: fitColumns(width, columns, [head, ...rows]) });
  table.push(...rows);
  return table.toString();
}

/**
 * `5 of 6 threats apply: 4 high, 1 medium`, then the groups: the count of the rows of the threat
 * table, whose group rows sum up the others.
 */
function threatCount(project: ProjectAssessment, chalk: Style): string {
  const leaves = project.threats.filter((t) => t.group !== null).length;
  const groups = project.threats.length - leaves;
  const counts = severities.filter((s) => project.counts.bySeverity[s] > 0).map((s) => `${project.counts.bySeverity[s]} ${severityText(s, chalk)}`);
  const applying = `${project.counts.applicable} of ${plural(leaves, 'threat')} ${project.counts.applicable === 1 ? 'applies' : 'apply'}`;
  return `${applying}${counts.length > 0 ? `: ${counts.join(', ')}` : ''}${groups > 0 ? `; ${plural(groups, 'group')} ${groups === 1 ? 'sums' : 'sum'} them up` : ''}`;
}

/** Text from the project made safe for a terminal. */
function plainText(text: string): string {
  return oneLine(text);
}

/** A field's path as the validator writes it: `environments.2.accessLogging`. */
function questionPath(path: readonly (string | number)[]): string {
  return oneLine(path.join('.'));
}

/** The fact's wording with the project's text made safe for a terminal. */
function plainFact(fact: Fact): string {
  const args = Object.fromEntries(Object.entries(fact.args ?? {}).map(([k, v]) => [k, oneLine(v)]));
  return oneLine(describeFact({ ...fact, args }));
}

function severityText(severity: Severity, chalk: Style): string {
  const styles: Record<Severity, Style> = { critical: chalk.red.bold, high: chalk.red, medium: chalk.yellow, low: chalk.cyan };
  return styles[severity](severity);
}

function verdictText(verdict: 'pass' | 'fail', chalk: Style): string {
  return verdict === 'fail' ? chalk.red.bold('FAIL') : chalk.green.bold('PASS');
}

function totalsLine(projects: number, verdict: 'pass' | 'fail', totals: Totals, chalk: Style): string {
  return `${plural(projects, 'project')}: ${projects - totals.failing} pass, ${totals.failing} fail; ` +
    `${plural(totals.applicable, 'applicable threat')}, ${plural(totals.missing, 'required control')} missing — ${verdictText(verdict, chalk)}`;
}
