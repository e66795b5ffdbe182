import { workingDirectoryScope, type ReadScope } from '../load/read-scope.js';
import { discoverLimits } from './limits.js';
import { analyseCondaEnvironment } from './deps/conda.js';
import { analyseRequirements } from './deps/requirements-txt.js';
import { analyseToml } from './deps/toml-files.js';
import { analyseDvcConfig, analyseDvcYaml } from './dvc.js';
import { analyseHfConfig } from './hf-config.js';
import { scanModelFile } from './models/index.js';
import { analyseNotebook } from './notebook.js';
import { analysePython } from './python/analyse.js';
import { pythonParser } from './python/parser.js';
import { notice, readTextFile } from './read.js';
import type { Discovery, Finding, Notice } from './types.js';
import { walk, type WalkedFile } from './walk.js';

export interface DiscoverOptions {
  /** The clock, for tests of the time limit. */
  now?: () => number;
  maxMilliseconds?: number;
  /**
   * Where files may be read from: by default the repository itself (its real path). A command
   * passes the run's scope, so that a root reached through a link is held to the tree as well.
   */
  scope?: ReadScope;
}

type Reader = 'python' | 'notebook' | 'requirements' | 'pyproject' | 'uv-lock' | 'poetry-lock' | 'conda' | 'hf-config' | 'dvc' | 'dvc-config' | 'bytes';

/** Which reader a file goes to. Text formats are told by name; everything else is looked at for model bytes. */
export function readerFor(file: WalkedFile): Reader {
  const name = file.name.toLowerCase();
  if (name.endsWith('.py') || name.endsWith('.pyw')) return 'python';
  if (name.endsWith('.ipynb')) return 'notebook';
  if ((name.includes('requirements') && (name.endsWith('.txt') || name.endsWith('.in'))) || name === 'constraints.txt' || (file.file.includes('requirements/') && name.endsWith('.txt'))) return 'requirements';
  if (name === 'pyproject.toml') return 'pyproject';
  if (name === 'uv.lock') return 'uv-lock';
  if (name === 'poetry.lock') return 'poetry-lock';
  if (['environment.yml', 'environment.yaml', 'conda.yml', 'conda.yaml'].includes(name)) return 'conda';
  if (name === 'config.json' || name === 'tokenizer_config.json') return 'hf-config';
  if (name.endsWith('.dvc') || name === 'dvc.yaml') return 'dvc';
  if (file.file === '.dvc/config' || file.file.endsWith('/.dvc/config')) return 'dvc-config';
  return 'bytes';
}

/**
 * Reads a repository and returns what it finds: calls in Python and notebooks, ML libraries in
 * dependency files, model files by their bytes, remote-code configs and DVC data. Nothing is
 * imported, executed or unpickled. What cannot be read becomes a notice; nothing throws for a
 * file's sake.
 */
export async function discover(root: string, options: DiscoverOptions = {}): Promise<Discovery> {
  const now = options.now ?? Date.now;
  const scope = options.scope ?? workingDirectoryScope(root);
  const deadline = now() + (options.maxMilliseconds ?? discoverLimits.maxMilliseconds);
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  const counts = { files: 0, python: 0, notebooks: 0, dependencyFiles: 0, modelFiles: 0, otherFiles: 0 };
  let parser: Awaited<ReturnType<typeof pythonParser>> | null = null;
  const text = (file: WalkedFile, max = discoverLimits.maxTextBytes): string | null => {
    const read = readTextFile(file.path, file.file, max, scope);
    if ('notice' in read) {
      notices.push(read.notice);
      return null;
    }
    return read.text;
  };

  for (const file of walk(root, notices, { deadline, now, scope })) {
    if (now() > deadline) {
      notices.push(notice(file.file, 'time-limit', `stopped after ${Math.round((options.maxMilliseconds ?? discoverLimits.maxMilliseconds) / 1000)} s; this file and those after it were not read`));
      break;
    }
    counts.files++;
    const reader = readerFor(file);
    switch (reader) {
      case 'python': {
        counts.python++;
        const source = text(file);
        if (source === null) break;
        parser ??= await pythonParser();
        const result = analysePython(parser, source, { file: file.file });
        findings.push(...result.findings);
        if (result.errorAt) notices.push(notice(file.file, 'syntax-error', 'Python syntax error here; the rest of the file was still read', result.errorAt.line, result.errorAt.column));
        break;
      }
      case 'notebook': {
        counts.notebooks++;
        const source = text(file, discoverLimits.maxNotebookBytes);
        if (source === null) break;
        parser ??= await pythonParser();
        const result = analyseNotebook(parser, source, file.file);
        findings.push(...result.findings);
        notices.push(...result.notices);
        break;
      }
      case 'requirements': {
        counts.dependencyFiles++;
        const source = text(file);
        if (source !== null) findings.push(...analyseRequirements(source, file.file));
        break;
      }
      case 'pyproject':
      case 'uv-lock':
      case 'poetry-lock': {
        counts.dependencyFiles++;
        const source = text(file);
        if (source === null) break;
        const result = analyseToml(source, file.file, reader);
        findings.push(...result.findings);
        notices.push(...result.notices);
        break;
      }
      case 'conda': {
        counts.dependencyFiles++;
        const source = text(file);
        if (source === null) break;
        const result = analyseCondaEnvironment(source, file.file);
        findings.push(...result.findings);
        notices.push(...result.notices);
        break;
      }
      case 'hf-config': {
        counts.otherFiles++;
        const source = text(file);
        if (source !== null) findings.push(...analyseHfConfig(source, file.file));
        break;
      }
      case 'dvc': {
        counts.otherFiles++;
        const source = text(file);
        if (source === null) break;
        const result = analyseDvcYaml(source, file.file);
        findings.push(...result.findings);
        notices.push(...result.notices);
        break;
      }
      case 'dvc-config': {
        counts.otherFiles++;
        const source = text(file);
        if (source !== null) findings.push(...analyseDvcConfig(source, file.file));
        break;
      }
      case 'bytes': {
        const scan = scanModel(file, scope);
        if (scan === null) counts.otherFiles++;
        else if ('code' in scan) notices.push(notice(file.file, scan.code, scan.message));
        else {
          counts.modelFiles++;
          findings.push({ file: file.file, line: 1, column: 1, kind: 'model-file', details: scan });
        }
        break;
      }
    }
  }
  findings.sort(byPlace);
  notices.sort(byPlace);
  return { counts, findings, notices };
}

function scanModel(file: WalkedFile, scope: ReadScope): ReturnType<typeof scanModelFile> {
  try {
    return scanModelFile(file.path, file.file, file.name, scope);
  } catch (error) {
    // A reader of a binary format met bytes it did not expect: the file is reported, not the run stopped.
    return { code: 'bad-model-file', message: `could not be read as a model file (${(error as Error).message})` };
  }
}

function byPlace(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}
