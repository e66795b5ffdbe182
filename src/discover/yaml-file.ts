import { LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { notice } from './read.js';
import type { Notice } from './types.js';

/** A YAML file of the repository (a conda environment, a DVC file), with where each node starts. */
export interface ReadYaml {
  doc: Document.Parsed;
  /** The 1-based line and column where a node starts. */
  at: (node: Node) => { line: number; column: number };
}

/**
 * Parses a repository's YAML file, or says why not in a notice at the first error. Duplicate keys
 * are let through: these files are read for what they name, not checked, and a notice for a
 * repeated key would hide the findings.
 */
export function readYaml(text: string, file: string): ReadYaml | { notice: Notice } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  const position = (offset: number) => {
    const { line, col } = counter.linePos(offset);
    return { line, column: col };
  };
  const [error] = doc.errors;
  if (error) {
    const { line, column } = position(error.pos[0]);
    return { notice: notice(file, 'not-yaml', `is not valid YAML: ${error.message.split('\n')[0]}`, line, column) };
  }
  return { doc, at: (node) => position(node.range?.[0] ?? 0) };
}
