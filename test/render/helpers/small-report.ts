import type { Location, Report } from '../../../src/assess/types.js';
import { getCatalog } from '../../../src/catalog/bundled.js';
import type { ProjectGraph } from '../../../src/render/project-graph.js';

const at = (line: number): Location => ({ file: 'projects/demo.yaml', line, column: 3 });

/**
 * A hand-built report with one of each thing a renderer shows: a group and its applicable member,
 * a threat that does not apply, a factor declared and one resting on a field left out (an open
 * question), a required gap that answers a factor, an advisory gap, an expired acceptance.
 */
export function smallReport(): Report {
  return {
    tool: { name: 'aithreat', version: '9.9.9' },
    catalog: getCatalog(),
    asOf: '2026-11-25',
    failOn: 'high',
    undeclared: 'count',
    policy: null,
    discover: null,
    verdict: 'fail',
    projects: [
      {
        file: 'projects/demo.yaml',
        name: 'Demo recommender',
        owner: 'ML team',
        verdict: 'fail',
        threats: [
          {
            threat: 'MODELPOISON', title: 'Broad model poisoning development-time', group: null, impactKind: 'integrity',
            applies: true, severity: 'high', impact: 2, likelihood: 3,
            evidence: [{ code: 'member-applies', message: 'member threat {{threat}} applies ({{severity}})', path: ['datasets', 0, 'purpose'], args: { threat: 'DATAPOISON', severity: 'high' }, location: at(10) }],
            factors: [], recommendations: [], notRecommended: [], notRequired: [], undeclared: null,
          },
          {
            threat: 'DATAPOISON', title: 'Data poisoning', group: 'MODELPOISON', impactKind: 'integrity',
            applies: true, severity: 'high', impact: 2, likelihood: 3,
            evidence: [{ code: 'dataset-trains-model', message: 'data set `{{dataset}}` is used for {{purpose}}', path: ['datasets', 0, 'purpose'], args: { dataset: 'clicks', purpose: 'training' }, location: at(10) }],
            factors: [
              {
                code: 'data-from-public-source', message: '{{count}} training data set(s) come from public sources anyone can publish to, such as `{{dataset}}`',
                dimension: 'likelihood', weight: 2, path: ['datasets', 0, 'origin'], args: { count: '1', dataset: 'clicks' }, location: at(11),
                undeclared: [], controls: ['DATAQUALITYCONTROL', 'SUPPLYCHAINMANAGE'], counted: true,
              },
              {
                code: 'stored-unsegregated', message: 'training data is stored in environment `{{environment}}`, whose segregation is not declared',
                dimension: 'likelihood', weight: 1, path: ['datasets', 0, 'storedIn', 0], args: { environment: 'lab', count: '1' }, location: at(12),
                undeclared: [{ path: ['environments', 0, 'segregated'], safe: 'true', args: { environment: 'lab' } }], controls: ['SEGREGATEDATA'], counted: true,
              },
              {
                code: 'training-environment-segregated', message: 'training runs in the segregated training environment `{{environment}}`',
                dimension: 'likelihood', weight: -1, path: ['training', 0, 'environment'], args: { environment: 'lab' }, location: at(20), undeclared: [], controls: [], counted: true,
              },
            ],
            recommendations: [
              { control: 'DATAQUALITYCONTROL', title: 'Data quality control', primary: true, role: 'detects manipulated samples before training', status: 'missing', required: true, requiredBy: ['factor', 'primary'], gap: 'missing', answers: ['data-from-public-source'], evidence: [] },
              { control: 'SEGREGATEDATA', title: 'Segregate data', primary: true, role: 'confines training data', status: 'implemented', required: true, requiredBy: ['factor', 'primary'], gap: null, answers: ['stored-unsegregated'], evidence: ['https://wiki.example/lab-segregation (ask @sec-team)'] },
              { control: 'TRAINDATADISTORTION', title: 'Train data distortion', primary: false, role: 'blurs planted triggers', status: 'risk-accepted', required: false, requiredBy: [], gap: 'acceptance-expired', answers: [], evidence: [] },
            ],
            notRecommended: [],
            notRequired: [],
            undeclared: { ifSafe: 'medium', ifUnsafe: 'high' },
          },
          {
            threat: 'DEVCODELEAK', title: 'Source code/configuration leak', group: 'DEVLEAK', impactKind: 'confidentiality',
            applies: false, severity: null, impact: null, likelihood: null,
            evidence: [{ code: 'code-open-source', message: 'the source code and configuration are open source', path: ['code', 'confidentiality'], args: {}, location: at(30) }],
            factors: [], recommendations: [], notRecommended: [], notRequired: [], undeclared: null,
          },
        ],
        gaps: [
          {
            control: 'DATAQUALITYCONTROL', title: 'Data quality control', kind: 'missing', required: true, requiredBy: ['factor', 'primary'], threats: ['DATAPOISON'],
            answers: [{ threat: 'DATAPOISON', factor: 'data-from-public-source', text: '1 training data set(s) come from public sources anyone can publish to, such as `clicks`' }],
            primaryFor: ['DATAPOISON'], group: null, severity: 'high', location: at(10),
          },
          { control: 'TRAINDATADISTORTION', title: 'Train data distortion', kind: 'acceptance-expired', required: false, requiredBy: [], threats: ['DATAPOISON'], answers: [], primaryFor: [], group: null, severity: 'high', location: at(40), expires: '2026-01-31' },
        ],
        acceptances: [
          { control: 'TRAINDATADISTORTION', status: 'risk-accepted', owner: 'Jo Doe', justification: 'Costs too much recall.', expires: '2026-01-31', state: 'expired', location: at(40) },
        ],
        openQuestions: [
          {
            path: ['environments', 0, 'segregated'], safe: 'true', text: 'training data is stored in environment `lab`, whose segregation is not declared', location: at(5),
            threats: [{ threat: 'DATAPOISON', severity: 'high', ifSafe: 'medium', ifUnsafe: 'high' }],
          },
        ],
        drift: [],
        counts: { applicable: 1, bySeverity: { critical: 0, high: 1, medium: 0, low: 0 }, requiredGaps: 1, advisoryGaps: 1, requiredDrift: 0 },
      },
    ],
  };
}

/** The demo project's structure: a public source feeds `clicks`, which trains `ranker` in `lab`. */
export function smallGraph(): ProjectGraph {
  return {
    nodes: [
      { key: 'suppliers.0', kind: 'supplier', label: 'web-crawl' },
      { key: 'environments.0', kind: 'environment', label: 'Lab "GPU" box' },
      { key: 'datasets.0', kind: 'dataset', label: 'clicks' },
      { key: 'training.0', kind: 'training', label: 'nightly (continuous)', within: 'environments.0' },
      { key: 'models.0', kind: 'model', label: 'ranker' },
    ],
    edges: [
      { from: 'suppliers.0', to: 'datasets.0', label: 'provides' },
      { from: 'datasets.0', to: 'training.0', label: 'training' },
      { from: 'training.0', to: 'models.0', label: 'trains' },
    ],
    unlinked: [{ key: 'suppliers.1', kind: 'supplier', label: 'pypi' }],
  };
}
