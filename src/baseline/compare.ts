import type { GapKind, Severity } from '../assess/types.js';

/** The parts of a report a comparison reads: enough to accept older or newer JSON reports. */
export interface ComparableReport {
  projects: { file: string; name?: string; gaps: ComparableGap[] }[];
}

export interface ComparableGap {
  control: string;
  kind: GapKind | string;
  required: boolean;
  severity?: Severity | string;
  threats?: readonly string[];
}

export type GapChange = 'new' | 'resolved' | 'unchanged';

/** One gap in either report, keyed by (project file, control, kind). */
export interface ComparedGap {
  change: GapChange;
  file: string;
  control: string;
  kind: string;
  /** As the current report says for new and unchanged gaps, as the baseline said for resolved ones. */
  required: boolean;
  severity: string | null;
  threats: readonly string[];
}

export interface Comparison {
  gaps: ComparedGap[];
  counts: { new: number; newRequired: number; resolved: number; unchanged: number };
}

/** Paths are compared with `/` separators, so a baseline made on Windows matches one made on Linux. */
export function gapKey(file: string, control: string, kind: string): string {
  return JSON.stringify([file.replaceAll('\\', '/'), control, kind]);
}

function index(report: ComparableReport): Map<string, Omit<ComparedGap, 'change'>> {
  const gaps = new Map<string, Omit<ComparedGap, 'change'>>();
  for (const project of report.projects) {
    for (const gap of project.gaps) {
      const entry = { file: project.file, control: gap.control, kind: gap.kind, required: gap.required, severity: gap.severity ?? null, threats: gap.threats ?? [] };
      gaps.set(gapKey(project.file, gap.control, gap.kind), entry);
    }
  }
  return gaps;
}

const changeOrder: Record<GapChange, number> = { new: 0, resolved: 1, unchanged: 2 };

/**
 * Compares the control gaps of two reports. A gap whose kind changed (`missing` to `partial`)
 * counts as one resolved and one new gap, because the key includes the kind.
 */
export function compareReports(baseline: ComparableReport, current: ComparableReport): Comparison {
  const before = index(baseline);
  const after = index(current);
  const gaps: ComparedGap[] = [];
  for (const [key, gap] of after) gaps.push({ change: before.has(key) ? 'unchanged' : 'new', ...gap });
  for (const [key, gap] of before) if (!after.has(key)) gaps.push({ change: 'resolved', ...gap });
  gaps.sort((a, b) => changeOrder[a.change] - changeOrder[b.change] || cmp(a.file, b.file) || cmp(a.control, b.control) || cmp(a.kind, b.kind));
  const count = (change: GapChange) => gaps.filter((g) => g.change === change).length;
  return {
    gaps,
    counts: { new: count('new'), newRequired: gaps.filter((g) => g.change === 'new' && g.required).length, resolved: count('resolved'), unchanged: count('unchanged') },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
