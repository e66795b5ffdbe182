import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { Log, Result } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCopy, tempDir } from '../discover/fixture-repo.js';
import { repoRoot, runBuiltCli } from '../helpers/run-cli.js';

// End-to-end: `aithreat assess --discover` of the built CLI on a copy of
// test/fixtures/discover/ml-repo (model files written at test time), with the description of
// test/fixtures/discover/drift/aithreat.yaml, which disagrees with the code in every kind of
// drift. The description lives in the repository, as it would in a team's checkout, so the code
// files are named from the repository's root, as GitHub code scanning wants them.

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'dist', 'discover.cjs'))) throw new Error('dist/discover.cjs is missing: run `npm run build` before the end-to-end tests');
});

const repo = fixtureCopy();
cpSync(join(repoRoot, 'test/fixtures/discover/drift/aithreat.yaml'), join(repo, 'aithreat.yaml'));
const cli = (...args: string[]) => runBuiltCli([...args, '--as-of', '2026-06-01'], { cwd: repo });
const policy = (name: string, text: string) => {
  writeFileSync(join(repo, name), `policyVersion: 1\n${text}`);
  return name;
};

interface Drift {
  code: string;
  text: string;
  location: { file: string; line: number; column: number };
  args: Record<string, string>;
  threats: string[];
  declared: { path: (string | number)[]; location: { file: string; line: number; column: number } } | null;
  effects: { threat: string; kind: string; code: string; text: string; counted: boolean }[];
  required: boolean;
}
interface Factor {
  code: string;
  basis: string;
  counted: boolean;
  found: { file: string; line: number; column: number; drift: string }[];
  location: { file: string; line: number };
}
interface Project {
  verdict: string;
  drift: Drift[];
  counts: { requiredGaps: number; requiredDrift: number };
  threats: { threat: string; applies: boolean; severity: string | null; factors: Factor[]; evidence: { code: string; found: unknown[] }[] }[];
}
const json = (stdout: string) => JSON.parse(stdout) as { discover: { root: string } | null; projects: Project[] };
const threat = (p: Project, id: string) => p.threats.find((t) => t.threat === id)!;

const allKinds = ['dangerous-model-file', 'pickle-declared-safe', 'trust-remote-code', 'undeclared-dataset', 'undeclared-hosted-model', 'undeclared-model', 'undeclared-user-installs', 'unpinned-revision'];

