import { safeLine } from './util/clean-text.js';

/** Why a file was refused. Codes are a closed set so that tests and scripts can rely on them. */
export type ProblemCode =
  | 'file-unreadable'
  | 'file-too-large'
  | 'not-utf8'
  | 'binary-file'
  | 'empty-file'
  | 'multiple-documents'
  | 'yaml-syntax'
  | 'json-syntax'
  | 'yaml-tag'
  | 'alias-limit'
  | 'collection-limit'
  | 'nesting-limit'
  | 'reserved-key'
  | 'schema'
  | 'unknown-key'
  | 'invalid-value'
  | 'missing-key'
  | 'duplicate-id'
  | 'dangling-reference'
  | 'invalid-date'
  | 'invalid-catalog'
  | 'invalid-rule'
  | 'rule-evaluation'
  | 'too-many-problems';

/** One problem in one file, at a 1-based line and column. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  code: ProblemCode;
  message: string;
}

export function compareProblems(a: Problem, b: Problem): number {
  return a.file === b.file ? a.line - b.line || a.column - b.column : 0;
}

/**
 * One line for a terminal or a CI log. Messages quote the file's keys and values and the file's
 * own name, so both lose escape sequences, control characters, bidi overrides and line breaks:
 * a crafted key must not colour the terminal or forge a second `file:line:column` line.
 */
export function formatProblem(problem: Problem): string {
  return `${safeLine(problem.file, 4096)}:${problem.line}:${problem.column}: ${safeLine(problem.message)}`;
}

/** All problems as one block of lines: one write, however many there are. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((problem) => `${formatProblem(problem)}\n`).join('');
}

/**
 * Keeps the first `max` problems of a file and stands one line in for the rest: a broken list of
 * a million entries should not print a million lines.
 */
export function capProblems(problems: Problem[], max: number): Problem[] {
  if (problems.length <= max) return problems;
  const first = problems[max]!;
  const rest = problems.length - max;
  return [...problems.slice(0, max), { ...first, code: 'too-many-problems', message: `${rest} more problem(s) from here on are not shown (at most ${max} per file)` }];
}
