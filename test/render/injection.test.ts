import { readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { repoRoot, runSourceCli } from '../helpers/run-cli.js';
import { asOf } from './helpers/assess-files.js';
import { brokenTables } from './helpers/markdown-tables.js';
import { parseXml } from './helpers/xml-well-formed.js';

/**
 * A project whose names, owners and justifications carry Markdown, HTML, terminal escapes, bidi
 * overrides and characters XML forbids (test/fixtures/reports/hostile-project.yaml). Every format
 * must show that text as text.
 */
const hostile = 'test/fixtures/reports/hostile-project.yaml';
const render = async (format: string, env: Record<string, string> = { NO_COLOR: '1' }) => {
  const result = await runSourceCli(['assess', hostile, '--as-of', asOf, '--format', format], { env });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(1);
  return result.stdout;
};
const dangerous = /[\u001b\r\u0001\u202e\u2066-\u2069\u009b]/;

describe('text from the project file cannot act', () => {
  it('table: no escape sequences, carriage returns or bidi controls', async () => {
    const plain = await render('table');
    expect(plain).not.toMatch(dangerous);
    const coloured = await render('table', { FORCE_COLOR: '1' });
    expect(coloured).toContain('\u001b[');
    expect(stripVTControlCharacters(coloured)).not.toMatch(dangerous);
    expect(coloured).not.toContain(']8;;');
  });

  it('markdown: tables keep their columns, no HTML, links or block syntax get through', async () => {
    const md = await render('markdown');
    expect(md).not.toMatch(dangerous);
    expect(brokenTables(md)).toEqual([]);
    expect(md).not.toMatch(/<script|<img|<b>bold/i);
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    for (const line of md.split('\n')) {
      expect(line).not.toMatch(/^(# (Owner|not a heading)|- (list|not a list|item)|> (quote|not a quote))/);
    }
    const start = md.indexOf('```mermaid\n') + '```mermaid\n'.length;
    const mermaid = md.slice(start, md.indexOf('```', start));
    expect(mermaid).not.toContain('`');
    for (const line of mermaid.split('\n')) {
      const id = /^\s*(?:subgraph\s+)?([^\s[({>]+)/.exec(line)?.[1];
      if (id && !['end', 'classDef', 'class'].includes(id)) expect(id).toMatch(/^[A-Za-z0-9_]+$/);
      expect((line.match(/"/g) ?? []).length % 2).toBe(0);
    }
  });

  it('markdown: no @-mention, bare URL, www. name or issue reference from the project reaches GitHub', async () => {
    const md = await render('markdown');
    // Every piece of the project's text is in the report: owners, justifications, evidence.
    for (const text of ['org/security-team', 'alice', 'cc @&#8203;bob', 'carol checked it']) expect(md).toContain(text);
    // GitHub links text after Markdown is parsed, outside code blocks (a Mermaid block is drawn, not linked).
    const prose = md.replace(/^```mermaid\n[\s\S]*?^```$/gm, '');
    expect(prose).not.toMatch(/@(?!&#8203;)[A-Za-z0-9]/);
    expect(prose).not.toMatch(/https?:\/\/evil/);
    expect(prose).not.toMatch(/www\.evil/i);
    expect(prose).not.toMatch(/(?<![&\w])#(?=\d)/);
    expect(prose).not.toMatch(/\bGH-\d/);
    // The evidence makes its control's checklist ticked, and is shown inert.
    expect(prose).toMatch(/<summary><b>SEGREGATEDATA<\/b>[^\n]*\n\nEvidence recorded: @&#8203;carol checked it: https:&#8203;\/\/evil\.example\/proof www&#8203;\.evil\.example\/proof #&#8203;56 GH-&#8203;78 <span>\$<\/span>x<span>\$<\/span>\n\n- \[x\] /);
  });

  it('junit: well-formed XML without forbidden characters', async () => {
    const xml = await render('junit');
    expect(() => parseXml(xml)).not.toThrow();
    expect(xml).not.toMatch(dangerous);
  });

  it('json: parses and keeps the project text exactly', async () => {
    const data = JSON.parse(await render('json'));
    expect(data.projects[0].name).toContain('<script>alert(1)</script>');
    expect(data.projects[0].name).toContain('\u001b[31m');
  });

  it('sarif: parses, validates and has no escape sequences in messages', async () => {
    const { $schema: _d, id: _i, ...schema } = JSON.parse(readFileSync(`${repoRoot}/test/fixtures/sarif-schema-2.1.0.json`, 'utf8'));
    const log = JSON.parse(await render('sarif'));
    expect(new Ajv.default({ strict: false, validateFormats: false }).validate(schema, log)).toBe(true);
    for (const result of log.runs[0].results) expect(result.message.text).not.toMatch(dangerous);
  });
});

describe('a project file whose path is Markdown cannot act in the rules of SARIF', () => {
  it('help.markdown shows the path as text: no link, mention or HTML', async () => {
    const { renderSarif } = await import('../../src/render/sarif.js');
    const { smallReport } = await import('./helpers/small-report.js');
    const report = smallReport();
    const file = '[x](javascript:alert(1)) @org/team <img src=x> #12.yaml';
    for (const project of report.projects) {
      project.file = file;
      for (const gap of project.gaps) gap.location = { ...gap.location, file };
    }
    const rules = JSON.parse(renderSarif(report, { colorLevel: 0, width: 80 })).runs[0].tool.driver.rules as { id: string; help: { markdown: string } }[];
    expect(rules.map((r) => r.id)).toContain(`DATAQUALITYCONTROL/${file}`);
    for (const rule of rules) {
      const markdown = rule.help.markdown;
      expect(markdown).toContain('\\[x\\](javascript:alert(1))');
      expect(markdown).not.toContain('@org/team');
      expect(markdown).not.toContain('<img');
      expect(markdown).toContain('&lt;img src=x&gt;');
    }
  });
});
