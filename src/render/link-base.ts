import { isAbsolute, relative } from 'node:path';

/**
 * Where links to project files point when a Markdown document is read away from the repository:
 * a pull-request comment, `$GITHUB_STEP_SUMMARY`, a report sent by mail. A project file's path as
 * the report shows it (relative to the working directory) is appended to it, then `#L<line>`.
 *
 * This is the one place the link base is decided, for every Markdown format; a renderer reads it
 * from `RenderContext.linkBase` and `--link-base` fills it.
 */
export type LinkBaseResult = { ok: true; linkBase: string | undefined } | { ok: false; message: string };

/**
 * `--link-base` when given (an http or https URL; a trailing `/` is added), else the file view of
 * the commit a GitHub Actions run checked out (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`,
 * `GITHUB_SHA`, and the working directory's place in `GITHUB_WORKSPACE`), else none: links stay
 * relative to where the document is written. A GitHub variable that does not look like GitHub's
 * own is ignored rather than trusted into every link.
 */
export function resolveLinkBase(flag: string | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): LinkBaseResult {
  if (flag !== undefined) {
    const url = parseHttpUrl(flag);
    if (!url) return { ok: false, message: `--link-base must be an http or https URL, such as https://github.com/OWNER/REPO/blob/COMMIT/, not '${flag}'` };
    return { ok: true, linkBase: withSlash(url.href) };
  }
  return { ok: true, linkBase: githubLinkBase(env, cwd) };
}

function githubLinkBase(env: Readonly<Record<string, string | undefined>>, cwd: string): string | undefined {
  const server = env.GITHUB_SERVER_URL ? parseHttpUrl(env.GITHUB_SERVER_URL) : null;
  const repository = env.GITHUB_REPOSITORY ?? '';
  const sha = env.GITHUB_SHA ?? '';
  if (!server || !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository) || !/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha)) return undefined;
  // assess may run in a folder of the checkout (`working-directory:`); its paths start there.
  const workspace = env.GITHUB_WORKSPACE;
  const below = workspace && isAbsolute(workspace) ? relative(workspace, cwd).replace(/\\/g, '/') : '';
  const folder = below === '' || below.startsWith('..') || isAbsolute(below) ? '' : `${below.split('/').map(encodeURIComponent).join('/')}/`;
  return `${withSlash(server.href)}${repository}/blob/${sha}/${folder}`;
}

function parseHttpUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && url.search === '' && url.hash === '' ? url : null;
  } catch {
    return null;
  }
}

function withSlash(href: string): string {
  return href.endsWith('/') ? href : `${href}/`;
}
