import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/assess/types.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { assessFiles, examples, plainContext } from './helpers/assess-files.js';
import { brokenTables, githubCommentWidth, markdownTables, minimumTableWidth } from './helpers/markdown-tables.js';
import { smallGraph, smallReport } from './helpers/small-report.js';

/** The part of a document from one heading to the next heading of the same or a higher level. */
function section(md: string, heading: string): string {
  const start = md.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const level = /^#+/.exec(heading)![0].length;
  const next = md.slice(start + heading.length + 2).search(new RegExp(`^#{1,${level}} `, 'm'));
  return next < 0 ? md.slice(start) : md.slice(start, start + heading.length + 2 + next);
}

describe('markdown', () => {
  const context = plainContext({ projectGraphs: new Map([['projects/demo.yaml', smallGraph()]]) });
  const md = renderMarkdown(smallReport(), context);

  it('opens with the verdict and counts, then the required controls and the advice, each control once', () => {
    expect(md).toContain('**Verdict: FAIL**: 1 required control is missing. 1 of 2 threats applies (1 high); 1 more control is advice.');
    expect(section(md, '### Required controls missing (1)')).toContain(
      '- **DATAQUALITYCONTROL** Data quality control: missing ([line 10][1L10]); primary against DATAPOISON; answers 1 factor of DATAPOISON',
    );
    expect(section(md, '### Advice (1)')).toContain('- other controls the threats list: TRAINDATADISTORTION (acceptance expired)');
    // The advice is not repeated under the threat: its section only counts it.
    const threat = section(md, '### DATAPOISON: Data poisoning');
    expect(threat).not.toContain('TRAINDATADISTORTION');
    expect(threat).toContain('The catalog names 1 more control against it; it is listed once under Advice.');
  });

  it('tables every threat in three columns, a group with the reason of its most severe member', () => {
    const table = markdownTables(section(md, '### Threats'))[0]!;
    expect(table[0]).toEqual(['Threat', 'Severity', 'Why']);
    expect(table[2]).toEqual(['**MODELPOISON** (group)<br>Broad model poisoning development-time', '**high**', 'member threat DATAPOISON applies (high) ([line 10][1L10])']);
    expect(table[3]).toEqual(['DATAPOISON<br>Data poisoning', '**high**<br>impact moderate, likelihood high', 'data set `clicks` is used for training ([line 10][1L10])']);
    expect(table[4]).toEqual(['DEVCODELEAK<br>Source code/configuration leak', 'does not apply', 'the source code and configuration are open source ([line 30][1L30])']);
  });

  it('gives each applicable threat a section: why, the factors folded, the controls that count', () => {
    const threat = section(md, '### DATAPOISON: Data poisoning');
    expect(threat).toContain('[OWASP AI Exchange: Data poisoning](https://owaspai.org/go/datapoison/)');
    expect(threat).toContain('**Why it applies**\n\n- data set `clicks` is used for training ([line 10][1L10])');
    expect(threat).toContain('<details><summary><b>Severity factors</b> (2 declared, 1 from fields not declared)</summary>\n\n**Declared by the file**');
    expect(threat).toContain('| likelihood +2 | 1 training data set(s) come from public sources anyone can publish to, such as `clicks` ([line 11][1L11]) | DATAQUALITYCONTROL, SUPPLYCHAINMANAGE |');
    expect(threat).toContain('| likelihood −1 | training runs in the segregated training environment `lab` ([line 20][1L20]) | — |');
    expect(threat).toContain('**From fields not declared** (counted as risks until they are declared; declared the safe way, the severity would be medium)');
    expect(threat).toContain('| [DATAQUALITYCONTROL](https://owaspai.org/go/dataqualitycontrol/): Data quality control | **missing** | **yes** (factor, primary) | detects manipulated samples before training |');
    expect(md).not.toContain('### DEVCODELEAK');
    expect(md).not.toContain('### MODELPOISON');
  });

  it('lists each required control\'s checklist once, ticked only where the file records evidence', () => {
    const lists = section(md, '### Checklists of the required controls (2)');
    expect(lists).toMatch(/<details open><summary><b>DATAQUALITYCONTROL<\/b> Data quality control: missing, required against DATAPOISON<\/summary>\n\n- \[ \] /);
    expect(lists).toMatch(/<details><summary><b>SEGREGATEDATA<\/b> Segregate data: implemented, required against DATAPOISON<\/summary>\n\nEvidence recorded: https:&#8203;\/\/wiki\.example\/lab-segregation \(ask @&#8203;sec-team\)\n\n- \[x\] /);
    expect(lists.match(/<summary>/g)).toHaveLength(2);

    // Implemented without evidence: the team's word alone ticks nothing.
    const report = smallReport();
    const segregate = report.projects[0]!.threats[1]!.recommendations[1]!;
    segregate.evidence = [];
    const unticked = section(renderMarkdown(report, context), '### Checklists of the required controls (2)');
    expect(unticked).toContain('Implemented, but the file records no `evidence` for it, so no practice is ticked.');
    expect(unticked).not.toContain('- [x]');
  });

  it('lists the open questions: the field to declare with its line, the safe value and the severity it would give', () => {
    expect(section(md, '### Open questions (1)')).toContain('| `environments.0.segregated`<br>safe: true ([line 5][1L5]) | training data is stored in environment &#96;lab&#96;, whose segregation is not declared | DATAPOISON high → medium |');
  });

  it('tables the risk acceptances and folds the outside references', () => {
    expect(section(md, '### Risk acceptances (1)')).toContain('| [TRAINDATADISTORTION][1L40] | risk-accepted, **expired** | Jo Doe, until 2026-01-31 | Costs too much recall. |');
    const references = section(md, '### Standards and references');
    expect(references).toMatch(/^\n### Standards and references\n\n<details><summary>/);
    const table = markdownTables(references)[0]!;
    expect(table[0]).toEqual(['Threat', 'ISO/IEC', 'MITRE ATLAS and OWASP']);
    expect(table[2]![0]).toBe('DATAPOISON');
    expect(table[2]![1]).toMatch(/ISO\/IEC \d+/);
    expect(table[2]![2]).toMatch(/^MITRE ATLAS: AML\.T0020.*<br>OWASP LLM Top 10 2025: LLM04:2025<br>OWASP ML Top 10 2023: ML02$/);
  });

  it('draws the project with a legend, and names what it does not draw', () => {
    const map = section(md, '### Project map');
    const diagram = map.slice(map.indexOf('```mermaid\n'), map.lastIndexOf('```'));
    expect(diagram).toContain('flowchart TB');
    expect(diagram).toContain('n_suppliers_0 -->|"provides"| n_datasets_0');
    expect(diagram).toContain('subgraph legend["Legend"]');
    // clicks raises the likelihood of a high threat; the segregated environment only lowers it
    expect(diagram).toContain('  class n_datasets_0 threat');
    expect(map).toContain('Not drawn on their own, as no line or box of the map is theirs (an environment is named in the notes of what it also keeps): supplier pypi.');
    expect(renderMarkdown(smallReport(), plainContext())).not.toContain('```mermaid');
  });

  it('colours only what a threat at or above the threshold rests on', () => {
    const report: Report = { ...smallReport(), failOn: 'critical' };
    const diagram = renderMarkdown(report, context);
    expect(diagram).not.toMatch(/class [^\n]* threat\n/);
    expect(diagram).not.toContain('legend_threat');
  });

  it('writes each line once as a reference, relative to the document or under the link base', () => {
    expect(md).toContain('\n[1L10]: projects/demo.yaml#L10\n');
    expect(md.match(/^\[1L10\]:/gm)).toHaveLength(1);
    const inReports = renderMarkdown(smallReport(), plainContext({ documentDir: 'reports/review' }));
    expect(inReports).toContain('\n[1L10]: ../../projects/demo.yaml#L10\n');
    const based = renderMarkdown(smallReport(), plainContext({ documentDir: 'reports', linkBase: 'https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567/' }));
    expect(based).toContain('\n[1L10]: https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567/projects/demo.yaml#L10\n');
    // Every reference used is defined.
    for (const [, ref] of md.matchAll(/\]\[([^\]]+)\]/g)) expect(md).toContain(`\n[${ref}]: `);
  });

  it('gives several projects an overview and a section each, their references apart', () => {
    const { report, graphs } = assessFiles(examples.slice(0, 2));
    const text = renderMarkdown(report, plainContext({ projectGraphs: graphs }));
    const overview = markdownTables(text)[0]!;
    expect(overview[0]).toEqual(['Project', 'Verdict', 'Threats that apply', 'Required controls missing']);
    expect(overview[2]![0]).toBe(`${report.projects[0]!.name}<br>[${report.projects[0]!.file}][pL1]`);
    expect(overview[3]![0]).toBe(`${report.projects[1]!.name}<br>[${report.projects[1]!.file.replace(/[_*]/g, (c) => `\\${c}`)}][pL1-2]`);
    for (const project of report.projects) expect(text).toContain(`\n## ${project.name}\n`);
    expect(text.match(/```mermaid/g)).toHaveLength(2);
    expect(text).toContain(`\n[1L1]: ${report.projects[0]!.file}#L1\n`);
    expect(text).toContain(`\n[2L1]: ${report.projects[1]!.file}#L1\n`);
  });

  it.each(examples)('keeps every table whole and within a pull request\'s width for %s', (file) => {
    const { report, graphs } = assessFiles([file]);
    const text = renderMarkdown(report, plainContext({ projectGraphs: graphs }));
    expect(brokenTables(text)).toEqual([]);
    for (const table of markdownTables(text)) {
      expect(minimumTableWidth(table), table[0]!.join(' | ')).toBeLessThanOrEqual(githubCommentWidth);
    }
    expect(text).toMatch(/```mermaid\nflowchart (TB|LR)\n/);
    expect(text).not.toMatch(/\n{3}/);
  });

  it('would have caught the old seven-column threat table', () => {
    const old = [['Threat', 'Title', 'Applies', 'Severity', 'Impact', 'Likelihood', 'Why'], ['---', '---', '---', '---', '---', '---', '---'],
      ['SUPPLYMODELPOISON', 'Supply-chain model poisoning', 'no', '—', 'moderate', 'moderate', 'data set `federated-rounds` is used for training']];
    expect(minimumTableWidth(old)).toBeGreaterThan(githubCommentWidth);
  });
});
