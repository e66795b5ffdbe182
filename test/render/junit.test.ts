import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/render/junit.js';
import { xmlAttr, xmlText } from '../../src/render/xml-escape.js';
import { assessFiles, examples, plainContext } from './helpers/assess-files.js';
import { smallReport } from './helpers/small-report.js';
import { parseXml, type XmlElement } from './helpers/xml-well-formed.js';

const count = (element: XmlElement, name: string): number =>
  element.children.reduce((n, child) => n + (child.name === name ? 1 : 0) + count(child, name), 0);

describe('junit', () => {
  it('has a suite per project and a case per required control, failing for gaps', () => {
    const root = parseXml(renderJunit(smallReport(), plainContext()));
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toEqual({ name: 'aithreat', tests: '2', failures: '1', errors: '0', time: '0' });
    const [suite] = root.children;
    expect(root.children).toHaveLength(1);
    expect(suite!.attributes).toMatchObject({ name: 'Demo recommender: required controls', tests: '2', failures: '1', skipped: '0', time: '0', file: 'projects/demo.yaml' });
    const cases = suite!.children.filter((c) => c.name === 'testcase');
    expect(cases.map((c) => c.attributes)).toEqual([
      { classname: 'projects/demo_yaml.controls', name: 'DATAQUALITYCONTROL Data quality control', time: '0' },
      { classname: 'projects/demo_yaml.controls', name: 'SEGREGATEDATA Segregate data', time: '0' },
    ]);
    const failure = cases[0]!.children[0]!;
    expect(failure.attributes).toEqual({ message: 'DATAQUALITYCONTROL is missing', type: 'missing' });
    expect(failure.text).toContain('Against DATAPOISON (Data poisoning, high): detects manipulated samples before training; required because DATAPOISON is high');
    expect(failure.text).toContain('See projects/demo.yaml:10:3.');
    expect(cases[1]!.children).toEqual([]);
  });

  it('has one test per project and control, failing once per required gap, with ids unique across projects', () => {
    const { report } = assessFiles(examples);
    const root = parseXml(renderJunit(report, plainContext()));
    const suites = root.children.filter((s) => s.name === 'testsuite');
    expect(suites).toHaveLength(report.projects.length);
    const ids = suites.flatMap((s) => s.children.filter((c) => c.name === 'testcase').map((c) => `${c.attributes.classname} ${c.attributes.name}`));
    expect(new Set(ids).size).toBe(ids.length);
    report.projects.forEach((project, i) => {
      const suite = suites[i]!;
      expect(suite.attributes.file).toBe(project.file);
      // Each required gap fails one test, however many threats require its control.
      expect(Number(suite.attributes.failures), project.file).toBe(project.counts.requiredGaps);
      for (const c of suite.children.filter((e) => e.name === 'testcase')) expect(c.attributes.classname).toBe(`${project.file.replace(/\./g, '_')}.controls`);
    });
  });

  it('skips a required control whose risk is accepted, with the reason', () => {
    const report = smallReport();
    const rec = report.projects[0]!.threats[1]!.recommendations[1]!;
    Object.assign(rec, { status: 'risk-accepted' });
    const root = parseXml(renderJunit(report, plainContext()));
    expect(root.children[0]!.attributes).toMatchObject({ tests: '2', failures: '1', skipped: '1' });
    const skipped = root.children[0]!.children.find((c) => c.attributes.name === 'SEGREGATEDATA Segregate data')!.children[0]!;
    expect(skipped).toMatchObject({ name: 'skipped', attributes: { message: 'SEGREGATEDATA: its risk is accepted' } });
  });

  it.each(examples)('is well-formed with counts that add up: %s', (file) => {
    const root = parseXml(renderJunit(assessFiles([file]).report, plainContext()));
    expect(Number(root.attributes.tests)).toBe(count(root, 'testcase'));
    expect(Number(root.attributes.failures)).toBe(count(root, 'failure'));
    for (const suite of root.children) {
      expect(Number(suite.attributes.tests)).toBe(count(suite, 'testcase'));
      expect(Number(suite.attributes.failures)).toBe(count(suite, 'failure'));
    }
  });

  it('escapes markup and removes what XML 1.0 forbids', () => {
    expect(xmlText('a <b> & c\u0001\u0000\ufffe\ud800')).toBe('a &lt;b&gt; &amp; c');
    expect(xmlAttr('say "hi"\nthere')).toBe('say &quot;hi&quot; there');
    expect(xmlText('😀 kept')).toBe('😀 kept');
  });
});
