import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSource } from '../../src/load/source.js';
import { generateHostileFiles } from '../fixtures/hostile/generate.js';
import { repoRoot, runSourceCli } from '../helpers/run-cli.js';
import { expectAccepted, expectRefusal, hostileDir, runCommitted, runEverywhere, tempDir, type ExpectedRefusal } from './helpers.js';

/**
 * YAML features a project file never needs: tags that build objects or run code in other readers
 * (js-yaml's full schema, PyYAML), merge keys, anchors across documents, several documents, very
 * long keys. Every tag fixture, if anything ran it, would write `hostile-marker.txt` into the
 * working folder (or set `globalThis.aithreatPwned`); `runCommitted` checks that the folder holds
 * nothing new afterwards.
 */

const tags: (ExpectedRefusal & { file: string })[] = [
  { file: 'tag-js-function.yaml', line: 4, message: /unknown tag !!js\/function/ },
  { file: 'tag-js-function-name.yaml', line: 3, message: /unknown tag !!js\/function/ },
  { file: 'tag-js-verbatim.yaml', line: 3, message: /unknown tag .*js\/function/ },
  { file: 'tag-js-regexp.yaml', line: 3, message: /unknown tag !!js\/regexp/ },
  { file: 'tag-js-undefined.yaml', line: 3, message: /unknown tag !!js\/undefined/ },
  // On a mapping, the error belongs where the tag is (line 2), not where the mapping ends.
  { file: 'tag-python-object.yaml', line: 2, message: /unknown tag !!python\/object:os\.system/ },
  { file: 'tag-python-apply.yaml', line: 3, message: /unknown tag !!python\/object\/apply:os\.system/ },
  { file: 'tag-unknown.yaml', line: 3, message: /unknown tag !unknown/ },
  { file: 'tag-binary.yaml', line: 3, message: /unknown tag !!binary/ },
  { file: 'tag-set.yaml', line: 4, message: /unknown tag !!set/ },
  { file: 'tag-on-key.yaml', line: 4, message: /unknown tag !!js\/function/ },
];

const features: (ExpectedRefusal & { file: string })[] = [
  // The core schema has no merge keys: `<<` is an unknown key, nothing is merged.
  { file: 'merge-key.yaml', line: 8, column: 5, message: /missing required key `area`/, also: [/^merge-key\.yaml:8:5: unknown key `<<` in `environments\.1`/] },
  { file: 'merge-key-list.yaml', line: 4, column: 1, message: /unknown key `x-defaults`/, also: [/^merge-key-list\.yaml:7:5: unknown key `<<` in `environments\.0`/] },
  // An anchor does not reach into the next document.
  { file: 'anchor-across-documents.yaml', line: 5, message: /unidentified alias "shared"/ },
  { file: 'multi-document.yaml', line: 4, column: 1, message: /a second YAML document starts here/ },
  { file: 'multi-document-after-end.yaml', line: 5, column: 1, message: /a second YAML document starts here/ },
  { file: 'undefined-alias.yaml', line: 2, message: /unidentified alias "nowhere"/ },
  { file: 'duplicate-key.yaml', line: 4, column: 3, message: /duplicate key/ },
];

describe('tags are refused, and nothing a tag names is run or built', () => {
  for (const c of tags) {
    it(c.file, async () => {
      await runCommitted(c.file, (result) => expectRefusal(result, c.file, c));
      // The in-process runs share this process: a function run there would write here or set a global.
      for (const dir of [repoRoot, hostileDir, process.cwd()]) expect(existsSync(join(dir, 'hostile-marker.txt')), dir).toBe(false);
      expect((globalThis as { aithreatPwned?: unknown }).aithreatPwned).toBeUndefined();
    }, 30_000);
  }

  it('in-process, the reader refuses every tag fixture and never returns a function, a RegExp or undefined', () => {
    for (const { file } of tags) {
      const loaded = parseSource(readFileSync(join(hostileDir, file), 'utf8'), file);
      expect(loaded.ok, file).toBe(false);
      expect(loaded.problems.map((p) => p.code), file).toEqual(['yaml-tag']);
      expect('data' in loaded, file).toBe(false);
    }
    expect((globalThis as { aithreatPwned?: unknown }).aithreatPwned).toBeUndefined();
  });

  it('core-tags.yaml: the core schema\'s own tags (!!str, !!int) work and give plain values', async () => {
    await runCommitted('core-tags.yaml', (result) => expectAccepted(result, 'core-tags.yaml'));
    const loaded = parseSource(readFileSync(join(hostileDir, 'core-tags.yaml'), 'utf8'), 'core-tags.yaml');
    expect(loaded.ok && loaded.data).toEqual({ formatVersion: 1, project: { name: '12345', owner: 'true' } });
  }, 30_000);
});

describe('merge keys, anchors, several documents', () => {
  for (const c of features) {
    it(c.file, async () => {
      await runCommitted(c.file, (result) => expectRefusal(result, c.file, c));
    }, 30_000);
  }

  it('merge-key.yaml: the second environment gets nothing from the first', async () => {
    const result = await runSourceCli(['validate', '--format', 'json', 'merge-key.yaml'], { cwd: hostileDir });
    const problems = JSON.parse(result.stdout) as { code: string; message: string }[];
    expect(problems.map((p) => p.code).sort()).toEqual(['missing-key', 'unknown-key']);
  });
});

describe('a key of 10,000 characters', () => {
  const dir = tempDir('yaml-features');
  beforeAll(() => generateHostileFiles(dir.path, ['long-key.yaml']));
  afterAll(() => dir.remove());

  it('long-key.yaml: refused as an unknown key, in one line that quotes only its start', async () => {
    const result = await runEverywhere('long-key.yaml', { cwd: dir.path, outDir: join(dir.path, 'out') });
    expectRefusal(result, 'long-key.yaml', { line: 4, column: 3, message: /^unknown key `k{79}…` in `project`/ });
  }, 30_000);
});
