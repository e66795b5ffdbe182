import type { ProjectAssessment, Recommendation, Report, ThreatFinding } from '../assess/types.js';
import { describeFact } from '../rules/api.js';
import { catalogIndex, type CatalogIndex } from './catalog-index.js';
import { renderWhole, type DocumentWriter, type RenderContext, type RunFacts } from './renderer.js';
import { driftJunitSuite } from './drift-junit.js';
import { applicableThreats, gapWords } from './wording.js';
import { xmlAttr, xmlText } from './xml-escape.js';

/**
 * JUnit XML for CI test views (Jenkins, GitLab, GitHub test reporters): a test suite per project,
 * a test case per control some applicable threat requires there (each control once, however many
 * threats require it), failing while the control is not in place and skipped while its risk is
 * validly accepted or it is declared not applicable; with `--discover`, a suite of drift checks
 * per project. `classname` is the project file (dots as `_`, since CI tools read the part after
 * the last dot as a class name) and `controls` or `drift`, so test ids never repeat across
 * projects. `time` is 0 throughout: an assessment times nothing a reader could act on, and a
 * measured time would make two runs over the same input differ (docs/ci-reports.md).
 *
 * Each project's suites are a function of that project and the run's settings alone
 * (`junitSuitesOf`); the document adds only the totals of their counts.
 */
export function renderJunit(report: Report, context: RenderContext): string {
  return renderWhole(junitDocument, report, context);
}

/** The suites a project at a time; `<testsuites>` carries the run's totals, so the head is made at the end from the counts the writer adds up. */
export function junitDocument(run: RunFacts, _context: RenderContext): DocumentWriter {
  const index = catalogIndex(run.catalog);
  let totals: JunitCounts = { tests: 0, failures: 0, skipped: 0 };
  return {
    head: null,
    project(p) {
      const suites = junitSuitesOf(p, run, index);
      totals = totalsOf([totals, ...suites]);
      let text = '';
      for (const suite of suites) for (const line of suite.lines) text += `${line}\n`;
      return text;
    },
    end() {
      return { head: `${junitHeader(totals)}\n`, foot: `${junitFooter}\n` };
    },
  };
}

export interface JunitCounts {
  tests: number;
  failures: number;
  skipped: number;
}

export interface JunitSuite extends JunitCounts {
  lines: string[];
}

/** The counts of suites added up, for the document's header. */
export function totalsOf(suites: readonly JunitCounts[]): JunitCounts {
  return suites.reduce((n, s) => ({ tests: n.tests + s.tests, failures: n.failures + s.failures, skipped: n.skipped + s.skipped }), { tests: 0, failures: 0, skipped: 0 });
}

/**
 * The document's opening lines. The xUnit plugin's schema (junit-10.xsd) allows no `skipped` on
 * `<testsuites>`; each suite carries its own.
 */
