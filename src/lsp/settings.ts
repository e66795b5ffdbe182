import type { Threshold, UndeclaredMode } from '../assess/types.js';
import { isCalendarDate } from '../util/dates.js';

/**
 * What an editor may set for the server (`aithreat` in its settings, or the initialization
 * options): the policy file, the fail threshold, the date expiries are judged on and how fields
 * left out count. Each wins over `.aithreatrc.yaml` as the matching flag of `assess` does; the
 * organisation's catalogs and rules come from the configuration alone.
 */
export interface ServerSettings {
  /** A policy file inside the workspace folder, relative to it (`--policy`). */
  policy?: string;
  failOn?: Threshold;
  /** YYYY-MM-DD; today when left out (`--as-of`). */
  asOf?: string;
  undeclared?: UndeclaredMode;
}

const thresholds: readonly string[] = ['critical', 'high', 'medium', 'low', 'none'];

/** The settings an editor sent, each kept only when it is valid; `ignored` says what was not and why. */
export function readSettings(raw: unknown): { settings: ServerSettings; ignored: string[] } {
  const settings: ServerSettings = {};
  const ignored: string[] = [];
  const given = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const value = (name: string) => (given[name] === null ? undefined : given[name]);
  const policy = value('policy');
  if (typeof policy === 'string' && policy !== '') settings.policy = policy;
  else if (policy !== undefined && policy !== '') ignored.push('aithreat.policy must be a path');
  const failOn = value('failOn');
  if (typeof failOn === 'string' && thresholds.includes(failOn)) settings.failOn = failOn as Threshold;
  else if (failOn !== undefined) ignored.push(`aithreat.failOn must be one of ${thresholds.join(', ')}`);
  const asOf = value('asOf');
  if (typeof asOf === 'string' && isCalendarDate(asOf)) settings.asOf = asOf;
  else if (asOf !== undefined && asOf !== '') ignored.push('aithreat.asOf must be a date as YYYY-MM-DD');
  const undeclared = value('undeclared');
  if (undeclared === 'count' || undeclared === 'ignore') settings.undeclared = undeclared;
  else if (undeclared !== undefined) ignored.push('aithreat.undeclared must be count or ignore');
  return { settings, ignored };
}
