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
export function referencesBlock(project: ProjectAssessment, index: CatalogIndex): string[][] {
  const threats = applicableThreats(project.threats);
  if (threats.length === 0) return [];
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
    const others = [ids('MITRE ATLAS', refs?.atlas), ids('OWASP LLM Top 10 2025', refs?.owaspLlm2025), ids('OWASP ML Top 10 2023', refs?.owaspMl2023)].filter(Boolean);
    return [t.threat, mdText(iso.join('; ')) || '—', others.join('<br>') || '—'];
  });
  const table = mdTable(['Threat', 'ISO/IEC', 'MITRE ATLAS and OWASP'], rows);
  return [['### Standards and references'], ['<details><summary>ISO/IEC controls, MITRE ATLAS techniques and OWASP Top 10 entries of each threat</summary>', '', ...table, '', '</details>']];
}

function ids(list: string, refs: Reference[] | undefined): string {
  return refs && refs.length > 0 ? `${list}: ${mdText(refs.map((r) => r.id).join(', '))}` : '';
}
