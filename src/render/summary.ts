import { describeFact } from '../assess/facts.js';
import type { Report } from '../assess/types.js';

/** Plain text: the verdict, the applicable threats with their main reason, and the required gaps. */
export function renderSummary(report: Report): string {
  const lines: string[] = [];
  for (const project of report.projects) {
    lines.push(`${project.file}: ${project.name}: ${project.verdict.toUpperCase()}`);
    for (const t of project.threats.filter((f) => f.applies && f.group !== null)) {
      lines.push(`  ${t.threat} ${t.severity}: ${t.evidence[0] ? describeFact(t.evidence[0]) : ''}`);
    }
    for (const g of project.gaps.filter((gap) => gap.required)) {
      lines.push(`  missing required control ${g.control} (${g.kind}) against ${g.threats.join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
