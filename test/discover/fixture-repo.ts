import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { writeFixtureModels } from './model-files.js';

export const fixtureRepo = join(repoRoot, 'test/fixtures/discover/ml-repo');

/**
 * A copy of the fixture repository in a temporary folder, with its model files written by
 * model-files.ts and the files its .gitignore ignores (which git would not commit); removed after the file's tests.
 */
export function fixtureCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aithreat-discover-'));
  cpSync(fixtureRepo, dir, { recursive: true });
  writeFixtureModels(dir);
  mkdirSync(join(dir, 'checkpoints'));
  writeFileSync(join(dir, 'checkpoints', 'step-100.pkl'), Buffer.from('\x80\x04cos\nsystem\n.', 'latin1'));
  writeFileSync(join(dir, 'train.log'), 'loss 0.3\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An empty temporary folder, removed after the file's tests. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aithreat-discover-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
