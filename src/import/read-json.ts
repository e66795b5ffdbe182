/** Small readers for parsed JSON whose shape was checked: each still tolerates what it does not expect. */

/** A document the reader refuses: what is wrong, and the path of the value to point at. */
export interface Refusal {
  ok: false;
  path: (string | number)[];
  message: string;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The objects of a list; anything else is an empty list. */
export function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** A non-blank string, trimmed; null for anything else. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The non-blank strings of a list, trimmed. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(str).filter((s): s is string => s !== null) : [];
}
