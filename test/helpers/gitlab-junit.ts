import { parseXml, type XmlElement } from '../render/helpers/xml-well-formed.js';

/**
 * What GitLab's unit test report shows of a JUnit file, following its documented format and its
 * parser (gitlab-org/gitlab, lib/gitlab/ci/parsers/test/junit.rb): one top-level `<testsuites>`
 * (or a `<testsuite>`), test cases in any nesting of `<testsuite>`; of each case its `classname`
 * (the "Suite" column), `name`, `file` and `time`; its status from a `<failure>`, `<error>` or
 * `<skipped>` child (else success); and as its output the text of that child, then
 * `<system-out>` and `<system-err>` under headings. The `message` and `type` attributes are not
 * shown, and neither are suite names or properties.
 */
export interface GitlabTestCase {
  classname: string | undefined;
  name: string;
  file: string | undefined;
  executionTime: string | undefined;
  status: 'success' | 'failed' | 'error' | 'skipped';
  systemOutput: string | null;
}

export function gitlabTestCases(xml: string): GitlabTestCase[] {
  const root = parseXml(xml);
  const suites = root.name === 'testsuites' ? root.children.filter((c) => c.name === 'testsuite') : [root];
  return suites.flatMap(casesOf);
}

function casesOf(suite: XmlElement): GitlabTestCase[] {
  return suite.children.flatMap((child) => (child.name === 'testcase' ? [testCase(child)] : child.name === 'testsuite' ? casesOf(child) : []));
}

function testCase(element: XmlElement): GitlabTestCase {
  const child = (name: string) => element.children.find((c) => c.name === name);
  const out = child('system-out') ? `System Out:\n\n${child('system-out')!.text}` : null;
  const err = child('system-err') ? `System Err:\n\n${child('system-err')!.text}` : null;
  const outcome = (['failure', 'error', 'skipped'] as const).find((name) => child(name));
  const status = outcome === 'failure' ? 'failed' : outcome ?? 'success';
  const systemOutput = outcome === 'skipped' ? child('skipped')!.text : outcome ? [child(outcome)!.text, out, err].filter((t) => t !== null).join('\n\n') : null;
  return { classname: element.attributes.classname, name: element.attributes.name!, file: element.attributes.file, executionTime: element.attributes.time, status, systemOutput };
}
