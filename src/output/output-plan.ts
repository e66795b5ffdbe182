import { formatByName, formatNames, type FormatName } from '../render/index.js';

/**
 * Where one rendering goes: a file (relative to the working directory) or stdout (`path: null`),
 * and who named the path: a flag typed on the command line, or `.aithreatrc.yaml` (see
 * path-policy.ts for what each may do).
 */
export interface OutputTarget {
  format: FormatName;
  path: string | null;
  origin: 'flag' | 'config';
}

export type OutputPlan = { ok: true; targets: OutputTarget[] } | { ok: false; message: string };

/**
 * Reads `--format name[=path]` (repeatable) and `--output file`. At most one format goes to
 * stdout; `--output` sends that one to a file instead. Without `--format` the table goes to stdout.
 * Every mistake in the flags is found here, before any project is assessed; where the paths lead
 * is for `planDestinations` to check.
 */
export function planOutputs(formats: readonly string[], output: string | undefined, formatsFrom: 'flag' | 'config' = 'flag'): OutputPlan {
  const targets: OutputTarget[] = [];
  for (const spec of formats.length > 0 ? formats : ['table']) {
    const at = spec.indexOf('=');
    const given = (at === -1 ? spec : spec.slice(0, at)).trim();
    const path = at === -1 ? null : spec.slice(at + 1);
    const name = formatByName(given);
    if (!name) return { ok: false, message: `unknown format '${given}'; the formats are ${formatNames.join(', ')}` };
    if (path !== null && path.trim() === '') return { ok: false, message: `--format ${name}= needs a file name after '='` };
    targets.push({ format: name, path, origin: formatsFrom });
  }
  const toStdout = targets.filter((t) => t.path === null);
  if (toStdout.length > 1) {
    return { ok: false, message: `only one format can go to stdout, not ${toStdout.map((t) => t.format).join(' and ')}; give the others a file: --format ${toStdout[1]!.format}=FILE` };
  }
  if (output !== undefined) {
    if (output.trim() === '') return { ok: false, message: '--output needs a file name' };
    if (!toStdout[0]) return { ok: false, message: '--output names where the stdout format goes, but every --format has its own file' };
    toStdout[0].path = output;
    toStdout[0].origin = 'flag';
  }
  return { ok: true, targets };
}
