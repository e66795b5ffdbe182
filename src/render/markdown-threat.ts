import type { AssessedFactor, ProjectAssessment, Recommendation, ThreatFinding } from '../assess/types.js';
import { describedIn, type CatalogIndex } from './catalog-index.js';
import { basisOf } from '../rules/api.js';
import { factPlace } from './drift-markdown.js';
import { htmlText, type LineLinks, mdFact, mdTable, mdText } from './markdown-escape.js';
import { applicableThreats, gapWords, levelWords, plural } from './wording.js';

/** A block of Markdown lines; blocks are separated by one blank line. */
export type Block = string[];

/** Past this many facts, the list of why a threat applies goes into `<details>`. */
const shownFacts = 5;

/**
 * The section of one applicable threat: why, how severe (the factors folded), the controls that
 * count against it, and where to read more. Controls that are only advice are named in the
 * project's advice, once, not again under every threat.
 */
export function threatSection(finding: ThreatFinding, index: CatalogIndex, links: LineLinks): Block[] {
  const entry = index.threats.get(finding.threat);
  const blocks: Block[] = [[`### ${finding.threat}: ${mdText(finding.title)}`]];
  const levels = finding.impact && finding.likelihood ? ` (impact ${levelWords[finding.impact]}, likelihood ${levelWords[finding.likelihood]})` : '';
  const link = entry ? ` · [${describedIn(entry) === 'OWASP AI Exchange' ? 'OWASP AI Exchange' : 'Organisation catalog'}: ${mdText(entry.title)}](${entry.permalink})` : '';
  blocks.push([`**Severity: ${finding.severity ?? 'none'}**${levels} · ${finding.impactKind}${link}`]);
  if (entry) blocks.push([`> ${mdText(entry.summary)}`]);

  const facts = finding.evidence.map((f) => `- ${mdFact(f)} (${links.link(factPlace(f), f.location)})`);
  if (facts.length > shownFacts) {
    blocks.push([`<details><summary><b>Why it applies</b> (${facts.length} facts)</summary>`, '', ...facts, '', '</details>']);
  } else {
    blocks.push(['**Why it applies**', '', ...facts]);
  }

  const row = (f: AssessedFactor) => [
    f.dimension === 'impact' ? `impact level ${f.weight}` : `likelihood ${f.weight > 0 ? `+${f.weight}` : `−${-f.weight}`}`,
    `${mdFact(f)} (${links.link(factPlace(f), f.location)})`,
    f.controls.length > 0 ? f.controls.join(', ') : '—',
  ];
  const declared = finding.factors.filter((f) => basisOf(f) === 'declared');
  const found = finding.factors.filter((f) => basisOf(f) === 'discovered');
  const silent = finding.factors.filter((f) => f.undeclared.length > 0);
  if (declared.length + found.length + silent.length > 0) {
    const counts = [
      declared.length > 0 ? `${declared.length} declared` : '',
      found.length > 0 ? `${found.length} found in the code` : '',
      silent.length > 0 ? `${silent.length} from fields not declared` : '',
    ].filter(Boolean).join(', ');
    const inner: string[] = [];
    if (declared.length > 0) inner.push('**Declared by the file**', '', ...mdTable(['Effect', 'Fact', 'Answered by'], declared.map(row)), '');
    if (found.length > 0) inner.push('**Found in the code** (`--discover`: the description does not say so)', '', ...mdTable(['Effect', 'Fact', 'Answered by'], found.map(row)), '');
    if (silent.length > 0) {
      const counted = silent.some((f) => f.counted);
      const how = counted ? 'counted as risks until they are declared' : 'not counted in this run';
      const ifSafe = finding.undeclared ? `; declared the safe way, the severity would be ${finding.undeclared.ifSafe}` : '';
      inner.push(`**From fields not declared** (${how}${ifSafe})`, '', ...mdTable(['Effect', 'Fact', 'Answered by'], silent.map(row)), '');
    }
    blocks.push([`<details><summary><b>Severity factors</b> (${counts})</summary>`, '', ...inner, '</details>']);
  }

  blocks.push(...controlBlocks(finding, index));
  if (finding.notRequired.length > 0) {
    blocks.push([
      'Primary controls that stay advice, because the facts show they cannot reach this threat here:',
      '',
      ...finding.notRequired.map((n) => `- ${n.control}: ${mdFact(n.fact)} (${links.line(n.location)})`),
    ]);
  }
  if (finding.notRecommended.length > 0) {
    blocks.push([
      'Left out, because the project rules them out:',
      '',
      ...finding.notRecommended.map((n) => `- ${n.control}: ${mdFact(n.fact)} (${links.line(n.location)})`),
    ]);
  }
  return blocks;
}

