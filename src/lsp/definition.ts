import type { Document } from 'yaml';
import { referenceKindAt, sectionOf } from '../validate/references.js';
import { cursorAt, rangeOf, tolerantData } from './cursor.js';

/**
 * Where the entry a reference names is defined: from `storedIn: [training-cluster]` to the `id`
 * of that environment. Null where the cursor is not on a reference, or it names nothing.
 */
export function definitionAt(document: Document, offset: number): [number, number] | null {
  const cursor = cursorAt(document, offset);
  if (!cursor?.scalar || cursor.on !== 'value' || typeof cursor.scalar.value !== 'string') return null;
  const kind = referenceKindAt(cursor.path);
  if (!kind) return null;
  const section = sectionOf[kind];
  const data = tolerantData(document);
  const list = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[section] : undefined;
  if (!Array.isArray(list)) return null;
  const index = list.findIndex((item) => item !== null && typeof item === 'object' && (item as Record<string, unknown>).id === cursor.scalar!.value);
  return index < 0 ? null : rangeOf(document, [section, index, 'id']);
}
