import type { DriftEntry, Located, ProjectAssessment } from '../assess/types.js';
import type { RunFacts } from './renderer.js';
import type { Fact } from '../rules/api.js';
import { describeDrift, type DriftCode } from '../discover/drift.js';
import { mdArg, mdTable, mdText, type LineLinks } from './markdown-escape.js';
import { plural } from './wording.js';

type Block = string[];

/**
 * Drift in the review report (`assess --discover`): a section per project with each place where
 * the code disagrees with the description, linked to its line, the entry of the description it
 * concerns, and what it changed in the threats. Nothing without --discover. Links are references
 * of the project's part (markdown-escape.ts `LineLinks`), under the link base when there is one.
 */
export function driftBlocks(project: ProjectAssessment, report: RunFacts, links: LineLinks): Block[] {
  if (!report.discover) return [];
  const drift = project.drift;
  const blocks: Block[] = [['### Drift from the code']];
  const root = mdText(report.discover.root);
  if (drift.length === 0) return [...blocks, [`The code in ${root} agrees with the description: no drift found.`]];
  const forbidden = project.counts.requiredDrift;
  blocks.push([
    `The code in ${root} disagrees with the description in ${plural(drift.length, 'place')}${forbidden > 0 ? `, ${forbidden} of them of a kind the policy forbids` : ''}. What it changes rests on the code and counts toward the severity; the threat sections list those facts and factors as found in the code.`,
  ]);
  const rows = drift.map((d) => [
    links.link(`${d.location.file}:${d.location.line}`, d.location),
    `\`${d.code}\``,
    describeDrift({ code: d.code as DriftCode, args: d.args }, mdArg),
    d.declared ? links.line(d.declared.location) : '—',
    effectCell(d.effects),
    d.required ? '**forbidden**' : 'allowed',
  ]);
  blocks.push(mdTable(['Where', 'Kind', 'Finding', 'Declared', 'Effect on the threats', 'Policy'], rows));
  return blocks;
}

function effectCell(effects: DriftEntry['effects']): string {
  if (effects.length === 0) return 'none';
  const threats = (kind: DriftEntry['effects'][number]['kind']) => [...new Set(effects.filter((e) => e.kind === kind).map((e) => e.threat))];
  const factors = effects.filter((e) => e.kind === 'factor').map((e) => `${e.threat} \`${e.code}\``);
  return [...threats('applies').map((t) => `makes ${t} apply`), ...threats('evidence').map((t) => `evidence for ${t}`), ...(factors.length > 0 ? [`fires ${factors.join(', ')}`] : [])].join('; ');
}

/** The verdict's reason when only drift fails the project (no required control is missing). */
export function driftVerdict(project: ProjectAssessment): string | null {
  const forbidden = project.counts.requiredDrift;
  return forbidden > 0 ? `the code drifts from the description in ${plural(forbidden, 'way')} the policy forbids` : null;
}

/** `line 12` for a fact of the project file, `src/train.py:12` for one found in the code. */
export function factPlace(fact: Located<Fact>): string {
  return fact.found && fact.found.length > 0 ? `${fact.location.file}:${fact.location.line}` : `line ${fact.location.line}`;
}
