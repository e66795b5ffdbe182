import type { ProjectAssessment } from '../assess/types.js';
import type { RunFacts } from './renderer.js';
import { oneLine } from '../util/clean-text.js';
import { driftEffectWords } from './drift-wording.js';
import type { Style } from './style.js';
import { wrapText } from './wrap-text.js';

/** The drift findings a terminal shows per project; the rest are in the other formats. */
const shownDrift = 20;

/**
 * Drift in the terminal view (`assess --discover`): per project, each place where the code
 * disagrees with the description, at its file:line:column, with what it changed in the threats.
 * Nothing without --discover.
 */
export function driftTableLines(project: ProjectAssessment, report: RunFacts, chalk: Style, width: number): string[] {
  if (!report.discover) return [];
  const drift = project.drift;
  const forbidden = project.counts.requiredDrift;
  const heading = `Drift from the code in ${oneLine(report.discover.root)} (${drift.length})${forbidden > 0 ? `: ${forbidden} the policy forbids` : ''}`;
  const lines = ['', chalk.bold(heading)];
  if (drift.length === 0) return [...lines, 'None: the code agrees with the description.'];
  for (const d of drift.slice(0, shownDrift)) {
    const mark = d.required ? chalk.red('✗') : chalk.yellow('!');
    lines.push(...wrapText(`${mark} ${oneLine(d.location.file)}:${d.location.line}:${d.location.column} ${d.code}: ${oneLine(d.text)}`, width, '    '));
    lines.push(...wrapText(`→ ${driftEffectWords(d.effects)}`, width - 2, '  ').map((l) => chalk.dim(`  ${l}`)));
  }
  if (drift.length > shownDrift) lines.push(chalk.dim(`and ${drift.length - shownDrift} more: see --format markdown, json or sarif.`));
  return lines;
}
