import { safeLines } from '../util/clean-text.js';
import type { ComparedGap, Comparison } from './compare.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One line of counts, such as `1 new gap (1 required), 2 resolved, 9 unchanged`. */
export function summarizeComparison(comparison: Comparison): string {
  const { counts } = comparison;
  return `${plural(counts.new, 'new gap')} (${counts.newRequired} required), ${counts.resolved} resolved, ${counts.unchanged} unchanged`;
}

function line(gap: ComparedGap): string {
  const detail = [gap.required ? 'required' : 'advisory', gap.severity, gap.threats.length > 0 ? `against ${gap.threats.join(', ')}` : null];
  return `  ${gap.change.padEnd(8)} ${gap.file}: ${gap.control} (${gap.kind}) ${detail.filter(Boolean).join(', ')}`;
}

/**
 * The comparison as text: a heading with the counts, then every new and resolved gap. Unchanged
 * gaps are counted, not listed; the report itself lists them. File names and ids come from a
 * baseline and from project paths, so each line goes through the text neutraliser.
 */
export function renderComparisonText(comparison: Comparison, baselineName: string): string {
  const lines = [`Compared with baseline ${baselineName}: ${summarizeComparison(comparison)}`];
  for (const gap of comparison.gaps) if (gap.change !== 'unchanged') lines.push(line(gap));
  return safeLines(lines);
}

/** The comparison as JSON, unchanged gaps included. */
export function renderComparisonJson(comparison: Comparison, baselineName: string, currentName: string | null): string {
  return `${JSON.stringify({ baseline: baselineName, current: currentName, counts: comparison.counts, gaps: comparison.gaps }, null, 2)}\n`;
}
