import { describe, expect, it } from 'vitest';
import { severityFrom } from '../../src/assess/severity.js';
import type { Level, Severity } from '../../src/assess/types.js';
import type { DataPath } from '../../src/load/locate.js';
import type { Project } from '../../src/project/types.js';
import { ProjectView } from '../../src/project/view.js';
import type { Factor, Rule, RuleResult } from '../../src/rules/api.js';

type FactCode = string;

export function evaluate(rule: Rule, project: Project): RuleResult {
  return rule.evaluate(new ProjectView(project));
}

/** Impact, likelihood and severity as the assessment computes them from a rule's factors. */
export function rating(result: RuleResult): { impact: Level; likelihood: Level; severity: Severity } {
  return severityFrom(result.factors);
}

export function factorCodes(result: RuleResult): FactCode[] {
  return result.factors.map((f) => f.code);
}

export function factorOf(result: RuleResult, code: FactCode, dimension?: Factor['dimension']): Factor | undefined {
  return result.factors.find((f) => f.code === code && (dimension === undefined || f.dimension === dimension));
}

/** One factor of a rule: a minimal project where it fires, and the same project without the fact. */
export interface FactorCase {
  name: string;
  fires: Project;
  quiet: Project;
  /**
   * The factor it fires. `undeclared` lists the fields whose absence made it fire; without it the
   * factor must rest on what the file declares.
   */
  expect: { code: FactCode; path: DataPath; dimension: Factor['dimension']; weight: number; args?: Record<string, string>; undeclared?: DataPath[] };
  /** Severity of the `fires` project. */
  severity: Severity;
}

export function factorTable(rule: Rule, cases: FactorCase[]): void {
  describe.each(cases)('$name', ({ fires, quiet, expect: want, severity }) => {
    it(`fires ${want.code} with its path, weight and severity`, () => {
      const result = evaluate(rule, fires);
      expect(result.applies).toBe(true);
      const found = factorOf(result, want.code, want.dimension);
      expect(found, `factors were ${factorCodes(result).join(', ')}`).toBeDefined();
      expect(found).toMatchObject({ path: want.path, dimension: want.dimension, weight: want.weight, ...(want.args ? { args: want.args } : {}) });
      expect(found!.undeclared.map((u) => u.path)).toEqual(want.undeclared ?? []);
      expect(rating(result).severity).toBe(severity);
    });
    it(`does not fire ${want.code} without the fact`, () => {
      const result = evaluate(rule, quiet);
      expect(result.applies).toBe(true);
      expect(factorOf(result, want.code, want.dimension)).toBeUndefined();
    });
  });
}

/** Whether a rule applies to a project, and the evidence it gives, in order. */
export interface EvidenceCase {
  name: string;
  project: Project;
  applies: boolean;
  evidence: { code: FactCode; path: DataPath; args?: Record<string, string> }[];
}

export function evidenceTable(rule: Rule, cases: EvidenceCase[]): void {
  it.each(cases)('$name', ({ project, applies, evidence }) => {
    const result = evaluate(rule, project);
    expect(result.applies).toBe(applies);
    expect(result.evidence.map((f) => ({ code: f.code, path: f.path }))).toEqual(evidence.map((f) => ({ code: f.code, path: f.path })));
    evidence.forEach((want, i) => {
      if (want.args) expect(result.evidence[i]!.args).toMatchObject(want.args);
    });
    if (!applies) expect(result.factors).toEqual([]);
  });
}