describe('assess --discover: where the description and the code disagree', () => {
  const without = cli('assess', 'aithreat.yaml', '--format', 'json');
  const withDrift = cli('assess', 'aithreat.yaml', '--discover', '.', '--format', 'json');
  const before = json(without.stdout).projects[0]!;
  const after = json(withDrift.stdout).projects[0]!;

  it('passes without --discover: the description declares every control the assessment asks for', () => {
    expect([without.code, without.stderr]).toEqual([0, '']);
    expect(json(without.stdout).discover).toBeNull();
    expect(before.drift).toEqual([]);
  });

  it('finds each kind of drift at its place in the code, and still passes without a policy that forbids drift', () => {
    expect([withDrift.code, withDrift.stderr]).toEqual([0, '']);
    expect(json(withDrift.stdout).discover).toEqual({ root: '.' });
    expect([...new Set(after.drift.map((d) => d.code))].sort()).toEqual(allKinds);
    const at = (code: string, file: string) => after.drift.find((d) => d.code === code && d.location.file === file)!;
    expect(at('trust-remote-code', 'src/sentiment/serve.py')).toMatchObject({
      location: { file: 'src/sentiment/serve.py', line: 20, column: 12 },
      args: { model: 'acme-research/review-embedder', api: 'transformers.AutoModel.from_pretrained' },
      declared: { path: ['models', 1], location: { file: 'aithreat.yaml' } },
      required: false,
    });
    expect(at('undeclared-model', 'src/sentiment/serve.py')).toMatchObject({ location: { line: 19, column: 14 }, args: { model: 'facebook/bart-large-cnn' }, declared: null });
    expect(at('undeclared-hosted-model', 'src/sentiment/serve.py')).toMatchObject({ location: { line: 26, column: 13 }, args: { model: 'gpt-4o-mini', vendor: 'openai' } });
    expect(at('undeclared-dataset', 'src/sentiment/train.py')).toMatchObject({ location: { line: 20, column: 15 }, args: { dataset: 'imdb' }, threats: ['DATAPOISON'] });
    expect(at('dangerous-model-file', 'artifacts/reviewer-gift.pkl')).toMatchObject({ location: { line: 1, column: 1 }, args: { globals: 'os.system' } });
    expect(at('pickle-declared-safe', 'models/sentiment.pt')).toMatchObject({ args: { model: 'sentiment', declared: 'safetensors', format: 'pytorch-zip' }, declared: { path: ['models', 2] } });
    expect(at('pickle-declared-safe', 'src/sentiment/serve.py').location).toEqual({ file: 'src/sentiment/serve.py', line: 14, column: 9 });
    expect(at('undeclared-user-installs', 'notebooks/explore.ipynb').location).toEqual({ file: 'notebooks/explore.ipynb', line: 14, column: 6 });
    expect(after.drift.filter((d) => d.code === 'unpinned-revision').map((d) => `${d.location.file}:${d.location.line}`)).toEqual(['src/sentiment/serve.py:19', 'src/sentiment/serve.py:20', 'src/sentiment/train.py:20']);
  });

  it('raises the threats by what the code shows, in factors that rest on the code and are located there', () => {
    expect(threat(before, 'SUPPLYMODELPOISON').severity).not.toBe('critical');
    expect(threat(after, 'SUPPLYMODELPOISON').severity).toBe('critical');
    expect(threat(before, 'DEVMODELPOISON').severity).toBe('low');
    expect(threat(after, 'DEVMODELPOISON').severity).toBe('critical');
    const impact = threat(after, 'SUPPLYMODELPOISON').factors.find((f) => f.code === 'code-executing-format-impact')!;
    expect(impact).toMatchObject({ basis: 'discovered', counted: true, found: [{ file: 'src/sentiment/serve.py', line: 20, column: 12, drift: 'trust-remote-code' }], location: { file: 'src/sentiment/serve.py', line: 20 } });
    expect(threat(after, 'DEVMODELPOISON').factors.find((f) => f.code === 'model-file-runs-commands')).toMatchObject({ basis: 'discovered', location: { file: 'artifacts/reviewer-gift.pkl', line: 1 } });
    expect(threat(after, 'DATAPOISON').evidence.filter((e) => e.found.length > 0).map((e) => e.code)).toEqual(['dataset-in-code']);
    // The declaration already fires supplier-public-source for the hub: an undeclared hub model adds evidence, not a second count.
    expect(after.drift.find((d) => d.code === 'undeclared-model')!.effects).toEqual([
      { threat: 'SUPPLYMODELPOISON', kind: 'evidence', code: 'pretrained-model-in-code', text: 'the code loads pre-trained model `facebook/bart-large-cnn` from huggingface (transformers.pipeline), which the project description does not declare', counted: false },
    ]);
    expect(after.drift.find((d) => d.code === 'trust-remote-code')!.effects.map((e) => [e.threat, e.kind, e.code])).toEqual([
      ['DEVMODELPOISON', 'factor', 'installs-unvetted-software'],
      ['SUPPLYMODELPOISON', 'factor', 'code-executing-format'],
      ['SUPPLYMODELPOISON', 'factor', 'code-executing-format-impact'],
    ]);
  });

  it('is byte-identical from one run to the next', () => {
    expect(cli('assess', 'aithreat.yaml', '--discover', '.', '--format', 'json').stdout).toBe(withDrift.stdout);
  });
});

