import type { ReportingDescriptor } from 'sarif';
import type { Gap, ProjectGaps, Severity } from '../assess/types.js';
import { severities } from '../assess/types.js';
import type { ControlEntry } from '../catalog/types.js';
import { describedIn, type CatalogIndex } from './catalog-index.js';
import { mdText } from './markdown-escape.js';
import { oneLine } from '../util/clean-text.js';

/**
 * The rules of a project's control gaps: a rule per (project, control). GitHub code scanning
 * reads `security-severity` from the rule only, and one upload may hold at most 20 runs, so the
 * severity a control has in one project can only be told by a rule of that project. The rule id
 * is the control and the project file, neither of which a change of facts moves; the threats the
 * control counters here, which facts do move, are in the rule's help and the result's message.
 */

/** GitHub code scanning reads `security-severity` as a CVSS-like score: ≥9 critical, ≥7 high, ≥4 medium. */
export const securitySeverity: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

const defaultLevel: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/**
 * The rule id of a control's gaps in one project: `CONTROL/path/of/project.yaml`, the path on one
 * line without controls or bidi overrides (GitHub shows rule ids as they are).
 */
export function controlRuleId(control: string, projectFile: string): string {
  return `${control}/${shownPath(projectFile)}`;
}

/** A project file's path as SARIF text shows it: forward slashes, cleaned as messages are. */
export function shownPath(file: string): string {
  return oneLine(file.replace(/\\/g, '/'));
}

/** `Data quality control` → `DataQualityControl`: SARIF wants rule names that read like identifiers. */
export function identifierName(title: string): string {
  return title.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** The gaps a SARIF report shows: required controls not in place, and expired risk acceptances. */
export function shownGaps(project: ProjectGaps): Gap[] {
  return project.gaps.filter((g) => g.required || g.kind === 'acceptance-expired');
}

/** One rule per control with a shown gap in the project, in the order of its gaps. */
export function controlRulesOf(project: ProjectGaps, index: CatalogIndex): ReportingDescriptor[] {
  const byControl = new Map<string, Gap[]>();
  for (const gap of shownGaps(project)) byControl.set(gap.control, [...(byControl.get(gap.control) ?? []), gap]);
  return [...byControl].map(([control, gaps]) => controlRule(control, gaps, project, index));
}

function controlRule(control: string, gaps: Gap[], project: ProjectGaps, index: CatalogIndex): ReportingDescriptor {
  const entry = index.controls.get(control);
  const guidance = guidanceOf(entry, gaps[0]!, index);
  const severity = gaps.map((g) => g.severity).sort((a, b) => severities.indexOf(a) - severities.indexOf(b))[0]!;
  const threats = [...new Set(gaps.flatMap((g) => g.threats))];
  const here = threats.map((id) => `${id} (${index.threats.get(id)?.title ?? id})`).join(', ');
  const file = shownPath(project.file);
  const hereText = threats.length > 0 ? `In ${file} it counters ${here}; the most severe is ${severity}.` : `In ${file} the policy requires it; the most severe threat it counters is ${severity}.`;
  return {
    id: controlRuleId(control, project.file),
    name: guidance.name,
    shortDescription: { text: guidance.short },
    fullDescription: { text: guidance.summary },
    help: { text: [guidance.text, '', hereText].join('\n'), markdown: [guidance.markdown, '', mdText(hereText)].join('\n') },
    helpUri: guidance.permalink,
    defaultConfiguration: { level: defaultLevel[severity] },
    properties: { tags: guidance.tags, 'security-severity': securitySeverity[severity] },
  };
}

/** What a control's rule says whichever project it is in: worked out once per catalog and control. */
interface Guidance {
  name: string;
  short: string;
  summary: string;
  text: string;
  markdown: string;
  permalink: string;
  tags: string[];
}

const guidanceCache = new WeakMap<CatalogIndex, Map<string, Guidance>>();

function guidanceOf(entry: ControlEntry | undefined, gap: Gap, index: CatalogIndex): Guidance {
  let known = guidanceCache.get(index);
  if (!known) guidanceCache.set(index, (known = new Map()));
  let guidance = known.get(gap.control);
  if (!guidance) known.set(gap.control, (guidance = entry ? catalogGuidance(entry) : bareGuidance(gap)));
  return guidance;
}

function catalogGuidance(control: ControlEntry): Guidance {
  const source = describedIn(control);
  const practices = control.practices.map((p) => p.text);
  // The plain text is for viewers without Markdown (GitHub shows the Markdown): the summary and the
  // link, not the practices again, since a rule is repeated in every project that lacks the control.
  const text = [control.summary, '', `Practices and more: ${control.permalink}`];
  const markdown = [
    `**${mdText(control.title)}** (${source} ${control.id})`,
    '',
    mdText(control.summary),
    ...(practices.length > 0 ? ['', 'Practices:', '', ...practices.map((p) => `- ${mdText(p)}`)] : []),
    ...(control.limitations.length > 0 ? ['', `Limitations: ${mdText(control.limitations.join(' '))}`] : []),
    '',
    `[Read more in the ${source}](${control.permalink})`,
  ];
  return {
    name: ruleName(control.id, control.title),
    short: `${control.title} not in place`,
    summary: control.summary,
    text: text.join('\n'),
    markdown: markdown.join('\n'),
    permalink: control.permalink,
    tags: ['security', 'ai', source === 'OWASP AI Exchange' ? 'owasp-ai-exchange' : 'organisation-catalog', 'control'],
  };
}

/** A control the report's catalog does not hold (it always should): its title, and no link. */
function bareGuidance(gap: Gap): Guidance {
  const summary = `${gap.title}, a control of this report's policy.`;
  return { name: ruleName(gap.control, gap.title), short: `${gap.title} not in place`, summary, text: summary, markdown: mdText(summary), permalink: 'https://aithreat.dev', tags: ['security', 'ai', 'control'] };
}

/**
 * A rule's name: the title as an identifier and `Gap`, which tells the rule apart from the
 * control. The SARIF multitool warns (SARIF1001) when a name equals the id apart from case, which
 * titles like `Data quality control` of `DATAQUALITYCONTROL` would.
 */
function ruleName(id: string, title: string): string {
  const name = `${identifierName(title) || 'Control'}Gap`;
  return name.toLowerCase() === id.toLowerCase() ? `Control${name}` : name;
}
