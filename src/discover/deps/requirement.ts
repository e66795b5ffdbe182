/** A PEP 508 requirement, read as far as discover needs: name, what constrains the version, a direct URL. */
export interface Requirement {
  name: string;
  /** Everything after the name and extras, up to an environment marker: `==2.3.1`, `>=4,<5`, `@ https://...`. */
  specifier: string;
  pinned: boolean;
}

const nameChars = /^[A-Za-z0-9][A-Za-z0-9._-]*/;

/**
 * Reads one requirement string (`torch==2.3.1`, `transformers[torch]>=4.40; python_version>"3.9"`,
 * `pkg @ https://host/pkg.whl`). A version is pinned only by `==` or `===` without a wildcard, or
 * by a direct reference to one file or commit; ranges, `~=`, and a bare name are not.
 */
export function parseRequirement(text: string): Requirement | null {
  const body = text.split(';')[0]!.trim();
  const name = nameChars.exec(body)?.[0];
  if (!name) return null;
  let rest = body.slice(name.length).trim();
  if (rest.startsWith('[')) rest = rest.slice(rest.indexOf(']') + 1).trim();
  return { name, specifier: rest, pinned: isPinned(rest) };
}

function isPinned(specifier: string): boolean {
  if (specifier.startsWith('@')) {
    const url = specifier.slice(1).trim();
    // A git URL pins only at a full commit; a file URL names one artifact.
    if (url.startsWith('git+')) return /@[0-9a-f]{40}(#|$)/.test(url);
    return true;
  }
  const clauses = specifier.replace(/^\(|\)$/g, '').split(',').map((s) => s.trim()).filter(Boolean);
  return clauses.length === 1 && (clauses[0]!.startsWith('===') || (clauses[0]!.startsWith('==') && !clauses[0]!.includes('*')));
}
