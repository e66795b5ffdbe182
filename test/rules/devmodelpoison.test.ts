import { describe, expect, it } from 'vitest';
import type { Ability, Asset, Code, Environment, Federation, Model, TrainingActivity } from '../../src/project/types.js';
import { devmodelpoison } from '../../src/rules/devmodelpoison.js';
import { ability, activity, asset, environment, model, project, supplier } from './project-builder.js';
import { evaluate, evidenceTable, factorTable, rating } from './rule-cases.js';

/** Model `m`, trained here, kept in the training environment `dev`. */
const stored = (env: Partial<Environment>, m: Partial<Model> = {}) =>
  project({ environments: [environment('dev', 'training', env)], models: [model('m', { storedIn: ['dev'], ...m })] });

const trained = (mode: TrainingActivity['mode'], extra: Partial<TrainingActivity> = {}) =>
  project({ models: [model('m')], training: [activity('t', mode, { model: 'm', ...extra })] });

const federatedBy = (federation: Federation) => trained('federated', { federation });

/** A training job in environment `dev` that does not store the model there. */
const trainingIn = (env: Partial<Environment>, mode: TrainingActivity['mode']) =>
  project({ environments: [environment('dev', 'training', env)], models: [model('m')], training: [activity('t', mode, { model: 'm', environment: 'dev' })] });

describe('DEVMODELPOISON: when it applies', () => {
  const pretrained = (extra: Partial<Model> = {}) => model('m', { origin: 'pretrained', ...extra });
  evidenceTable(devmodelpoison, [
    { name: 'a model trained here', project: project({ models: [model('m')] }), applies: true, evidence: [{ code: 'model-trained-here', path: ['models', 0, 'origin'], args: { model: 'm' } }] },
    {
      name: 'a pre-trained model fine-tuned here',
      project: project({ models: [pretrained()], training: [activity('ft', 'fine-tuning', { model: 'm' })] }),
      applies: true,
      evidence: [{ code: 'model-trained-here', path: ['models', 0, 'origin'] }],
    },
    {
      name: 'a pre-trained model stored in a development environment',
      project: project({ environments: [environment('ops', 'operational'), environment('lab', 'data-engineering')], models: [pretrained({ storedIn: ['ops', 'lab'] })] }),
      applies: true,
      evidence: [{ code: 'model-stored-in-development', path: ['models', 0, 'storedIn', 1], args: { model: 'm', area: 'data-engineering', environment: 'lab' } }],
    },
    {
      name: 'not applicable: a pre-trained model only in operation',
      project: project({ environments: [environment('ops', 'operational')], models: [pretrained({ storedIn: ['ops'] })] }),
      applies: false,
      evidence: [{ code: 'no-model-developed', path: ['models'] }],
    },
    {
      name: 'not applicable: retrieval grounds a pre-trained model without changing it',
      project: project({ models: [pretrained()], training: [activity('rag', 'retrieval-augmented', { model: 'm' })] }),
      applies: false,
      evidence: [{ code: 'no-model-developed', path: ['models'] }],
    },
    { name: 'not applicable: no models', project: project(), applies: false, evidence: [{ code: 'no-model-developed', path: ['models'] }] },
  ]);

  it('a well-kept model trained here is low', () => {
    const result = evaluate(devmodelpoison, stored({}));
    expect(result.factors).toEqual([]);
    expect(rating(result)).toEqual({ impact: 2, likelihood: 1, severity: 'low' });
  });
});

