import type { Style } from '../../render/style.js';
import type { CatalogEntry, ControlEntry, Reference, ThreatEntry } from '../types.js';
import { visibleLength, wrap } from './wrap.js';

const WIDTH = 80;

/** Shared pieces of the terminal view. */
class Sheet {
  readonly lines: string[] = [];
  constructor(private readonly chalk: Style) {}

  heading(text: string): void {
    this.lines.push('', this.chalk.bold(text));
  }

  paragraph(text: string, indent = ''): void {
    this.lines.push(...wrap(text, WIDTH, indent));
  }

  /** A labelled item whose text wraps under itself: `  label text...`. */
  item(label: string, text: string, indent = '  ', gap = ' '): void {
    const hang = ' '.repeat(indent.length + visibleLength(label) + gap.length);
    const [first = '', ...rest] = wrap(text, WIDTH, hang);
    this.lines.push(`${indent}${label}${gap}${first.slice(hang.length)}`, ...rest);
  }

  /** Ids and names, the names aligned. */
  idList(refs: Reference[], indent: string): void {
    const width = Math.max(...refs.map((ref) => ref.id.length));
    for (const ref of refs) this.item(this.chalk.cyan(ref.id.padEnd(width)), ref.name, indent, '  ');
  }

  references(title: string, refs: Reference[]): void {
    if (refs.length === 0) return;
    this.lines.push(`  ${title}`);
    this.idList(refs, '    ');
  }
}

function showThreat(t: ThreatEntry, sheet: Sheet, chalk: Style): void {
  const facts = ['threat', t.group ? `group ${t.group}` : 'group of threats', `impact ${t.impact}`];
  sheet.lines.push(chalk.dim(facts.join(' · ')));
  if (t.currentTitle) sheet.lines.push(`Current title: ${t.currentTitle}`);
  if (t.aliases.length > 0) sheet.lines.push(`Aliases: ${t.aliases.join(', ')}`);
  if (t.members.length > 0) sheet.lines.push(`Members: ${t.members.join(', ')}`);
  sheet.lines.push(t.permalink, '');
  sheet.paragraph(t.summary);
  if (t.attackVectors.length > 0) {
    sheet.heading('Attack vectors');
    for (const vector of t.attackVectors) sheet.item(`${chalk.cyan(vector.id)}:`, vector.description);
  }
  if (t.examples.length > 0) {
    sheet.heading('Examples');
    for (const example of t.examples) sheet.item('-', example);
  }
  sheet.heading(`Controls (${t.controls.length}; * = required first)`);
  for (const control of t.controls) {
    const mark = control.primary ? chalk.yellow('*') : ' ';
    sheet.item(`${mark} ${chalk.cyan(control.id)}:`, control.role);
  }
  sheet.heading('References');
  const { atlas, owaspLlm2025, owaspMl2023, nistAi1002 } = t.references;
  sheet.references('MITRE ATLAS', atlas);
  sheet.references('OWASP Top 10 for LLM Applications 2025', owaspLlm2025);
  sheet.references('OWASP Machine Learning Security Top 10 2023', owaspMl2023);
  sheet.references('NIST AI 100-2 E2023', nistAi1002);
  if ([atlas, owaspLlm2025, owaspMl2023, nistAi1002].every((list) => list.length === 0)) sheet.lines.push('  none');
}

function showControl(c: ControlEntry, sheet: Sheet, chalk: Style): void {
  const facts = ['control', c.category, `defined in ${c.definedIn}`];
  if (c.group) facts.push(`group ${c.group}`);
  if (c.phase) facts.push(`phase ${c.phase}`);
  sheet.lines.push(chalk.dim(facts.join(' · ')), c.permalink, '');
  sheet.paragraph(c.summary);
  sheet.heading('Practices');
  for (const practice of c.practices) sheet.item('[ ]', `${practice.text} (${practice.id})`);
  if (c.limitations.length > 0) {
    sheet.heading('Limitations');
    for (const limitation of c.limitations) sheet.item('-', limitation);
  }
  if (c.standards.length > 0) {
    sheet.heading('Standards');
    for (const s of c.standards) {
      // A mapping with no standard behind it ('Not covered yet in ISO/IEC standards') is its note.
      const what = s.ref === 'n/a' ? s.note : `${s.standard} ${s.ref}: ${s.title}`;
      sheet.item(chalk.bold(s.coverage.padEnd(7)), what, '  ', ' ');
      if (s.ref !== 'n/a') sheet.paragraph(s.note, '          ');
    }
  }
  if (c.atlasMitigations.length > 0) {
    sheet.heading('MITRE ATLAS mitigations');
    sheet.idList(c.atlasMitigations, '  ');
  }
  sheet.heading(`Counters (${c.counters.length})`);
  sheet.paragraph(c.counters.length > 0 ? c.counters.join(', ') : 'no development-time threat names this control', '  ');
}

/** Everything about one entry, for a terminal, wrapped to 80 columns. */
export function renderEntryText(entry: CatalogEntry, chalk: Style): string {
  const sheet = new Sheet(chalk);
  sheet.lines.push(`${chalk.bold.cyan(entry.id)}  ${chalk.bold(entry.title)}`);
  if (entry.kind === 'threat') showThreat(entry, sheet, chalk);
  else showControl(entry, sheet, chalk);
  return `${sheet.lines.join('\n')}\n`;
}
