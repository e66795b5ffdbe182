import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { DiscoveredRepository } from '../assess/types.js';
import { outsideScope, type ReadScope } from '../load/read-scope.js';
import { createFileAtomic } from '../files/create-file.js';
import { discover, readerFor } from '../discover/discover.js';
import { draftProject, todo } from '../discover/draft.js';
import { formatNotice, renderJson, renderTable } from '../discover/render.js';
import { writeProjectYaml } from '../import/write-yaml.js';
import { projectSchemaUrl } from '../init/template.js';
import { ExitCode, printError, type Io } from '../io.js';
import { formatProblems } from '../problem.js';
import { displayPath, parseProject } from '../validate/load-project.js';

export interface DiscoverCommandOptions {
  /** Where to write a drafted project description; `-` prints it. */
  output?: string;
  force?: boolean;
  format?: string;
  name?: string;
}

/**
 * `aithreat discover <dir>`: what the repository's code, notebooks, dependency files and model
 * files show, as a table or JSON, and with `-o` a drafted project description. Exits 1 when a
 * model file imports dangerous pickle globals, 2 when the directory cannot be read.
 */
export async function discoverCommand(dir: string, options: DiscoverCommandOptions, io: Io): Promise<number> {
  const format = options.format;
  if (format !== undefined && format !== 'table' && format !== 'json') {
    printError(io, `unknown format '${format}'; expected table or json`);
    return ExitCode.inputError;
  }
  const root = resolve(io.cwd, dir);
  const shownRoot = root === resolve(io.cwd) ? '.' : displayPath(root, io.cwd);
  try {
    if (!statSync(root).isDirectory()) {
      printError(io, `${shownRoot} is not a directory`);
      return ExitCode.inputError;
    }
  } catch {
    printError(io, `${shownRoot}: no such directory`);
    return ExitCode.inputError;
  }
  const discovery = await discover(root);
  const displayFile = (file: string) => displayPath(join(root, file), io.cwd);
  if (discovery.notices.length > 0) io.stderr(discovery.notices.map((n) => `${formatNotice(n, displayFile)}\n`).join(''));
  const dangerous = discovery.findings.some((f) => f.kind === 'model-file' && f.details.globals.some((g) => g.safety === 'dangerous'));
  const exitCode = dangerous ? ExitCode.policyFailure : ExitCode.ok;

  if (options.output !== undefined) {
    const toStdout = options.output === '-';
    const target = toStdout ? null : resolve(io.cwd, options.output);
    const shown = target ? displayPath(target, io.cwd) : '<stdout>';
    const { project, comments, footer } = draftProject(discovery, options.name ?? (basename(root) || 'My ML project'));
    const text = writeProjectYaml(project, comments, header(shownRoot), [...footer, ...closingTodos]);
    const checked = parseProject(text, shown);
    if (!checked.ok) {
      io.stderr(formatProblems(checked.problems));
      printError(io, 'the drafted description does not validate; nothing was written (please report this)');
      return ExitCode.inputError;
    }
    const todos = text.split(todo).length - 1;
    const summary = `${project.models?.length ?? 0} model(s), ${project.datasets?.length ?? 0} data set(s), ${project.suppliers?.length ?? 0} supplier(s); ${todos} TODO(s) to resolve`;
    if (!target) {
      io.stdout(text);
      printError(io, `drafted ${summary}`);
      return exitCode;
    }
    const written = createFileAtomic(target, text, { overwrite: options.force === true });
    if (!written.ok) {
      printError(io, written.reason === 'exists' ? `${shown} already exists; use --force to overwrite it` : written.message);
      return ExitCode.inputError;
    }
    const line = `wrote ${shown}: ${summary}\n`;
    if (format === undefined) {
      io.stdout(line);
      return exitCode;
    }
    io.stderr(line);
  }
  io.stdout(format === 'json' ? renderJson(discovery, shownRoot) : renderTable(discovery, displayFile));
  return exitCode;
}

function header(root: string): string[] {
  return [
    `yaml-language-server: $schema=${projectSchemaUrl}`,
    '',
    `Drafted by \`aithreat discover ${root}\` from the repository's code, notebooks, dependency`,
    'files and model files. Each entry names the place it was found. Code shows what is loaded,',
    'not how it is protected: every TODO marks something it cannot tell. The file validates and',
    'assesses as it is; go through each TODO, then run `aithreat assess` on this file.',
  ];
}

const closingTodos = [
  `${todo} environments: say where data, models and code are kept, with their segregation area,`,
  'then list them in the storedIn of each data set and model.',
  `${todo} code: say whether the code is confidential or open-source, and where it lives.`,
  `${todo} controls: record the status of each security control (see \`aithreat catalog list\`).`,
];

/**
 * `assess --discover <dir>`: reads the repository once for the whole run, with each finding's
 * file shown relative to the working directory, as project files are. The folder must be a
 * directory inside the run's read scope (for a folder the configuration names, the working
 * directory). A report may not replace a file of the repository that discover reads as code,
 * notebook, dependency file, config or model, so that no run rewrites what it judged.
 */
export async function readRepositoryForAssess(
  dir: string,
  cwd: string,
  scope: ReadScope,
  reportPaths: readonly string[],
): Promise<{ ok: true; discovered: DiscoveredRepository; notices: string[] } | { ok: false; message: string }> {
  const root = resolve(cwd, dir);
  const shownRoot = root === resolve(cwd) ? '.' : displayPath(root, cwd);
  let real: string;
  try {
    real = realpathSync.native(root);
    if (!statSync(real).isDirectory()) return { ok: false, message: `--discover ${shownRoot}: not a directory` };
  } catch {
    return { ok: false, message: `--discover ${shownRoot}: no such directory` };
  }
  const outside = outsideScope(real, scope);
  if (outside) return { ok: false, message: `--discover ${shownRoot}: ${outside}` };
  const discovery = await discover(root, { scope });
  const shown = (file: string) => displayPath(join(root, file), cwd);
  const modelFiles = new Set(discovery.findings.filter((f) => f.kind === 'model-file').map((f) => f.file));
  for (const path of reportPaths) {
    const rel = relative(real, realOrSelf(path));
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) continue;
    const file = rel.split(sep).join('/');
    const walked = { path, file, name: basename(path) };
    if (existsSync(path) && (readerFor(walked) !== 'bytes' || modelFiles.has(file))) {
      return { ok: false, message: `${displayPath(path, cwd)} is a file of the repository --discover reads; a report may not replace it` };
    }
  }
  const notices = discovery.notices.map((n) => formatNotice(n, shown));
  const base = shownRoot === '.' ? '' : `${shownRoot.replace(/\/$/, '')}/`;
  return { ok: true, discovered: { root: shownRoot, base, discovery }, notices };
}

function realOrSelf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return join(realOrSelf(dirname(path)), basename(path));
  }
}
