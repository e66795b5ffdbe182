import type { BomEdge, BomItem, BomService } from './bom.js';
import { emptyItem } from './bom.js';
import { hostOf, isLocalEndpoint, providerById, providerOfEndpoint } from './providers.js';
import type { OutsideParty } from './suppliers.js';
import { bomInline } from './text.js';

/** A model used through a hosted service: who hosts it, and the service's name. */
export interface Hosting {
  party: OutsideParty;
  service: string;
}

export interface AiServices {
  /** Models served by a hosted AI service, by key. */
  hosted: Map<string, Hosting>;
  /** Models served by a local inference server, by key: the servers' names. */
  servedLocally: Map<string, string[]>;
  /** Models made for hosted AI services that name none. */
  added: BomItem[];
}

const quoted = (text: string) => `\`${bomInline(text, 80)}\``;

/**
 * Services the system calls. One that serves models from elsewhere (a hosted AI API) makes
 * them pre-trained `hosted-api` models from its provider; a local inference server (vLLM,
 * Ollama) says where a model runs, not who made it. A hosted AI service that names no model
 * becomes one.
 */
export function readAiServices(services: readonly BomService[], edgesFrom: (key: string) => readonly BomEdge[], byKey: ReadonlyMap<string, BomItem>): AiServices {
  const hosted = new Map<string, Hosting>();
  const servedLocally = new Map<string, string[]>();
  const added: BomItem[] = [];
  for (const service of services) {
    const named = providerById(service.provider?.name ?? null) ?? providerById(service.group) ?? providerById(service.name);
    const byEndpoint = service.endpoints.map(providerOfEndpoint).find((p) => p !== null) ?? null;
    const provider = named ?? byEndpoint;
    const served = edgesFrom(service.key).filter((e) => e.kind === 'dependsOn' && byKey.get(e.to)?.kind === 'model').map((e) => e.to);
    const local = provider?.kind === 'local' || (service.endpoints.length > 0 && service.endpoints.every(isLocalEndpoint));
    const ai = service.tags.some((t) => t.toLowerCase() === 'ai') || service.properties.some((p) => p.name.startsWith('cdx:ai:')) || served.length > 0 || provider?.kind === 'hosted' || byEndpoint !== null;
    if (!ai) continue;
    if (local) {
      for (const key of served) servedLocally.set(key, [...(servedLocally.get(key) ?? []), service.name]);
      continue;
    }
    const hostName = provider?.name ?? service.provider?.name ?? service.group ?? hostOf(service.endpoints[0] ?? '') ?? service.name;
    const party: OutsideParty = { name: hostName, hub: provider?.kind === 'hub', hosts: true };
    if (served.length === 0) {
      const item = emptyItem(service.key, 'model', service.name);
      item.description = service.description;
      item.facts = [`The BOM names the service ${quoted(service.name)}, not the model behind it.`];
      added.push(item);
      served.push(item.key);
    }
    for (const key of served) hosted.set(key, { party, service: service.name });
  }
  return { hosted, servedLocally, added };
}
