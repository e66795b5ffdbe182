import { readFileSync, statSync } from 'node:fs';
import { Document, isAlias, isCollection, isMap, isScalar, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { Problem, ProblemCode } from '../problem.js';
import { limits, reservedKeys } from './limits.js';
import { bytePosition, firstInvalidUtf8Offset } from './utf8.js';

/** A parsed YAML file with what the locator needs to turn paths back into positions. */
export interface SourceFile {
  /** The path as shown in messages: relative to the working directory when inside it. */
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export type LoadResult =
  | { ok: true; source: SourceFile; data: unknown; problems: Problem[] }
  | { ok: false; source?: SourceFile; problems: Problem[] };

function fileProblem(file: string, code: ProblemCode, message: string, line = 1, column = 1): Problem {
  return { file, line, column, code, message };
}

/** Reads a file within the size limit and decodes it as UTF-8 (a byte-order mark is dropped). */
export function readText(path: string, file: string): { text: string } | { problem: Problem } {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { problem: fileProblem(file, 'file-unreadable', 'is a directory, not a file') };
    size = stat.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? 'error'})`;
    return { problem: fileProblem(file, 'file-unreadable', reason) };
  }
  if (size > limits.maxFileBytes) {
    return { problem: fileProblem(file, 'file-too-large', `file is ${size} bytes; the limit is ${limits.maxFileBytes} bytes (10 MiB)`) };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { problem: fileProblem(file, 'file-unreadable', `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`) };
  }
  return decode(bytes, file);
}

export function decode(bytes: Uint8Array, file: string): { text: string } | { problem: Problem } {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = bytePosition(bytes, nul);
    return { problem: fileProblem(file, 'binary-file', 'contains a NUL byte: not a text file', at.line, at.column) };
  }
  const bad = firstInvalidUtf8Offset(bytes);
  if (bad >= 0) {
    const at = bytePosition(bytes, bad);
    return { problem: fileProblem(file, 'not-utf8', 'is not valid UTF-8', at.line, at.column) };
  }
  return { text: new TextDecoder('utf-8').decode(bytes) };
}

/** Parses YAML text into one document, refusing what a project description never needs. */
export function parseSource(text: string, file: string): LoadResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (!Array.isArray(docs) || docs.length === 0) return { ok: false, problems: [fileProblem(file, 'empty-file', 'file is empty: expected a YAML mapping')] };
  const doc = docs[0]!;
  const source: SourceFile = { file, text, doc, lineCounter };
  const problems: Problem[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const { line, col } = at(error.pos[0]);
    const code: ProblemCode = error.code === 'TAG_RESOLVE_FAILED' ? 'yaml-tag' : 'yaml-syntax';
    problems.push(fileProblem(file, code, describeYamlError(error.code, error.message), line, col));
  }
  if (docs.length > 1) {
    const { line, col } = at(docs[1]!.range[0]);
    problems.push(fileProblem(file, 'multiple-documents', 'a second YAML document starts here; aithreat reads one project per file', line, col));
  }
  if (problems.length > 0) return { ok: false, source, problems };
  if (doc.contents === null) return { ok: false, source, problems: [fileProblem(file, 'empty-file', 'file has no content: expected a YAML mapping')] };
  problems.push(...checkStructure(doc.contents, file, at));
  if (problems.length > 0) return { ok: false, source, problems };
  try {
    return { ok: true, source, data: doc.toJS({ maxAliasCount: limits.maxAliasCount }), problems };
  } catch (error) {
    return { ok: false, source, problems: [fileProblem(file, 'alias-limit', `aliases expand beyond the limit of ${limits.maxAliasCount}: ${(error as Error).message}`)] };
  }
}

function describeYamlError(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
  if (code === 'DUPLICATE_KEY') return `duplicate key: ${first}`;
  if (code === 'TAG_RESOLVE_FAILED') return `${first}: aithreat does not resolve custom tags`;
  return `YAML syntax error: ${first}`;
}

/** Walks the node tree without recursion: nesting depth and reserved keys, each with its position. */
function checkStructure(root: Node, file: string, at: (offset: number) => { line: number; col: number }): Problem[] {
  const problems: Problem[] = [];
  const stack: { node: Node; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isAlias(node) || !isCollection(node)) continue;
    const pos = at(node.range?.[0] ?? 0);
    if (depth > limits.maxDepth) {
      problems.push(fileProblem(file, 'nesting-limit', `nesting is deeper than the limit of ${limits.maxDepth} levels`, pos.line, pos.col));
      break;
    }
    for (const item of node.items as unknown[]) {
      if (isMap(node)) {
        const pair = item as { key: unknown; value: unknown };
        if (isScalar(pair.key) && reservedKeys.has(String(pair.key.value))) {
          const keyPos = at(pair.key.range?.[0] ?? 0);
          problems.push(fileProblem(file, 'reserved-key', `key \`${String(pair.key.value)}\` is not allowed`, keyPos.line, keyPos.col));
        }
        if (pair.value && typeof pair.value === 'object') stack.push({ node: pair.value as Node, depth: depth + 1 });
      } else if (item && typeof item === 'object') {
        stack.push({ node: item as Node, depth: depth + 1 });
      }
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Reads and parses one file. */
export function loadYamlFile(path: string, file: string): LoadResult {
  const read = readText(path, file);
  if ('problem' in read) return { ok: false, problems: [read.problem] };
  return parseSource(read.text, file);
}
