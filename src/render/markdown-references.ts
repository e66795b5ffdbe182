import type { ProjectAssessment } from '../assess/types.js';
import type { Reference } from '../catalog/types.js';
import type { CatalogIndex } from './catalog-index.js';
import { mdTable, mdText } from './markdown-escape.js';
import { applicableThreats } from './wording.js';

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Applicable threats mapped to outside references: ISO/IEC controls from the standards of the
 * controls that count (primary or required), MITRE ATLAS techniques and the OWASP Top 10 lists.
 */
export function referencesTable(project: ProjectAssessment, index: CatalogIndex): string[] | null {
  const threats = applicableThreats(project.threats);
  if (threats.length === 0) return null;
  const rows = threats.map((t) => {
    const refs = index.threats.get(t.threat)?.references;
    const controls = t.recommendations.filter((r) => r.primary || r.required).map((r) => index.controls.get(r.control));
    const byStandard = new Map<string, Set<string>>();
    for (const control of controls) {
      for (const s of control?.standards ?? []) {
        if (s.coverage === 'none' || s.ref === 'n/a') continue;
        byStandard.set(s.standard, (byStandard.get(s.standard) ?? new Set()).add(s.ref));
      }
    }
    const iso = [...byStandard.keys()].sort(naturalOrder).map((standard) => `${standard} ${[...byStandard.get(standard)!].sort(naturalOrder).join(', ')}`);
    return [t.threat, mdText(iso.join('; ')) || '—', ids(refs?.atlas), ids(refs?.owaspLlm2025), ids(refs?.owaspMl2023)];
  });
  return mdTable(['Threat', 'ISO/IEC', 'MITRE ATLAS', 'OWASP LLM 2025', 'OWASP ML 2023'], rows);
}

function ids(refs: Reference[] | undefined): string {
  return refs && refs.length > 0 ? mdText(refs.map((r) => r.id).join(', ')) : '—';
}
