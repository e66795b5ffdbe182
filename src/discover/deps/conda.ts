import { isMap, isScalar, isSeq } from 'yaml';
import type { Finding, Notice } from '../types.js';
import { mlLibraries, normaliseName } from './ml-libraries.js';
import { parseRequirement } from './requirement.js';
import { readYaml } from '../yaml-file.js';

/**
 * A conda environment file: `dependencies` lists conda specs (`pytorch=2.3.1=py3.11_cuda12`,
 * `conda-forge::numpy>=1.26`) and may hold a `pip:` list of requirement strings. A conda spec is
 * pinned by `==` or by a version and a build string; `name=1.2` matches 1.2.* and is not.
 */
export function analyseCondaEnvironment(text: string, file: string): { findings: Finding[]; notices: Notice[] } {
  const parsed = readYaml(text, file);
  if ('notice' in parsed) return { findings: [], notices: [parsed.notice] };
  const { doc, at } = parsed;
  const findings: Finding[] = [];
  const root = doc.contents;
  const deps = isMap(root) ? root.get('dependencies', true) : null;
  if (!isSeq(deps)) return { findings, notices: [] };
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
