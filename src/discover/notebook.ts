import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Parser } from 'web-tree-sitter';
import { LineIndex } from '../load/positions.js';
import { analysePython } from './python/analyse.js';
import { notice } from './read.js';
import type { Finding, Notice } from './types.js';

/** Cell magics whose body is still Python. */
const pythonCellMagics = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'memit']);

/** One piece of cell source: a JSON string of the notebook, and where its text starts in the joined code. */
interface Piece {
  node: JsonNode;
  start: number;
}

/**
 * A Jupyter notebook: its code cells joined in order (they share one namespace, so an import in
 * the first cell resolves a call in the fifth) and parsed as Python, with IPython magics and
 * shell lines blanked out first. `!pip install` and `%pip install` lines become findings of
 * their own. Every position is mapped back to the line and column of the .ipynb file itself.
 */
export function analyseNotebook(parser: Parser, text: string, file: string): { findings: Finding[]; notices: Notice[] } {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root || root.type !== 'object') {
    const at = lines.position(errors[0]?.offset ?? 0);
    const why = errors[0] ? `JSON syntax error (${printParseErrorCode(errors[0].error)})` : 'the top level is not a JSON object';
    return { findings: [], notices: [notice(file, 'not-json', `is not a notebook: ${why}`, at.line, at.column)] };
  }
  const cells = findNodeAtLocation(root, ['cells']) ?? findNodeAtLocation(root, ['worksheets', 0, 'cells']);
  if (!cells || cells.type !== 'array') return { findings: [], notices: [notice(file, 'not-json', 'is not a notebook: it has no `cells` list')] };

  const pieces: Piece[] = [];
  const cellStarts = new Set<number>();
  let code = '';
  for (const cell of cells.children ?? []) {
    const type = findNodeAtLocation(cell, ['cell_type'])?.value;
    if (type !== 'code') continue;
    const source = findNodeAtLocation(cell, ['source']) ?? findNodeAtLocation(cell, ['input']);
    const strings = source?.type === 'string' ? [source] : source?.type === 'array' ? (source.children ?? []).filter((n) => n.type === 'string') : [];
    cellStarts.add(code.length);
    for (const node of strings) {
      pieces.push({ node, start: code.length });
      code += node.value as string;
    }
    if (!code.endsWith('\n')) code += '\n';
  }

  const toFile = (index: number) => {
    let low = 0;
    let high = pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (pieces[mid]!.start <= index) low = mid;
      else high = mid - 1;
    }
    const piece = pieces[low];
    if (!piece) return { line: 1, column: 1 };
    return lines.position(piece.node.offset + 1 + rawLength(text, piece.node.offset + 1, index - piece.start));
  };
  const lineStarts: number[] = [];
  for (let start = 0; start <= code.length; ) {
    lineStarts.push(start);
    const end = code.indexOf('\n', start);
    if (end < 0) break;
    start = end + 1;
  }

  const findings: Finding[] = [];
  const python = blankMagics(code, lineStarts, cellStarts, (index, command) => {
    const packages = pipInstall(command);
    if (packages) findings.push({ file, ...toFile(index), kind: 'notebook-install', details: { command: command.trim(), packages } });
  });
  const analysed = analysePython(parser, python, {
    file,
    position: (row, column) => toFile((lineStarts[row] ?? 0) + column),
  });
  findings.push(...analysed.findings);
  const notices = analysed.errorAt ? [notice(file, 'syntax-error', 'a code cell has a Python syntax error here; the rest was still read', analysed.errorAt.line, analysed.errorAt.column)] : [];
  return { findings, notices };
}

/**
 * The code with every IPython magic and shell line (`!`, `%`) replaced by spaces of the same
 * length, so positions stay put; a cell magic other than timing and capture blanks its cell.
 */
function blankMagics(code: string, lineStarts: readonly number[], cellStarts: ReadonlySet<number>, onCommand: (index: number, command: string) => void): string {
  let out = '';
  let inShellCell = false;
  for (let i = 0; i < lineStarts.length; i++) {
    const start = lineStarts[i]!;
    const end = i + 1 < lineStarts.length ? lineStarts[i + 1]! : code.length;
    const line = code.slice(start, end);
    const body = line.trimStart();
    const indent = line.length - body.length;
    if (cellStarts.has(start)) inShellCell = false;
    if (body.startsWith('%%') && cellStarts.has(start)) {
      const magic = body.slice(2).split(/\s/)[0] ?? '';
      inShellCell = !pythonCellMagics.has(magic);
      out += blank(line);
      continue;
    }
    if (inShellCell) {
      onCommand(start + indent, body);
      out += blank(line);
      continue;
    }
    if (body.startsWith('!') || body.startsWith('%')) {
      onCommand(start + indent, body.slice(1));
      out += blank(line);
    } else {
      out += line;
    }
  }
  return out;
}

function blank(line: string): string {
  return line.replace(/[^\n]/g, ' ');
}

/** The packages of a `pip install` (also `python -m pip`, `uv pip`, `conda install`, `mamba install`), or null. */
export function pipInstall(command: string): string[] | null {
  for (const part of command.split(/&&|\|\||;/)) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    const at = tokens.findIndex((t, i) => tokens[i + 1] === 'install' && /(^|\/)(pip3?(\.\d+)?|conda|mamba|micromamba)$/.test(t.replace(/^[!%]/, '')));
    if (at < 0) continue;
    const packages: string[] = [];
    const rest = tokens.slice(at + 2);
    for (let i = 0; i < rest.length; i++) {
      const token = rest[i]!;
      if (token === '-r' || token === '--requirement' || token === '-e' || token === '--editable') {
        if (rest[i + 1]) packages.push(`${token} ${rest[++i]}`);
      } else if (token === '-c' || token === '--index-url' || token === '-i' || token === '--extra-index-url' || token === '-f' || token === '--find-links' || token === '--channel') {
        i++;
      } else if (!token.startsWith('-')) {
        packages.push(token.replace(/^["']|["']$/g, ''));
      }
    }
    return packages;
  }
  return null;
}

/** How many characters of a JSON string's raw text, from `rawStart`, spell its first `decoded` characters. */
function rawLength(text: string, rawStart: number, decoded: number): number {
  let raw = rawStart;
  for (let n = 0; n < decoded && raw < text.length; n++) raw += text[raw] === '\\' ? (text[raw + 1] === 'u' ? 6 : 2) : 1;
  return raw - rawStart;
}
