import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/bundled.js';
import { rules } from '../../src/rules/index.js';
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

describe('groups do not inflate gaps', () => {
  /** Only a transfer learning attack applies, and it is high: a hub model, unchecked. */
  const hubModel = project({
    suppliers: [supplier('hub', 'public-source', { supplies: ['pretrained-models'], provenance: ['model-card'] })],
    models: [model('base', { origin: 'pretrained', supplier: 'hub', parameters: 'open-weights', integrityProtected: false })],
    code: { confidentiality: 'open-source' },
  });

  it('a primary control of the group that the applying member does not list is not required', () => {
    const a = assessInMemory(hubModel);
    expect(threat(a, 'SUPPLYMODELPOISON').severity).toBe('high');
    expect(threat(a, 'MODELPOISON').severity).toBe('high');
    expect(a.gaps.find((g) => g.control === 'DEVDATAPROTECT')).toBeUndefined();
    expect(a.gaps.filter((g) => g.required).map((g) => g.control).sort()).toEqual(['POISONROBUSTMODEL', 'SUPPLYCHAINMANAGE']);
  });

  it('a gap takes the severity of its leaf threats, never the group\'s', () => {
    const a = assessInMemory(poisoned);
    expect(threat(a, 'MODELPOISON').severity).toBe('critical');
    // DEVSECURITY is a primary control of MODELPOISON and of DEVMODELPOISON, which is medium here.
    const gap = a.gaps.find((g) => g.control === 'DEVSECURITY')!;
    expect(gap.threats).not.toContain('MODELPOISON');
    expect(gap.required).toBe(false);
  });

  it('group findings carry no recommendations of their own', () => {
    expect(threat(assessInMemory(poisoned), 'MODELPOISON').recommendations).toEqual([]);
  });
});

describe('the rule registry matches the catalog', () => {
  const threats = getCatalog().threats;

  it('every leaf threat of the catalog has exactly one rule, and every rule a leaf threat', () => {
    const leaves = threats.filter((t) => t.group !== null).map((t) => t.id).sort();
    expect(rules.map((r) => r.meta.threat).sort()).toEqual(leaves);
  });

  it('a group\'s members are derived from its members\' group, and the registry lists each group\'s members together', () => {
    expect(threats.find((t) => t.id === 'MODELPOISON')?.members).toEqual(['DATAPOISON', 'DEVMODELPOISON', 'SUPPLYMODELPOISON']);
    expect(threats.find((t) => t.id === 'DEVLEAK')?.members).toEqual(['DEVCODELEAK', 'DEVDATALEAK', 'DEVMODELLEAK']);
    const groupOf = (id: string) => threats.find((t) => t.id === id)?.group;
    const order = rules.map((r) => groupOf(r.meta.threat));
    expect(order.filter((g, i) => g !== order[i - 1])).toEqual(['MODELPOISON', 'DEVLEAK']);
  });
});
