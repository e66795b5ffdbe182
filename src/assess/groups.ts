import type { ThreatEntry } from '../catalog/types.js';
import { makers } from '../rules/make-facts.js';
import { severityRank } from './severity.js';
import type { ThreatFinding } from './types.js';

/** The facts a group threat reports: it only sums up its members. */
export const groupWords = {
  threat: 'groups',
  facts: {
    'member-applies': 'member threat {{threat}} applies ({{severity}})',
    'no-member-applies': 'none of its member threats applies',
  },
  factors: {},
} as const;

const { fact } = makers(groupWords);

/**
 * A group threat applies when a member does and shows its most severe member's rating, with that
 * member's fact first. It never
 * requires a control or rates a gap: its controls are those its members share, and each gap takes
 * the severity of the leaf threats it answers.
 */
export function groupFinding(threat: ThreatEntry, members: ThreatFinding[]): ThreatFinding {
  const applying = members.filter((m) => m.applies);
  const worst = applying.reduce<ThreatFinding | undefined>((w, m) => (severityRank(m.severity) > severityRank(w?.severity ?? null) ? m : w), undefined);
  // Most severe member first (in member order among equals): a report that shows one reason
  // shows the one behind the group's rating.
  const bySeverity = [...applying].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const evidence = applying.length > 0
    ? bySeverity.map((m) => ({ ...fact('member-applies', m.evidence[0]?.path ?? [], { threat: m.threat, severity: m.severity ?? 'low' }), location: m.evidence[0]!.location }))
    : [{ ...fact('no-member-applies', []), location: members[0]!.evidence[0]!.location }];
  return {
    threat: threat.id,
    title: threat.title,
    group: null,
    impactKind: threat.impact,
    applies: applying.length > 0,
    severity: worst?.severity ?? null,
    impact: worst?.impact ?? null,
    likelihood: worst?.likelihood ?? null,
    evidence,
    factors: [],
    recommendations: [],
    notRecommended: [],
    notRequired: [],
    undeclared: null,
  };
}
