import { describe, expect, it } from 'vitest';
import { gapKind } from '../../src/assess/controls.js';
import type { GapKind } from '../../src/assess/types.js';
import type { ControlStatus, Project } from '../../src/project/types.js';
import { meetsThreshold } from '../../src/assess/severity.js';
import { activity, dataset, environment, model, project, supplier } from '../rules/project-builder.js';
import { assessInMemory, threat } from './assess-in-memory.js';

/**
 * DATAPOISON high (public data, hashes only recorded); DEVMODELPOISON and DEVDATALEAK low; the rest
 * not applicable. At --fail-on high the four primary controls of DATAPOISON are required, three of
 * them also because they answer its fired factors; MODELPOISON, a group, requires nothing.
 */
const required = ['DATAQUALITYCONTROL', 'DEVDATAPROTECT', 'SEGREGATEDATA', 'SUPPLYCHAINMANAGE'];
const implemented = Object.fromEntries(required.map((id) => [id, { status: 'implemented' }])) as Record<string, ControlStatus>;
const poisoned = (controls?: Record<string, ControlStatus>): Project =>
  project({
    datasets: [dataset('d', { origin: 'public-internet', protection: { encryptedAtRest: true, accessControl: true, integrityHashes: 'recorded' } })],
    models: [model('m', { parameters: 'open-weights' })],
    training: [activity('t', 'from-scratch', { model: 'm', datasets: ['d'] })],
    code: { confidentiality: 'open-source' },
    ...(controls ? { controls } : {}),
  });
const withControl = (id: string, status: ControlStatus) => poisoned({ ...implemented, [id]: status });
const accepted = (extra: Partial<ControlStatus> = {}): ControlStatus => ({ status: 'risk-accepted', owner: 'CISO', justification: 'Compensated by drift checks.', expires: '2027-01-31', ...extra });

describe('gap kinds', () => {
  const cases: [string, ControlStatus | undefined, boolean, string, GapKind | null][] = [
    ['absent', undefined, false, '2026-06-15', 'missing'],
    ['planned', { status: 'planned' }, false, '2026-06-15', 'planned'],
    ['partial', { status: 'partial' }, false, '2026-06-15', 'partial'],
    ['implemented', { status: 'implemented' }, false, '2026-06-15', null],
    ['not applicable', { status: 'not-applicable', justification: 'No second party.' }, false, '2026-06-15', null],
    ['not applicable, forbidden by policy', { status: 'not-applicable', justification: 'No second party.' }, true, '2026-06-15', 'acceptance-forbidden'],
    ['accepted, in date', accepted(), false, '2026-06-15', null],
    ['accepted, expiring on the as-of date', accepted(), false, '2027-01-31', null],
    ['accepted, the day after expiry', accepted(), false, '2027-02-01', 'acceptance-expired'],
    ['accepted, across a year end', accepted({ expires: '2026-12-31' }), false, '2027-01-01', 'acceptance-expired'],
    ['accepted without an owner', accepted({ owner: undefined }), false, '2026-06-15', 'acceptance-incomplete'],
    ['accepted without a justification', accepted({ justification: undefined }), false, '2026-06-15', 'acceptance-incomplete'],
    ['accepted, forbidden by policy', accepted(), true, '2026-06-15', 'acceptance-forbidden'],
    ['accepted, expired and forbidden', accepted({ expires: '2026-01-01' }), true, '2026-06-15', 'acceptance-forbidden'],
    ['accepted, expired and without an owner', accepted({ owner: undefined, expires: '2026-01-01' }), false, '2026-06-15', 'acceptance-expired'],
    ['forbidding acceptance does not touch an implemented control', { status: 'implemented' }, true, '2026-06-15', null],
  ];
  it.each(cases)('%s', (_name, status, forbidden, asOf, kind) => {
    expect(gapKind(status, forbidden, asOf)).toBe(kind);
  });
});

