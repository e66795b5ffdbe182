import type { Gap, GapReport, ProjectGaps } from '../assess/types.js';
import { severities } from '../assess/types.js';
import { gapKey, type ComparedGap } from '../baseline/compare.js';
import { standardInputName } from '../load/read-file.js';
import { safeLine } from '../util/clean-text.js';
import { catalogIndex, type CatalogIndex } from './catalog-index.js';
import { safeHref } from './link-base.js';
import { htmlText, mdFileHref, mdTable, mdText } from './markdown-escape.js';
import type { RenderContext } from './renderer.js';
import { gapWords } from './wording.js';

/**
 * The most a summary holds, in UTF-16 code units (what JavaScript's `length` counts, and more than
 * GitHub's count of characters). A pull-request comment takes 65,536 characters; 5,536 are left
 * for what a workflow puts around it (a marker for a sticky comment, a heading of its own).
 */
export const summaryLimit = 60_000;

/** The longest a piece of project text is shown: a name or an owner, before it is escaped. */
const nameLength = 80;

/**
 * A short Markdown summary of a run, for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the
 * verdict with its counts, what changed against the baseline (new and fixed required gaps), a
 * row per required gap, most severe first, and a link to the full report. Whatever the run, it
 * is at most `summaryLimit` long: the head and the foot are bounded (each piece of text is cut
 * before it is escaped), and rows are added while they fit; the rows that do not are counted on
 * one line instead. It reads only the verdict and gaps of each project.
 */
export function renderSummary(report: GapReport, context: RenderContext): string {
  const index = catalogIndex(report.catalog);
  const head = headOf(report, context);
  const foot = footOf(report, context);
  // The blank line before the foot and the line feed at the end; each section pays for the blank line before it.
  const budget = new Budget(summaryLimit - head.length - foot.length - 3);
  const sections: string[] = [];
  if (context.baseline) sections.push(...baselineSections(report, context, index, budget));
  const required = sortedRequired(report.projects);
  if (required.length > 0) {
    const row = (i: number) => gapRow(required[i]!.project, required[i]!.gap, index, context);
    sections.push(budget.table(`#### Required controls missing (${count(required.length)})`, ['Project', 'Control', 'Gap', 'Severity', 'Counters'], { count: required.length, row }, 'required gaps', 1));
  }
  const text = [head, ...sections.filter((s) => s !== ''), foot].join('\n\n');
  return `${text}\n`;
}

/** The heading with the verdict, and one paragraph of counts and of what the run assessed against. */
function headOf(report: GapReport, context: RenderContext): string {
  const failing = report.projects.filter((p) => p.verdict === 'fail').length;
  const requiredGaps = sum(report.projects, (p) => p.counts.requiredGaps);
  const advisoryGaps = sum(report.projects, (p) => p.counts.advisoryGaps);
  const requiredDrift = sum(report.projects, (p) => p.counts.requiredDrift);
  const drift = sum(report.projects, (p) => p.drift.length);
  const expired = sum(report.projects, (p) => p.gaps.filter((g) => !g.required && g.kind === 'acceptance-expired').length);
  const heading = report.verdict === 'fail' ? '### ❌ aithreat: FAIL' : '### ✅ aithreat: PASS';
  const projects = report.projects.length === 1
    ? `The project ${report.verdict === 'fail' ? 'fails' : 'passes'}`
    : `${count(failing)} of ${plural(report.projects.length, 'project')} fail`;
  const findings = [
    `${plural(requiredGaps, 'required control')} missing`,
    ...(report.discover ? [`${plural(requiredDrift, 'drift finding')} the policy forbids (of ${count(drift)} found in the code)`] : []),
    `${plural(advisoryGaps, 'advisory gap')}${expired > 0 ? ` (${plural(expired, 'risk acceptance', 'risk acceptances')} expired)` : ''}`,
  ];
  const against = [
    report.failOn === 'none' ? 'no severity fails the run by itself' : `required from **${report.failOn}** severity`,
    ...(report.policy ? [`policy ${mdText(safeLine(report.policy.name ?? report.policy.file, nameLength))}`] : []),
    `as of ${mdText(report.asOf)}`,
  ];
  return [heading, '', `${projects}: ${findings.join(', ')}. ${capitalised(against.join('; '))}.`].join('\n');
}