/** Whether a control counts against this threat: required, primary, or answering one of its factors. */
function counts(r: Recommendation): boolean {
  return r.required || r.primary || r.answers.length > 0;
}

/** The controls that count, in a table; the others the catalog names, in one line. */
function controlBlocks(finding: ThreatFinding, index: CatalogIndex): Block[] {
  const shown = finding.recommendations.filter(counts);
  const rows = shown.map((r) => {
    const permalink = index.controls.get(r.control)?.permalink;
    const status = r.gap && r.gap !== r.status ? `${r.status}, ${gapWords[r.gap]}` : r.status;
    return [
      `${permalink ? `[${r.control}](${permalink})` : r.control}: ${mdText(r.title)}`,
      r.required && r.gap ? `**${status}**` : status,
      r.required ? `**yes** (${r.requiredBy.join(', ')})` : r.primary ? 'primary' : 'answers a factor',
      mdText(r.role),
    ];
  });
  const blocks: Block[] = [];
  if (rows.length > 0) blocks.push(['**Controls that count against it**'], mdTable(['Control', 'Status', 'Required', 'Role'], rows));
  const rest = finding.recommendations.filter((r) => !counts(r));
  if (rest.length > 0) {
    const inPlace = rest.filter((r) => r.gap === null);
    const words = inPlace.length > 0 ? `; in place or declared: ${inPlace.map((r) => `${r.control} (${r.status})`).join(', ')}` : '';
    const advice = rest.length - inPlace.length;
    const listed = advice === 0 ? '' : advice === rest.length ? `; ${advice === 1 ? 'it is' : 'they are'} listed once under Advice` : `; the ${plural(advice, 'other is', 'others are')} listed once under Advice`;
    blocks.push([`The catalog names ${plural(rest.length, 'more control')} against it${words}${listed}.`]);
  }
  return blocks;
}

/**
 * One checklist per required control of the project, each listed once however many threats
 * require it: the catalog's practices as a task list, open when the control is missing. A
 * practice is ticked only when the control is implemented and the file records evidence of it;
 * "implemented" alone is the team's word, and a partial control does not say which practices
 * are in place.
 */
export function checklists(project: ProjectAssessment, index: CatalogIndex): Block[] {
  const byControl = new Map<string, { rec: Recommendation; threats: string[] }>();
  for (const finding of applicableThreats(project.threats)) {
    for (const rec of finding.recommendations) {
      if (!rec.required) continue;
      const seen = byControl.get(rec.control);
      if (seen) seen.threats.push(finding.threat);
      else byControl.set(rec.control, { rec, threats: [finding.threat] });
    }
  }
  if (byControl.size === 0) return [];
  // Missing first, in the order of the project's gaps; then those in place.
  const gapOrder = new Map(project.gaps.map((g, i) => [g.control, i]));
  const ordered = [...byControl.values()].sort((a, b) => (gapOrder.get(a.rec.control) ?? Infinity) - (gapOrder.get(b.rec.control) ?? Infinity));
  const blocks: Block[] = [[`### Checklists of the required controls (${ordered.length})`]];
  for (const { rec, threats } of ordered) {
    const practices = index.controls.get(rec.control)?.practices ?? [];
    const evidenced = rec.status === 'implemented' && rec.evidence.length > 0;
    const tick = evidenced ? 'x' : ' ';
    const state = rec.gap ? `${gapWords[rec.gap]}` : rec.status;
    const note = evidenced
      ? `Evidence recorded: ${rec.evidence.map(mdText).join('; ')}`
      : rec.status === 'implemented'
        ? `Implemented, but the file records no \`evidence\` for it, so no practice is ticked.`
        : rec.status === 'partial'
          ? 'Partial: the file does not say which practices are in place.'
          : '';
    blocks.push([
      `<details${rec.gap ? ' open' : ''}><summary><b>${htmlText(rec.control)}</b> ${htmlText(rec.title)}: ${htmlText(state)}, required against ${htmlText(threats.join(', '))}</summary>`,
      '',
      ...(note ? [note, ''] : []),
      ...(practices.length > 0 ? practices.map((p) => `- [${tick}] ${mdText(p.text)}`) : ['The catalog lists no practices for this control.']),
      '',
      '</details>',
    ]);
  }
  return blocks;
}
