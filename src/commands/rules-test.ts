import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assessProject } from '../assess/assess.js';
import type { AssessedFactor, ProjectAssessment, Severity } from '../assess/types.js';
import { ExitCode, printError, printLine, type Io } from '../io.js';
import { readScope } from '../load/read-scope.js';
import { formatProblems, type Problem } from '../problem.js';
import { isRuleError } from '../rules/api.js';
import { today } from '../assess/report.js';
import { catalogIds } from '../validate/catalog-references.js';
import { displayPath, loadProject } from '../validate/load-project.js';
import { contextOfRun } from './context-of-run.js';

export interface RulesTestOptions {
  catalog?: string[];
  followSymlinks?: boolean;
}

/**
 * What a fixture expects, from its comments, in the way of Semgrep's `--test`:
 * - `# expect: THREAT SEVERITY`: the threat applies, at that severity;
 * - `# ok: THREAT`: the threat does not apply;
 * - `# factor: THREAT CODE` on the line above the one the factor points at: the factor fires
 *   (and counts) there; `# fact: THREAT CODE` likewise for a fact that says why it applies;
 * - `# no-factor: THREAT CODE`: the factor does not fire anywhere in the file.
 */
export type Expectation =
  | { kind: 'expect'; threat: string; severity: Severity; line: number }
  | { kind: 'ok'; threat: string; line: number }
  | { kind: 'factor' | 'fact'; threat: string; code: string; line: number; at: number }
  | { kind: 'no-factor'; threat: string; code: string; line: number };

const severities = new Set(['critical', 'high', 'medium', 'low']);
const annotation = /^\s*#\s*(expect|ok|factor|fact|no-factor):\s*(.*?)\s*$/;

