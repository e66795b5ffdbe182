import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../src/rules/index.js';
import type { GapOutcome } from './assess-outcome.js';

/**
 * What a fixture says about itself in its leading comments:
 *
 *   # args: --as-of 2026-06-15 --policy policies/x.yaml   extra arguments for `aithreat assess`
 *   # expect: exit 1                                       the exit code (required)
 *   # expect: DATAPOISON high                              a leaf threat's severity, or not-applicable
 *   # expect: required-gap DATAQUALITYCONTROL acceptance-expired 2026-03-31
 *                                                          the required gaps, all of them, with an
 *                                                          optional expiry date
 *   # expect: stderr invalid.yaml:11:13: `datasets.0`      text stderr must contain
 *   # expect: open-question environments.0.monitoring      the open questions, all of them, when
 *   # expect: open-questions none                          either line is given
 */
export interface FixtureExpectations {
  file: string;
  args: string[];
  exit: number;
  threats: Record<string, string>;
  requiredGaps: GapOutcome[];
  stderr: string[];
  /** The open questions' paths, when the fixture says; null when it does not. */
  openQuestions: string[] | null;
}

const threatIds = new Set(rules.map((r) => r.meta.threat));
const severityWords = new Set(['critical', 'high', 'medium', 'low', 'not-applicable']);

export function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
}

export function readExpectations(dir: string, file: string): FixtureExpectations {
  const found: FixtureExpectations = { file, args: [], exit: -1, threats: {}, requiredGaps: [], stderr: [], openQuestions: null };
  const fail = (line: string) => {
    throw new Error(`${file}: cannot read expectation \`${line}\``);
  };
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    if (!line.startsWith('#')) break;
    const args = /^# args: (.+)$/.exec(line);
    const expect = /^# expect: (.+)$/.exec(line);
    if (args) found.args.push(...args[1]!.trim().split(/\s+/));
    if (!expect) continue;
    const text = expect[1]!.trim();
    const [word, ...rest] = text.split(/\s+/);
    if (word === 'exit' && rest.length === 1 && /^[0-2]$/.test(rest[0]!)) found.exit = Number(rest[0]);
    else if (word === 'stderr') found.stderr.push(text.slice('stderr '.length));
    else if (word === 'open-questions' && rest.length === 1 && rest[0] === 'none') found.openQuestions ??= [];
    else if (word === 'open-question' && rest.length === 1) (found.openQuestions ??= []).push(rest[0]!);
    else if (word === 'required-gap' && (rest.length === 2 || rest.length === 3)) {
      found.requiredGaps.push({ control: rest[0]!, kind: rest[1]!, ...(rest[2] ? { expires: rest[2] } : {}) });
    } else if (threatIds.has(word!) && rest.length === 1 && severityWords.has(rest[0]!)) found.threats[word!] = rest[0]!;
    else fail(line);
  }
  if (found.exit < 0) throw new Error(`${file}: no \`# expect: exit N\` comment`);
  return found;
}
