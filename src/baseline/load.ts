import { resolve } from 'node:path';
import { readText } from '../load/source.js';
import { displayPath } from '../validate/load-project.js';
import { parseReportJson, type ComparableReport } from './compare.js';

export type LoadedReport = { ok: true; report: ComparableReport; file: string } | { ok: false; message: string };

/** Reads a JSON report from disk; the message, on failure, starts with the file as shown to the user. */
export function loadReportFile(path: string, cwd: string): LoadedReport {
  const file = displayPath(resolve(cwd, path), cwd);
  const read = readText(resolve(cwd, path), file);
  if ('problem' in read) return { ok: false, message: `${file}: ${read.problem.message}` };
  const parsed = parseReportJson(read.text);
  return parsed.ok ? { ok: true, report: parsed.report, file } : { ok: false, message: `${file}: ${parsed.message}` };
}