describe('assess --discover in SARIF: results on the line of the code', () => {
  const { $schema: _draft, id: _id, ...sarifSchema } = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8'));
  const validate = new Ajv.default({ strict: false, validateFormats: false, allErrors: true }).compile(sarifSchema);
  const result = cli('assess', 'aithreat.yaml', '--discover', '.', '--format', 'sarif', '--policy', policy('no-remote-code.yaml', 'requireNoDrift: [trust-remote-code, dangerous-model-file]\n'));
  const log = JSON.parse(result.stdout) as Log;
  const run = log.runs[0]!;
  const drift = run.results!.filter((r) => r.ruleId!.startsWith('drift/'));
  const where = (r: Result) => {
    const physical = r.locations![0]!.physicalLocation!;
    return `${physical.artifactLocation!.uri}:${physical.region!.startLine}:${physical.region!.startColumn}`;
  };

  it('exits 1, since the policy forbids two kinds the code shows, and validates against SARIF 2.1.0', () => {
    expect([result.code, result.stderr]).toEqual([1, '']);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('has a rule per kind of drift, and a result per finding at its file, line and column', () => {
    const rules = run.tool.driver.rules!;
    expect(rules.filter((r) => r.id.startsWith('drift/')).map((r) => r.id.slice(6)).sort()).toEqual(allKinds);
    for (const r of drift) expect(rules.map((rule) => rule.id)).toContain(r.ruleId);
    expect(drift).toHaveLength(13);
    expect(drift.map((r) => `${r.ruleId} ${where(r)} ${r.level}`)).toEqual([
      'drift/dangerous-model-file artifacts/reviewer-gift.pkl:1:1 error',
      'drift/pickle-declared-safe models/sentiment.pt:1:1 warning',
      'drift/undeclared-user-installs notebooks/explore.ipynb:14:6 warning',
      'drift/pickle-declared-safe notebooks/explore.ipynb:28:12 warning',
      'drift/pickle-declared-safe src/sentiment/serve.py:14:9 warning',
      'drift/pickle-declared-safe src/sentiment/serve.py:17:14 warning',
      'drift/undeclared-model src/sentiment/serve.py:19:14 warning',
      'drift/unpinned-revision src/sentiment/serve.py:19:14 warning',
      'drift/trust-remote-code src/sentiment/serve.py:20:12 error',
      'drift/unpinned-revision src/sentiment/serve.py:20:12 warning',
      'drift/undeclared-hosted-model src/sentiment/serve.py:26:13 warning',
      'drift/undeclared-dataset src/sentiment/train.py:20:15 warning',
      'drift/unpinned-revision src/sentiment/train.py:20:15 warning',
    ]);
    for (const r of drift) expect(r.locations![0]!.physicalLocation!.artifactLocation!.uriBaseId).toBe('%SRCROOT%');
  });

  it('names the entry of the description as a related location, and says what the finding changed', () => {
    const remote = drift.find((r) => r.ruleId === 'drift/trust-remote-code')!;
    expect(remote.relatedLocations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'aithreat.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 48, startColumn: 5 } });
    expect(remote.message.text).toBe(
      "The code loads `acme-research/review-embedder` with trust_remote_code (transformers.AutoModel.from_pretrained): the hub repository's own code runs here, in Sentiment service (aithreat.yaml). " +
        'Effect: fires DEVMODELPOISON installs-unvetted-software, SUPPLYMODELPOISON code-executing-format, SUPPLYMODELPOISON code-executing-format-impact. The policy requires that no such drift is found.',
    );
    expect(remote.properties).toEqual({ drift: 'trust-remote-code', project: 'aithreat.yaml', threats: ['SUPPLYMODELPOISON', 'DEVMODELPOISON'], required: true });
    // No required control is missing: the failures are the two kinds of drift alone.
    expect(run.results!.filter((r) => !r.ruleId!.startsWith('drift/'))).toEqual([]);
  });
});

describe('assess --discover: exit codes, policies and the other formats', () => {
  it('exits 1 under requireNoDrift: true, and the table says what fails it', () => {
    const result = cli('assess', 'aithreat.yaml', '--discover', '.', '--policy', policy('no-drift.yaml', 'requireNoDrift: true\n'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Sentiment service — FAIL');
    expect(result.stdout).toContain('Drift from the code in . (13): 13 the policy forbids');
    expect(result.stdout).toContain('✗ src/sentiment/serve.py:20:12 trust-remote-code: the code loads');
    expect(result.stdout).toContain('→ fires DEVMODELPOISON installs-unvetted-software, SUPPLYMODELPOISON');
  });

  it('exits 0 under a policy that forbids a kind the code does not show', () => {
    const result = cli('assess', 'aithreat.yaml', '--discover', 'src', '--policy', policy('no-user-installs.yaml', 'requireNoDrift: [undeclared-user-installs, dangerous-model-file]\n'));
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain('Drift from the code in src (');
  });

  it('fails a JUnit test per forbidden kind, and lists the rest in the output of passing tests', () => {
    const result = cli('assess', 'aithreat.yaml', '--discover', '.', '--format', 'junit', '--policy', 'no-remote-code.yaml');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('<testsuite name="Sentiment service: drift from ." tests="8" failures="2" errors="0" skipped="0" time="0" file="aithreat.yaml">');
    expect(result.stdout).toContain('<testcase classname="aithreat_yaml.drift" name="trust-remote-code Remote code trusted" time="0">');
    expect(result.stdout).toContain('<failure message="1 place(s) in the code; the policy requires none" type="drift">');
    expect(result.stdout).toMatch(/<testcase classname="aithreat_yaml.drift" name="undeclared-model Pre-trained model not declared" time="0">\n {6}<system-out>[^<]*\nsrc\/sentiment\/serve\.py:19:\d+: /);
  });

  it('links each place of the code in Markdown, and lists the factors found in the code apart', () => {
    const result = cli('assess', 'aithreat.yaml', '--discover', '.', '--format', 'markdown');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('### Drift from the code');
    // Each place is a reference link; its line of the code is defined once at the end of the project.
    const [, ref] = /\| \[src\/sentiment\/serve\.py:20\]\[(\w+(?:-\d+)?)\] \| `trust-remote-code` \|/.exec(result.stdout) ?? [];
    expect(ref).toBeDefined();
    expect(result.stdout).toContain(`\n[${ref}]: src/sentiment/serve.py#L20\n`);
    expect(result.stdout).toContain('**Found in the code** (`--discover`: the description does not say so)');
  });

  it('reads the repository named by .aithreatrc.yaml, and refuses one outside the working directory', () => {
    writeFileSync(join(repo, '.aithreatrc.yaml'), 'configVersion: 1\ndiscover: .\n');
    try {
      const configured = cli('assess', 'aithreat.yaml', '--format', 'json');
      expect(configured.code).toBe(0);
      expect(json(configured.stdout).projects[0]!.drift).toHaveLength(13);
      writeFileSync(join(repo, '.aithreatrc.yaml'), 'configVersion: 1\ndiscover: ../elsewhere\n');
      const outside = cli('assess', 'aithreat.yaml');
      expect([outside.code, outside.stdout]).toEqual([2, '']);
      expect(outside.stderr).toBe('.aithreatrc.yaml:2:11: `discover` names `../elsewhere`, outside the working directory; a configuration may only name folders inside the working directory (a flag typed on the command line may name any path)\n');
    } finally {
      rmSync(join(repo, '.aithreatrc.yaml'));
    }
  });

  it('exits 2 with one line for a folder that is not there, and never writes a report over a file it reads', () => {
    expect(cli('assess', 'aithreat.yaml', '--discover', 'nowhere')).toEqual({ code: 2, stdout: '', stderr: 'aithreat: --discover nowhere: no such directory\n' });
    const serve = readFileSync(join(repo, 'src/sentiment/serve.py'), 'utf8');
    const over = cli('assess', 'aithreat.yaml', '--discover', '.', '--format', 'json=src/sentiment/serve.py');
    expect([over.code, over.stderr]).toEqual([2, 'aithreat: src/sentiment/serve.py is a file of the repository --discover reads; a report may not replace it\n']);
    expect(readFileSync(join(repo, 'src/sentiment/serve.py'), 'utf8')).toBe(serve);
  });
});

describe('assess --discover over several projects', () => {
  // A second description that declares no pre-trained model: the code alone makes SUPPLYMODELPOISON apply.
  writeFileSync(join(repo, 'minimal.aithreat.yaml'), 'formatVersion: 1\nproject: { name: Minimal }\nmodels:\n  - { id: sentiment, name: models/sentiment.pt, origin: trained-here, format: pytorch-pickle }\n');
  const linkDir = tempDir();
  mkdirSync(join(repo, 'linked'));
  symlinkSync(linkDir, join(repo, 'linked', 'out'));
  const result = cli('assess', 'aithreat.yaml', 'minimal.aithreat.yaml', '--discover', '.', '--format', 'json', '--fail-on', 'none');
  rmSync(join(repo, 'linked'), { recursive: true });

  it('reads the repository once for the run: its notices are printed once, whatever the number of projects', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('linked/out:1:1: symbolic link, not followed\n');
  });

  it('works out each project\'s drift against its own description', () => {
    const [first, minimal] = json(result.stdout).projects;
    expect(first!.drift).toHaveLength(13);
    expect(minimal!.drift.some((d) => d.code === 'pickle-declared-safe')).toBe(false);
    expect(minimal!.drift.find((d) => d.code === 'undeclared-model' && d.args.model === 'facebook/bart-large-cnn')!.effects).toEqual([
      { threat: 'SUPPLYMODELPOISON', kind: 'applies', code: 'pretrained-model-in-code', text: 'the code loads pre-trained model `facebook/bart-large-cnn` from huggingface (transformers.pipeline), which the project description does not declare', counted: false },
      { threat: 'SUPPLYMODELPOISON', kind: 'factor', code: 'supplier-public-source', text: 'model `facebook/bart-large-cnn`, which the code loads from huggingface, comes from a public hub anyone can publish to', counted: true },
    ]);
    expect(threat(minimal!, 'SUPPLYMODELPOISON').applies).toBe(true);
  });
});

describe('the discover bundle loads only for --discover', () => {
  // A copy of the shipped files without dist/discover.cjs: assess still runs; --discover cannot.
  const copy = tempDir();
  cpSync(join(repoRoot, 'bin'), join(copy, 'bin'), { recursive: true });
  cpSync(join(repoRoot, 'dist'), join(copy, 'dist'), { recursive: true });
  rmSync(join(copy, 'dist', 'discover.cjs'));
  const bin = join(copy, 'bin', 'aithreat.cjs');

  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args, '--as-of', '2026-06-01'], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });

  it('assess without --discover runs without dist/discover.cjs; with it, needs it', () => {
    expect(run('assess', 'aithreat.yaml').status).toBe(0);
    const discovering = run('assess', 'aithreat.yaml', '--discover', '.');
    expect(discovering.status).not.toBe(0);
    expect(discovering.stderr).toContain('discover.cjs');
  });
});
