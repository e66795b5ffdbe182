import type { ProjectView } from '../assess/project-view.js';
import { thresholds } from '../assess/project-view.js';
import type { Factor, RuleResult } from '../assess/types.js';
import { fact, likelihood, type Rule } from './rule.js';

/** Source code and configuration leak: the code that prepares data and trains is intellectual property. */
export const devcodeleak: Rule = {
  threat: 'DEVCODELEAK',
  description: 'Applies when source code or configuration is confidential (stated, or not declared open source).',
  evaluate(view: ProjectView): RuleResult {
    const code = view.project.code;
    if (code?.confidentiality === 'open-source') {
      return { applies: false, evidence: [fact('code-open-source', ['code', 'confidentiality'])], factors: [] };
    }
    const evidence = [code?.confidentiality === 'confidential' ? fact('code-confidential', ['code', 'confidentiality']) : fact('code-confidentiality-unstated', code ? ['code'] : ['project'])];
    const factors: Factor[] = [];
    const outsourced = code?.developedBy?.[0];
    if (outsourced) factors.push(likelihood('outsourced-development', ['code', 'developedBy', 0], 2, { supplier: outsourced }));
    if ((code?.access?.people ?? 0) > thresholds.broadAccessPeople) {
      factors.push(likelihood('broad-access', ['code', 'access', 'people'], 1, { people: String(code?.access?.people), what: 'the code repository' }));
    }
    const unmonitored = (code?.storedIn ?? []).findIndex((id) => {
      const env = view.environments.get(id)?.item;
      return env !== undefined && (env.accessLogging !== true || env.monitoring !== true);
    });
    if (unmonitored >= 0) factors.push(likelihood('no-access-monitoring', ['code', 'storedIn', unmonitored], 1, { environment: code!.storedIn![unmonitored]! }));
    return { applies: true, evidence, factors };
  },
};
