import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leastNode, nodeIsRecentEnough } from '../../src/version.js';
import { repoRoot } from '../helpers/run-cli.js';

describe('the Node.js version the CLI needs', () => {
  it('accepts 20.12 and later and refuses what came before', () => {
    for (const version of ['20.12.0', '20.20.2', '21.0.0', '22.11.0', '24.1.0']) expect(nodeIsRecentEnough(version)).toBe(true);
    for (const version of ['20.11.1', '20.0.0', '18.20.4', '16.0.0']) expect(nodeIsRecentEnough(version)).toBe(false);
  });

  it('is the oldest version package.json names in engines, which names the versions CI tests', () => {
    const pkg = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as { engines: { node: string } };
    // .ci/run tests the machine's Node.js 20 and the majors it installs.
    const installed = /for major in ([\d ]+); do/.exec(readFileSync(`${repoRoot}/.ci/run`, 'utf8'))![1]!.trim().split(' ');
    expect(pkg.engines.node).toBe([`^${leastNode.major}.${leastNode.minor}.0`, ...installed.map((major) => `^${major}.0.0`)].join(' || '));
  });

  it('is the version this machine runs, or older', () => {
    expect(nodeIsRecentEnough(process.versions.node)).toBe(true);
  });
});
