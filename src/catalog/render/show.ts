import type { Style } from '../../render/style.js';
import type { CatalogEntry, ControlEntry, Edition, Reference, SectionEntry, StandardMapping, ThreatEntry } from '../types.js';
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

  /** A label on a line of its own and its text below, for long labels that would squeeze the text. */
  block(label: string, text: string): void {
    this.lines.push(`  ${label}`, ...wrap(text, WIDTH, '    '));
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

  /** Which AI Exchange editions the facts come from; nothing for an organisation's own entry. */
  editions(editions: Edition[] | undefined): void {
    if (editions === undefined) return;
    const named = editions.map((edition) => (edition === '2024' ? 'the 2024 edition' : 'the current edition (2026-08)'));
    this.lines.push(`Facts from ${named.join(' and ')} of the AI Exchange`);
  }

  /** Each standard with the level of coverage the source states, or a dash where it states none. */
  standards(standards: StandardMapping[]): void {
    if (standards.length === 0) return;
    this.heading('Standards (coverage where the source states it)');
    for (const s of standards) {
      // A mapping with no standard behind it (no ISO/IEC control covers this one) is its note.
      const what = s.ref === 'n/a' ? s.note : `${s.standard} ${s.ref}: ${s.title}`;
      this.item(this.chalk.bold((s.coverage ?? '-').padEnd(7)), what, '  ', ' ');
      if (s.ref !== 'n/a') this.paragraph(s.note, '          ');
    }
  }
}

/** ATLAS sub-techniques carry only their own name; say whose sub-technique they are. */
function atlasName(ref: Reference): Reference {
  const parent = /^(AML\.T\d{4})\.\d{3}$/.exec(ref.id)?.[1];
  return parent ? { id: ref.id, name: `${ref.name} (sub-technique of ${parent})` } : ref;
}

function showSection(section: SectionEntry, sheet: Sheet, chalk: Style): void {
  sheet.lines.push(chalk.dim(['section', `groups ${section.members.join(', ')}`].join(' · ')));
  sheet.editions(section.editions);
  sheet.lines.push(section.permalink, '');
  sheet.paragraph(section.summary);
  if (section.particularities.length > 0) {
    sheet.heading('Particularities');
    for (const item of section.particularities) sheet.block(chalk.cyan(item.id), item.description);
  }
  if (section.controls.length > 0) {
    sheet.heading('Controls for development-time protection (beside the general controls)');
    for (const control of section.controls) sheet.item(`${chalk.cyan(control.id)}:`, control.role);
  }
  if (section.agenticThreats.length > 0) {
    sheet.heading('Agentic development-time threats');
    for (const item of section.agenticThreats) sheet.block(chalk.cyan(item.id), item.description);
  }
  sheet.standards(section.standards);
}

function showThreat(t: ThreatEntry, sheet: Sheet, chalk: Style): void {
  const facts = ['threat', t.group ? `group ${t.group}` : 'group of threats', `impact ${t.impact}`];
  sheet.lines.push(chalk.dim(facts.join(' · ')));
  sheet.editions(t.editions);
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
  sheet.references('MITRE ATLAS', atlas.map(atlasName));
  sheet.references('OWASP Top 10 for LLM Applications 2025', owaspLlm2025);
  sheet.references('OWASP Machine Learning Security Top 10 2023', owaspMl2023);
  sheet.references('NIST AI 100-2 E2023', nistAi1002);
  if ([atlas, owaspLlm2025, owaspMl2023, nistAi1002].every((list) => list.length === 0)) sheet.lines.push('  none');
}

function showControl(c: ControlEntry, sheet: Sheet, chalk: Style): void {
  const facts = ['control', c.category, `defined in ${c.definedIn}`];
  if (c.group) facts.push(`group ${c.group}`);
  if (c.phase) facts.push(`phase ${c.phase}`);
  sheet.lines.push(chalk.dim(facts.join(' · ')));
  sheet.editions(c.editions);
  sheet.lines.push(c.permalink, '');
  sheet.paragraph(c.summary);
  sheet.heading('Practices');
  for (const practice of c.practices) sheet.item('[ ]', `${practice.text} (${practice.id})`);
  if (c.limitations.length > 0) {
    sheet.heading('Limitations');
    for (const limitation of c.limitations) sheet.item('-', limitation);
  }
  sheet.standards(c.standards);
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
  if (entry.kind === 'section') showSection(entry, sheet, chalk);
  else if (entry.kind === 'threat') showThreat(entry, sheet, chalk);
  else showControl(entry, sheet, chalk);
  return `${sheet.lines.join('\n')}\n`;
}
