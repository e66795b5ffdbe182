import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { asOf, expectNoCrash, runCli, tempDir } from './helpers.js';

/**
 * One structural check of every JSON input (SECURITY.md, "What aithreat reads"): a baseline is
 * checked against schemas/baseline.schema.json before it is used, so a wrong shape, a value of the
 * wrong type or a deep nesting is one positioned line and exit 2, before any report is written;
 * never a crash after the report is written, and never silently accepted.
 */

const work = tempDir('baselines');
afterAll(() => work.remove());
const project = join(repoRoot, 'test', 'fixtures', 'workflow', 'three-projects', 'aithreat.yaml');
const gap = { control: 'DEVSECURITY', kind: 'missing', required: true, severity: 'high', threats: ['DATAPOISON'] };
const report = (gaps: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ projects: [{ file: 'aithreat.yaml', gaps }], ...extra }, null, 2);

const cases: { name: string; text: string; message: RegExp }[] = [
  { name: 'threats as a string', text: report([{ ...gap, threats: 'DATAPOISON' }]), message: /^base\.json:\d+:\d+: `projects\.0\.gaps\.0\.threats` must be a list, not a string/ },
  { name: 'a control that is an object', text: report([{ ...gap, control: { toString: 1 } }]), message: /^base\.json:\d+:\d+: `projects\.0\.gaps\.0\.control` must be a string/ },
  { name: 'a severity that is a number', text: report([{ ...gap, severity: 5 }]), message: /^base\.json:\d+:\d+: `projects\.0\.gaps\.0\.severity`/ },
  { name: 'threats that are numbers', text: report([{ ...gap, threats: [1, 2] }]), message: /^base\.json:\d+:\d+: `projects\.0\.gaps\.0\.threats\.0` must be a string/ },
  { name: 'a project file that is a list', text: JSON.stringify({ projects: [{ file: ['a'], gaps: [] }] }), message: /^base\.json:1:22: `projects\.0\.file` must be a string/ },
  { name: '100,000 levels of nesting in a field the comparison ignores', text: `{"projects": [], "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`, message: /^base\.json:1:86: nesting is deeper than the limit of 64 levels$/ },
  { name: 'a reserved key', text: '{"projects": [], "__proto__": {"polluted": true}}', message: /^base\.json:1:18: key `__proto__` is not allowed$/ },
  { name: 'a duplicate key', text: '{"projects": [], "projects": 1}', message: /^base\.json:1:18: duplicate key `projects`/ },
];

describe('a baseline of the wrong shape: one positioned line, exit 2, and no report written', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const cwd = join(work.path, c.name);
      mkdirSync(cwd, { recursive: true });
      copyFileSync(project, join(cwd, 'aithreat.yaml'));
      writeFileSync(join(cwd, 'base.json'), c.text);
      for (const args of [
        ['assess', 'aithreat.yaml', '--as-of', asOf, '--baseline', 'base.json', '--format', 'json=out/report.json'],
        ['diff', 'base.json', 'base.json'],
      ]) {
        const result = await runCli(args, { cwd });
        expectNoCrash([{ label: args.join(' '), result }]);
        expect(result.code, `${args[0]}: ${result.stderr}`).toBe(2);
        expect(result.stdout).toBe('');
        const lines = result.stderr.replace(/\n$/, '').split('\n');
        expect(lines.length, result.stderr).toBeGreaterThanOrEqual(1);
        expect(lines[0]).toMatch(c.message);
        expect(existsSync(join(cwd, 'out')), 'a report was written').toBe(false);
      }
    }, 30_000);
  }
});
