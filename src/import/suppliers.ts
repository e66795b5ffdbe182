import type { Supplier, SupplyKind } from '../project/types.js';
import type { BomItem, Party } from './bom.js';
import { hubFromPurl, IdAllocator, isPublicHub } from './guess.js';
import { providerById } from './providers.js';
import { bomInline, bomValue } from './text.js';

export const todo = 'TODO(aithreat import):';

const trustValues = ['contracted-assessed', 'known-vendor', 'public-source'] as const;

/** An outside party as the mapping uses it: who, and whether anyone can publish there. */
export interface OutsideParty {
  name: string;
  hub: boolean;
  /** The party hosts the model behind an API (a provider of `model-hosting`). */
  hosts?: boolean;
}

/**
 * The outside party an item comes from: the first of its supplier, manufacturer, authors,
 * generator-named provider and package-URL hub that is not the system's maker. A hub status looks
 * at everything the BOM says about the item: the party's links, the item's own links (a
 * `huggingface.co` website) and its package URL.
 */
export function outsideParty(item: BomItem, own: readonly string[]): OutsideParty | null {
  const provider = providerById(item.provider);
  const candidates: Party[] = [
    ...(item.supplier ? [item.supplier] : []),
    ...(item.manufacturer ? [item.manufacturer] : []),
    ...item.authors,
    ...(provider && provider.kind !== 'local' ? [{ name: provider.name, urls: [] }] : []),
    ...(hubFromPurl(item.purl) ? [{ name: hubFromPurl(item.purl)!, urls: [] }] : []),
  ];
  const party = candidates.find((p) => !own.includes(p.name.toLowerCase()));
  if (!party) return null;
  const links = [...party.urls, ...item.links.map((l) => l.url)];
  const hub = isPublicHub(party.name, links, item.purl) || providerById(party.name)?.kind === 'hub';
  return { name: party.name, hub };
}

/** Whether the BOM names the system's maker as one of the item's parties. */
export function madeByOwn(item: BomItem, own: readonly string[]): boolean {
  return [item.supplier, item.manufacturer, ...item.authors].some((p) => p !== null && own.includes(p.name.toLowerCase()));
}

/** The suppliers of one import, keyed by name; each notes what the BOM says for it and cannot. */
export class SupplierBook {
  readonly suppliers: Supplier[] = [];
  private readonly byName = new Map<string, Supplier>();
  private readonly ids = new IdAllocator();
  private unidentifiedSupplier: Supplier | null = null;
  /** Per supplier, the items whose hashes or signatures the BOM lists: evidence that exists, not evidence checked. */
  readonly integrityListed = new Map<Supplier, { names: string[]; signed: boolean }>();

  constructor(private readonly note: (path: (string | number)[], text: string) => void) {}

  /**
   * The supplier for an item from an outside party, created on first use. Every one gets `ai-bom`
   * provenance: the BOM being imported is an AI bill of materials that describes what it supplies.
   */
  take(party: OutsideParty, supplies: readonly SupplyKind[], item: BomItem | null): string {
    const nameKey = party.name.toLowerCase();
    let supplier = this.byName.get(nameKey);
    if (!supplier) {
      const stated = item?.properties.find((p) => p.name === 'aithreat:trust')?.value;
      const trust = trustValues.find((t) => t === stated) ?? (party.hub ? 'public-source' : 'known-vendor');
      supplier = { id: this.ids.take(party.name, 'supplier'), name: bomValue(party.name, 500) || 'Unnamed supplier', supplies: [], trust, provenance: ['ai-bom'] };
      this.byName.set(nameKey, supplier);
      this.suppliers.push(supplier);
      const at = ['suppliers', this.suppliers.length - 1];
      if (!stated && party.hub) this.note(at, `${todo} a public hub, so public-source: anyone can publish there.`);
      else if (!stated && party.hosts) this.note(at, `${todo} trust is a guess: contracted-assessed if there is a contract and a security assessment of this provider.`);
      else if (!stated) this.note(at, `${todo} trust is a guess: contracted-assessed if there is a contract and a security assessment, public-source if anyone can publish there.`);
    }
    return this.record(supplier, supplies, item);
  }

  private record(supplier: Supplier, supplies: readonly SupplyKind[], item: BomItem | null): string {
    for (const kind of supplies) if (!supplier.supplies.includes(kind)) supplier.supplies.push(kind);
    if (item?.modelCard && !supplier.provenance!.includes('model-card')) supplier.provenance!.push('model-card');
    if (item && (item.hashed || item.signed)) {
      const listed = this.integrityListed.get(supplier);
      if (listed) (listed.names.push(item.name), (listed.signed ||= item.signed));
      else this.integrityListed.set(supplier, { names: [item.name], signed: item.signed });
    }
    return supplier.id;
  }

  /**
   * The one supplier that stands for "someone the BOM does not name": a model is never silently
   * the maker's own. public-source is the cautious reading, and what assess assumes of a
   * pre-trained model with no supplier.
   */
  unidentified(item: BomItem): string {
    if (!this.unidentifiedSupplier) {
      this.unidentifiedSupplier = { id: this.ids.take('unidentified-publisher', 'supplier'), name: 'Unidentified publisher (the BOM names none)', supplies: [], trust: 'public-source', provenance: ['ai-bom'] };
      this.suppliers.push(this.unidentifiedSupplier);
      this.note(['suppliers', this.suppliers.length - 1], `${todo} the BOM names no maker or supplier for the models that name this supplier, so they are taken as pre-trained by someone else; replace it with the real supplier. (The project format has no trust value for an anonymous publisher yet: use it here when it has.)`);
    }
    return this.record(this.unidentifiedSupplier, ['pretrained-models'], item);
  }

  /** The notes about listed hashes and signatures, once every supplier is known. */
  integrityNotes(): void {
    const index = new Map(this.suppliers.map((s, i) => [s, i]));
    for (const [supplier, { names, signed }] of this.integrityListed) {
      const what = signed ? 'hashes or signatures' : 'hashes';
      const evidence = signed ? 'signatures-verified or hashes-verified' : 'hashes-verified';
      const unique = [...new Set(names)];
      const list = unique.slice(0, 20).map((n) => `\`${bomInline(n, 80)}\``).join(', ') + (unique.length > 20 ? ` and ${unique.length - 20} more` : '');
      this.note(['suppliers', index.get(supplier)!], `${todo} the BOM lists ${what} for ${list}; listing is not checking: add ${evidence} to provenance only if your pipeline verifies them.`);
    }
  }
}