/** The expectations of a fixture, or the problems of annotations it cannot read. */
export function readExpectations(text: string, file: string): { expectations: Expectation[]; problems: Problem[] } {
  const lines = text.split(/\r\n|\r|\n/);
  const expectations: Expectation[] = [];
  const problems: Problem[] = [];
  lines.forEach((raw, i) => {
    const found = annotation.exec(raw);
    if (!found) return;
    const [, kind, rest] = found as unknown as [string, Expectation['kind'], string];
    const words = rest.split(/\s+/).filter(Boolean);
    const line = i + 1;
    const bad = (message: string) => problems.push({ file, line, column: raw.indexOf('#') + 1, code: 'invalid-value', message });
    if (!/^[A-Z][A-Z0-9]{1,63}$/.test(words[0] ?? '')) return bad(`\`# ${kind}:\` names a threat id first, such as DATAPOISON`);
    const threat = words[0]!;
    if (kind === 'expect') {
      if (words.length !== 2 || !severities.has(words[1]!)) return bad('`# expect:` takes a threat and a severity: `# expect: DATAPOISON high`');
      expectations.push({ kind, threat, severity: words[1] as Severity, line });
    } else if (kind === 'ok') {
      if (words.length !== 1) return bad('`# ok:` takes a threat alone: `# ok: DATAPOISON`');
      expectations.push({ kind, threat, line });
    } else {
      if (words.length !== 2) return bad(`\`# ${kind}:\` takes a threat and a factor code: \`# ${kind}: DATAPOISON public-internet-data\``);
      if (kind === 'no-factor') expectations.push({ kind, threat, code: words[1]!, line });
      else {
        // The line it points at: the next one that is neither blank nor a comment.
        let at = i + 1;
        while (at < lines.length && /^\s*(#.*)?$/.test(lines[at]!)) at++;
        if (at >= lines.length) return bad(`\`# ${kind}:\` stands above the line the ${kind} points at, but no line follows`);
        expectations.push({ kind, threat, code: words[1]!, line, at: at + 1 });
      }
    }
  });
  return { expectations, problems };
}

/** The expectations an assessment fails, each as one message. */
export function unmet(assessment: ProjectAssessment, expectations: readonly Expectation[]): { line: number; message: string }[] {
  const failed: { line: number; message: string }[] = [];
  for (const e of expectations) {
    const finding = assessment.threats.find((t) => t.threat === e.threat);
    if (!finding) {
      failed.push({ line: e.line, message: `no rule decides ${e.threat}` });
      continue;
    }
    const found = finding.applies ? `${finding.severity}` : 'does not apply';
    if (e.kind === 'expect' && (!finding.applies || finding.severity !== e.severity)) failed.push({ line: e.line, message: `expected ${e.threat} ${e.severity}, found ${found}` });
    if (e.kind === 'ok' && finding.applies) failed.push({ line: e.line, message: `expected ${e.threat} not to apply, found ${found}` });
    const counted = (f: AssessedFactor) => f.code === (e as { code?: string }).code && f.counted;
    if (e.kind === 'factor') {
      const factor = finding.factors.find(counted);
      if (!factor) failed.push({ line: e.line, message: `expected factor ${e.code} of ${e.threat}, which did not fire${finding.applies ? '' : ` (${e.threat} does not apply)`}` });
      else if (factor.location.line !== e.at) failed.push({ line: e.line, message: `expected factor ${e.code} of ${e.threat} at line ${e.at}, found it at line ${factor.location.line}` });
    }
    if (e.kind === 'fact') {
      const fact = finding.evidence.find((f) => f.code === e.code);
      if (!fact) failed.push({ line: e.line, message: `expected fact ${e.code} of ${e.threat}, which ${e.threat} did not report` });
      else if (fact.location.line !== e.at) failed.push({ line: e.line, message: `expected fact ${e.code} of ${e.threat} at line ${e.at}, found it at line ${fact.location.line}` });
    }
    if (e.kind === 'no-factor') {
      const factor = finding.factors.find(counted);
      if (factor) failed.push({ line: e.line, message: `expected no factor ${e.code} of ${e.threat}, found it at line ${factor.location.line}` });
    }
  }
  return failed;
}

/**
 * `aithreat rules test <dir>`: assesses each fixture of `<dir>/tests/` with the rules of `<dir>`
 * (and the built-in ones, and the catalogs of `--catalog` or `.aithreatrc.yaml`), and checks what
 * its comments expect. Exit 0 when every expectation holds, 1 when one does not, 2 when a rule,
 * a fixture or an annotation cannot be read (or there is nothing to test).
 */
export async function rulesTestCommand(dir: string, options: RulesTestOptions, io: Io): Promise<number> {
  const loaded = await contextOfRun(io, { catalog: options.catalog, rules: [dir], followSymlinks: options.followSymlinks }, 'assessment');
  if (!loaded.ok) return loaded.exitCode;
  const { catalog, rules } = loaded.context;
  const testsDir = resolve(io.cwd, dir, 'tests');
  let names: string[];
  try {
    names = readdirSync(testsDir).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    names = [];
  }
  const shownDir = displayPath(testsDir, io.cwd);
  if (names.length === 0) {
    printError(io, `${shownDir}: no fixtures: put project files (YAML) there, whose comments say what to expect (# expect: THREAT SEVERITY, # ok: THREAT)`);
    return ExitCode.inputError;
  }
  const scope = readScope(io.cwd, [dir], options.followSymlinks);
  const ids = catalogIds(catalog);
  const options_ = { catalog, rules, asOf: today(), failOn: 'high' as const, policy: null, undeclared: 'count' as const };
  const problems: Problem[] = [];
  let expected = 0;
  let failures = 0;
  for (const name of names) {
    const path = join(testsDir, name);
    const project = loadProject(path, io.cwd, scope, ids);
    if (!project.ok) {
      problems.push(...project.problems);
      continue;
    }
    const file = project.source.file;
    const read = readExpectations(project.source.text, file);
    problems.push(...read.problems);
    if (read.problems.length > 0) continue;
    if (read.expectations.length === 0) {
      problems.push({ file, line: 1, column: 1, code: 'invalid-value', message: 'expects nothing: add a comment such as `# expect: DATAPOISON high` or `# ok: DATAPOISON`' });
      continue;
    }
    let assessment: ProjectAssessment;
    try {
      assessment = assessProject(project.source, project.value, options_);
    } catch (error) {
      if (!isRuleError(error)) throw error;
      problems.push(...error.problems.map((p) => ({ ...p, message: `${p.message} (assessing ${file})` })));
      continue;
    }
    expected += read.expectations.length;
    const failed = unmet(assessment, read.expectations);
    failures += failed.length;
    if (failed.length === 0) printLine(io, `${file}: ${read.expectations.length} expectation${read.expectations.length === 1 ? '' : 's'} met`);
    for (const f of failed) printLine(io, `${file}:${f.line}:1: ${f.message}`);
  }
  if (problems.length > 0) {
    io.stderr(formatProblems(problems));
    return ExitCode.inputError;
  }
  printLine(io, `${names.length} fixture${names.length === 1 ? '' : 's'}, ${expected} expectations: ${expected - failures} met, ${failures} failed`);
  return failures > 0 ? ExitCode.policyFailure : ExitCode.ok;
}
