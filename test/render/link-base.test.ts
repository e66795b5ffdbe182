import { describe, expect, it } from 'vitest';
import { resolveLinkBase } from '../../src/render/link-base.js';
import { mdFileHref } from '../../src/render/markdown-escape.js';
import { runSourceCli } from '../helpers/run-cli.js';

const sha = '0123456789abcdef0123456789abcdef01234567';
const github = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/models', GITHUB_SHA: sha, GITHUB_WORKSPACE: '/home/runner/work/models/models' };

describe('the link base of Markdown reports', () => {
  it('is --link-base when given, with a slash at its end', () => {
    expect(resolveLinkBase('https://git.example/acme/models/-/blob/main', {}, '/w')).toEqual({ ok: true, linkBase: 'https://git.example/acme/models/-/blob/main/' });
    expect(resolveLinkBase('https://github.com/a/b/blob/x/', github, '/w')).toEqual({ ok: true, linkBase: 'https://github.com/a/b/blob/x/' });
  });

  it('refuses a --link-base that is not a plain http(s) URL', () => {
    for (const bad of ['javascript:alert(1)', 'github.com/a/b', 'https://user:pw@github.com/a', 'https://github.com/a?x=1', 'file:///etc']) {
      const result = resolveLinkBase(bad, {}, '/w');
      expect(result.ok, bad).toBe(false);
    }
  });

  it('is the commit\'s file view in GitHub Actions, from the folder assess runs in', () => {
    expect(resolveLinkBase(undefined, github, '/home/runner/work/models/models')).toEqual({ ok: true, linkBase: `https://github.com/acme/models/blob/${sha}/` });
    expect(resolveLinkBase(undefined, github, '/home/runner/work/models/models/ml/fraud')).toEqual({ ok: true, linkBase: `https://github.com/acme/models/blob/${sha}/ml/fraud/` });
    expect(resolveLinkBase(undefined, { ...github, GITHUB_SERVER_URL: 'https://ghe.example/' }, '/elsewhere')).toEqual({ ok: true, linkBase: `https://ghe.example/acme/models/blob/${sha}/` });
  });

  it('is none outside GitHub Actions, or when its variables do not look like GitHub\'s', () => {
    expect(resolveLinkBase(undefined, {}, '/w')).toEqual({ ok: true, linkBase: undefined });
    expect(resolveLinkBase(undefined, { ...github, GITHUB_SHA: 'main' }, '/w')).toEqual({ ok: true, linkBase: undefined });
    expect(resolveLinkBase(undefined, { ...github, GITHUB_REPOSITORY: 'a/b)](javascript:x' }, '/w')).toEqual({ ok: true, linkBase: undefined });
    expect(resolveLinkBase(undefined, { ...github, GITHUB_SERVER_URL: 'javascript:alert(1)' }, '/w')).toEqual({ ok: true, linkBase: undefined });
  });

  it('puts a relative project path under it, encoded, and leaves an absolute one alone', () => {
    const base = `https://github.com/acme/models/blob/${sha}/`;
    expect(mdFileHref({ file: 'ml/a b.yaml', line: 4 }, 'reports', base)).toBe(`${base}ml/a%20b.yaml#L4`);
    expect(mdFileHref({ file: '/tmp/x.yaml', line: 1 }, '', base)).toBe('/tmp/x.yaml#L1');
    expect(mdFileHref({ file: 'x.yaml', line: 1 }, '', 'https://h.example/a(b)/')).toBe('https://h.example/a%28b%29/x.yaml#L1');
  });

  it('reaches the Markdown of assess, from the flag or the environment; a bad flag exits 2', async () => {
    const args = ['assess', 'examples/research-image-classifier.yaml', '--as-of', '2026-11-25', '--format', 'markdown'];
    const fromEnv = await runSourceCli(args, { env: { NO_COLOR: '1', ...github, GITHUB_WORKSPACE: process.cwd() } });
    expect(fromEnv.stdout).toContain(`\n[1L1]: https://github.com/acme/models/blob/${sha}/examples/research-image-classifier.yaml#L1\n`);
    const fromFlag = await runSourceCli([...args, '--link-base', 'https://git.example/acme/models/-/blob/v1'], { env: { NO_COLOR: '1', ...github } });
    expect(fromFlag.stdout).toContain('\n[1L1]: https://git.example/acme/models/-/blob/v1/examples/research-image-classifier.yaml#L1\n');
    expect(fromFlag.stdout).not.toMatch(/\]: (?!https:\/\/git\.example\/acme\/models\/-\/blob\/v1\/)/);
    const bad = await runSourceCli([...args, '--link-base', 'javascript:alert(1)']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe("aithreat: --link-base must be an http or https URL, such as https://github.com/OWNER/REPO/blob/COMMIT/, not 'javascript:alert(1)'\n");
  });
});
