import type { Location, Report } from '../../../src/assess/types.js';
import type { ProjectGraph } from '../../../src/render/project-graph.js';

const at = (line: number): Location => ({ file: 'projects/demo.yaml', line, column: 3 });

/**
 * A hand-built report with one of each thing a renderer shows: a group and its applicable member,
 * a threat that does not apply, a required gap, an advisory gap, an expired acceptance.
 */
export function smallReport(): Report {
  return {
    tool: { name: 'aithreat', version: '9.9.9' },
    asOf: '2026-11-25',
    failOn: 'high',
    policy: null,
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
            evidence: [{ code: 'member-applies', path: ['datasets', 0, 'purpose'], args: { threat: 'DATAPOISON', severity: 'high' }, location: at(10) }],
            factors: [], recommendations: [], notRecommended: [],
          },
          {
            threat: 'DATAPOISON', title: 'Data poisoning', group: 'MODELPOISON', impactKind: 'integrity',
            applies: true, severity: 'high', impact: 2, likelihood: 3,
            evidence: [{ code: 'dataset-trains-model', path: ['datasets', 0, 'purpose'], args: { dataset: 'clicks', purpose: 'training' }, location: at(10) }],
            factors: [
              { code: 'data-from-public-source', dimension: 'likelihood', weight: 1, path: ['datasets', 0, 'origin'], args: { count: '1', dataset: 'clicks' }, location: at(11) },
              { code: 'training-environment-segregated', dimension: 'likelihood', weight: -1, path: ['training', 0, 'environment'], args: { environment: 'lab' }, location: at(20) },
            ],
            recommendations: [
              { control: 'DATAQUALITYCONTROL', title: 'Data quality control', primary: true, role: 'detects manipulated samples before training', status: 'missing', required: true, requiredBy: ['severity'], gap: 'missing' },
              { control: 'SEGREGATEDATA', title: 'Segregate data', primary: true, role: 'confines training data', status: 'implemented', required: true, requiredBy: ['severity'], gap: null },
              { control: 'TRAINDATADISTORTION', title: 'Train data distortion', primary: false, role: 'blurs planted triggers', status: 'risk-accepted', required: false, requiredBy: [], gap: 'acceptance-expired' },
            ],
            notRecommended: [],
          },
          {
            threat: 'DEVCODELEAK', title: 'Source code/configuration leak', group: 'DEVLEAK', impactKind: 'confidentiality',
            applies: false, severity: null, impact: null, likelihood: null,
            evidence: [{ code: 'code-open-source', path: ['code', 'confidentiality'], args: {}, location: at(30) }],
            factors: [], recommendations: [], notRecommended: [],
          },
        ],
        gaps: [
          { control: 'DATAQUALITYCONTROL', title: 'Data quality control', kind: 'missing', required: true, threats: ['DATAPOISON'], severity: 'high', location: at(10) },
          { control: 'TRAINDATADISTORTION', title: 'Train data distortion', kind: 'acceptance-expired', required: false, threats: ['DATAPOISON'], severity: 'high', location: at(40), expires: '2026-01-31' },
        ],
        acceptances: [
          { control: 'TRAINDATADISTORTION', status: 'risk-accepted', owner: 'Jo Doe', justification: 'Costs too much recall.', expires: '2026-01-31', state: 'expired', location: at(40) },
        ],
        counts: { applicable: 1, bySeverity: { critical: 0, high: 1, medium: 0, low: 0 }, requiredGaps: 1, advisoryGaps: 1 },
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
      { key: 'training.0', kind: 'training', label: 'nightly (continuous)', environment: 'environments.0' },
      { key: 'models.0', kind: 'model', label: 'ranker' },
    ],
    edges: [
      { from: 'suppliers.0', to: 'datasets.0', style: 'flow', label: 'provides' },
      { from: 'datasets.0', to: 'training.0', style: 'flow' },
      { from: 'training.0', to: 'models.0', style: 'flow' },
    ],
  };
}
