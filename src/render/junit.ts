import type { ProjectAssessment, Recommendation, Report, ThreatFinding } from '../assess/types.js';
import { describeFact } from '../rules/api.js';
import { catalogIndex, type CatalogIndex } from './catalog-index.js';
import { renderWhole, type DocumentWriter, type RenderContext, type RunFacts } from './renderer.js';
import { driftJunitSuite } from './drift-junit.js';
import { applicableThreats, gapWords } from './wording.js';
import { xmlAttr, xmlText } from './xml-escape.js';

/**
 * JUnit XML for CI test views: a test suite per applicable threat of each project, a test case
 * per control the threat requires, and a failure for each such control that is not in place.
 * No timestamps or durations, so the same input gives the same file.
 */
export function renderJunit(report: Report, context: RenderContext): string {
  return renderWhole(junitDocument, report, context);
}

/** The suites a project at a time; `<testsuites>` carries the run's totals, so the head is made at the end. */
export function junitDocument(run: RunFacts, _context: RenderContext): DocumentWriter {
  const index = catalogIndex(run.catalog);
  let tests = 0;
  let failures = 0;
  return {
    head: null,
    project(p) {
      const suites = [...applicableThreats(p.threats).map((t) => suite(p, t, run, index)), ...[driftJunitSuite(p, run)].filter((s) => s !== null)];
      let text = '';
      for (const s of suites) {
        tests += s.tests;
        failures += s.failures;
        for (const line of s.lines) text += `${line}\n`;
      }
      return text;
    },
    end() {
      return {
        head: `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="aithreat" tests="${tests}" failures="${failures}" errors="0" skipped="0">\n`,
        foot: '</testsuites>\n',
      };
    },
  };
}

interface Suite {
  tests: number;
  failures: number;
  lines: string[];
}

function suite(project: ProjectAssessment, threat: ThreatFinding, report: RunFacts, index: CatalogIndex): Suite {
  const required = threat.recommendations.filter((r) => r.required);
  const failures = required.filter((r) => r.gap !== null).length;
  const permalink = index.threats.get(threat.threat)?.permalink ?? '';
  const name = `${project.name}: ${threat.threat} ${threat.title}`;
  const lines = [
    `  <testsuite name="${xmlAttr(name)}" tests="${required.length}" failures="${failures}" errors="0" skipped="0" file="${xmlAttr(project.file)}">`,
    '    <properties>',
    `      <property name="severity" value="${threat.severity ?? ''}"/>`,
    `      <property name="failOn" value="${report.failOn}"/>`,
    `      <property name="permalink" value="${xmlAttr(permalink)}"/>`,
    '    </properties>',
    ...required.flatMap((r) => testcase(r, threat, project, index)),
    '  </testsuite>',
  ];
  return { tests: required.length, failures, lines };
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

function testcase(rec: Recommendation, threat: ThreatFinding, project: ProjectAssessment, index: CatalogIndex): string[] {
  const location = project.gaps.find((g) => g.control === rec.control)?.location ?? threat.evidence[0]?.location;
  const where = location ? ` file="${xmlAttr(location.file)}" line="${location.line}"` : '';
  const open = `    <testcase classname="${xmlAttr(threat.threat)}" name="${xmlAttr(`${rec.control} ${rec.title}`)}"${where}`;
  if (rec.gap === null) return [`${open}/>`];
  const control = index.controls.get(rec.control);
  const because = requiredWords(rec, threat);
  const details = [
    `${rec.control} (${rec.title}) is ${gapWords[rec.gap]}; it is required because ${because}.`,
    `Its role against ${threat.threat}: ${rec.role}.`,
    ...(location ? [`See ${location.file}:${location.line}:${location.column}.`] : []),
    ...(control && control.practices.length > 0 ? ['Practices:', ...control.practices.map((p) => `- ${p.text}`)] : []),
    ...(control ? [`More: ${control.permalink}`] : []),
  ];
  return [
    `${open}>`,
    `      <failure message="${xmlAttr(`${rec.control} is ${gapWords[rec.gap]}`)}" type="${xmlAttr(rec.gap)}">${xmlText(details.join('\n'))}</failure>`,
    '    </testcase>',
  ];
}
