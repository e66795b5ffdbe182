import type { DriftEffect } from '../assess/types.js';

/**
 * What a drift finding changed, in a few words shared by the table, SARIF and JUnit: the threats
 * it makes apply, those it adds evidence to, and the factors it fires, by code.
 */
export function driftEffectWords(effects: readonly DriftEffect[]): string {
  if (effects.length === 0) return 'changes no threat here';
  const threats = (kind: DriftEffect['kind']) => [...new Set(effects.filter((e) => e.kind === kind).map((e) => e.threat))];
  const factors = effects.filter((e) => e.kind === 'factor').map((e) => `${e.threat} ${e.code}`);
  return [
    ...threats('applies').map((t) => `makes ${t} apply`),
    ...threats('evidence').map((t) => `evidence for ${t}`),
    ...(factors.length > 0 ? [`fires ${factors.join(', ')}`] : []),
  ].join('; ');
}
