/** Why a file was refused. Codes are a closed set so that tests and scripts can rely on them. */
export type ProblemCode =
  | 'file-unreadable'
  | 'file-too-large'
  | 'not-utf8'
  | 'binary-file'
  | 'empty-file'
  | 'multiple-documents'
  | 'yaml-syntax'
  | 'yaml-tag'
  | 'alias-limit'
  | 'nesting-limit'
  | 'reserved-key'
  | 'schema'
  | 'unknown-key'
  | 'invalid-value'
  | 'missing-key'
  | 'duplicate-id'
  | 'dangling-reference'
  | 'invalid-date';

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

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}
