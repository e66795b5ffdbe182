import type { DataPath } from '../load/locate.js';

/** A readable form of a data path for messages: `controls[2].id`. */
export function formatNodePath(path: DataPath): string {
  return path
    .map((segment, index) => (typeof segment === 'number' || /^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}