/** Where the full report is, and what wrote this one. */
function footOf(report: GapReport, context: RenderContext): string {
  const full = fullReportLink(context);
  const tool = `<sub>aithreat ${htmlText(safeLine(report.tool.version, 40))}: the same input gives the same summary.</sub>`;
  return [`**Full report**: ${full}`, '', tool].join('\n');
}

/**
 * The Markdown report the same run wrote: linked beside this summary when no link base is set (both
 * are read where they were written); under a link base (GitHub Actions, `--link-base`) it is not in
 * the commit the base points at, so it is named, and the run's page (where a workflow uploads it as
 * an artifact) is the link. Without a Markdown report: the run's page, or the command that writes one.
 */
function fullReportLink(context: RenderContext): string {
  const run = context.runUrl ? safeHref(context.runUrl) : null;
  const runLink = run ? `[the workflow run](${run})` : null;
  const file = context.markdownReport;
  if (file !== undefined && file.length <= 1000) {
    const name = `\`${safeLine(file, 200).replace(/`/g, "'")}\``;
    if (!context.linkBase && file !== standardInputName) return `[${mdText(safeLine(file, 200))}](${relativeHref(file, context.documentDir ?? '')})`;
    return runLink ? `${name}, written by ${runLink}` : name;
  }
  return runLink ?? '`aithreat assess --format markdown` writes it.';
}