describe('required and advisory controls', () => {
  it('the primary controls of a threat at or above --fail-on are required; the others are advice', () => {
    const a = assessInMemory(poisoned());
    expect(threat(a, 'DATAPOISON').severity).toBe('high');
    expect(a.verdict).toBe('fail');
    expect(a.gaps.filter((g) => g.required).map((g) => g.control).sort()).toEqual(required);
    expect(a.counts.requiredGaps).toBe(4);
    expect(a.gaps.find((g) => g.control === 'MODELENSEMBLE')).toMatchObject({ kind: 'missing', required: false });
    const recs = threat(a, 'DATAPOISON').recommendations;
    expect(recs.find((r) => r.control === 'DATAQUALITYCONTROL')).toMatchObject({ primary: true, required: true, requiredBy: ['factor', 'primary'], status: 'missing', gap: 'missing', answers: ['data-from-public-source'] });
    expect(recs.find((r) => r.control === 'SEGREGATEDATA')).toMatchObject({ primary: true, required: true, requiredBy: ['primary'], answers: [] });
    expect(recs.find((r) => r.control === 'MODELENSEMBLE')).toMatchObject({ primary: false, required: false, requiredBy: [], gap: 'missing' });
  });

  it('a group requires nothing: DEVSECURITY, primary for MODELPOISON only, stays advice', () => {
    const a = assessInMemory(poisoned());
    expect(threat(a, 'MODELPOISON')).toMatchObject({ severity: 'high', recommendations: [] });
    expect(a.gaps.find((g) => g.control === 'DEVSECURITY')).toMatchObject({ required: false, requiredBy: [] });
  });

  it('a required gap says which fired factors it answers', () => {
    const gap = assessInMemory(poisoned()).gaps.find((g) => g.control === 'DEVDATAPROTECT')!;
    expect(gap).toMatchObject({ required: true, requiredBy: ['factor', 'primary'], severity: 'high' });
    expect(gap.answers).toEqual([{ threat: 'DATAPOISON', factor: 'no-integrity-check', text: '1 training data set(s) have no verified integrity hashes, such as `d`' }]);
  });

  it('a control that answers a fired factor is required even when the threat does not list it', () => {
    // Federated learning from phones: CONTINUOUSVALIDATION answers the automatic release of each round.
    const a = assessInMemory(project({
      datasets: [dataset('typing', { origin: 'federated-clients' })],
      models: [model('m', { parameters: 'open-weights' })],
      training: [activity('fl', 'federated', { model: 'm', datasets: ['typing'], release: 'automatic', federation: { clientsControlled: false, robustAggregation: false, secureAggregation: true } })],
      code: { confidentiality: 'open-source' },
    }));
    expect(threat(a, 'DATAPOISON').severity).toBe('critical');
    const required = a.gaps.filter((g) => g.required).map((g) => g.control).sort();
    expect(required).toEqual(['CONTINUOUSVALIDATION', 'DEVDATAPROTECT', 'DEVSECURITY', 'FEDERATEDLEARNING', 'POISONROBUSTMODEL', 'SEGREGATEDATA']);
    expect(a.gaps.find((g) => g.control === 'POISONROBUSTMODEL')!.answers.map((x) => `${x.threat} ${x.factor}`)).toEqual([
      'DATAPOISON federated-clients-uncontrolled', 'DATAPOISON aggregation-not-robust', 'DEVMODELPOISON federated-clients-uncontrolled', 'DEVMODELPOISON aggregation-not-robust',
    ]);
    // Data that never leaves the phones: protecting, segregating or inspecting stored data cannot reach it.
    expect(threat(a, 'DATAPOISON').notRequired.map((n) => n.control)).toEqual(['DEVDATAPROTECT', 'SEGREGATEDATA', 'DATAQUALITYCONTROL', 'SUPPLYCHAINMANAGE']);
    expect(a.gaps.find((g) => g.control === 'DATAQUALITYCONTROL')).toMatchObject({ required: false });
    // DEVMODELPOISON, high here, still requires its own primary controls for the model developed here.
    expect(a.gaps.find((g) => g.control === 'SEGREGATEDATA')).toMatchObject({ requiredBy: ['primary'], answers: [] });
  });

  it('advice is ranked: controls that answer fired factors first, then specific ones, then general controls', () => {
    const a = assessInMemory(poisoned(), { failOn: 'critical' });
    const tiers = a.gaps.map((g) => (g.answers.length > 0 ? 0 : g.group === null ? 1 : 2));
    expect(tiers).toEqual([...tiers].sort((x, y) => x - y));
    expect(a.gaps[0]!.answers.length).toBeGreaterThan(0);
    expect(a.gaps.filter((g) => g.group === 'governancecontrols').map((g) => g.control)).toEqual(['AIPROGRAM', 'CHECKCOMPLIANCE', 'DEVPROGRAM', 'SECDEVPROGRAM', 'SECEDUCATE', 'SECPROGRAM']);
  });

  it('with every required control implemented the project passes, with advice left over', () => {
    const a = assessInMemory(poisoned(implemented));
    expect([a.verdict, a.counts.requiredGaps]).toEqual(['pass', 0]);
    expect(a.counts.advisoryGaps).toBeGreaterThan(0);
    expect(threat(a, 'DATAPOISON').recommendations.find((r) => r.control === 'DEVDATAPROTECT')).toMatchObject({ status: 'implemented', required: true, gap: null });
  });

  it('below the threshold, primary controls are advice', () => {
    const a = assessInMemory(poisoned(), { failOn: 'critical' });
    expect([a.verdict, a.counts.requiredGaps]).toEqual(['pass', 0]);
    expect(a.gaps.find((g) => g.control === 'DATAQUALITYCONTROL')).toMatchObject({ required: false, kind: 'missing' });
  });

  it('with --fail-on none nothing is required by severity', () => {
    expect(assessInMemory(poisoned(), { failOn: 'none' }).counts.requiredGaps).toBe(0);
  });

  it.each<[ControlStatus['status'], GapKind]>([['planned', 'planned'], ['partial', 'partial']])('a %s control is a gap', (status, kind) => {
    const a = assessInMemory(withControl('DATAQUALITYCONTROL', { status }));
    expect(a.verdict).toBe('fail');
    expect(a.gaps.filter((g) => g.required)).toEqual([expect.objectContaining({ control: 'DATAQUALITYCONTROL', kind, threats: ['DATAPOISON'], severity: 'high' })]);
  });

  it('required gaps come first, then advice by weight, then by severity, then by id', () => {
    const gaps = assessInMemory(poisoned()).gaps;
    const tier = (g: (typeof gaps)[number]) => (g.required ? 0 : g.answers.length > 0 ? 1 : g.group === null ? 2 : 3);
    const keys = gaps.map((g) => [tier(g), -['low', 'medium', 'high', 'critical'].indexOf(g.severity), g.control] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2])));
  });

  it('a gap names the leaf threats it counters, most severe first, and not their group', () => {
    const gap = assessInMemory(poisoned()).gaps.find((g) => g.control === 'DEVDATAPROTECT')!;
    expect(gap.threats[0]).toBe('DATAPOISON');
    expect(gap.threats).not.toContain('MODELPOISON');
  });

  it('a gap is located at the control\'s entry when the file has one, else at the threat\'s evidence', () => {
    const a = assessInMemory(withControl('DATAQUALITYCONTROL', { status: 'planned' }));
    const planned = a.gaps.find((g) => g.control === 'DATAQUALITYCONTROL')!;
    const missing = a.gaps.find((g) => g.control === 'MODELENSEMBLE')!;
    expect(planned.location.line).toBeGreaterThan(missing.location.line);
    expect(missing.location).toEqual(threat(a, 'DATAPOISON').evidence[0]!.location);
  });
});

