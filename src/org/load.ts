import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { entryOrigin, loadCatalogExtension } from '../catalog/load.js';
import type { Catalog } from '../catalog/types.js';
import { locate, type Position } from '../load/locate.js';
import { outsideScope, type ReadScope } from '../load/read-scope.js';
import { loadYamlFile, readText } from '../load/source.js';
import type { Problem } from '../problem.js';
import type { Rule } from '../rules/api.js';
import { displayPath } from '../validate/load-project.js';
import { compileRule, withFactors, type CompiledRule } from './declarative-rule.js';
import { checkRuleFile } from './rule-file.js';

/** A folder to read, with the tree it may be read from (see read-scope.ts). */
export interface OrgSource {
  path: string;
  scope: ReadScope;
}

/** At most this many YAML files in one catalog or rules folder: a larger one is a mistake, not a slow run. */
export const maxFilesPerFolder = 500;

/**
 * The catalog of a run: the built-in one, then each organisation catalog on top of the one before,
 * so a later catalog may name an earlier one's entries. Every file is read through the one reader
 * (src/load/read-file.ts) within its folder's scope; every problem is positioned.
 */
export function loadOrgCatalogs(base: Catalog, sources: readonly OrgSource[], cwd: string): { catalog: Catalog; problems: Problem[]; origins: Map<string, { file: string } & Position>; files: string[] } {
  let catalog = base;
  const problems: Problem[] = [];
  const files: string[] = [];
  const origins = new Map<string, { file: string } & Position>();
  for (const source of sources) {
    const dir = resolve(cwd, source.path);
    const refused = folderProblem(dir, source.path, source.scope);
    if (refused) {
      problems.push(refused);
      continue;
    }
    const loaded = loadCatalogExtension(catalog, dir, {
      read: (path, shown) => {
        files.push(path);
        const read = readText(path, shown, source.scope);
        return 'problem' in read ? { problem: read.problem } : read;
      },
      shown: (path) => displayPath(path, cwd),
      maxFiles: maxFilesPerFolder,
      untrusted: true,
    });
    for (const threat of loaded.extra.threats) {
      const origin = entryOrigin(threat);
      if (origin) origins.set(threat.id, origin);
    }
    problems.push(...loaded.problems.map((p): Problem => ({ code: 'invalid-catalog', ...p })));
    catalog = loaded.catalog;
  }
  return { catalog, problems, origins, files };
}

/**
 * The rules of a run: the built-in rules, each with the factors an organisation adds to its
 * threat, then the organisation's rules that decide threats of its own catalog, by threat id.
 * A threat has one rule that decides it; factor codes stay unique within it.
 */
export function loadOrgRules(catalog: Catalog, builtIn: readonly Rule[], sources: readonly OrgSource[], cwd: string): { rules: Rule[]; problems: Problem[]; files: string[] } {
  const problems: Problem[] = [];
  const read: string[] = [];
  const compiled: CompiledRule[] = [];
  for (const source of sources) {
    const dir = resolve(cwd, source.path);
    const refused = folderProblem(dir, source.path, source.scope);
    if (refused) {
      problems.push(refused);
      continue;
    }
    const files = yamlFiles(dir);
    if (files.length === 0) {
      problems.push({ file: displayPath(dir, cwd), line: 1, column: 1, code: 'invalid-rule', message: 'holds no rule: expected YAML files, one rule each' });
      continue;
    }
    if (files.length > maxFilesPerFolder) {
      problems.push({ file: displayPath(dir, cwd), line: 1, column: 1, code: 'invalid-rule', message: `holds ${files.length} YAML files; a rules folder holds at most ${maxFilesPerFolder}` });
      continue;
    }
    for (const file of files) {
      read.push(file);
      const checked = checkRuleFile(loadYamlFile(file, displayPath(file, cwd), source.scope));
      if (!checked.ok) {
        problems.push(...checked.problems);
        continue;
      }
      const result = compileRule(checked.rule, checked.source, catalog);
      if (result.ok) compiled.push(result.compiled);
      else problems.push(...result.problems);
    }
  }

  const deciding = new Map<string, { rule: Rule; file: string | null }>(builtIn.map((rule) => [rule.meta.threat, { rule, file: null }]));
  const own: Rule[] = [];
  for (const c of compiled) {
    if (!c.decides) continue;
    const taken = deciding.get(c.rule.meta.threat);
    if (taken) {
      const by = taken.file ? `the rule in ${taken.file}` : 'a built-in rule';
      problems.push({ file: c.file, ...locate(c.source, ['applies'], 'key'), code: 'invalid-rule', message: `${c.rule.meta.threat} is decided by ${by}; leave \`applies\` out to add factors to it` });
      continue;
    }
    deciding.set(c.rule.meta.threat, { rule: c.rule, file: c.file });
    own.push(c.rule);
  }
  const additions = new Map<string, Extract<CompiledRule, { decides: false }>[]>();
  for (const c of compiled) {
    if (c.decides) continue;
    const target = deciding.get(c.threat);
    if (!target) {
      problems.push({ file: c.file, ...locate(c.source, ['threat']), code: 'invalid-rule', message: `no rule decides ${c.threat}, so its factors would never count: give it \`applies\`` });
      continue;
    }
    const codes = new Set([...Object.keys(target.rule.meta.factors), ...(additions.get(c.threat) ?? []).flatMap((a) => Object.keys(a.meta.factors))]);
    const clash = Object.keys(c.meta.factors).find((code) => codes.has(code));
    if (clash) {
      problems.push({ file: c.file, ...locate(c.source, ['factors', Object.keys(c.meta.factors).indexOf(clash), 'code']), code: 'invalid-rule', message: `${c.threat} already has a factor \`${clash}\`; give this one a code of its own` });
      continue;
    }
    additions.set(c.threat, [...(additions.get(c.threat) ?? []), c]);
  }
  const ordered = [...builtIn, ...own.sort((a, b) => (a.meta.threat < b.meta.threat ? -1 : a.meta.threat > b.meta.threat ? 1 : 0))];
  return { rules: ordered.map((rule) => withFactors(rule, additions.get(rule.meta.threat) ?? [])), problems, files: read };
}

/** The rule files of a folder: its own YAML files, sorted; not those of its folders (its tests live there). */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => /\.ya?ml$/.test(entry.name) && !entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => join(dir, name));
}

/** Why a folder cannot be read: missing, not a folder, or leading out of the tree. */
function folderProblem(dir: string, shown: string, scope: ReadScope): Problem | null {
  const problem = (message: string): Problem => ({ file: shown, line: 1, column: 1, code: 'file-unreadable', message });
  let real: string;
  try {
    real = realpathSync.native(dir);
    if (!statSync(real).isDirectory()) return problem('is not a folder');
  } catch {
    return problem('no such folder');
  }
  const outside = outsideScope(real, scope);
  return outside ? problem(outside) : null;
}
