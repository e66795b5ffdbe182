import type { DriftEntry, ProjectGaps, Report } from '../assess/types.js';
import { driftCodes, driftKinds } from '../discover/drift.js';
import { driftEffectWords } from './drift-wording.js';
import { xmlAttr, xmlText } from './xml-escape.js';

/**
 * Drift in JUnit (`assess --discover`): a test suite per project, a test case per kind of drift.
 * A kind the policy forbids fails its test when the code shows it; a kind found but allowed
 * passes, with the places in its output, so that a CI test view lists them without failing.
 */
export function driftJunitSuite(project: ProjectGaps, report: Pick<Report, 'discover'>, classname: string): { tests: number; failures: number; skipped: number; lines: string[] } | null {
  if (!report.discover) return null;
  let failures = 0;
  const cases = driftCodes.flatMap((code) => {
    const found = project.drift.filter((d) => d.code === code);
    const kind = driftKinds[code];
    // The places are in the output: the xUnit plugin's schema allows no `file` or `line` on a test case.
    const open = `    <testcase classname="${xmlAttr(classname)}" name="${xmlAttr(`${code} ${kind.title}`)}" time="0"`;
    if (found.length === 0) return [`${open}/>`];
    const details = xmlText([kind.summary, ...found.map(placeLine)].join('\n'));
    if (found.some((d) => d.required)) {
      failures++;
      return [`${open}>`, `      <failure message="${xmlAttr(`${found.length} place(s) in the code; the policy requires none`)}" type="drift">${details}</failure>`, '    </testcase>'];
    }
    return [`${open}>`, `      <system-out>${details}</system-out>`, '    </testcase>'];
  });
  const name = `${project.name}: drift from ${report.discover.root}`;
  return {
    tests: driftCodes.length,
    failures,
    skipped: 0,
    lines: [
      `  <testsuite name="${xmlAttr(name)}" tests="${driftCodes.length}" failures="${failures}" errors="0" skipped="0" time="0" file="${xmlAttr(project.file)}">`,
      ...cases,
      '  </testsuite>',
    ],
  };
}

function placeLine(d: DriftEntry): string {
  return `${d.location.file}:${d.location.line}:${d.location.column}: ${d.text} (${driftEffectWords(d.effects)})`;
}