describe('a required gap explains itself', () => {
  /** SUPPLYMODELPOISON critical (unchecked pickle from a hub); DATAPOISON and DEVMODELPOISON below high. */
  const supplied = project({
    suppliers: [supplier('hub', 'public-source', { supplies: ['pretrained-models'] })],
    environments: [environment('lab', 'training')],
    datasets: [dataset('d', { sensitivity: ['public'] })],
    models: [
      model('backbone', { origin: 'pretrained', supplier: 'hub', format: 'pytorch-pickle', parameters: 'open-weights', storedIn: ['lab'], integrityProtected: false }),
      model('m', { baseModel: 'backbone', parameters: 'open-weights' }),
    ],
    training: [activity('t', 'transfer-learning', { model: 'm', datasets: ['d'], environment: 'lab' })],
    code: { confidentiality: 'open-source' },
  });

  // DEVDATAPROTECT was required because the group MODELPOISON was critical through
  // SUPPLYMODELPOISON, which does not list it: a group no longer requires anything.
  it('every gap required by severity carries a severity at or above --fail-on', () => {
    const a = assessInMemory(supplied);
    expect(threat(a, 'SUPPLYMODELPOISON').severity).toBe('critical');
    const required = a.gaps.filter((g) => g.required);
    expect(required.map((g) => g.control)).not.toContain('DEVDATAPROTECT');
    for (const gap of required) expect([gap.control, meetsThreshold(gap.severity, 'high')]).toEqual([gap.control, true]);
  });
});

