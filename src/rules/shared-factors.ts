import type { AbilityKind, AssetKind, Environment } from '../project/types.js';
import type { DataPath } from '../load/locate.js';
import type { FactorDefinition, Undeclared } from './api.js';
import { anyRisk, riskOf } from './make-facts.js';

/**
 * Factors that several rules read the same way. Each rule takes the wording from here and names
 * the controls that answer the factor for its own threat.
 */
export const accessMonitoring = (controls: readonly string[]): FactorDefinition => ({
  dimension: 'likelihood',
  weight: 1,
  message: 'access to environment `{{environment}}` is not logged and monitored',
  undeclared: '{{fields}} of environment `{{environment}}` {{verb}} not declared',
  controls,
  when: 'an environment that holds the asset does not log access, or nobody watches the logs (`accessLogging`, `monitoring`)',
});

export const broadAccess = (controls: readonly string[]): FactorDefinition => ({
  dimension: 'likelihood',
  weight: 1,
  message: '{{people}} people can read what {{what}} holds',
  undeclared: 'how many people can read what {{what}} holds is not declared',
  controls,
  when: 'more than 20 people can read what holds the asset (`access.people`)',
});

export const confidentialComputing = (controls: readonly string[]): FactorDefinition => ({
  dimension: 'likelihood',
  weight: -1,
  message: 'environment `{{environment}}` hides data and parameters from engineers while in use',
  controls,
  when: 'an environment that holds the asset declares `confidentialComputing: true` (protective)',
});

export const automatedRetraining = (controls: readonly string[]): FactorDefinition => ({
  dimension: 'impact',
  weight: 3,
  message: 'training activity `{{activity}}` ({{mode}}) releases the retrained model without a validation in between',
  undeclared: 'whether training activity `{{activity}}` ({{mode}}) releases the retrained model automatically or after validation is not declared',
  controls,
  when: 'continuous or federated training releases each retrained model by itself (`release: automatic`); `after-validation` does not raise the impact',
});

/** Whether access to an environment is logged and watched; `fields` names what is left out. */
export function monitoringRisk(env: Environment, envPath: DataPath, reads: readonly ('accessLogging' | 'monitoring')[] = bothReads): { undeclared: readonly Undeclared[]; args: { fields: string; verb: string } } | null {
  const risk = reads.length === 1 ? riskOf(env[reads[0]!], env[reads[0]!] === true, envPath, reads[0]!, 'true') : anyRisk(...reads.map((key) => riskOf(env[key], env[key] === true, envPath, key, 'true')));
  if (risk === null) return null;
  const names = risk.map((u) => (u.path.at(-1) === 'accessLogging' ? 'access logging' : 'access monitoring'));
  return { undeclared: risk, args: names.length === 2 ? { fields: 'access logging and monitoring', verb: 'are' } : { fields: names[0] ?? 'access logging', verb: 'is' } };
}

const bothReads = ['accessLogging', 'monitoring'] as const;

/** Whether more than `limit` people can read what an access block covers. */
export function broadAccessRisk(access: Environment['access'], path: DataPath, limit: number): readonly Undeclared[] | null {
  return riskOf(access?.people, (access?.people ?? 0) <= limit, path, 'access.people', `a number up to ${limit}`);
}

/** How a report names each kind of ability and asset in a fact's wording. */
export const abilityWords: Readonly<Record<AbilityKind, string>> = {
  'mcp-server': 'MCP server',
  skill: 'skill',
  plugin: 'plugin',
  'external-agent': 'external agent',
  tool: 'tool',
};

export const assetWords: Readonly<Record<AssetKind, string>> = {
  'system-prompt': 'system prompt',
  'agent-configuration': 'agent configuration',
  'reward-function': 'reward function',
};

/** The models an ability or asset serves, for a fact's wording: `model \`a\``, `models \`a\` and \`b\``, at most three by name. */
export function modelsNamed(ids: readonly string[] | undefined, none: string): string {
  if (!ids || ids.length === 0) return none;
  const named = ids.slice(0, 3).map((id) => `\`${id}\``);
  if (ids.length === 1) return `model ${named[0]}`;
  // A list of thousands would make one line of the report as long as the file.
  return ids.length > 3 ? `models ${named.join(', ')} and ${ids.length - 3} more` : `models ${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}