function relativeHref(file: string, documentDir: string): string {
  // mdFileHref adds `#L<line>`; a whole file is linked without one.
  return mdFileHref({ file, line: 1 }, documentDir).replace(/#L1$/, '');
}

/** New and fixed required gaps against the baseline, each a table with its count. */
function baselineSections(report: GapReport, context: RenderContext, index: CatalogIndex, budget: Budget): string[] {
  const { file, comparison } = context.baseline!;
  const fresh = comparison.gaps.filter((g) => g.change === 'new' && g.required);
  const fixed = comparison.gaps.filter((g) => g.change === 'resolved' && g.required);
  const unchanged = comparison.gaps.filter((g) => g.change === 'unchanged' && g.required).length;
  const line = `**Against the baseline** ${mdText(safeLine(file, nameLength))}: ${plural(fresh.length, 'new required gap')}, ${count(fixed.length)} fixed, ${count(unchanged)} unchanged.`;
  const locations = gapLocations(report.projects);
  const freshRows = { count: fresh.length, row: (i: number) => comparedRow(fresh[i]!, index, context, locations.get(gapKey(fresh[i]!.file, fresh[i]!.control, fresh[i]!.kind))) };
  const fixedRows = { count: fixed.length, row: (i: number) => comparedRow(fixed[i]!, index, context, undefined) };
  return [
    budget.take(line) ? line : '',
    budget.table(`#### New required gaps (${count(fresh.length)})`, ['Project', 'Control', 'Gap', 'Severity'], freshRows, 'new required gaps', 1),
    // Fixed gaps are good news, not work: they may use a quarter of what is left.
    budget.table(`#### Fixed since the baseline (${count(fixed.length)})`, ['Project', 'Control', 'Gap', 'Severity'], fixedRows, 'fixed gaps', 0.25),
  ];
}

interface ShownGap {
  project: ProjectGaps;
  gap: Gap;
}

/** Every required gap of the run, most severe first, then in the order of projects and of their gaps. */
function sortedRequired(projects: readonly ProjectGaps[]): ShownGap[] {
  const shown = projects.flatMap((project) => project.gaps.filter((gap) => gap.required).map((gap) => ({ project, gap })));
  // Array.prototype.sort is stable: within a severity the report's order stays.
  return shown.sort((a, b) => severities.indexOf(a.gap.severity) - severities.indexOf(b.gap.severity));
}

function gapRow(project: ProjectGaps, gap: Gap, index: CatalogIndex, context: RenderContext): string[] {
  const threats = gap.threats.slice(0, 4).map((t) => mdText(safeLine(t, 40)));
  const more = gap.threats.length > 4 ? ` +${gap.threats.length - 4}` : '';
  return [projectCell(project, gap, context), controlCell(gap.control, index), mdText(gapWords[gap.kind] ?? gap.kind), gap.severity, threats.length > 0 ? `${threats.join(', ')}${more}` : 'policy'];
}

function comparedRow(gap: ComparedGap, index: CatalogIndex, context: RenderContext, location: Gap['location'] | undefined): string[] {
  const file = mdText(safeLine(gap.file, nameLength * 2));
  const place = location && location.file !== standardInputName ? `[${file}](${mdFileHref(location, context.documentDir, context.linkBase)})` : file;
  const kind = Object.hasOwn(gapWords, gap.kind) ? gapWords[gap.kind as Gap['kind']] : safeLine(gap.kind, 40);
  return [place, controlCell(gap.control, index), mdText(kind), mdText(safeLine(gap.severity ?? '—', 20))];
}

/** The project's name (and owner), linked to the line of its file where the gap is. */
function projectCell(project: ProjectGaps, gap: Gap, context: RenderContext): string {
  const name = mdText(safeLine(project.name, nameLength)) || mdText(safeLine(project.file, nameLength));
  const linked = gap.location.file === standardInputName ? name : `[${name}](${mdFileHref(gap.location, context.documentDir, context.linkBase)})`;
  return project.owner ? `${linked} · ${mdText(safeLine(project.owner, nameLength))}` : linked;
}

/** The control's id, linked to its catalog entry (the catalog assessed, an organisation's included), and its title. */
function controlCell(control: string, index: CatalogIndex): string {
  const entry = index.controls.get(control);
  const id = mdText(safeLine(control, 60));
  const href = entry ? safeHref(entry.permalink) : null;
  const linked = href && href.length <= 500 ? `[${id}](${href})` : id;
  return entry ? `${linked} ${mdText(safeLine(entry.title, nameLength))}` : linked;
}

function gapLocations(projects: readonly ProjectGaps[]): Map<string, Gap['location']> {
  const found = new Map<string, Gap['location']>();
  for (const project of projects) for (const gap of project.gaps) found.set(gapKey(project.file, gap.control, gap.kind), gap.location);
  return found;
}

/** Rows made one at a time: a run of 10,000 projects has more than any summary shows. */
interface Rows {
  count: number;
  row: (index: number) => string[];
}

/**
 * What is left of the summary's length. A table takes its heading, its head and then rows while
 * they fit, and ends with a line that counts the rows left out; the room for that line is kept
 * before any row is taken, so the total never passes the limit.
 */
class Budget {
  constructor(private left: number) {}

  /** Takes a block (and the blank line before it) when it fits. */
  take(block: string): boolean {
    if (block.length + 2 > this.left) return false;
    this.left -= block.length + 2;
    return true;
  }

  /** A table of the rows that fit in `share` of what is left; '' when there are no rows or not even its heading fits. */
  table(heading: string, head: string[], rows: Rows, what: string, share: number): string {
    if (rows.count === 0) return '';
    const more = (n: number) => `_… and ${count(n)} more ${what}: see the full report._`;
    const frame = mdTable(head, []);
    // The longest line counting what is left out, whatever the number.
    // GFM continues a table with any line that follows it, so a blank line goes before it.
    const reserve = more(Number.MAX_SAFE_INTEGER).length + 2;
    const fixed = heading.length + 2 + frame.join('\n').length + 1 + reserve;
    // The blank line before the table is charged with it.
    const room = Math.floor(this.left * share) - 2;
    if (fixed > room) return this.take(more(rows.count)) ? more(rows.count) : '';
    let used = fixed;
    const lines: string[] = [];
    for (let i = 0; i < rows.count; i++) {
      const line = mdTable(head, [rows.row(i)])[2]!;
      if (used + line.length + 1 > room) break;
      used += line.length + 1;
      lines.push(line);
    }
    const left = rows.count - lines.length;
    const text = [heading, '', ...frame, ...lines, ...(left > 0 ? ['', more(left)] : [])].join('\n');
    this.left -= text.length + 2;
    return text;
  }
}

function sum(projects: readonly ProjectGaps[], of: (p: ProjectGaps) => number): number {
  return projects.reduce((total, p) => total + of(p), 0);
}

/** `1 thing`, `1,250 things`: counts with thousands separated, the same on every machine. */
function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** A count with thousands separated, the same on every machine. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
