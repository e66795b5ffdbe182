import type { Finding } from '../types.js';
import { mlLibraries, normaliseName } from './ml-libraries.js';
import { parseRequirement } from './requirement.js';

/**
 * A pip requirements file, line by line: continuation lines joined, comments dropped, options
 * (`-r`, `-c`, `--index-url`) passed over; each ML library with whether it is pinned and hashed.
 */
export function analyseRequirements(text: string, file: string): Finding[] {
  const findings: Finding[] = [];
  const rows = text.split(/\r?\n/);
  for (let i = 0; i < rows.length; i++) {
    const startLine = i + 1;
    let line = rows[i]!;
    while (line.endsWith('\\') && i + 1 < rows.length) line = `${line.slice(0, -1)} ${rows[++i]!}`;
    const content = stripComment(line);
    const trimmed = content.trim();
    if (!trimmed) continue;
    const tokens = trimmed.split(/\s+/);
    const hashed = tokens.some((t) => t.startsWith('--hash'));
    let requirement: string;
    if (trimmed.startsWith('-e ') || trimmed.startsWith('--editable')) {
      const egg = /#egg=([A-Za-z0-9._-]+)/.exec(trimmed)?.[1];
      if (!egg) continue;
      requirement = `${egg} @ ${tokens[1] ?? ''}`;
    } else if (trimmed.startsWith('-')) {
      continue;
    } else {
      requirement = trimmed.split(/\s--/)[0]!;
    }
    const parsed = parseRequirement(requirement);
    if (!parsed || !mlLibraries.has(normaliseName(parsed.name))) continue;
    const column = rows[startLine - 1]!.indexOf(parsed.name) + 1;
    findings.push({
      file,
      line: startLine,
      column: Math.max(1, column),
      kind: 'dependency',
      details: { manager: 'requirements', name: normaliseName(parsed.name), specifier: parsed.specifier, pinned: parsed.pinned, hashed },
    });
  }
  return findings;
}

/** The line without a comment: `#` at the start or after white space starts one (pip's rule). */
function stripComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) return line.slice(0, i);
  }
  return line;
}
