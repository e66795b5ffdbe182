import type { LoadResult, SourceFile } from '../load/source.js';
import { capProblems, compareProblems, type Problem } from '../problem.js';
import { limits } from '../load/limits.js';
import ruleSchema from '../../schemas/rule.schema.json' with { type: 'json' };
import { orgValidator } from './validators.js';
import { cleanText } from '../util/clean-text.js';
import { schemaProblems } from '../validate/schema-errors.js';
import type { EntryList } from './expressions.js';

/** An organisation's rule file, as schemas/rule.schema.json defines it. */
export interface RuleFile {
  ruleVersion: 1;
  threat: string;
  description: string;
  docs?: string;
  applies?: {
    each?: EntryList;
    when: string;
    fact: FactSpec;
    otherwise: FactSpec;
  };
  factors?: FactorSpec[];
}

export interface FactSpec {
  code: string;
  message: string;
  at?: string;
  args?: Record<string, string>;
}

export interface FactorSpec extends FactSpec {
  dimension: 'impact' | 'likelihood';
  weight: number;
  undeclared?: string;
  controls: string[];
  description: string;
  each?: EntryList;
  when?: string;
  field?: string;
  safe?: string | number | boolean | { when: string; text: string };
}


/** A parsed rule file checked against its schema; its problems positioned like a project's. */
export function checkRuleFile(loaded: LoadResult): { ok: true; source: SourceFile; rule: RuleFile } | { ok: false; problems: Problem[] } {
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  const validate = orgValidator('rule');
  if (validate(loaded.data)) return { ok: true, source: loaded.source, rule: cleanWords(loaded.data as RuleFile) };
  const problems = schemaProblems(validate.errors ?? [], loaded.source, loaded.data, ruleSchema as Record<string, unknown>);
  return { ok: false, problems: capProblems(problems.sort(compareProblems), limits.maxProblemsPerFile) };
}

/**
 * The rule's words reach every report: they lose what could act in a terminal or a document
 * instead of being read (see cleanText), as a project's texts do. Expressions are left as written:
 * CEL refuses such characters itself, at their position.
 */
function cleanWords(rule: RuleFile): RuleFile {
  rule.description = cleanText(rule.description);
  for (const fact of rule.applies ? [rule.applies.fact, rule.applies.otherwise] : []) fact.message = cleanText(fact.message);
  for (const factor of rule.factors ?? []) {
    factor.message = cleanText(factor.message);
    factor.description = cleanText(factor.description);
    if (factor.undeclared !== undefined) factor.undeclared = cleanText(factor.undeclared);
    if (typeof factor.safe === 'object') factor.safe.text = cleanText(factor.safe.text);
    else if (typeof factor.safe === 'string') factor.safe = cleanText(factor.safe);
  }
  return rule;
}
