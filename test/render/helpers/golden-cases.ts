import { basename, join } from 'node:path';
import { formatNames, formats, type FormatName } from '../../../src/render/index.js';
import { repoRoot, runSourceCli } from '../../helpers/run-cli.js';
import { asOf, examples } from './assess-files.js';

export interface ReportCase {
  example: string;
  format: FormatName;
  /** `aithreat` arguments that print this case on stdout. */
  args: string[];
}

export interface GoldenReport extends ReportCase {
  /** test/golden/reports/<example-name>.<ext> */
  file: string;
}

/** Every example in every format, as `assess` prints it. */
export function reportCases(): ReportCase[] {
  return examples.flatMap((example) => formatNames.map((format) => ({ example, format, args: ['assess', example, '--as-of', asOf, '--format', format] })));
}

/**
 * The examples kept as whole reports, byte for byte, in every format: the federated one (its
 * judgement is the one issue 13 is about) and the research one (the README shows its reports).
 * The other examples are held by their structure only, so that a change of wording touches ten
 * files, not twenty-five.
 */
export const wholeReportExamples = ['examples/keyboard-federated.yaml', 'examples/research-image-classifier.yaml'];

export function goldenReports(): GoldenReport[] {
  return reportCases()
    .filter((c) => wholeReportExamples.includes(c.example))
    .map((c) => ({ ...c, file: join(repoRoot, 'test', 'golden', 'reports', `${basename(c.example, '.yaml')}.${goldenSuffix(c.format)}`) }));
}

/**
 * A format's extension, or for one whose extension an earlier format has (`summary` is Markdown
 * too, `github` text), its name and extension: `keyboard-federated.summary.md`.
 */
function goldenSuffix(format: FormatName): string {
  const { extension } = formats[format];
  const first = formatNames.find((name) => formats[name].extension === extension);
  return first === format ? extension : `${format}.${extension}`;
}

/** test/golden/examples.json: what every example's assessment decides, without its wording. */
export const structureFile = join(repoRoot, 'test', 'golden', 'examples.json');

/** Each example's verdict, threat severities, required gaps, advisory count and open questions. */
export async function exampleStructures(): Promise<string> {
  const structures = [];
  for (const example of examples) {
    const { stdout } = await runSourceCli(['assess', example, '--as-of', asOf, '--format', 'json'], { env: goldenEnv });
    const project = JSON.parse(stdout).projects[0];
    structures.push({
      example,
      verdict: project.verdict,
      threats: Object.fromEntries(project.threats.map((t: { threat: string; severity: string | null }) => [t.threat, t.severity])),
      requiredGaps: project.gaps.filter((g: { required: boolean }) => g.required).map((g: { control: string; kind: string; requiredBy: string[] }) => `${g.control} ${g.kind} (${g.requiredBy.join(', ')})`),
      advisoryGaps: project.counts.advisoryGaps,
      openQuestions: project.openQuestions.map((q: { path: (string | number)[] }) => q.path.join('.')),
    });
  }
  return `${JSON.stringify(structures, null, 2)}\n`;
}

/** Golden output is plain: no colour, not a terminal, so 80 columns. */
export const goldenEnv = { NO_COLOR: '1' };