describe('DEVMODELPOISON: factors', () => {
  factorTable(devmodelpoison, [
    {
      name: 'parameters not integrity-protected',
      fires: stored({}, { integrityProtected: false }),
      quiet: stored({}, { integrityProtected: true }),
      expect: { code: 'model-integrity-unprotected', path: ['models', 0, 'integrityProtected'], dimension: 'likelihood', weight: 1, args: { model: 'm' } },
      severity: 'medium',
    },
    {
      name: 'integrity protection not stated',
      fires: project({ models: [{ id: 'm', origin: 'trained-here', format: 'onnx' }] }),
      quiet: project({ models: [model('m')] }),
      expect: { code: 'model-integrity-unprotected', path: ['models', 0, 'id'], dimension: 'likelihood', weight: 1, undeclared: [['models', 0, 'integrityProtected']] },
      severity: 'medium',
    },
    {
      name: 'the format of a model trained here is not declared',
      fires: project({ models: [{ id: 'm', origin: 'trained-here', integrityProtected: true }] }),
      quiet: project({ models: [model('m', { format: 'onnx' })] }),
      expect: { code: 'code-executing-format', path: ['models', 0, 'id'], dimension: 'likelihood', weight: 1, args: { format: 'not declared' }, undeclared: [['models', 0, 'format']] },
      severity: 'medium',
    },
    {
      name: 'a hosted model\'s parameters are not blamed for signatures the project cannot make',
      fires: project({ models: [model('m', { integrityProtected: false })] }),
      quiet: project({ models: [model('m', { format: 'hosted-api', integrityProtected: false })] }),
      expect: { code: 'model-integrity-unprotected', path: ['models', 0, 'integrityProtected'], dimension: 'likelihood', weight: 1 },
      severity: 'medium',
    },
    {
      name: 'kept in an environment that is not segregated',
      fires: stored({ segregated: false }),
      quiet: stored({ segregated: true }),
      expect: { code: 'environment-unsegregated', path: ['models', 0, 'storedIn', 0], dimension: 'likelihood', weight: 1, args: { environment: 'dev' } },
      severity: 'medium',
    },
    {
      name: 'many writers (more than 5)',
      fires: stored({ access: { writers: 6 } }),
      quiet: stored({ access: { writers: 5 } }),
      expect: { code: 'many-writers', path: ['environments', 0, 'access', 'writers'], dimension: 'likelihood', weight: 1, args: { environment: 'dev', writers: '6' } },
      severity: 'medium',
    },
    {
      name: 'user-installed dependencies where the model is kept',
      fires: stored({ userInstalledDependencies: true }),
      quiet: stored({ userInstalledDependencies: false }),
      expect: { code: 'user-installed-dependencies', path: ['environments', 0, 'userInstalledDependencies'], dimension: 'likelihood', weight: 2, args: { environment: 'dev' } },
      severity: 'medium',
    },
    {
      name: 'user-installed dependencies where the model is trained',
      fires: trainingIn({ userInstalledDependencies: true }, 'from-scratch'),
      quiet: trainingIn({ userInstalledDependencies: true }, 'retrieval-augmented'),
      expect: { code: 'user-installed-dependencies', path: ['environments', 0, 'userInstalledDependencies'], dimension: 'likelihood', weight: 2 },
      severity: 'medium',
    },
    {
      name: 'how many people can change the model store is not declared',
      fires: stored({ access: {} }),
      quiet: stored({ access: { writers: 2 } }),
      expect: { code: 'many-writers', path: ['environments', 0, 'id'], dimension: 'likelihood', weight: 1, args: { writers: 'not declared' }, undeclared: [['environments', 0, 'access', 'writers']] },
      severity: 'medium',
    },
    {
      name: 'whether engineers install their own dependencies is not declared',
      fires: stored({ userInstalledDependencies: undefined }),
      quiet: stored({ userInstalledDependencies: false }),
      expect: { code: 'user-installed-dependencies', path: ['environments', 0, 'id'], dimension: 'likelihood', weight: 2, undeclared: [['environments', 0, 'userInstalledDependencies']] },
      severity: 'medium',
    },
    {
      name: 'software installed from a supplier that is not assessed',
      fires: project({ suppliers: [{ id: 'pypi', supplies: ['software-libraries'], trust: 'public-source' }], environments: [environment('dev', 'training', { installsFrom: ['pypi'] })], models: [model('m', { storedIn: ['dev'] })] }),
      quiet: project({ suppliers: [{ id: 'mirror', supplies: ['software-libraries'], trust: 'contracted-assessed' }], environments: [environment('dev', 'training', { installsFrom: ['mirror'] })], models: [model('m', { storedIn: ['dev'] })] }),
      expect: { code: 'installs-unvetted-software', path: ['environments', 0, 'installsFrom', 0], dimension: 'likelihood', weight: 1, args: { environment: 'dev', supplier: 'pypi' } },
      severity: 'medium',
    },
    {
      name: 'the model store is not monitored',
      fires: stored({ monitoring: false }),
      quiet: stored({ monitoring: true }),
      expect: { code: 'no-access-monitoring', path: ['environments', 0], dimension: 'likelihood', weight: 1, args: { environment: 'dev' } },
      severity: 'medium',
    },
    {
      name: 'federated aggregation from clients the project does not control',
      fires: federatedBy({ clientsControlled: false, robustAggregation: true, clients: 1000 }),
      quiet: federatedBy({ clientsControlled: true, robustAggregation: true }),
      expect: { code: 'federated-clients-uncontrolled', path: ['training', 0, 'mode'], dimension: 'likelihood', weight: 1, args: { activity: 't', clients: '1000' } },
      severity: 'high',
    },
    {
      name: 'whether the federated clients are controlled is not declared',
      fires: federatedBy({ robustAggregation: true }),
      quiet: federatedBy({ clientsControlled: true, robustAggregation: true }),
      expect: { code: 'federated-clients-uncontrolled', path: ['training', 0, 'mode'], dimension: 'likelihood', weight: 1, args: { clients: 'many' }, undeclared: [['training', 0, 'federation', 'clientsControlled']] },
      severity: 'high',
    },
    {
      name: 'aggregation that does not limit outlying updates',
      fires: federatedBy({ clientsControlled: true, robustAggregation: false }),
      quiet: federatedBy({ clientsControlled: true, robustAggregation: true }),
      expect: { code: 'aggregation-not-robust', path: ['training', 0, 'federation'], dimension: 'likelihood', weight: 1 },
      severity: 'high',
    },
    {
      name: 'continuous retraining released automatically raises the impact',
      fires: trained('continuous', { release: 'automatic' }),
      quiet: trained('continuous', { release: 'after-validation' }),
      expect: { code: 'automated-retraining', path: ['training', 0, 'release'], dimension: 'impact', weight: 3, args: { activity: 't', mode: 'continuous' } },
      severity: 'medium',
    },
    {
      name: 'continuous retraining whose release is not declared raises the impact, worded as not declared',
      fires: trained('continuous'),
      quiet: trained('from-scratch'),
      expect: { code: 'automated-retraining', path: ['training', 0, 'mode'], dimension: 'impact', weight: 3, undeclared: [['training', 0, 'release']] },
      severity: 'medium',
    },
  ]);

  it('robust aggregation takes uncontrolled federated clients from 2 points to 1', () => {
    expect(rating(evaluate(devmodelpoison, federatedBy({ clientsControlled: false, robustAggregation: false })))).toEqual({ impact: 3, likelihood: 2, severity: 'high' });
    const robust = evaluate(devmodelpoison, federatedBy({ clientsControlled: false, robustAggregation: true }));
    expect(robust.factors.filter((f) => f.dimension === 'likelihood').reduce((sum, f) => sum + f.weight, 0)).toBe(1);
  });

  it('the same environment found through storage and training counts once', () => {
    const p = project({
      environments: [environment('dev', 'training', { userInstalledDependencies: true })],
      models: [model('m', { storedIn: ['dev'] })],
      training: [activity('t', 'from-scratch', { model: 'm', environment: 'dev' })],
    });
    const result = evaluate(devmodelpoison, p);
    expect(result.factors.filter((f) => f.code === 'user-installed-dependencies')).toHaveLength(1);
    expect(rating(result).likelihood).toBe(2);
  });

  it('a wide-open lab machine makes a model trained in it critical under continuous retraining', () => {
    const p = project({
      environments: [environment('lab', 'training', { segregated: false, monitoring: false, userInstalledDependencies: true, access: { writers: 14 } })],
      models: [model('m', { storedIn: ['lab'], integrityProtected: false })],
      training: [activity('t', 'continuous', { model: 'm', environment: 'lab' })],
    });
    expect(rating(evaluate(devmodelpoison, p))).toEqual({ impact: 3, likelihood: 3, severity: 'critical' });
  });
});

