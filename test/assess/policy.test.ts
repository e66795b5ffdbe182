import { describe, expect, it } from 'vitest';
import { canonicalThreatId, loadPolicy, type Policy } from '../../src/assess/policy.js';
import { workingDirectoryScope } from '../../src/load/read-scope.js';
import type { ControlStatus, Project } from '../../src/project/types.js';
import { repoRoot, runSourceCli } from '../helpers/run-cli.js';
import { activity, dataset, model, project, supplier } from '../rules/project-builder.js';
import { assessInMemory, threat } from './assess-in-memory.js';

/** DATAPOISON high with its required controls in place; nothing else reaches high. */
const done = Object.fromEntries(['DATAQUALITYCONTROL', 'DEVDATAPROTECT', 'DEVSECURITY', 'SEGREGATEDATA', 'SUPPLYCHAINMANAGE'].map((id) => [id, { status: 'implemented' }])) as Record<string, ControlStatus>;
const poisoned: Project = project({
  datasets: [dataset('d', { origin: 'public-internet', protection: { encryptedAtRest: true, integrityHashes: 'recorded' } })],
  models: [model('m', { parameters: 'open-weights' })],
  training: [activity('t', 'from-scratch', { model: 'm', datasets: ['d'] })],
  code: { confidentiality: 'open-source' },
  controls: done,
});
/** A signed model from an assessed vendor, used as is: SUPPLYMODELPOISON applies (low). */
const supplied: Project = project({
  suppliers: [supplier('vendor', 'contracted-assessed', { supplies: ['pretrained-models'], provenance: ['signatures-verified', 'ai-bom'] })],
  models: [model('m', { origin: 'pretrained', supplier: 'vendor', format: 'onnx', parameters: 'open-weights' })],
  code: { confidentiality: 'open-source' },
});
const requiring = (...require: Policy['require'] & object): Policy => ({ policyVersion: 1, require });

describe('threat ids in a policy', () => {
  it.each([
    ['SUPPLYMODELPOISON', 'SUPPLYMODELPOISON'],
    ['TRANSFERLEARNINGATTACK', 'SUPPLYMODELPOISON'],
    ['DATAPOISON', 'DATAPOISON'],
    ['MODELPOISON', 'MODELPOISON'],
  ])('%s means %s', (id, canonical) => expect(canonicalThreatId(id)).toBe(canonical));
});

