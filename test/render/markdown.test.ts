import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { assessFiles, examples, plainContext } from './helpers/assess-files.js';
import { brokenTables, markdownTables } from './helpers/markdown-tables.js';
import { smallGraph, smallReport } from './helpers/small-report.js';

describe('markdown', () => {
  const context = plainContext({ projectGraphs: new Map([['projects/demo.yaml', smallGraph()]]) });
  const md = renderMarkdown(smallReport(), context);

  it('summarises the verdict, the counts by severity and the required gaps', () => {
    expect(md).toContain('**Verdict: FAIL**: 1 required control is missing.');
    expect(md).toContain('| 1 | 0 | 1 | 0 | 0 | 1 | 1 |');
    expect(md).toContain('- **DATAQUALITYCONTROL** Data quality control: missing, answers DATAPOISON: 1 training data set(s) come from public sources anyone can publish to, such as &#96;clicks&#96;; primary against DATAPOISON ([line 10](projects/demo.yaml#L10))');
    expect(md).toContain('Advice (1), most useful first:\n\n- other controls the threats list: TRAINDATADISTORTION (acceptance expired)');
  });

  it('tables every threat', () => {
    expect(md).toContain('| DATAPOISON | Data poisoning | yes | **high** | moderate | high | data set `clicks` is used for training ([line 10](projects/demo.yaml#L10)) |');
    expect(md).toContain('| DEVCODELEAK | Source code/configuration leak | no | — | — | — |');
  });

  it('gives each applicable threat a section with facts, factors, controls, checklists and the permalink', () => {
    const section = md.slice(md.indexOf('### DATAPOISON: Data poisoning'), md.indexOf('### Standards'));
    expect(section).toContain('[OWASP AI Exchange: Data poisoning](https://owaspai.org/go/datapoison/)');
    expect(section).toContain('- data set `clicks` is used for training ([line 10](projects/demo.yaml#L10))');
    expect(section).toContain('**Severity factors the file declares**');
    expect(section).toContain('| likelihood | +2 | 1 training data set(s) come from public sources anyone can publish to, such as `clicks` ([line 11](projects/demo.yaml#L11)) | DATAQUALITYCONTROL, SUPPLYCHAINMANAGE |');
    expect(section).toContain('| likelihood | −1 | training runs in the segregated training environment `lab`');
    // Not declared is kept apart from what the file declares, and says what declaring it would do.
    expect(section).toContain('**Severity factors from fields not declared** (counted as risks until they are declared; declared the safe way, the severity would be medium)');
    expect(section).toContain('| likelihood | +1 | training data is stored in environment `lab`, whose segregation is not declared ([line 12](projects/demo.yaml#L12)) | SEGREGATEDATA |');
    expect(section).toContain('| [DATAQUALITYCONTROL](https://owaspai.org/go/dataqualitycontrol/): Data quality control | **missing** | **yes** (factor, primary) |');
    expect(section).toMatch(/<details open><summary><b>DATAQUALITYCONTROL<\/b>[^\n]*\n\n- \[ \] /);
    expect(section).toMatch(/<details><summary><b>SEGREGATEDATA<\/b>[^\n]*\n\n- \[x\] /);
    expect(section).not.toContain('<b>TRAINDATADISTORTION</b>');
    expect(md).not.toContain('### DEVCODELEAK');
    expect(md).not.toContain('### MODELPOISON');
  });

  it('lists the open questions: the field to declare, where, the safe value and the severity it would give', () => {
    expect(md).toContain('### Open questions');
    expect(md).toContain('| `environments.0.segregated` | [line 5](projects/demo.yaml#L5) | training data is stored in environment &#96;lab&#96;, whose segregation is not declared | true | DATAPOISON high → medium |');
  });

  it('tables the risk acceptances and the outside references', () => {
    expect(md).toContain('| [TRAINDATADISTORTION](projects/demo.yaml#L40) | risk-accepted | Jo Doe | 2026-01-31 | **expired** | Costs too much recall. |');
    const references = markdownTables(md).find((t) => t[0]![0] === 'Threat' && t[0]![1] === 'ISO/IEC')!;
    expect(references[2]![0]).toBe('DATAPOISON');
    expect(references[2]![2]).toContain('AML.T0020');
    expect(references[2]![3]).toBe('LLM04:2025');
    expect(references[2]![4]).toBe('ML02');
    expect(references[2]![1]).toMatch(/ISO\/IEC \d+/);
  });

  it('draws the project, marking where an applicable threat was found', () => {
    const diagram = md.slice(md.indexOf('```mermaid\n'), md.indexOf('```\n', md.indexOf('```mermaid') + 3));
    expect(diagram).toContain('flowchart LR');
    expect(diagram).toContain('subgraph n_environments_0["Lab #quot;GPU#quot; box"]');
    expect(diagram).toContain('n_suppliers_0 -->|"provides"| n_datasets_0');
    expect(diagram).toContain('classDef threat fill:#fdd,stroke:#c00');
    // clicks carries the facts; the segregated environment only lowers the likelihood
    expect(diagram).toContain('class n_datasets_0 threat');
    expect(renderMarkdown(smallReport(), plainContext())).not.toContain('```mermaid');
  });

  it('links to project lines from where the document is written', () => {
    const inReports = renderMarkdown(smallReport(), plainContext({ documentDir: 'reports/review' }));
    expect(inReports).toContain('([line 10](../../projects/demo.yaml#L10))');
  });

  it('gives several projects an overview and a section each', () => {
    const { report, graphs } = assessFiles(examples.slice(0, 2));
    const text = renderMarkdown(report, plainContext({ projectGraphs: graphs }));
    const overview = markdownTables(text)[0]!;
    expect(overview[0]).toEqual(['Project', 'File', 'Verdict', 'Applicable threats', 'Required controls missing']);
    expect(overview.slice(2).map((row) => row[0])).toEqual(report.projects.map((p) => p.name));
    for (const project of report.projects) expect(text).toContain(`\n## ${project.name}\n`);
    expect(text.match(/```mermaid/g)).toHaveLength(2);
  });

  it.each(examples)('keeps every table whole for %s', (file) => {
    const { report, graphs } = assessFiles([file]);
    const text = renderMarkdown(report, plainContext({ projectGraphs: graphs }));
    expect(brokenTables(text)).toEqual([]);
    expect(text).toContain('```mermaid\nflowchart LR');
    expect(text).not.toMatch(/\n{3}/);
  });
});
