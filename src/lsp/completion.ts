import type { Document } from 'yaml';
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { Catalog } from '../catalog/types.js';
import type { DataPath } from '../load/locate.js';
import { referenceKindAt, sectionOf } from '../validate/references.js';
import { deref, descriptionAt, schemaAt, type JsonSchema } from '../validate/schema-at.js';
import type { DocumentKind } from './document-kind.js';
import { cursorAt, mappings, tolerantData } from './cursor.js';
import { schemaOf } from './schema-of.js';

export interface CompletionPlace {
  document: Document;
  text: string;
  offset: number;
  kind: DocumentKind;
  catalog: Catalog;
  positionAt: (offset: number) => Position;
}

/**
 * What may stand at the cursor: on a key's line, the keys the schema allows there that the
 * mapping does not have yet (catalog control ids under a project's `controls`); at a value, the
 * ids of the entries a reference may name, catalog ids where a policy names a control or threat,
 * and the values of an enum, each with what the schema says of it.
 */
export function completionsAt(place: CompletionPlace): CompletionItem[] {
  const { text, offset } = place;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const keyLine = /^(\s*)((?:-\s+)*)([A-Za-z0-9_-]*)$/.exec(before);
  if (keyLine) {
    const wordStart = lineStart + keyLine[1]!.length + keyLine[2]!.length;
    const newItem = keyLine[2]!.length > 0;
    const parent = parentMapping(place, wordStart - lineStart, keyLine[3]!, newItem);
    if (parent) return keyCompletions(place, parent.path, parent.keys, wordStart);
  }
  const cursor = cursorAt(place.document, offset);
  if (!cursor) return [];
  const start = cursor.scalar && cursor.scalar.end >= offset ? cursor.scalar.start : offset;
  const replace = { start: place.positionAt(start), end: place.positionAt(cursor.scalar ? Math.max(offset, cursor.scalar.end) : offset) };
  if (cursor.on === 'key') return keyCompletions(place, cursor.path.slice(0, -1), [], start);
  return valueCompletions(place, cursor.path).map((item) => ({ ...item, textEdit: { range: replace, newText: item.label } }));
}

/**
 * The mapping a key typed at this column belongs to: the last one above the cursor whose keys
 * start there, or a key above with nothing after its colon, whose first key this is.
 */
function parentMapping(place: CompletionPlace, column: number, word: string, newItem: boolean): { path: DataPath; keys: string[] } | null {
  const wordStart = place.offset - word.length;
  let best: { path: DataPath; firstKey: number; keys: string[] } | null = null;
  const all = mappings(place.document);
  const keysOf = (mapping: { keys: string[] } | undefined) => (mapping?.keys ?? []).flatMap((k) => k.split(/\s+/)).filter((k) => k !== word);
  for (const mapping of all) {
    if (mapping.firstKey >= wordStart) continue;
    const keyColumn = mapping.firstKey - (place.text.lastIndexOf('\n', mapping.firstKey - 1) + 1);
    if (keyColumn === column && (!best || mapping.firstKey > best.firstKey)) best = mapping;
  }
  const opener = openingKeyAbove(place, column);
  if (opener && (!best || opener.offset > best.firstKey)) return { path: opener.path, keys: keysOf(all.find((m) => m.path.join('\0') === opener.path.join('\0'))) };
  if (!best) return column === 0 ? { path: [], keys: [] } : null;
  if (newItem && typeof best.path.at(-1) === 'number') return { path: [...best.path.slice(0, -1), (best.path.at(-1) as number) + 1], keys: [] };
  // A word typed on a line of its own above a key joins that key as one plain scalar over two
  // lines (`DEV DEVDATAPROTECT`): the keys are its words, less the one being typed.
  return { path: best.path, keys: keysOf(best) };
}

/** The nearest line above, indented less than `column`, that ends in `key:` and so opens a mapping. */
function openingKeyAbove(place: CompletionPlace, column: number): { path: DataPath; offset: number } | null {
  let end = place.text.lastIndexOf('\n', place.offset - 1);
  for (let lines = 0; end > 0 && lines < 200; lines++) {
    const start = place.text.lastIndexOf('\n', end - 1) + 1;
    const line = place.text.slice(start, end);
    end = start - 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent >= column) continue;
    const opening = /^(\s*(?:-\s+)*)([A-Za-z0-9_-]+):\s*(#.*)?$/.exec(line);
    if (!opening) return null;
    const cursor = cursorAt(place.document, start + opening[1]!.length);
    return cursor && cursor.on === 'key' ? { path: cursor.path, offset: start } : null;
  }
  return null;
}

