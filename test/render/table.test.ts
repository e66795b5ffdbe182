import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/render/table.js';
import { assessFiles, examples, plainContext } from './helpers/assess-files.js';
import { smallReport } from './helpers/small-report.js';

const widest = (text: string) => Math.max(...text.split('\n').map((line) => stripAnsi(line).length));

describe('table', () => {
  const plain = renderTable(smallReport(), plainContext());

  it('heads each project with its name, file and verdict', () => {
    expect(plain).toMatch(/^Demo recommender — FAIL\nprojects\/demo\.yaml · owner ML team · as of 2026-11-25 · fails on high\n/);
    expect(plain).toContain('1 of 2 threats applies: 1 high; 1 group sums them up');
  });

  it.each(examples)('counts in its head the threat rows the table shows, for %s', (file) => {
    const { report } = assessFiles([file]);
    const project = report.projects[0]!;
    const text = renderTable(report, plainContext());
    const [, applying, leaves, groups] = /^(\d+) of (\d+) threats? appl(?:y|ies)[^\n]*?(?:; (\d+) groups? sums? them up)?$/m.exec(text)!;
    // The rows of the threat table: a row starts with an id in the first column.
    const table = text.slice(text.indexOf('Threats\n'), text.indexOf('\nRequired controls missing'));
    const rows = [...table.matchAll(/^│ ([A-Z]+) +│ \S+ +│ (yes|no) +│/gm)].map(([, id, applies]) => ({ id: id!, applies: applies === 'yes' }));
    const isGroup = (id: string) => project.threats.find((t) => t.threat === id)!.group === null;
    expect(rows).toHaveLength(project.threats.length);
    expect(Number(leaves)).toBe(rows.filter((r) => !isGroup(r.id)).length);
    expect(Number(applying)).toBe(rows.filter((r) => r.applies && !isGroup(r.id)).length);
    expect(Number(groups)).toBe(rows.filter((r) => isGroup(r.id)).length);
  });

  it('gives a group the reason of its most severe member', () => {
    // The research project: SUPPLYMODELPOISON is critical, DATAPOISON (listed first) high.
    const text = renderTable(assessFiles(['examples/research-image-classifier.yaml']).report, plainContext());
    expect(text).toMatch(/│ MODELPOISON +│ critical │ yes +│ member threat +│\n│ Broad model poisoning +│ +│ +│ SUPPLYMODELPOISON applies +│\n│ development-time +│ +│ +│ \(critical\)/);
  });

  it('lists every threat with severity, whether it applies, and the first fact', () => {
    expect(plain).toMatch(/│ DATAPOISON\s+│ high\s+│ yes\s+│ data set `clicks` is used for\s+│/);
    expect(plain).toMatch(/│ DEVCODELEAK\s+│ —\s+│ no\s+│ the source code and\s+│/);
  });

  it('lists the required controls that are missing and the acceptances needing attention', () => {
    expect(plain).toContain('Required controls missing (1)');
    expect(plain).toMatch(/│ DATAQUALITYCONTROL\s+│ missing\s+│ answers 1 factor of\s+│/);
    expect(plain).toContain('Risk acceptances needing attention (1)');
    expect(plain).toMatch(/│ TRAINDATADISTORTION\s+│ expired\s+│ Jo Doe\s+│ 2026-01-31 │/);
    expect(plain).toContain('Advice (1)\n- other controls the threats list: TRAINDATADISTORTION');
  });

  it('lists the open questions with the field to declare and what declaring it safe would do', () => {
    expect(plain).toContain('Open questions (1): not declared, counted as a risk\n- line 5: training data is stored in environment `lab`, whose segregation is not\n  declared; declare environments.0.segregated: true (DATAPOISON high → medium if\n  declared so)');
  });

  it('is plain without colour and the same layout with it', () => {
    expect(plain).not.toContain('\u001b');
    const coloured = renderTable(smallReport(), plainContext({ colorLevel: 1 }));
    expect(coloured).toContain('\u001b[31m');
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it.each(examples)('fits 80 columns for %s', (file) => {
    const text = renderTable(assessFiles([file]).report, plainContext());
    expect(widest(text)).toBeLessThanOrEqual(80);
  });

  it('uses a wider terminal when it has one', () => {
    const text = renderTable(assessFiles([examples[0]!]).report, plainContext({ width: 120 }));
    expect(widest(text)).toBeGreaterThan(80);
    expect(widest(text)).toBeLessThanOrEqual(120);
  });

  it('gives several projects a section each and a line of totals', () => {
    const { report } = assessFiles(examples.slice(0, 2));
    const text = renderTable(report, plainContext());
    for (const project of report.projects) expect(text).toContain(`${project.name} — `);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^2 projects: \d pass, \d fail; \d+ applicable threats, \d+ required controls? missing — (PASS|FAIL)$/);
  });
});
