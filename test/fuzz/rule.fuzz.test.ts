import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessProject } from '../../src/assess/assess.js';
import { getCatalog } from '../../src/catalog/bundled.js';
import { workingDirectoryScope } from '../../src/load/read-scope.js';
import { parseSource } from '../../src/load/source.js';
import { compileRule, withFactors } from '../../src/org/declarative-rule.js';
import { loadOrgCatalogs } from '../../src/org/load.js';
import { checkRuleFile } from '../../src/org/rule-file.js';
import { isRuleError, type Rule } from '../../src/rules/api.js';
import { rules as builtInRules } from '../../src/rules/index.js';
import { catalogIds } from '../../src/validate/catalog-references.js';
import { parseProject } from '../../src/validate/load-project.js';
import { repoRoot } from '../helpers/run-cli.js';
import { corpus, expectWellFormedProblems, fuzzRuns, fuzzTimeout, mutatedSeed } from './fuzz-kit.js';

/**
 * An organisation's rule file: for any mutation of a seed, the rule is refused with well-formed
 * problems, or compiled and run on every project of the project corpus, where it either decides
 * or stops with well-formed problems of its own (a RuleError), and never throws anything else.
 */
const org = join(repoRoot, 'examples', 'org');
const { catalog } = loadOrgCatalogs(getCatalog(), [{ path: 'catalog', scope: workingDirectoryScope(org) }], org);
const seeds = corpus('rule');
const ids = catalogIds(catalog);
const projects = corpus('project').flatMap(({ name, text }) => {
  const loaded = parseProject(text, name, ids);
  return loaded.ok ? [{ source: loaded.source, project: loaded.value }] : [];
});
const file = 'fuzzed-rule.yaml';

describe('fuzz: rule YAML', () => {
  it(`checks, compiles and runs every mutation of ${seeds.length} seeds (${fuzzRuns} runs)`, () => {
    expect(projects.length).toBeGreaterThan(3);
    const seen = { refused: 0, ran: 0 };
    fc.assert(
      fc.property(mutatedSeed(seeds), (text) => {
        const checked = checkRuleFile(parseSource(text, file));
        const compiled = checked.ok ? compileRule(checked.rule, checked.source, catalog) : { ok: false as const, problems: checked.problems };
        if (!compiled.ok) {
          expectWellFormedProblems(compiled.problems, text.replace(/^\ufeff/, ''), file);
          seen.refused++;
          return;
        }
        seen.ran++;
        const c = compiled.compiled;
        const rules: Rule[] = c.decides
          ? [...builtInRules.filter((r) => r.meta.threat !== c.rule.meta.threat), c.rule]
          : builtInRules.map((r) => (r.meta.threat === c.threat ? withFactors(r, [c]) : r));
        for (const { source, project } of projects) {
          try {
            assessProject(source, project, { catalog, rules, asOf: '2026-11-25', failOn: 'high', policy: null, undeclared: 'count' });
          } catch (error) {
            if (!isRuleError(error)) throw error;
            expectWellFormedProblems(error.problems, text.replace(/^\ufeff/, ''), file);
          }
        }
      }),
      { numRuns: fuzzRuns },
    );
    expect(seen.refused, 'refused').toBeGreaterThan(fuzzRuns / 20);
    expect(seen.ran, 'ran').toBeGreaterThan(fuzzRuns / 50);
  }, fuzzTimeout);
});
