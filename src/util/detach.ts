/**
 * A copy of a string that shares no memory with the text it was cut from. js-yaml returns a
 * scalar as a slice of the whole file's text, and V8 keeps that text alive for as long as any
 * slice of it lives: a report that holds one id from each project would hold every project's
 * file. Text the assessment keeps from a project goes through here.
 */
export function detach(text: string): string {
  // V8 copies substrings shorter than 13 characters anyway. For longer ones, a concatenation is
  // flattened into new memory before it is sliced, so the slice refers to the copy.
  return text.length < 13 ? text : (` ${text}`).slice(1);
}

/** `detach` on each value of a fact's arguments. */
export function detachValues(args: Record<string, string>): Record<string, string> {
  for (const key of Object.keys(args)) args[key] = detach(args[key]!);
  return args;
}