/**
 * A hosted model (`llm`) steered by system prompt `prompt`, kept in environment `repo`
 * (application development): nothing is trained here, so only the prompt makes the threat apply.
 */
const prompted = (a: Partial<Asset> = {}, code?: Code, env: Partial<Environment> = {}) =>
  project({
    environments: [environment('repo', 'application-development', env)],
    models: [model('llm', { origin: 'pretrained', format: 'hosted-api' })],
    assets: [asset('prompt', 'system-prompt', { usedBy: ['llm'], storedIn: ['repo'], ...a })],
    ...(code ? { code } : {}),
  });

describe('DEVMODELPOISON: assets that steer a model', () => {
  evidenceTable(devmodelpoison, [
    {
      name: 'a system prompt steers a hosted model',
      project: prompted(),
      applies: true,
      evidence: [{ code: 'behaviour-asset-kept', path: ['assets', 0, 'kind'], args: { kind: 'system prompt', asset: 'prompt', steered: 'the behaviour of model `llm`' } }],
    },
    {
      name: 'a reward function that names no model',
      project: project({ assets: [asset('reward', 'reward-function')] }),
      applies: true,
      evidence: [{ code: 'behaviour-asset-kept', path: ['assets', 0, 'kind'], args: { kind: 'reward function', steered: 'what the models do' } }],
    },
  ]);

  it('a reviewed, checked prompt few people can change is low', () => {
    const result = evaluate(devmodelpoison, prompted());
    expect(result.factors).toEqual([]);
    expect(rating(result).severity).toBe('low');
  });

  factorTable(devmodelpoison, [
    {
      name: 'many people can change an asset',
      fires: prompted({ access: { writers: 9 } }),
      quiet: prompted({ access: { writers: 5 } }),
      expect: { code: 'asset-many-writers', path: ['assets', 0, 'access', 'writers'], dimension: 'likelihood', weight: 1, args: { kind: 'system prompt', asset: 'prompt', writers: '9' } },
      severity: 'medium',
    },
    {
      name: 'an asset kept with the code has the code\'s writers',
      fires: prompted({ access: undefined }, { access: { writers: 12 } }),
      quiet: prompted({ access: undefined }, { access: { writers: 3 } }),
      expect: { code: 'asset-many-writers', path: ['code', 'access', 'writers'], dimension: 'likelihood', weight: 1, args: { writers: '12' } },
      severity: 'medium',
    },
    {
      name: 'who can change an asset is declared neither for it nor for the code',
      fires: prompted({ access: undefined }),
      quiet: prompted({ access: { writers: 2 } }),
      expect: { code: 'asset-many-writers', path: ['assets', 0, 'id'], dimension: 'likelihood', weight: 1, args: { writers: 'not declared' }, undeclared: [['assets', 0, 'access', 'writers']] },
      severity: 'medium',
    },
    {
      name: 'changes to an asset go live without a review',
      fires: prompted({ changeReview: false }),
      quiet: prompted({ changeReview: true }),
      expect: { code: 'asset-changes-unreviewed', path: ['assets', 0, 'changeReview'], dimension: 'likelihood', weight: 1, args: { kind: 'system prompt', asset: 'prompt' } },
      severity: 'medium',
    },
    {
      name: 'whether changes to an asset are reviewed is not declared',
      fires: prompted({ changeReview: undefined }),
      quiet: prompted(),
      expect: { code: 'asset-changes-unreviewed', path: ['assets', 0, 'id'], dimension: 'likelihood', weight: 1, undeclared: [['assets', 0, 'changeReview']] },
      severity: 'medium',
    },
    {
      name: 'the running system does not check an asset against its approved version',
      fires: prompted({ integrityChecked: false }),
      quiet: prompted({ integrityChecked: true }),
      expect: { code: 'asset-not-checked', path: ['assets', 0, 'integrityChecked'], dimension: 'likelihood', weight: 1 },
      severity: 'medium',
    },
    {
      name: 'whether an asset is checked at runtime is not declared',
      fires: prompted({ integrityChecked: undefined }),
      quiet: prompted(),
      expect: { code: 'asset-not-checked', path: ['assets', 0, 'id'], dimension: 'likelihood', weight: 1, undeclared: [['assets', 0, 'integrityChecked']] },
      severity: 'medium',
    },
    {
      name: 'engineers install their own packages where a prompt is written',
      fires: prompted({}, undefined, { userInstalledDependencies: true }),
      quiet: prompted({}, undefined, { userInstalledDependencies: false }),
      expect: { code: 'user-installed-dependencies', path: ['environments', 0, 'userInstalledDependencies'], dimension: 'likelihood', weight: 2, args: { environment: 'repo' } },
      severity: 'medium',
    },
  ]);

  it('a prompt kept in the operational environment brings no development environment with it', () => {
    const p = prompted({}, undefined, { userInstalledDependencies: true });
    p.environments![0]!.area = 'operational';
    expect(evaluate(devmodelpoison, p).factors.map((f) => f.code)).toEqual([]);
  });

  it('counts several assets changed without review once, with their number', () => {
    const p = project({ assets: [asset('a', 'system-prompt', { changeReview: false }), asset('b', 'agent-configuration', { changeReview: false })] });
    const found = evaluate(devmodelpoison, p).factors.filter((f) => f.code === 'asset-changes-unreviewed');
    expect(found.map((f) => f.args)).toEqual([{ kind: 'system prompt', asset: 'a', count: '2' }]);
  });
});

