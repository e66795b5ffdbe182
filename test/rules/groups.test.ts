import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/bundled.js';
import { groupRules, rules } from '../../src/rules/index.js';
import { assessInMemory, threat } from '../assess/assess-in-memory.js';
import { activity, dataset, environment, model, project, supplier } from './project-builder.js';

/** DATAPOISON critical (public data, continuous retraining), DEVMODELPOISON and DEVDATALEAK low, the rest not applicable. */
const poisoned = project({
  datasets: [dataset('d', { origin: 'public-internet', sensitivity: ['internal'], protection: { encryptedAtRest: true, integrityHashes: 'recorded' } })],
  models: [model('m', { parameters: 'open-weights' })],
  training: [activity('t', 'from-scratch', { model: 'm', datasets: ['d'] }), activity('n', 'continuous', { model: 'm', datasets: ['d'] })],
  code: { confidentiality: 'open-source' },
});

/** Nothing confidential anywhere: public data, open weights, open-source code. */
const open = project({
  suppliers: [supplier('hub', 'public-source', { supplies: ['pretrained-models'] })],
  environments: [environment('lab', 'training')],
  datasets: [dataset('d', { sensitivity: ['public'] })],
  models: [model('m', { parameters: 'open-weights', storedIn: ['lab'] })],
  code: { confidentiality: 'open-source' },
});

describe('group threats', () => {
  it('MODELPOISON takes the highest severity of its members, with its impact and likelihood', () => {
    const a = assessInMemory(poisoned);
    const data = threat(a, 'DATAPOISON');
    const model = threat(a, 'DEVMODELPOISON');
    expect([data.severity, model.severity, threat(a, 'SUPPLYMODELPOISON').applies]).toEqual(['critical', 'medium', false]);
    const group = threat(a, 'MODELPOISON');
    expect(group).toMatchObject({ applies: true, group: null, severity: 'critical', impact: data.impact, likelihood: data.likelihood, factors: [] });
  });

  it('names each applying member, in member order, with its severity and where its evidence is', () => {
    const a = assessInMemory(poisoned);
    const group = threat(a, 'MODELPOISON');
    expect(group.evidence.map((e) => ({ code: e.code, args: e.args }))).toEqual([
      { code: 'member-applies', args: { threat: 'DATAPOISON', severity: 'critical' } },
      { code: 'member-applies', args: { threat: 'DEVMODELPOISON', severity: 'medium' } },
    ]);
    expect(group.evidence[0]!.location).toEqual(threat(a, 'DATAPOISON').evidence[0]!.location);
  });

  it('DEVLEAK applies when one member does, at that member\'s severity', () => {
    const a = assessInMemory(poisoned);
    expect(threat(a, 'DEVDATALEAK')).toMatchObject({ applies: true, severity: 'low' });
    expect(threat(a, 'DEVLEAK')).toMatchObject({ applies: true, severity: 'low' });
    expect(threat(a, 'DEVLEAK').evidence.map((e) => e.args?.threat)).toEqual(['DEVDATALEAK']);
  });

  it('is not applicable when no member applies', () => {
    const a = assessInMemory(open);
    for (const id of ['DEVDATALEAK', 'DEVMODELLEAK', 'DEVCODELEAK']) expect(threat(a, id).applies).toBe(false);
    expect(threat(a, 'DEVLEAK')).toMatchObject({ applies: false, severity: null, impact: null, likelihood: null, recommendations: [] });
    expect(threat(a, 'DEVLEAK').evidence.map((e) => e.code)).toEqual(['no-member-applies']);
  });

  it('groups are not counted among the applicable threats', () => {
    const a = assessInMemory(poisoned);
    expect(a.counts.applicable).toBe(3);
    expect(a.counts.bySeverity).toEqual({ critical: 1, high: 0, medium: 1, low: 1 });
  });

  it('orders findings as the AI Exchange section does: each group, then its members', () => {
    expect(assessInMemory(open).threats.map((t) => t.threat)).toEqual(['MODELPOISON', 'DATAPOISON', 'DEVMODELPOISON', 'SUPPLYMODELPOISON', 'DEVLEAK', 'DEVDATALEAK', 'DEVMODELLEAK', 'DEVCODELEAK']);
  });
});

describe('the rule registry matches the catalog', () => {
  const threats = getCatalog().threats;
  it.each(groupRules.map((g) => [g.threat, g]))('group %s has the catalog\'s members', (_id, group) => {
    const entry = threats.find((t) => t.id === group.threat);
    expect(entry?.group).toBeNull();
    expect([...group.members]).toEqual(entry?.members);
  });

  it('every leaf threat of the catalog has exactly one rule, and every rule a leaf threat', () => {
    const leaves = threats.filter((t) => t.group !== null).map((t) => t.id).sort();
    expect(rules.map((r) => r.threat).sort()).toEqual(leaves);
    expect(groupRules.flatMap((g) => g.members).sort()).toEqual(leaves);
  });
});