function keyCompletions(place: CompletionPlace, path: DataPath, present: readonly string[], wordStart: number): CompletionItem[] {
  const range = { start: place.positionAt(wordStart), end: place.positionAt(place.offset) };
  if (place.kind === 'project' && path.length === 1 && path[0] === 'controls') {
    return place.catalog.controls
      .filter((c) => !present.includes(c.id))
      .map((c) => ({ label: c.id, kind: CompletionItemKind.Value, detail: c.title, documentation: { kind: 'markdown', value: `${c.summary.trim()}\n\n[${c.permalink}](${c.permalink})` }, textEdit: { range, newText: `${c.id}:\n${' '.repeat(range.start.character + 2)}status: ` } }));
  }
  const schema = schemaOf(place.kind) as JsonSchema;
  const node = schemaAt(schema, path.map(String));
  const properties = (node?.properties ?? {}) as Record<string, JsonSchema>;
  return Object.keys(properties)
    .filter((key) => !present.includes(key))
    .map((key) => {
      const description = descriptionAt(schema, [...path, key]);
      return { label: key, kind: CompletionItemKind.Property, ...(description ? { documentation: description } : {}), textEdit: { range, newText: `${key}: ` } };
    });
}

function valueCompletions(place: CompletionPlace, path: DataPath): CompletionItem[] {
  const kind = referenceKindAt(path) ?? referenceKindAt([...path, 0]);
  if (place.kind === 'project' && kind) return idsOf(place.document, sectionOf[kind]).map(({ id, name }) => ({ label: id, kind: CompletionItemKind.Reference, detail: `${kind}${name ? `: ${name}` : ''}` }));
  if (place.kind === 'policy') {
    const names = policyField(path);
    if (names === 'control') return place.catalog.controls.map((c) => ({ label: c.id, kind: CompletionItemKind.Value, detail: c.title, documentation: c.summary.trim() }));
    if (names === 'threat') return place.catalog.threats.map((t) => ({ label: t.id, kind: CompletionItemKind.Value, detail: t.title, documentation: t.summary.trim() }));
  }
  return enumValues(schemaOf(place.kind) as JsonSchema, path);
}

function policyField(path: DataPath): 'control' | 'threat' | null {
  if (path[0] === 'forbidRiskAcceptance' && path.length <= 2) return 'control';
  if (path[0] === 'require' && path.length === 3) return path[2] === 'control' ? 'control' : path[2] === 'when' ? 'threat' : null;
  return null;
}

/** The values an enum (or a list of an enum) allows at a path, each with the schema's words for it. */
function enumValues(schema: JsonSchema, path: DataPath): CompletionItem[] {
  const at = (p: DataPath) => schemaAt(schema, p.map(String));
  let node = at(path);
  let description = descriptionAt(schema, path);
  if (node?.items && typeof node.items === 'object') {
    node = deref(schema, node.items as JsonSchema);
  } else if (node && node.enum === undefined && node.const === undefined && typeof path.at(-1) === 'number') {
    description = descriptionAt(schema, path.slice(0, -1));
  }
  const values = (node?.enum as unknown[] | undefined) ?? (node?.const !== undefined ? [node.const] : []);
  return values.map((value) => {
    const label = String(value);
    const own = description ? new RegExp(`(?:^|[\\s,(:])${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(([^)]*)\\)`).exec(description)?.[1] : undefined;
    const words = own ?? description;
    return { label, kind: CompletionItemKind.EnumMember, ...(words ? { documentation: words } : {}) };
  });
}

/** The ids a section of the document defines, with their names, from the tolerant tree (the file need not be valid). */
function idsOf(document: Document, section: string): { id: string; name: string | null }[] {
  const data = tolerantData(document);
  const list = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)[section] : undefined;
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  return list.flatMap((item) => {
    const entry = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    if (typeof entry.id !== 'string' || seen.has(entry.id)) return [];
    seen.add(entry.id);
    return [{ id: entry.id, name: typeof entry.name === 'string' ? entry.name : null }];
  });
}
