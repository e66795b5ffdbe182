import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runBuiltCli, type CliResult } from '../helpers/run-cli.js';

export const fixturesDir = fileURLToPath(new URL('../fixtures/assess/', import.meta.url));
const builtEntry = fileURLToPath(new URL('../../dist/main.cjs', import.meta.url));

export interface GapOutcome {
  control: string;
  kind: string;
  expires?: string;
}

/** What `assess` said about one project, read from its JSON report. */
export interface AssessOutcome extends CliResult {
  verdict: 'pass' | 'fail' | null;
  /** Every leaf threat: its severity, or `not-applicable`. */
  threats: Record<string, string>;
  requiredGaps: GapOutcome[];
  /** The paths of the fields the project leaves out that move a severity. */
  openQuestions: string[];
}

/** Runs `aithreat assess --format json` on the built CLI from the fixture directory, so paths in messages are short. */
export function runAssess(args: string[]): AssessOutcome {
  if (!existsSync(builtEntry)) throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests');
  const result = runBuiltCli(['assess', ...args, '--format', 'json'], { cwd: fixturesDir });
  if (result.code !== 0 && result.code !== 1) return { ...result, verdict: null, threats: {}, requiredGaps: [], openQuestions: [] };
  return { ...result, ...fromJson(result.stdout) };
}

interface JsonReport {
  projects: {
    verdict: 'pass' | 'fail';
    threats: { threat: string; group: string | null; applies: boolean; severity: string | null }[];
    gaps: { control: string; kind: string; required: boolean; expires: string | null }[];
    openQuestions: { path: (string | number)[] }[];
  }[];
}

function fromJson(stdout: string): Pick<AssessOutcome, 'verdict' | 'threats' | 'requiredGaps' | 'openQuestions'> {
  const project = (JSON.parse(stdout) as JsonReport).projects[0]!;
  return {
    verdict: project.verdict,
    threats: Object.fromEntries(project.threats.filter((t) => t.group !== null).map((t) => [t.threat, t.applies ? t.severity! : 'not-applicable'])),
    requiredGaps: project.gaps.filter((g) => g.required).map((g) => ({ control: g.control, kind: g.kind, ...(g.expires ? { expires: g.expires } : {}) })),
    openQuestions: project.openQuestions.map((q) => q.path.join('.')),
  };
}

/** Gaps in a stable order, for comparing sets. */
export function sortedGaps(gaps: GapOutcome[]): GapOutcome[] {
  return [...gaps].sort((a, b) => a.control.localeCompare(b.control));
}
