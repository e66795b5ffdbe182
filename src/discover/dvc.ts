import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Finding, Notice } from './types.js';
import { readYaml } from './yaml-file.js';

/**
 * DVC's files: a `.dvc` file or `dvc.yaml` names tracked data (its `outs`, and `deps` that are
 * URLs, as `dvc import-url` writes them) with their hashes and remotes; `.dvc/config` names the
 * remotes where the data is kept.
 */
export function analyseDvcYaml(text: string, file: string): { findings: Finding[]; notices: Notice[] } {
  const parsed = readYaml(text, file);
  if ('notice' in parsed) return { findings: [], notices: [parsed.notice] };
  const { doc, at } = parsed;
  const findings: Finding[] = [];
  // Paths in DVC files are relative to the file's folder; findings name them from the repository root.
  const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  const inRepo = (path: string) => (/^[a-z][a-z0-9+]*:\/\//.test(path) || path.startsWith('/') ? path : `${folder}${path}`);
  const str = (map: YAMLMap, key: string) => {
    const v = map.get(key);
    return typeof v === 'string' ? v : null;
  };
  const entries = (map: unknown, key: string) => {
    const list = isMap(map) ? map.get(key, true) : null;
    return isSeq(list) ? list.items : [];
  };
  const read = (owner: unknown, url: string | null) => {
    const deps = entries(owner, 'deps').filter((d): d is YAMLMap => isMap(d));
    const source = url ?? deps.map((d) => str(d, 'path')).find((p) => p !== null && /^[a-z][a-z0-9+]*:\/\//.test(p)) ?? null;
    for (const out of entries(owner, 'outs')) {
      if (isScalar(out) && typeof out.value === 'string') findings.push({ file, ...at(out), kind: 'dvc-data', details: { path: inRepo(out.value), source, md5: null, remote: null } });
      else if (isMap(out)) {
        const path = str(out, 'path');
        if (path) findings.push({ file, ...at(out), kind: 'dvc-data', details: { path: inRepo(path), source, md5: str(out, 'md5'), remote: str(out, 'remote') } });
      }
    }
  };
  const root = doc.contents;
  if (file.endsWith('.dvc')) {
    const repo = isMap(root) ? entries(root, 'deps').find((d) => isMap(d) && isMap(d.get('repo', true))) : undefined;
    const repoUrl = isMap(repo) ? (repo.getIn(['repo', 'url']) as string | undefined) ?? null : null;
    read(root, repoUrl);
  } else if (isMap(root)) {
    const stages = root.get('stages', true);
    if (isMap(stages)) for (const pair of stages.items) read(pair.value, null);
  }
  return { findings, notices: [] };
}

/** `.dvc/config`: INI sections `['remote "name"']` with a `url`. */
export function analyseDvcConfig(text: string, file: string): Finding[] {
  const findings: Finding[] = [];
  let remote: { name: string; line: number } | null = null;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('[')) {
      const header = line.replace(/^\[\s*'?|'?\s*\]$/g, '');
      remote = header.startsWith('remote "') && header.endsWith('"') ? { name: header.slice(8, -1), line: i + 1 } : null;
    } else if (remote && line.startsWith('url')) {
      const value = line.slice(line.indexOf('=') + 1).trim();
      if (line.includes('=') && value) findings.push({ file, line: i + 1, column: lines[i]!.indexOf('url') + 1, kind: 'dvc-remote', details: { name: remote.name, url: value } });
    }
  }
  return findings;
}
