import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatNames, isFormatName, type FormatName } from '../render/index.js';

/** Where one rendering goes: a file (relative to the working directory) or stdout (`path: null`). */
export interface OutputTarget {
  format: FormatName;
  path: string | null;
}

export type OutputPlan = { ok: true; targets: OutputTarget[] } | { ok: false; message: string };

/**
 * Reads `--format name[=path]` (repeatable) and `--output file`. At most one format goes to
 * stdout; `--output` sends that one to a file instead. Without `--format` the table goes to stdout.
 * Every mistake is found here, before any project is assessed.
 */
export function planOutputs(formats: readonly string[], output: string | undefined): OutputPlan {
  const targets: OutputTarget[] = [];
  for (const spec of formats.length > 0 ? formats : ['table']) {
    const at = spec.indexOf('=');
    const name = (at === -1 ? spec : spec.slice(0, at)).trim();
    const path = at === -1 ? null : spec.slice(at + 1);
    if (!isFormatName(name)) return { ok: false, message: `unknown format '${name}'; the formats are ${formatNames.join(', ')}` };
    if (path !== null && path.trim() === '') return { ok: false, message: `--format ${name}= needs a file name after '='` };
    targets.push({ format: name, path });
  }
  const toStdout = targets.filter((t) => t.path === null);
  if (toStdout.length > 1) {
    return { ok: false, message: `only one format can go to stdout, not ${toStdout.map((t) => t.format).join(' and ')}; give the others a file: --format ${toStdout[1]!.format}=FILE` };
  }
  if (output !== undefined) {
    if (output.trim() === '') return { ok: false, message: '--output needs a file name' };
    if (!toStdout[0]) return { ok: false, message: '--output names where the stdout format goes, but every --format has its own file' };
    toStdout[0].path = output;
  }
  const seen = new Set<string>();
  for (const target of targets) {
    if (target.path === null) continue;
    if (seen.has(target.path)) return { ok: false, message: `two formats would write to ${target.path}` };
    seen.add(target.path);
  }
  return { ok: true, targets };
}

/**
 * The first report target that is also an input (a project or the policy), by real
 * path, so `assess p.yaml --output p.yaml` cannot replace the user's file with a report.
 */
export function targetOverInput(targets: readonly OutputTarget[], inputs: readonly string[], cwd: string): OutputTarget | undefined {
  const real = (path: string) => {
    try {
      return realpathSync(resolve(cwd, path));
    } catch {
      return resolve(cwd, path);
    }
  };
  const files = targets.filter((target) => target.path !== null);
  // Resolving a thousand inputs costs a system call per path component each: only when a file is written.
  if (files.length === 0) return undefined;
  const read = new Set(inputs.map(real));
  return files.find((target) => read.has(real(target.path!)));
}