describe('controls a policy requires', () => {
  it('always: a required gap even where no threat names the control, with the policy\'s reason', () => {
    const a = assessInMemory(poisoned, { policy: requiring({ control: 'MODELWATERMARKING', reason: 'Legal wants proof of ownership.' }) });
    expect(a.verdict).toBe('fail');
    expect(a.gaps.filter((g) => g.required)).toEqual([
      expect.objectContaining({ control: 'MODELWATERMARKING', kind: 'missing', required: true, threats: [], reason: 'Legal wants proof of ownership.' }),
    ]);
  });

  it('always, without a reason: the reason says it is the policy', () => {
    const a = assessInMemory(poisoned, { policy: requiring({ control: 'MODELWATERMARKING' }) });
    expect(a.gaps.find((g) => g.control === 'MODELWATERMARKING')?.reason).toBe('required by policy');
  });

  it('always, even with --fail-on none', () => {
    expect(assessInMemory(poisoned, { failOn: 'none', policy: requiring({ control: 'MODELWATERMARKING' }) }).verdict).toBe('fail');
  });

  it('always, and in place: no gap', () => {
    const p = { ...poisoned, controls: { ...done, MODELWATERMARKING: { status: 'implemented' as const } } };
    expect(assessInMemory(p, { policy: requiring({ control: 'MODELWATERMARKING' }) }).verdict).toBe('pass');
  });

  it('when a threat applies: an advisory control becomes required, by policy', () => {
    const a = assessInMemory(poisoned, { policy: requiring({ control: 'MODELENSEMBLE', when: 'DATAPOISON', reason: 'Fraud models need a second opinion.' }) });
    expect(threat(a, 'DATAPOISON').recommendations.find((r) => r.control === 'MODELENSEMBLE')).toMatchObject({ primary: false, required: true, requiredBy: ['policy'] });
    expect(a.gaps.filter((g) => g.required)).toEqual([expect.objectContaining({ control: 'MODELENSEMBLE', threats: ['DATAPOISON', 'DEVMODELPOISON'], reason: 'Fraud models need a second opinion.' })]);
  });

  it('when a threat applies: a primary control is required by severity and by policy', () => {
    const a = assessInMemory(poisoned, { policy: requiring({ control: 'DATAQUALITYCONTROL', when: 'DATAPOISON' }) });
    expect(threat(a, 'DATAPOISON').recommendations.find((r) => r.control === 'DATAQUALITYCONTROL')?.requiredBy).toEqual(['factor', 'primary', 'policy']);
  });

  it('when a threat applies: a control the threat does not list is added to it', () => {
    const a = assessInMemory(poisoned, { policy: requiring({ control: 'MODELWATERMARKING', when: 'DATAPOISON' }) });
    expect(threat(a, 'DATAPOISON').recommendations.find((r) => r.control === 'MODELWATERMARKING')).toMatchObject({ role: 'required by policy', primary: false, required: true });
  });

  it('when a group applies', () => {
    const a = assessInMemory(poisoned, { policy: requiring({ control: 'MODELENSEMBLE', when: 'MODELPOISON' }) });
    expect(a.gaps.find((g) => g.control === 'MODELENSEMBLE')).toMatchObject({ required: true });
  });

  it('when a threat that does not apply: nothing is required', () => {
    const a = assessInMemory(poisoned, { policy: requiring({ control: 'MODELWATERMARKING', when: 'DEVMODELLEAK' }) });
    expect(threat(a, 'DEVMODELLEAK').applies).toBe(false);
    expect([a.verdict, a.gaps.map((g) => g.control)]).toEqual(['pass', expect.not.arrayContaining(['MODELWATERMARKING'])]);
  });

  it.each(['SUPPLYMODELPOISON', 'TRANSFERLEARNINGATTACK'])('when %s applies (one threat, two names)', (when) => {
    const policy = requiring({ control: 'MODELENSEMBLE', when });
    const a = assessInMemory(supplied, { policy });
    expect(threat(a, 'SUPPLYMODELPOISON')).toMatchObject({ applies: true, severity: 'low' });
    expect(a.gaps.find((g) => g.control === 'MODELENSEMBLE')).toMatchObject({ required: true, threats: ['SUPPLYMODELPOISON'] });
    expect(assessInMemory(poisoned, { policy }).gaps.find((g) => g.control === 'MODELENSEMBLE')?.required).toBe(false);
  });
});

describe('loading a policy file', () => {
  it('reads a valid policy', () => {
    const loaded = loadPolicy(`${repoRoot}test/fixtures/assess/policies/require-ensemble-for-supplied-models.yaml`, repoRoot, workingDirectoryScope(repoRoot));
    expect(loaded.ok && loaded.value).toEqual({ policyVersion: 1, name: 'Supplied models policy', require: [{ control: 'MODELENSEMBLE', when: 'TRANSFERLEARNINGATTACK' }] });
  });

  it('refuses an unknown control with its position', () => {
    const loaded = loadPolicy(`${repoRoot}test/fixtures/assess/policies/invalid-control.yaml`, repoRoot, workingDirectoryScope(repoRoot));
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems[0]).toMatchObject({ file: 'test/fixtures/assess/policies/invalid-control.yaml', line: 4, column: 14, code: 'invalid-value' });
  });
});

describe('which threshold applies: --fail-on, else the policy\'s failOn, else high', () => {
  const fixture = (name: string) => `test/fixtures/assess/${name}`;
  it.each([
    ['default high', [], 0],
    ['the policy\'s failOn', ['--policy', fixture('policies/fail-on-medium.yaml')], 1],
    ['--fail-on over the policy', ['--policy', fixture('policies/fail-on-medium.yaml'), '--fail-on', 'high'], 0],
    ['--fail-on alone', ['--fail-on', 'medium'], 1],
  ])('%s', async (_name, args, code) => {
    const result = await runSourceCli(['assess', fixture('medium-only.yaml'), ...(args as string[])]);
    expect(result.code, result.stderr).toBe(code);
  });
});