export function junitHeader(totals: JunitCounts): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="aithreat" tests="${totals.tests}" failures="${totals.failures}" errors="0" time="0">`].join('\n');
}

export const junitFooter = '</testsuites>';

/** The suites of one project: its required controls, then (with `--discover`) its drift checks. */
export function junitSuitesOf(project: ProjectAssessment, report: Pick<Report, 'failOn' | 'discover'>, index: CatalogIndex): JunitSuite[] {
  const drift = driftJunitSuite(project, report, junitClassname(project.file, 'drift'));
  return [controlSuite(project, report, index), ...(drift ? [drift] : [])];
}

/** A project file and a part as a JUnit class name: `examples/fraud-detection_yaml.controls`. */
export function junitClassname(projectFile: string, part: 'controls' | 'drift'): string {
  return `${projectFile.replace(/\\/g, '/').replace(/\./g, '_')}.${part}`;
}

/** A control some applicable threat requires, with every such threat and its recommendation there. */
interface RequiredControl {
  rec: Recommendation;
  threats: { threat: ThreatFinding; rec: Recommendation }[];
}

function requiredControls(project: ProjectAssessment): RequiredControl[] {
  const byControl = new Map<string, RequiredControl>();
  for (const threat of applicableThreats(project.threats)) {
    for (const rec of threat.recommendations) {
      if (!rec.required) continue;
      const known = byControl.get(rec.control);
      if (known) known.threats.push({ threat, rec });
      else byControl.set(rec.control, { rec, threats: [{ threat, rec }] });
    }
  }
  return [...byControl.values()];
}

function controlSuite(project: ProjectAssessment, report: Pick<Report, 'failOn'>, index: CatalogIndex): JunitSuite {
  const classname = junitClassname(project.file, 'controls');
  const cases = requiredControls(project).map((c) => testcase(c, project, classname, index));
  const failures = cases.filter((c) => c.outcome === 'failure').length;
  const skipped = cases.filter((c) => c.outcome === 'skipped').length;
  const lines = [
    `  <testsuite name="${xmlAttr(`${project.name}: required controls`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0" file="${xmlAttr(project.file)}">`,
    '    <properties>',
    `      <property name="project" value="${xmlAttr(project.file)}"/>`,
    `      <property name="verdict" value="${project.verdict}"/>`,
    `      <property name="failOn" value="${report.failOn}"/>`,
    '    </properties>',
    ...cases.flatMap((c) => c.lines),
    '  </testsuite>',
  ];
  return { tests: cases.length, failures, skipped, lines };
}

/** Why a control is required, in words: the factors it answers, its primary role, the policy. */
function requiredWords(rec: Recommendation, threat: ThreatFinding): string {
  const reasons: string[] = [];
  if (rec.requiredBy.includes('factor')) {
    const answered = threat.factors.filter((f) => rec.answers.includes(f.code)).map((f) => describeFact(f));
    reasons.push(`it answers what makes it so: ${answered.join('; ')}`);
  }
  if (rec.requiredBy.includes('primary')) reasons.push('it is a primary control of that threat');
  const bySeverity = reasons.length > 0 ? [`${threat.threat} is ${threat.severity}, and ${reasons.join(', and ')}`] : [];
  return [...bySeverity, ...(rec.requiredBy.includes('policy') ? ['the policy requires it'] : [])].join('; and ');
}

/** Where a control is, or would be, declared: its gap's place, else the facts behind the first threat. */
function locationOf(rec: Recommendation, threats: RequiredControl['threats'], project: ProjectAssessment) {
  return project.gaps.find((g) => g.control === rec.control)?.location ?? threats.find((t) => t.threat.evidence[0])?.threat.evidence[0]?.location;
}

function testcase(required: RequiredControl, project: ProjectAssessment, classname: string, index: CatalogIndex): { outcome: 'pass' | 'failure' | 'skipped'; lines: string[] } {
  const { rec, threats } = required;
  const open = `    <testcase classname="${xmlAttr(classname)}" name="${xmlAttr(`${rec.control} ${rec.title}`)}" time="0"`;
  const location = locationOf(rec, threats, project);
  const where = location ? [`See ${location.file}:${location.line}:${location.column}.`] : [];
  const against = threats.map(({ threat: t, rec: here }) => `Against ${t.threat} (${t.title}, ${t.severity ?? 'no severity'}): ${here.role}; required because ${requiredWords(here, t)}. More: ${index.threats.get(t.threat)?.permalink ?? ''}`);
  if (rec.gap === null) {
    if (rec.status !== 'risk-accepted' && rec.status !== 'not-applicable') return { outcome: 'pass', lines: [`${open}/>`] };
    const words = rec.status === 'risk-accepted' ? 'its risk is accepted' : 'it is declared not applicable';
    return { outcome: 'skipped', lines: [`${open}>`, `      <skipped message="${xmlAttr(`${rec.control}: ${words}`)}">${xmlText([`${rec.control} (${rec.title}) is not in place: ${words}.`, ...where].join('\n'))}</skipped>`, '    </testcase>'] };
  }
  const control = index.controls.get(rec.control);
  const details = [
    `${rec.control} (${rec.title}) is ${gapWords[rec.gap]} in ${project.name}.`,
    ...against,
    ...where,
    ...(control && control.practices.length > 0 ? ['Practices:', ...control.practices.map((p) => `- ${p.text}`)] : []),
    ...(control ? [`More: ${control.permalink}`] : []),
  ];
  return {
    outcome: 'failure',
    lines: [
      `${open}>`,
      `      <failure message="${xmlAttr(`${rec.control} is ${gapWords[rec.gap]}`)}" type="${xmlAttr(rec.gap)}">${xmlText(details.join('\n'))}</failure>`,
      '    </testcase>',
    ],
  };
}
