import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/render/junit.js';
import { xmlAttr, xmlText } from '../../src/render/xml-escape.js';
import { assessFiles, examples, plainContext } from './helpers/assess-files.js';
import { smallReport } from './helpers/small-report.js';
import { parseXml, type XmlElement } from './helpers/xml-well-formed.js';

const count = (element: XmlElement, name: string): number =>
  element.children.reduce((n, child) => n + (child.name === name ? 1 : 0) + count(child, name), 0);

describe('junit', () => {
  it('has a suite per applicable threat and a case per required control, failing for gaps', () => {
    const root = parseXml(renderJunit(smallReport(), plainContext()));
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '2', failures: '1', errors: '0' });
    const [suite] = root.children;
    expect(root.children).toHaveLength(1);
    expect(suite!.attributes).toMatchObject({ name: 'Demo recommender: DATAPOISON Data poisoning', tests: '2', failures: '1' });
    const cases = suite!.children.filter((c) => c.name === 'testcase');
    expect(cases.map((c) => c.attributes.name)).toEqual(['DATAQUALITYCONTROL Data quality control', 'SEGREGATEDATA Segregate data']);
    const failure = cases[0]!.children[0]!;
    expect(failure.attributes).toEqual({ message: 'DATAQUALITYCONTROL is missing', type: 'missing' });
    expect(failure.text).toContain('required because DATAPOISON is high');
    expect(failure.text).toContain('See projects/demo.yaml:10:3.');
    expect(cases[1]!.children).toEqual([]);
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
