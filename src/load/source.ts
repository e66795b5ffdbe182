import { isUtf8 } from 'node:buffer';
import { CORE_SCHEMA, load, YAMLException, type LoadOptions } from 'js-yaml';
import type { Problem, ProblemCode } from '../problem.js';
import { limits } from './limits.js';
import { readFileBytes } from './read-file.js';
import type { ReadScope } from './read-scope.js';
import { LineIndex, PositionRecorder, skipSpace, StructureError, type PosNode } from './positions.js';
import { bytePosition, firstInvalidUtf8Offset } from './utf8.js';

/** A parsed YAML file with what the locator needs to turn paths back into positions. */
export interface SourceFile {
  /** The path as shown in messages: relative to the working directory when inside it. */
  file: string;
  text: string;
  /** Where each node starts, for the locator. */
  root: PosNode;
  lines: LineIndex;
}

export type LoadResult =
  | { ok: true; source: SourceFile; data: unknown; problems: Problem[] }
  | { ok: false; source?: SourceFile; problems: Problem[] };

function fileProblem(file: string, code: ProblemCode, message: string, line = 1, column = 1): Problem {
  return { file, line, column, code, message };
}

/**
 * Reads a file through the one reader (read-file.ts: regular files only, the size limit kept while
 * reading, symbolic links held to the tree) and decodes it as UTF-8.
 */
export function readText(path: string, file: string, scope: ReadScope): { text: string } | { problem: Problem } {
  const read = readFileBytes(path, file, scope);
  return 'problem' in read ? { problem: read.problem } : decode(read.bytes, file);
}

export function decode(bytes: Uint8Array, file: string): { text: string } | { problem: Problem } {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = bytePosition(bytes, nul);
    return { problem: fileProblem(file, 'binary-file', 'contains a NUL byte: not a text file', at.line, at.column) };
  }
  // Node's own check is native and fast; the offset is only worked out for a file that fails it.
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8Offset(bytes);
  if (bad >= 0) {
    const at = bytePosition(bytes, bad);
    return { problem: fileProblem(file, 'not-utf8', 'is not valid UTF-8', at.line, at.column) };
  }
  return { text: new TextDecoder('utf-8').decode(bytes) };
}

/** Parses YAML text into one document, refusing what a project description never needs. */
export function parseSource(input: string, file: string): LoadResult {
  // A byte-order mark is not content: js-yaml drops it, so offsets must not count it either.
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  if (skipSpace(text, 0) >= text.length) {
    const what = text.trim().length === 0 ? 'file is empty' : 'file has only comments';
    return { ok: false, problems: [fileProblem(file, 'empty-file', `${what}: expected a YAML mapping`)] };
  }
  const lines = new LineIndex(text);
  const recorder = new PositionRecorder(text);
  let data: unknown;
  try {
    // maxDepth is in js-yaml 4.1+, newer than its published types.
    const options: LoadOptions & { maxDepth: number } = { filename: file, schema: CORE_SCHEMA, maxDepth: limits.maxDepth, listener: recorder.listener };
    data = load(text, options);
  } catch (error) {
    return { ok: false, problems: [loadProblem(error, text, file, lines)] };
  }
  if (data === null || data === undefined) return { ok: false, problems: [fileProblem(file, 'empty-file', 'file has no content: expected a YAML mapping')] };
  return { ok: true, source: { file, text, root: recorder.root, lines }, data, problems: [] };
}

/** A js-yaml error or a broken limit as one positioned problem. */
function loadProblem(error: unknown, text: string, file: string, lines: LineIndex): Problem {
  if (error instanceof StructureError) {
    const { line, column } = lines.position(error.offset);
    return fileProblem(file, error.code, error.message, line, column);
  }
  if (!(error instanceof YAMLException)) throw error;
  const reason = error.reason ?? 'invalid YAML';
  const mark = error.mark as { position?: number } | undefined;
  const at = (offset: number) => lines.position(offset);
  if (/expected a single document/.test(reason)) {
    const { line, column } = at(secondDocumentOffset(text));
    return fileProblem(file, 'multiple-documents', 'a second YAML document starts here; aithreat reads one project per file', line, column);
  }
  const { line, column } = at(mark?.position ?? 0);
  if (/nesting exceeded maxDepth/.test(reason)) return fileProblem(file, 'nesting-limit', `nesting is deeper than the limit of ${limits.maxDepth} levels`, line, column);
  if (/unknown tag/.test(reason)) {
    const tag = reason.replace(/^unknown tag /, '').replace(/^!<tag:yaml\.org,2002:(.*)>$/, '!!$1').replace(/^!<(!.*)>$/, '$1');
    // js-yaml marks where the tagged node ends; point at the tag itself.
    const at = text.lastIndexOf(tag, mark?.position ?? text.length);
    const where = at >= 0 ? lines.position(at) : { line, column };
    return fileProblem(file, 'yaml-tag', `unknown tag ${tag}: aithreat reads plain YAML and resolves no tags`, where.line, where.column);
  }
  if (/duplicated mapping key/.test(reason)) {
    const key = /^\s*["']?([^"':\n]*)/.exec(text.slice(mark?.position ?? 0))?.[1]?.trim();
    return fileProblem(file, 'yaml-syntax', `duplicate key${key ? ` \`${key}\`` : ''}: a key may appear only once in a mapping`, line, column);
  }
  return fileProblem(file, 'yaml-syntax', `YAML syntax error: ${reason}`, line, column);
}

/** Where the second document of a stream begins: the first `---` that follows content. */
function secondDocumentOffset(text: string): number {
  const marker = /^---(?=\s|$)/gm;
  let previousEnd = 0;
  for (let match = marker.exec(text); match; match = marker.exec(text)) {
    const before = text.slice(previousEnd, match.index).replace(/^\.\.\.\s*$/gm, '');
    if (skipSpace(before, 0) < before.length) return match.index;
    previousEnd = match.index + 3;
  }
  return 0;
}

/** Reads and parses one file. */
export function loadYamlFile(path: string, file: string, scope: ReadScope): LoadResult {
  const read = readText(path, file, scope);
  if ('problem' in read) return { ok: false, problems: [read.problem] };
  return parseSource(read.text, file);
}
