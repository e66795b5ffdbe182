import type { AssessedFactor, Recommendation, ThreatFinding } from '../assess/types.js';
import { describedIn, type CatalogIndex } from './catalog-index.js';
import { htmlText, mdFact, mdLineLink, mdTable, mdText } from './markdown-escape.js';
import { basisOf } from '../rules/api.js';
import { factPlace } from './drift-markdown.js';
import { gapWords, levelWords } from './wording.js';

type Block = string[];

/** The section of one applicable threat: why, how severe, which controls, and where to read more. */
export function threatSection(finding: ThreatFinding, index: CatalogIndex, dir: string | undefined): Block[] {
  const entry = index.threats.get(finding.threat);
  const blocks: Block[] = [[`### ${finding.threat}: ${mdText(finding.title)}`]];
  const levels = finding.impact && finding.likelihood ? ` (impact ${levelWords[finding.impact]}, likelihood ${levelWords[finding.likelihood]})` : '';
  const link = entry ? ` · [${describedIn(entry) === 'OWASP AI Exchange' ? 'OWASP AI Exchange' : 'Organisation catalog'}: ${mdText(entry.title)}](${entry.permalink})` : '';
  blocks.push([`**Severity: ${finding.severity ?? 'none'}**${levels} · ${finding.impactKind}${link}`]);
  if (entry) blocks.push([`> ${mdText(entry.summary)}`]);

  blocks.push(['**Why it applies**', '', ...finding.evidence.map((f) => `- ${mdFact(f)} (${mdLineLink(factPlace(f), f.location, dir)})`)]);

  const row = (f: AssessedFactor) => [
    f.dimension,
    f.dimension === 'impact' ? `level ${f.weight}` : f.weight > 0 ? `+${f.weight}` : `−${-f.weight}`,
    `${mdFact(f)} (${mdLineLink(factPlace(f), f.location, dir)})`,
    f.controls.length > 0 ? f.controls.join(', ') : '—',
  ];
  const declared = finding.factors.filter((f) => basisOf(f) === 'declared');
  const found = finding.factors.filter((f) => basisOf(f) === 'discovered');
  const silent = finding.factors.filter((f) => f.undeclared.length > 0);
  if (declared.length > 0) blocks.push(['**Severity factors the file declares**'], mdTable(['Dimension', 'Effect', 'Fact', 'Answered by'], declared.map(row)));
  if (found.length > 0) blocks.push(['**Severity factors found in the code** (`--discover`: the description does not say so)'], mdTable(['Dimension', 'Effect', 'Fact', 'Answered by'], found.map(row)));
  if (silent.length > 0) {
    const counted = silent.some((f) => f.counted);
    const how = counted ? 'counted as risks until they are declared' : 'not counted in this run';
    const ifSafe = finding.undeclared ? `; declared the safe way, the severity would be ${finding.undeclared.ifSafe}` : '';
    blocks.push([`**Severity factors from fields not declared** (${how}${ifSafe})`], mdTable(['Dimension', 'Effect', 'Fact', 'Answered by'], silent.map(row)));
  }

  blocks.push(['**Recommended controls**'], controlsTable(finding.recommendations, index));
  for (const rec of finding.recommendations.filter((r) => r.primary || r.required)) blocks.push(checklist(rec, index));
  if (finding.notRequired.length > 0) {
    blocks.push([
      'Primary controls that stay advice, because the facts show they cannot reach this threat here:',
      '',
      ...finding.notRequired.map((n) => `- ${n.control}: ${mdFact(n.fact)} (${mdLineLink(`line ${n.location.line}`, n.location, dir)})`),
    ]);
  }
  if (finding.notRecommended.length > 0) {
    blocks.push([
      'Left out, because the project rules them out:',
      '',
      ...finding.notRecommended.map((n) => `- ${n.control}: ${mdFact(n.fact)} (${mdLineLink(`line ${n.location.line}`, n.location, dir)})`),
    ]);
  }
  return blocks;
}

function controlsTable(recommendations: Recommendation[], index: CatalogIndex): Block {
  const rows = recommendations.map((r) => {
    const permalink = index.controls.get(r.control)?.permalink;
    const status = r.gap && r.gap !== r.status ? `${r.status}, ${gapWords[r.gap]}` : r.status;
    return [
      `${permalink ? `[${r.control}](${permalink})` : r.control}: ${mdText(r.title)}`,
      r.required && r.gap ? `**${status}**` : status,
      r.required ? `**yes** (${r.requiredBy.join(', ')})` : r.primary ? 'primary' : r.answers.length > 0 ? 'answers a factor' : 'no',
      mdText(r.role),
    ];
  });
  return mdTable(['Control', 'Status', 'Required', 'Role'], rows);
}

/**
 * The catalog's practices for a control as a task list. Items are ticked only when the control is
 * implemented: for a partial control the project does not say which practices are in place.
 */
function checklist(rec: Recommendation, index: CatalogIndex): Block {
  const practices = index.controls.get(rec.control)?.practices ?? [];
  const tick = rec.status === 'implemented' ? 'x' : ' ';
  const state = [rec.status, rec.required ? 'required' : 'primary'].join(', ');
  const open = rec.required && rec.gap ? ' open' : '';
  return [
    `<details${open}><summary><b>${htmlText(rec.control)}</b> ${htmlText(rec.title)}: ${htmlText(state)}</summary>`,
    '',
    ...(practices.length > 0 ? practices.map((p) => `- [${tick}] ${mdText(p.text)}`) : ['The catalog lists no practices for this control.']),
    '',
    '</details>',
  ];
}