/** Model `m` trained in environment `dev` (training area); MCP server `tools` from `vendor` runs there. */
const toolIn = (a: Partial<Ability> = {}, area: Environment['area'] = 'training') =>
  project({
    suppliers: [supplier('vendor', 'known-vendor', { supplies: ['abilities'] })],
    environments: [environment('dev', area)],
    models: [model('m', { storedIn: ['dev'] })],
    abilities: [ability('tools', 'mcp-server', { supplier: 'vendor', runsIn: ['dev'], ...a })],
  });

describe('DEVMODELPOISON: supplied abilities that run where models are developed', () => {
  factorTable(devmodelpoison, [
    {
      name: 'an ability neither pinned nor verified',
      fires: toolIn({ pinned: false, verified: false }),
      quiet: toolIn(),
      expect: { code: 'unvetted-ability-in-development', path: ['abilities', 0, 'runsIn', 0], dimension: 'likelihood', weight: 2, args: { kind: 'MCP server', ability: 'tools', supplier: '`vendor`', environment: 'dev', gap: 'neither pinned nor verified' } },
      severity: 'medium',
    },
    {
      name: 'an ability pinned but not verified',
      fires: toolIn({ verified: false }),
      quiet: toolIn({ verified: true }),
      expect: { code: 'unvetted-ability-in-development', path: ['abilities', 0, 'runsIn', 0], dimension: 'likelihood', weight: 2, args: { gap: 'not verified' } },
      severity: 'medium',
    },
    {
      name: 'an ability whose pinning and verification are not declared',
      fires: toolIn({ pinned: undefined, verified: undefined }),
      quiet: toolIn(),
      expect: { code: 'unvetted-ability-in-development', path: ['abilities', 0, 'runsIn', 0], dimension: 'likelihood', weight: 2, undeclared: [['abilities', 0, 'pinned'], ['abilities', 0, 'verified']] },
      severity: 'medium',
    },
  ]);

  it('counts no ability that runs only where no model is developed, nor one built here', () => {
    expect(evaluate(devmodelpoison, toolIn({ pinned: false }, 'operational')).factors.map((f) => f.code)).not.toContain('unvetted-ability-in-development');
    const p = toolIn({ pinned: false, origin: 'built-here', supplier: undefined });
    expect(evaluate(devmodelpoison, p).factors.map((f) => f.code)).not.toContain('unvetted-ability-in-development');
  });
});
