import type { DriftFinding } from '../discover/drift.js';
import type { Supplier } from '../project/types.js';

/**
 * Small readings of drift findings (src/discover/drift.ts) that several rules share: how a load
 * runs code, in words for a factor's `{{how}}`, and whether a supplier entry names a vendor.
 */

/** How the code loads something in a way that runs code, for the `code-executing-format` factors. */
export function codeRunsHow(d: DriftFinding): string {
  const a = d.args;
  switch (d.code) {
    case 'trust-remote-code':
      return `the code loads it with trust_remote_code (${a.api}), so the hub repository's own Python code runs`;
    case 'pickle-declared-safe':
      if (!a.model) return `the description declares only ${a.declared}, but the code deserialises ${a.format} (${a.api})`;
      return a.api ? `it is declared ${a.declared}, but the code deserialises it as ${a.format} (${a.api})` : `it is declared ${a.declared}, but its file is ${a.format}`;
    case 'dangerous-model-file':
      return `it is a ${a.format} file that imports ${a.globals}`;
    default:
      return d.code;
  }
}

/**
 * Whether a supplier entry stands for a hosted-model vendor as discover names it (`openai`,
 * `azure-openai`, `aws-bedrock`...): by id, or by name, compared without case and punctuation.
 */
export function namesVendor(supplier: Supplier, vendor: string): boolean {
  const plain = (s: string | undefined) => (s ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const v = plain(vendor);
  const id = plain(supplier.id);
  const name = plain(supplier.name);
  return id === v || (name.length > 0 && (name.includes(v) || v === name)) || (id.length >= 3 && v.includes(id)) || (name.length >= 3 && v.includes(name));
}
