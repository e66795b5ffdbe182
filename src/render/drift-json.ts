import type { DriftEntry } from '../assess/types.js';
import type { FoundAt } from '../rules/api.js';

/**
 * Drift in the JSON report (schemas/report.schema.json, `projects[].drift`): built key by key,
 * like the rest of the report, so that the key order is part of the code.
 */
export function driftJson(d: DriftEntry): object {
  const args = Object.fromEntries(Object.entries(d.args).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    code: d.code,
    text: d.text,
    location: place(d.location),
    args,
    threats: [...d.threats],
    declared: d.declared ? { path: [...d.declared.path], location: place(d.declared.location) } : null,
    effects: d.effects.map((e) => ({ threat: e.threat, kind: e.kind, code: e.code, text: e.text, counted: e.counted })),
    required: d.required,
  };
}

/** The places in the code a fact or factor rests on; empty for one that rests on the file. */
export function foundJson(found: readonly FoundAt[] | undefined): object[] {
  return (found ?? []).map((f) => ({ file: f.file, line: f.line, column: f.column, drift: f.drift }));
}

function place(l: { file: string; line: number; column: number }): object {
  return { file: l.file, line: l.line, column: l.column };
}
