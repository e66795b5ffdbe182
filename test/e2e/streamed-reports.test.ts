import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, gapsOf } from '../../src/assess/report.js';
import { getCatalog } from '../../src/catalog/bundled.js';
import { workingDirectoryScope } from '../../src/load/read-scope.js';
import { formatNames, formats, type Format, type FormatName } from '../../src/render/index.js';
import { buildProjectGraph } from '../../src/render/project-graph.js';
import { renderWhole, type DocumentRenderer } from '../../src/render/renderer.js';
import { loadProject } from '../../src/validate/load-project.js';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';
import { asOf, examples } from '../render/helpers/assess-files.js';

/**
 * Runs over many projects, whose reports are written project by project through temporary files:
 * each file is what the whole report rendered at once would be, and a run that fails writes none.
 */
let work: string;
/** Five copies of every example, so that every format's parts outgrow memory and go to temporary files. */
const copies = 5;

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'dist', 'main.cjs'))) throw new Error('dist/ is missing: run npm run build first');
  work = mkdtempSync(join(tmpdir(), 'aithreat-streamed-'));
  mkdirSync(join(work, 'projects'));
  for (let i = 0; i < copies * examples.length; i++) {
    copyFileSync(join(repoRoot, examples[i % examples.length]!), join(work, 'projects', `p${String(i).padStart(3, '0')}.aithreat.yaml`));
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const assess = (args: string[], cwd = work) => runBuiltCli(['assess', 'projects', '--as-of', asOf, ...args], { cwd });
/** A file per format, named for the format: `summary` and `markdown` are both `.md`. */
const fileOf = (format: FormatName) => `report.${format}.${formats[format].extension}`;
const toFiles = (dir: string) => formatNames.flatMap((format) => ['--format', `${format}=${dir}/${fileOf(format)}`]);

/** The report of the projects in `work`, assessed and rendered whole in this process. */
async function wholeReport(format: FormatName, documentDir: string, markdownReport?: string): Promise<string> {
  const files = readdirSync(join(work, 'projects')).sort().map((f) => `projects/${f}`);
  const loaded = files.map((file) => {
    const result = loadProject(resolve(work, file), work, workingDirectoryScope(work));
    if (!result.ok) throw new Error(`${file} does not load`);
    return { source: result.source, project: result.value };
  });
  const report = buildReport(loaded, { catalog: getCatalog(), asOf, failOn: 'high', undeclared: 'count', policy: null });
  const graphs = new Map(loaded.map((p) => [p.source.file, buildProjectGraph(p.project)]));
  const context = { colorLevel: 0 as const, width: 80, projectGraphs: graphs, documentDir, repositoryFolder: '', ...(markdownReport ? { markdownReport } : {}) };
  const chosen = formats[format] as Format;
  // A format written at the end is given the gaps the run kept.
  if (chosen.writes === 'at-end') return (await chosen.load())({ ...report, projects: report.projects.map(gapsOf) }, context);
  const start = (await chosen.load()) as DocumentRenderer;
  return renderWhole(start, report, context);
}

describe('aithreat assess: reports written project by project', () => {
  it('writes each format of many projects byte for byte as the report rendered whole, and no temporary file stays', async () => {
    const run = assess(toFiles('out'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    for (const format of formatNames) {
      const path = join(work, 'out', fileOf(format));
      expect(readFileSync(path, 'utf8')).toBe(await wholeReport(format, relative(work, dirname(path)), `out/${fileOf('markdown')}`));
    }
    expect(readdirSync(join(work, 'out')).sort()).toEqual(formatNames.map(fileOf).sort());
  });

  it('prints a format of many projects on stdout as the whole report', async () => {
    for (const format of ['json', 'markdown'] as const) expect(assess(['--format', format]).stdout).toBe(await wholeReport(format, ''));
  });

  it('writes no report, not even the first projects\' parts, when a later project is bad', () => {
    const bad = mkdtempSync(join(tmpdir(), 'aithreat-streamed-bad-'));
    try {
      mkdirSync(join(bad, 'projects'));
      for (const f of readdirSync(join(work, 'projects'))) copyFileSync(join(work, 'projects', f), join(bad, 'projects', f));
      writeFileSync(join(bad, 'projects', 'zz-last.aithreat.yaml'), 'formatVersion: 1\nproject:\n  name: Broken\n  owner: [not, a, string]\n');
      writeFileSync(join(bad, 'kept.json'), 'an earlier report\n');
      const run = assess([...toFiles('out'), '--format', 'json=kept.json', '--format', 'table'], bad);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^projects\/zz-last\.aithreat\.yaml:4:\d+: /m);
      expect(run.stdout).toBe('');
      expect(readdirSync(bad).sort()).toEqual(['kept.json', 'projects']);
      expect(readFileSync(join(bad, 'kept.json'), 'utf8')).toBe('an earlier report\n');
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  // The file size limit makes the kernel refuse a write past it (EFBIG) part way through the run,
  // as a full disk would with ENOSPC.
  it('fails a report that cannot be written part way through, leaves nothing of it, and writes the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aithreat-streamed-limit-'));
    try {
      const bin = join(repoRoot, 'bin', 'aithreat.cjs');
      const args = ['assess', 'projects', '--as-of', asOf, '--format', `json=${dir}/big.json`, '--format', `junit=${dir}/small.xml`];
      // 1,024 blocks of 512 bytes (or of 1,024 bytes, as some shells count): room for the JUnit, not the JSON.
      const run = spawnSync('sh', ['-c', 'ulimit -f 1024 && exec "$0" "$@"', process.execPath, bin, ...args], { cwd: work, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
      expect(run.stderr).toBe(`aithreat: cannot write ${dir}/big.json: the file is too large for the file system\n`);
      expect(run.status).toBe(2);
      expect(readdirSync(dir)).toEqual(['small.xml']);
      expect(readFileSync(join(dir, 'small.xml'), 'utf8')).toBe(await wholeReport('junit', ''));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
