import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assessProject } from '../src/assess/assess.js';
import { getCatalog } from '../src/catalog/bundled.js';
import type { Rule } from '../src/rules/api.js';
import { describeFact } from '../src/rules/api.js';
import { parseProject } from '../src/validate/load-project.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where a rule's page is written: its meta's `docs` path. */
export function ruleDocFile(rule: Rule): string {
  return join(root, rule.meta.docs);
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The documentation page of one rule, made from its meta and the catalog, with its example
 * assessed as `aithreat assess` would: what it reads, each fact and factor with its wording,
 * weight and the controls that answer it, and the catalog's primary controls. Generated, so that
 * the words in the docs are the words in the reports.
 */
export function ruleDoc(rule: Rule): string {
  const { meta } = rule;
  const catalog = getCatalog();
  const threat = catalog.threats.find((t) => t.id === meta.threat);
  if (!threat) throw new Error(`the catalog has no threat ${meta.threat}`);
  const lines: string[] = [
    `<!-- Generated from src/rules and the catalog by scripts/update-docs.ts: edit the rule, then run npx tsx scripts/update-docs.ts. -->`,
    `# ${meta.threat}: ${threat.title}`,
    '',
    `${meta.description} [OWASP AI Exchange](${threat.permalink}) · group ${threat.group ?? 'none'} · ${threat.impact}`,
    '',
    '## What it reads',
    '',
    ...meta.reads.map((field) => `- \`${field}\``),
    '',
    'A field left out counts as its unsafe value (unless `--undeclared ignore`), is worded as not declared, and is listed as an open question when it moves the severity.',
    '',
    ...driftSection(rule),
    '## Why it applies, or does not',
    '',
    '| Fact | Wording |',
    '| --- | --- |',
    ...Object.entries(meta.facts).map(([code, message]) => `| \`${code}\` | ${cell(message)} |`),
    '',
    '## Severity factors',
    '',
    'Impact factors set a level (1 low, 2 moderate, 3 high; the highest wins, moderate when none fires). Likelihood factors add points (0 or fewer: low, 1-2: medium, 3 or more: high). When this threat is at or above the fail threshold, the controls that answer a fired factor are required.',
    '',
    '| Factor | Dimension | Weight | Fires when | Wording | Not declared | Found in the code | Answered by |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...Object.entries(meta.factors).map(([code, f]) =>
      `| \`${code}\` | ${f.dimension} | ${f.dimension === 'impact' ? `level ${f.weight}` : f.weight > 0 ? `+${f.weight}` : String(f.weight)} | ${cell(f.when)} | ${cell(f.message)} | ${f.undeclared ? cell(f.undeclared) : '—'} | ${f.discovered ? cell(f.discovered) : '—'} | ${f.controls.length > 0 ? f.controls.join(', ') : '—'} |`),
    '',
    '## Primary controls',
    '',
    'The catalog names these first against the threat; at or above the fail threshold each is required unless the facts show it cannot reach this project (the report then says why).',
    '',
    ...threat.controls.filter((c) => c.primary).map((c) => `- ${c.id}: ${c.role}`),
    '',
    '## Example',
    '',
    '```yaml',
    meta.example,
    '```',
    '',
    ...exampleOutcome(rule),
    '',
  ];
  return lines.join('\n');
}

/** What the rule makes of each kind of drift it reads (`assess --discover`). */
function driftSection(rule: Rule): string[] {
  const drift = Object.entries(rule.meta.drift ?? {});
  if (drift.length === 0) return [];
  return [
    '## What it reads in the code',
    '',
    'With `aithreat assess --discover <dir>`, the repository\'s code is checked against the description ([drift](../discover.md#drift)). What the rule makes of each kind rests on the code (`basis: discovered`), is located at the line of the code, and counts toward the severity; a factor the file already declares is not counted twice.',
    '',
    '| Drift | What it does here |',
    '| --- | --- |',
    ...drift.map(([code, does]) => `| \`${code}\` | ${cell(does)} |`),
    '',
  ];
}

function exampleOutcome(rule: Rule): string[] {
  const loaded = parseProject(`${rule.meta.example}\n`, 'example.yaml');
  if (!loaded.ok) throw new Error(`the example of ${rule.meta.threat} is invalid: ${loaded.problems.map((p) => `${p.line}:${p.column}: ${p.message}`).join('; ')}`);
  const assessment = assessProject(loaded.source, loaded.value, { catalog: getCatalog(), asOf: '2026-11-25', failOn: 'high', undeclared: 'count', policy: null });
  const finding = assessment.threats.find((t) => t.threat === rule.meta.threat)!;
  if (!finding.applies) return [`It does not apply: ${describeFact(finding.evidence[0]!)}.`];
  const required = assessment.gaps.filter((g) => g.required && g.threats.includes(rule.meta.threat)).map((g) => g.control);
  return [
    `Assessed, it is **${finding.severity}** (impact ${finding.impact}, likelihood ${finding.likelihood}):`,
    '',
    ...finding.factors.map((f) => `- ${f.dimension} ${f.dimension === 'impact' ? `level ${f.weight}` : f.weight > 0 ? `+${f.weight}` : f.weight}: ${describeFact(f)}${f.undeclared.length > 0 ? ' (not declared)' : ''}`),
    '',
    `Required controls missing: ${required.length > 0 ? required.join(', ') : 'none'}.`,
  ];
}
