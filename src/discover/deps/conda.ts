import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import { notice } from '../read.js';
import type { Finding, Notice } from '../types.js';
import { mlLibraries, normaliseName } from './ml-libraries.js';
import { parseRequirement } from './requirement.js';

/**
 * A conda environment file: `dependencies` lists conda specs (`pytorch=2.3.1=py3.11_cuda12`,
 * `conda-forge::numpy>=1.26`) and may hold a `pip:` list of requirement strings. A conda spec is
 * pinned by `==` or by a version and a build string; `name=1.2` matches 1.2.* and is not.
 */
export function analyseCondaEnvironment(text: string, file: string): { findings: Finding[]; notices: Notice[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const { line, col } = counter.linePos(doc.errors[0]!.pos[0]);
    return { findings: [], notices: [notice(file, 'not-yaml', `is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`, line, col)] };
  }
  const findings: Finding[] = [];
  const root = doc.contents;
  const deps = isMap(root) ? root.get('dependencies', true) : null;
  if (!isSeq(deps)) return { findings, notices: [] };
  const at = (node: Node) => {
    const { line, col } = counter.linePos(node.range?.[0] ?? 0);
    return { line, column: col };
  };
  for (const item of deps.items) {
    if (isScalar(item) && typeof item.value === 'string') {
      const spec = item.value.includes('::') ? item.value.slice(item.value.indexOf('::') + 2) : item.value;
      const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(spec)?.[0];
      if (!name || !mlLibraries.has(normaliseName(name))) continue;
      const rest = spec.slice(name.length).trim();
      const pinned = rest.startsWith('==') || /^=[^=*]+=[^=]+$/.test(rest);
      findings.push({ file, ...at(item), kind: 'dependency', details: { manager: 'conda', name: normaliseName(name), specifier: rest, pinned, hashed: false } });
    } else if (isMap(item)) {
      const pip = item.get('pip', true);
      if (!isSeq(pip)) continue;
      for (const entry of pip.items) {
        if (!isScalar(entry) || typeof entry.value !== 'string') continue;
        const r = parseRequirement(entry.value);
        if (!r || !mlLibraries.has(normaliseName(r.name))) continue;
        findings.push({ file, ...at(entry), kind: 'dependency', details: { manager: 'conda', name: normaliseName(r.name), specifier: r.specifier, pinned: r.pinned, hashed: entry.value.includes('--hash') } });
      }
    }
  }
  return { findings, notices: [] };
}
