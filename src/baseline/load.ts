import { resolve } from 'node:path';
import { parseJsonSource } from '../load/json.js';
import type { ReadScope } from '../load/read-scope.js';
import { readText } from '../load/source.js';
import type { Problem } from '../problem.js';
import { checkSchema, displayPath } from '../validate/load-project.js';
import type { ComparableReport } from './compare.js';

export type LoadedReport = { ok: true; report: ComparableReport; file: string } | { ok: false; problems: Problem[] };

/** Reads a JSON report from disk through the one reader, then checks it as `parseReport` does. */
export function loadReportFile(path: string, cwd: string, scope: ReadScope): LoadedReport {
  const file = displayPath(resolve(cwd, path), cwd);
  const read = readText(resolve(cwd, path), file, scope);
  if ('problem' in read) return { ok: false, problems: [read.problem] };
  return parseReport(read.text, file);
}

/**
 * A JSON report written by `aithreat assess --format json`, checked against
 * schemas/baseline.schema.json (the parts a comparison reads) before anything uses it: a wrong
 * shape, a value of the wrong type or too deep a nesting is a positioned problem, never a crash
 * after the reports are written.
 */
export function parseReport(text: string, file: string): LoadedReport {
  const checked = checkSchema<ComparableReport>(parseJsonSource(text, file), 'baseline');
  return checked.ok ? { ok: true, report: checked.value, file } : { ok: false, problems: checked.problems };
}
