import { findNodeAtLocation, parseTree, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../load/positions.js';
import type { Finding } from './types.js';

/**
 * A Hugging Face model config.json whose `auto_map` names classes in the repository's own Python
 * files: `from_pretrained(..., trust_remote_code=True)` downloads and runs them. Any other
 * config.json, or one that is not JSON, is no finding (config.json is a common name).
 */
export function analyseHfConfig(text: string, file: string): Finding[] {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true });
  if (errors.length > 0 || root?.type !== 'object') return [];
  const autoMap = findNodeAtLocation(root, ['auto_map']);
  if (!autoMap || autoMap.type !== 'object') return [];
  const classes = new Set<string>();
  for (const entry of autoMap.children ?? []) {
    const value = entry.children?.[1];
    const values = value?.type === 'array' ? (value.children ?? []) : value ? [value] : [];
    for (const v of values) if (v.type === 'string' && typeof v.value === 'string') classes.add(v.value);
  }
  const modelType = findNodeAtLocation(root, ['model_type']);
  const { line, column } = new LineIndex(text).position(autoMap.parent?.offset ?? autoMap.offset);
  return [{ file, line, column, kind: 'remote-code-config', details: { classes: [...classes].sort(), modelType: typeof modelType?.value === 'string' ? modelType.value : null } }];
}
