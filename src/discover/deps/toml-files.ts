import { parse, TomlError } from 'smol-toml';
import { LineIndex } from '../../load/positions.js';
import { notice } from '../read.js';
import type { Finding, FindingDetails, Notice } from '../types.js';
import { mlLibraries, normaliseName } from './ml-libraries.js';
import { parseRequirement } from './requirement.js';

type Manager = FindingDetails['dependency']['manager'];
type Table = Record<string, unknown>;

const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/**
 * pyproject.toml (PEP 621 `project.dependencies` and optional groups, PEP 735 `dependency-groups`,
 * Poetry's `tool.poetry` tables), uv.lock and poetry.lock, read with a TOML parser. TOML parsers
 * give no positions, so each library is placed at the first place its name appears as a key or
 * a quoted string in the text.
 */
export function analyseToml(text: string, file: string, kind: 'pyproject' | 'uv-lock' | 'poetry-lock'): { findings: Finding[]; notices: Notice[] } {
  let data: Table;
  try {
    data = parse(text) as Table;
  } catch (error) {
    if (error instanceof TomlError) return { findings: [], notices: [notice(file, 'not-toml', `is not valid TOML: ${error.message.split('\n')[0]}`, error.line, error.column)] };
    throw error;
  }
  const locator = new Locator(text);
  const found: { name: string; specifier: string; pinned: boolean; hashed: boolean; needle: string }[] = [];
  if (kind === 'pyproject') {
    const project = isTable(data.project) ? data.project : {};
    const pep508 = [...strings(project.dependencies), ...Object.values(isTable(project['optional-dependencies']) ? project['optional-dependencies'] : {}).flatMap(strings)];
    if (isTable(data['dependency-groups'])) pep508.push(...Object.values(data['dependency-groups']).flatMap(strings));
    for (const text of pep508) {
      const r = parseRequirement(text);
      if (r) found.push({ name: r.name, specifier: r.specifier, pinned: r.pinned, hashed: false, needle: text });
    }
    const poetry = isTable(data.tool) && isTable(data.tool.poetry) ? data.tool.poetry : null;
    if (poetry) {
      const tables = [poetry.dependencies, poetry['dev-dependencies'], ...Object.values(isTable(poetry.group) ? poetry.group : {}).map((g) => (isTable(g) ? g.dependencies : undefined))];
      for (const table of tables.filter(isTable)) {
        for (const [name, constraint] of Object.entries(table)) {
          const version = typeof constraint === 'string' ? constraint : isTable(constraint) && typeof constraint.version === 'string' ? constraint.version : '';
          const rev = isTable(constraint) && typeof constraint.rev === 'string' ? constraint.rev : '';
          // Poetry reads a bare version as exactly that version.
          const pinned = /^=?=?\d[\w.]*$/.test(version.trim()) || /^[0-9a-f]{40}$/.test(rev);
          found.push({ name, specifier: version || (rev ? `rev ${rev}` : ''), pinned, hashed: false, needle: name });
        }
      }
    }
  } else {
    for (const pkg of Array.isArray(data.package) ? data.package.filter(isTable) : []) {
      if (typeof pkg.name !== 'string') continue;
      const version = typeof pkg.version === 'string' ? pkg.version : '';
      const hashed = kind === 'uv-lock' ? uvHashed(pkg) : Array.isArray(pkg.files) && pkg.files.length > 0 && pkg.files.every((f) => isTable(f) && typeof f.hash === 'string');
      found.push({ name: pkg.name, specifier: version ? `==${version}` : '', pinned: version !== '', hashed, needle: `name = "${pkg.name}"` });
    }
  }
  const manager: Manager = kind;
  const findings: Finding[] = [];
  for (const f of found) {
    if (!mlLibraries.has(normaliseName(f.name))) continue;
    findings.push({ file, ...locator.find(f.needle), kind: 'dependency', details: { manager, name: normaliseName(f.name), specifier: f.specifier, pinned: f.pinned, hashed: f.hashed } });
  }
  return { findings, notices: [] };
}

function uvHashed(pkg: Table): boolean {
  const artifacts = [pkg.sdist, ...(Array.isArray(pkg.wheels) ? pkg.wheels : [])].filter(isTable);
  return artifacts.length > 0 && artifacts.every((a) => typeof a.hash === 'string');
}

/** Finds the first place a string appears, in order: each search starts where the last one found its match. */
class Locator {
  private readonly lines: LineIndex;
  private from = 0;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  find(needle: string): { line: number; column: number } {
    let at = this.text.indexOf(needle, this.from);
    if (at < 0) at = this.text.indexOf(needle);
    if (at < 0) return { line: 1, column: 1 };
    this.from = at + needle.length;
    return this.lines.position(at);
  }
}
