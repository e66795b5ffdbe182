import type { ReportingDescriptor } from 'sarif';
import type { ProjectGaps, Severity } from '../assess/types.js';
import { severities } from '../assess/types.js';
import type { ThreatEntry } from '../catalog/types.js';
import { describedIn, type CatalogIndex } from './catalog-index.js';
import { mdText } from './markdown-escape.js';

/** GitHub code scanning reads `security-severity` as a CVSS-like score: ≥9 critical, ≥7 high, ≥4 medium. */
export const securitySeverity: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/** Severity of a rule for a threat that applies in no assessed project: the middle of the scale. */
export const defaultSeverity: Severity = 'medium';

const defaultLevel: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/** The most severe severity each threat has in any project assessed so far. */
export class WorstSeverities {
  private readonly worst = new Map<string, Severity>();

  add(project: Pick<ProjectGaps, 'threats'>): void {
    for (const t of project.threats) {
      if (!t.applies || !t.severity) continue;
      const known = this.worst.get(t.threat);
      if (!known || severities.indexOf(t.severity) < severities.indexOf(known)) this.worst.set(t.threat, t.severity);
    }
  }

  of(threat: string): Severity | undefined {
    return this.worst.get(threat);
  }
}

/** `Data poisoning` → `DataPoisoning`: SARIF wants rule names that read like identifiers. */
function identifierName(title: string): string {
  return title.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** One SARIF rule for a catalog threat, with its help taken from the catalog. */
export function ruleFor(threat: ThreatEntry, severity: Severity, index: CatalogIndex): ReportingDescriptor {
  const first = threat.controls.filter((c) => c.primary);
  const refs = [
    ...threat.references.atlas.map((r) => `MITRE ATLAS ${r.id} ${r.name}`),
    ...threat.references.owaspLlm2025.map((r) => `OWASP ${r.id} ${r.name}`),
    ...threat.references.owaspMl2023.map((r) => `OWASP ML Top 10 2023 ${r.id} ${r.name}`),
  ];
  const controlLine = (c: { id: string; role: string }) => `${c.id} (${index.controls.get(c.id)?.title ?? c.id}): ${c.role}`;
  const text = [threat.summary, '', 'Controls to consider first:', ...first.map((c) => `- ${controlLine(c)}`), '', `References: ${refs.join('; ') || 'none'}.`, `More: ${threat.permalink}`];
  const markdown = [
    `**${mdText(threat.title)}** (${describedIn(threat)} ${threat.id})`,
    '',
    mdText(threat.summary),
    '',
    'Controls to consider first:',
    '',
    ...first.map((c) => `- [${c.id}](${index.controls.get(c.id)?.permalink ?? threat.permalink}): ${mdText(c.role)}`),
    '',
    `References: ${mdText(refs.join('; ') || 'none')}.`,
    '',
    `[Read more in the ${describedIn(threat)}](${threat.permalink})`,
  ];
  return {
    id: threat.id,
    name: identifierName(threat.title),
    shortDescription: { text: threat.title },
    fullDescription: { text: threat.summary },
    help: { text: text.join('\n'), markdown: markdown.join('\n') },
    helpUri: threat.permalink,
    defaultConfiguration: { level: defaultLevel[severity] },
    properties: {
      tags: ['security', 'ai', describedIn(threat) === 'OWASP AI Exchange' ? 'owasp-ai-exchange' : 'organisation-catalog', threat.impact],
      'security-severity': securitySeverity[severity],
    },
  };
}
