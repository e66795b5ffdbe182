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
  const folder = repositoryFolder(env, cwd);
  return `${withSlash(server.href)}${repository}/blob/${sha}/${folder.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The working directory's place in the checkout GitHub Actions made (`GITHUB_WORKSPACE`, the
 * repository's root unless `actions/checkout` was given a `path`): `''` at its root or outside
 * Actions, else the folder with a trailing `/`, such as `ml/fraud/`. Project paths are relative to
 * the working directory; links and workflow annotations need them relative to the repository.
 */
export function repositoryFolder(env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const workspace = env.GITHUB_WORKSPACE;
  const below = workspace && isAbsolute(workspace) ? relative(workspace, cwd).replace(/\\/g, '/') : '';
  return below === '' || below.startsWith('..') || isAbsolute(below) ? '' : `${below}/`;
}

/**
 * The page of the GitHub Actions run (`GITHUB_SERVER_URL`/`GITHUB_REPOSITORY`/actions/runs/
 * `GITHUB_RUN_ID`), where its logs and uploaded artifacts are; none outside Actions or when a
 * variable does not look like GitHub's own.
 */
export function githubRunUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const server = env.GITHUB_SERVER_URL ? parseHttpUrl(env.GITHUB_SERVER_URL) : null;
  const repository = env.GITHUB_REPOSITORY ?? '';
  const run = env.GITHUB_RUN_ID ?? '';
  if (!server || !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository) || !/^[0-9]{1,20}$/.test(run)) return undefined;
  return `${withSlash(server.href)}${repository}/actions/runs/${run}`;
}

/** Where a run's links and annotations point, resolved once per run for every renderer. */
export interface RunPlaces {
  linkBase?: string;
  runUrl?: string;
  repositoryFolder: string;
}

/** The link base (`resolveLinkBase`), the run's page and the working directory's folder in the repository. */
export function resolveRunPlaces(flag: string | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): { ok: true; places: RunPlaces } | { ok: false; message: string } {
  const linkBase = resolveLinkBase(flag, env, cwd);
  if (!linkBase.ok) return linkBase;
  const places: RunPlaces = { repositoryFolder: repositoryFolder(env, cwd) };
  if (linkBase.linkBase) places.linkBase = linkBase.linkBase;
  const runUrl = githubRunUrl(env);
  if (runUrl) places.runUrl = runUrl;
  return { ok: true, places };
}

/**
 * A link destination taken from a file (a catalog's permalink): an http or https URL without
 * credentials, with the characters that could end a Markdown link percent-encoded; null for
 * anything else (`javascript:`, a relative path).
 */
export function safeHref(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '') return null;
  return url.href.replace(/[\s()<>[\]"'\\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
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
