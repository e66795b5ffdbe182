import type { BomItem } from './bom.js';

/**
 * Generators list one model in several places: as the BOM's subject and as a component, once per
 * place in the code that names it (cdxgen), as an SPDX `software_Package` and an `ai_AIPackage`
 * of the same name, or with the group repeated in the name (`Qwen` / `Qwen/Qwen-7B`). Items that
 * are the same thing become one; the first one listed leads and the others fill its gaps.
 */

/** The name a model or data set goes by: `group/name`, unless the name already starts with its group or the group is only a generator's provider id. */
export function fullName(item: Pick<BomItem, 'name' | 'group' | 'provider'>): string {
  const { name, group } = item;
  if (!group || name.includes('/')) return name;
  if (item.provider && group.toLowerCase() === item.provider.toLowerCase()) return name;
  return `${group}/${name}`;
}

/** A package URL without its version, qualifiers and subpath, lower-cased: the thing, whatever release. */
export function purlIdentity(purl: string | null): string | null {
  if (!purl || !purl.startsWith('pkg:')) return null;
  return purl.replace(/[?#].*$/, '').replace(/@[^/]*$/, '').toLowerCase();
}

function nameIdentity(item: BomItem): string {
  return `${item.kind}:${fullName(item).toLowerCase()}`;
}

/**
 * The items of one name, found by version in constant time: two listings are one item when their
 * versions are equal or one of them is unstated.
 */
interface NameEntry {
  first: BomItem;
  unversioned: BomItem | null;
  byVersion: Map<string, BomItem>;
}

function findByName(entry: NameEntry | undefined, item: BomItem): BomItem | undefined {
  if (!entry) return undefined;
  if (item.version === null) return entry.first;
  return entry.byVersion.get(item.version.toLowerCase()) ?? entry.unversioned ?? undefined;
}

function addByName(byName: Map<string, NameEntry>, item: BomItem): void {
  const key = nameIdentity(item);
  let entry = byName.get(key);
  if (!entry) byName.set(key, (entry = { first: item, unversioned: null, byVersion: new Map() }));
  if (item.version === null) entry.unversioned ??= item;
  else if (!entry.byVersion.has(item.version.toLowerCase())) entry.byVersion.set(item.version.toLowerCase(), item);
}

export interface Merged {
  items: BomItem[];
  /** Every key of the BOM to the key of the item it became. */
  keyOf: Map<string, string>;
}

export function mergeDuplicates(listed: readonly BomItem[]): Merged {
  const items: BomItem[] = [];
  const keyOf = new Map<string, string>();
  const byKey = new Map<string, BomItem>();
  const byPurl = new Map<string, BomItem>();
  const byName = new Map<string, NameEntry>();
  for (const item of listed) {
    const purl = purlIdentity(item.purl);
    const sameName = findByName(byName.get(nameIdentity(item)), item);
    const lead = byKey.get(item.key) ?? (purl ? byPurl.get(purl) : undefined) ?? sameName;
    if (lead && lead.kind === item.kind) {
      fill(lead, item);
      keyOf.set(item.key, lead.key);
      if (purl && !byPurl.has(purl)) byPurl.set(purl, lead);
      continue;
    }
    const key = lead ? uniqueKey(item.key, byKey) : item.key;
    const copy: BomItem = { ...item, key, links: [...item.links], properties: [...item.properties], licenses: [...item.licenses], cardDatasets: [...item.cardDatasets], data: [...item.data], facts: [...item.facts], fileNames: [...item.fileNames], authors: [...item.authors] };
    items.push(copy);
    byKey.set(key, copy);
    if (!keyOf.has(item.key)) keyOf.set(item.key, key);
    if (purl && !byPurl.has(purl)) byPurl.set(purl, copy);
    addByName(byName, copy);
  }
  return { items, keyOf };
}

/** A key not yet taken, for an item that shares its key with one of another kind. */
function uniqueKey(key: string, taken: ReadonlyMap<string, unknown>): string {
  let n = 2;
  while (taken.has(`${key}#${n}`)) n++;
  return `${key}#${n}`;
}

/** The lead keeps what it says; what it leaves unsaid comes from the other listing. */
function fill(lead: BomItem, other: BomItem): void {
  lead.group ??= other.group;
  lead.version ??= other.version;
  lead.description ??= other.description;
  lead.supplier ??= other.supplier;
  lead.manufacturer ??= other.manufacturer;
  lead.provider ??= other.provider;
  lead.purl ??= other.purl;
  lead.confidentiality ??= other.confidentiality;
  lead.personalData ??= other.personalData;
  lead.availability ??= other.availability;
  lead.safetyRisk ??= other.safetyRisk;
  lead.hashed ||= other.hashed;
  lead.signed ||= other.signed;
  lead.modelCard ||= other.modelCard;
  lead.producedHere ||= other.producedHere;
  lead.excluded &&= other.excluded;
  const union = <T>(a: T[], b: readonly T[], key: (t: T) => string) => {
    const seen = new Set(a.map(key));
    for (const entry of b) if (!seen.has(key(entry))) (seen.add(key(entry)), a.push(entry));
  };
  union(lead.authors, other.authors, (p) => p.name.toLowerCase());
  union(lead.links, other.links, (l) => `${l.type} ${l.url}`);
  union(lead.properties, other.properties, (p) => `${p.name}=${p.value}`);
  union(lead.licenses, other.licenses, (l) => l);
  union(lead.cardDatasets, other.cardDatasets, (d) => JSON.stringify(d));
  union(lead.data, other.data, (d) => JSON.stringify(d));
  union(lead.facts, other.facts, (f) => f);
  union(lead.fileNames, other.fileNames, (f) => f);
}