describe('not-applicable and risk acceptances', () => {
  it('a control declared not applicable is no gap', () => {
    const a = assessInMemory(withControl('DATAQUALITYCONTROL', { status: 'not-applicable', justification: 'Synthetic data only.' }));
    expect(a.verdict).toBe('pass');
    expect(a.gaps.map((g) => g.control)).not.toContain('DATAQUALITYCONTROL');
    expect(a.acceptances).toEqual([expect.objectContaining({ control: 'DATAQUALITYCONTROL', status: 'not-applicable', state: 'declared', expires: null })]);
  });

  it('a valid risk acceptance is no gap', () => {
    const a = assessInMemory(withControl('DATAQUALITYCONTROL', accepted()));
    expect(a.verdict).toBe('pass');
    expect(a.gaps.map((g) => g.control)).not.toContain('DATAQUALITYCONTROL');
    expect(a.acceptances).toEqual([expect.objectContaining({ control: 'DATAQUALITYCONTROL', status: 'risk-accepted', owner: 'CISO', expires: '2027-01-31', state: 'valid' })]);
  });

  it('an expired acceptance is a required gap with its date', () => {
    const a = assessInMemory(withControl('DATAQUALITYCONTROL', accepted({ expires: '2026-03-31' })));
    expect(a.verdict).toBe('fail');
    expect(a.gaps[0]).toMatchObject({ control: 'DATAQUALITYCONTROL', kind: 'acceptance-expired', required: true, expires: '2026-03-31' });
    expect(a.acceptances[0]).toMatchObject({ state: 'expired', expires: '2026-03-31' });
  });

  it.each([['2027-01-30', 'pass'], ['2027-01-31', 'pass'], ['2027-02-01', 'fail']])('an acceptance expiring 2027-01-31, as of %s: %s', (asOf, verdict) => {
    expect(assessInMemory(withControl('DATAQUALITYCONTROL', accepted()), { asOf }).verdict).toBe(verdict);
  });

  it('an acceptance without an owner is incomplete', () => {
    const a = assessInMemory(withControl('DATAQUALITYCONTROL', accepted({ owner: undefined })));
    expect(a.gaps[0]).toMatchObject({ control: 'DATAQUALITYCONTROL', kind: 'acceptance-incomplete', required: true });
    expect(a.acceptances[0]).toMatchObject({ owner: null, state: 'incomplete' });
  });

  it('an acceptance the policy forbids is a gap', () => {
    const policy = { policyVersion: 1 as const, forbidRiskAcceptance: ['DATAQUALITYCONTROL'] };
    const a = assessInMemory(withControl('DATAQUALITYCONTROL', accepted()), { policy });
    expect(a.gaps[0]).toMatchObject({ control: 'DATAQUALITYCONTROL', kind: 'acceptance-forbidden', required: true });
    expect(a.acceptances[0]).toMatchObject({ state: 'forbidden' });
  });

  it('an acceptance of an advisory control that lapsed is an advisory gap', () => {
    const a = assessInMemory(withControl('MODELENSEMBLE', accepted({ expires: '2026-01-01' })));
    expect(a.verdict).toBe('pass');
    expect(a.gaps.find((g) => g.control === 'MODELENSEMBLE')).toMatchObject({ kind: 'acceptance-expired', required: false });
  });
});

describe('a gap is never rated by a group', () => {
  it('takes the severity of the leaf threats that list it, not the group\'s', () => {
    // SUPPLYMODELPOISON is critical (public hub, pickle); DEVDATAPROTECT is primary for MODELPOISON
    // (critical through it) but not for SUPPLYMODELPOISON, so the group is why it is required.
    const assessment = assessInMemory(project({
      suppliers: [supplier('hub', 'public-source', { supplies: ['pretrained-models'] })],
      datasets: [dataset('d')],
      models: [model('base', { origin: 'pretrained', supplier: 'hub', format: 'pickle', integrityProtected: false }), model('m', { baseModel: 'base', parameters: 'open-weights' })],
      training: [activity('t', 'fine-tuning', { model: 'm', datasets: ['d'] })],
      code: { confidentiality: 'open-source' },
    }));
    expect(threat(assessment, 'MODELPOISON').severity).toBe('critical');
    const gap = assessment.gaps.find((g) => g.control === 'DEVDATAPROTECT')!;
    expect(gap).toMatchObject({ required: false, severity: threat(assessment, 'DATAPOISON').severity });
    expect(gap.threats).not.toContain('MODELPOISON');
  });
});
