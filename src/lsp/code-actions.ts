import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { schemaAt, type JsonSchema } from '../validate/schema-at.js';
import type { FixData } from './diagnostics.js';
import type { DocumentKind } from './document-kind.js';
import { schemaOf } from './schema-of.js';

/**
 * Quick fixes where the fix is clear: a misspelt key, value, id or reference replaced by a word
 * the message suggests, and a missing required key added to its mapping with a placeholder the
 * schema allows (or one that says what to write). Only diagnostics of aithreat are read.
 */
export function codeActionsFor(document: TextDocument, diagnostics: readonly Diagnostic[], kind: DocumentKind): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'aithreat' || !diagnostic.data) continue;
    const data = diagnostic.data as FixData;
    for (const suggestion of data.suggestions ?? []) {
      actions.push(fix(`Change to '${suggestion}'`, document, diagnostic, [{ range: diagnostic.range, newText: suggestion }], data.suggestions!.length === 1));
    }
    if (data.missingKey) {
      const edit = insertKey(document, diagnostic, data.missingKey.key, placeholder(schemaOf(kind) as JsonSchema, [...data.missingKey.at, data.missingKey.key]));
      if (edit) actions.push(fix(`Add the required key '${data.missingKey.key}'`, document, diagnostic, [edit], true));
    }
  }
  return actions;
}

function fix(title: string, document: TextDocument, diagnostic: Diagnostic, edits: TextEdit[], preferred: boolean): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [document.uri]: edits } } };
}

/**
 * The key before the first key of the mapping the problem points at: in a block mapping on a line
 * of its own at the mapping's indentation, in a flow mapping (the problem points at its `{`) first
 * inside the braces and followed by a comma.
 */
function insertKey(document: TextDocument, diagnostic: Diagnostic, key: string, value: string): TextEdit | null {
  const text = document.getText();
  const at = document.offsetAt(diagnostic.range.start);
  if (text[at] === '{') {
    const inside = document.positionAt(at + 1);
    return { range: { start: inside, end: inside }, newText: ` ${key}: ${value},` };
  }
  const before = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
  if (!/^[\s-]*$/.test(before)) return null;
  return { range: { start: diagnostic.range.start, end: diagnostic.range.start }, newText: `${key}: ${value}\n${' '.repeat(before.length)}` };
}

/**
 * The placeholder of a key added by a quick fix: the one value the schema allows when there is one
 * (`formatVersion: 1`), an empty list or mapping, and otherwise `TODO`, which the next check
 * refuses with the values allowed: a fix must not choose an answer for the person.
 */
function placeholder(schema: JsonSchema, path: (string | number)[]): string {
  const node = schemaAt(schema, path.map(String));
  if (node?.const !== undefined) return JSON.stringify(node.const);
  if (node?.type === 'array') return '[]';
  if (node?.type === 'object') return '{}';
  return 'TODO';
}
