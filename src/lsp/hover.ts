import type { Document } from 'yaml';
import type { Hover, Position } from 'vscode-languageserver';
import type { Catalog, CatalogEntry } from '../catalog/types.js';
import { findEntry } from '../catalog/lookup.js';
import { describeFact } from '../rules/api.js';
import { descriptionAt, type JsonSchema } from '../validate/schema-at.js';
import type { Analysis } from './analyse.js';
import { referenceKindAt, sectionOf, type ReferenceKind } from '../validate/references.js';
import { cursorAt, tolerantData } from './cursor.js';
import { schemaOf } from './schema-of.js';

/**
 * What the server says of the place under the cursor: a catalog entry's title, summary and link
 * for a control or threat id; the schema's description of a key; and, on a line that a fact or
 * factor of the assessment points at, its wording, threat by threat.
 */
export function hoverAt(document: Document, offset: number, line: number, analysis: Analysis, catalog: Catalog, positionAt: (offset: number) => Position): Hover | null {
  const parts: string[] = [];
  let range: { start: number; end: number } | undefined;
  const cursor = cursorAt(document, offset);
  if (cursor?.scalar) {
    const entry = typeof cursor.scalar.value === 'string' && /^[A-Z][A-Z0-9]{1,63}$/.test(cursor.scalar.value) ? findEntry(catalog, cursor.scalar.value) : undefined;
    const reference = cursor.on === 'value' && analysis.kind === 'project' ? referenceKindAt(cursor.path) : null;
    if (entry) parts.push(entrySummary(entry));
    else if (reference && typeof cursor.scalar.value === 'string') parts.push(referenceSummary(document, reference, cursor.scalar.value));
    else if (cursor.on === 'key') {
      const description = descriptionAt(schemaOf(analysis.kind) as JsonSchema, cursor.path);
      if (description) parts.push(`**${String(cursor.path.at(-1))}**: ${description}`);
    }
    range = cursor.scalar;
  }
  const facts = factsOnLine(analysis, line + 1);
  if (facts.length > 0) parts.push(facts.join('\n'));
  if (parts.length === 0) return null;
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, ...(range ? { range: { start: positionAt(range.start), end: positionAt(range.end) } } : {}) };
}

/** What a reference names: the entry's kind, id and name, or that the file defines none. */
function referenceSummary(document: Document, kind: ReferenceKind, id: string): string {
  const data = tolerantData(document);
  const list = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[sectionOf[kind]] : undefined;
  const found = Array.isArray(list) ? list.find((item) => item !== null && typeof item === 'object' && (item as Record<string, unknown>).id === id) : undefined;
  if (!found) return `names ${kind} \`${id}\`, which this file does not define`;
  const name = (found as Record<string, unknown>).name;
  return `${kind} \`${id}\`${typeof name === 'string' ? `: ${name}` : ''}`;
}

/** A catalog entry as a few lines of Markdown. */
export function entrySummary(entry: CatalogEntry): string {
  const from = entry.editions === undefined ? "organisation's catalog" : 'OWASP AI Exchange';
  return `**${entry.id}**: ${entry.title} (${entry.kind}, ${from})\n\n${entry.summary.trim()}\n\n[${entry.permalink}](${entry.permalink})`;
}

/** The facts and factors of the assessment placed on this 1-based line: why a threat applies, and what rates it. */
function factsOnLine(analysis: Analysis, line: number): string[] {
  const lines: string[] = [];
  for (const finding of analysis.assessment?.threats ?? []) {
    if (finding.group === null) continue;
    const rating = finding.applies ? (finding.severity ?? 'applies') : 'does not apply';
    for (const fact of [...finding.evidence, ...finding.factors]) {
      if (fact.location.line !== line || fact.location.file !== analysis.source?.file) continue;
      const text = `- **${finding.threat}** (${rating}): ${describeFact(fact)}`;
      if (!lines.includes(text)) lines.push(text);
    }
  }
  return lines;
}
