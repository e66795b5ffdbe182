import { discoverLimits } from '../limits.js';
import type { RegularFile } from '../../load/read-file.js';

/**
 * The Keras layers in a model configuration that carry code: a Lambda layer holds a Python
 * function (marshalled bytecode or a module path) that runs when the model loads.
 */
export function lambdaLayers(config: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown, depth: number) => {
    if (depth > 100 || found.length >= 100 || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record.class_name === 'Lambda') {
      const inner = record.config as Record<string, unknown> | undefined;
      found.push(typeof inner?.name === 'string' ? inner.name : '(unnamed)');
    }
    for (const value of Object.values(record)) visit(value, depth + 1);
  };
  visit(config, 0);
  return found;
}

const marker = Buffer.from('{"class_name":');
const markerSpaced = Buffer.from('{"class_name": ');

/**
 * A Keras HDF5 file keeps its architecture as JSON in the `model_config` attribute. Rather than
 * implement HDF5, this looks for that JSON text in the first bytes of the file (Keras writes the
 * attribute before the weights) and parses it; without it, the file is plain HDF5.
 */
export function kerasConfigInHdf5(file: RegularFile): unknown | null {
  const bytes = file.readAt(0, Math.min(file.size, discoverLimits.maxHdf5ScanBytes));
  for (const needle of [markerSpaced, marker]) {
    let at = bytes.indexOf(needle);
    while (at >= 0) {
      const end = jsonEnd(bytes, at);
      if (end > 0) {
        try {
          const config = JSON.parse(bytes.subarray(at, end).toString('utf8')) as Record<string, unknown>;
          if (config && typeof config === 'object' && 'config' in config) return config;
        } catch {
          // Not the configuration; look further.
        }
      }
      at = bytes.indexOf(needle, at + 1);
    }
  }
  return null;
}

/** The offset just past the JSON object that starts at `start`, or -1: braces counted outside strings. */
function jsonEnd(bytes: Buffer, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === 0) return -1;
  }
  return -1;
}
