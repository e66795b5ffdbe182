import type { Style } from '../../render/style.js';
import { TextTable } from '../../render/text-table.js';
import type { Catalog, ControlEntry, SectionEntry, ThreatEntry } from '../types.js';

/** One row of the list, the same for every format. */
interface ListRow {
  id: string;
  title: string;
  groupOrCategory: string;
  count: number;
}

interface ListSection {
  heading: string;
  columns: [string, string, string, string];
  rows: ListRow[];
}

const sectionRow = (s: SectionEntry): ListRow => ({
  id: s.id,
  title: s.title,
  groupOrCategory: s.members.join(' '),
  count: s.controls.length,
});

const threatRow = (t: ThreatEntry): ListRow => ({
  id: t.id,
  title: t.title,
  groupOrCategory: t.group ?? '(group)',
  count: t.controls.length,
});

const controlRow = (c: ControlEntry): ListRow => ({
  id: c.id,
  title: c.title,
  groupOrCategory: c.group ?? c.category,
  count: c.counters.length,
});

export function listSections(catalog: Catalog, kinds: { sections: boolean; threats: boolean; controls: boolean }): ListSection[] {
  const sections: ListSection[] = [];
  if (kinds.sections) {
    sections.push({ heading: 'Sections', columns: ['ID', 'Title', 'Groups', 'Controls'], rows: catalog.sections.map(sectionRow) });
  }
  if (kinds.threats) {
    sections.push({ heading: 'Threats', columns: ['ID', 'Title', 'Group', 'Controls'], rows: catalog.threats.map(threatRow) });
  }
  if (kinds.controls) {
    sections.push({ heading: 'Controls', columns: ['ID', 'Title', 'Group or category', 'Threats'], rows: catalog.controls.map(controlRow) });
  }
  return sections;
}

/** Total width the tables must fit, borders included. */
const TABLE_WIDTH = 80;

/** Short forms of the control categories, so the table column stays narrow. */
const SHORT_CATEGORY: Record<string, string> = {
  'development-time information security': 'dev-time infosec',
  'development-time data science': 'dev-time data science',
};

const longestWord = (texts: string[]): number => Math.max(...texts.flatMap((t) => t.split(/\s+/)).map((w) => w.length));

/**
 * Tables that fit 80 columns: the id, group and count columns fit their longest word and the
 * title column takes what is left, wrapping as needed.
 */
export function renderListTable(sections: ListSection[], chalk: Style): string {
  const out: string[] = [];
  for (const section of sections) {
    const groups = section.rows.map((row) => SHORT_CATEGORY[row.groupOrCategory] ?? row.groupOrCategory);
    const idWidth = longestWord([section.columns[0], ...section.rows.map((row) => row.id)]) + 2;
    const groupWidth = longestWord([section.columns[2], ...groups]) + 2;
    const countWidth = section.columns[3].length + 2;
    const titleWidth = TABLE_WIDTH - 5 - idWidth - groupWidth - countWidth;
    const table = new TextTable({
      head: section.columns.map((column) => chalk.bold(column)),
      colWidths: [idWidth, titleWidth, groupWidth, countWidth],
      colAligns: ['left', 'left', 'left', 'right'],
    });
    section.rows.forEach((row, i) => table.push([chalk.cyan(row.id), row.title, groups[i] ?? '', String(row.count)]));
    out.push(`${chalk.bold(section.heading)} (${section.rows.length})`, table.toString(), '');
  }
  return out.join('\n');
}

/** Escapes text for a GFM table cell. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** One GFM table per kind. */
export function renderListMarkdown(sections: ListSection[]): string {
  const out: string[] = [];
  for (const section of sections) {
    out.push(`## ${section.heading}`, '');
    out.push(`| ${section.columns.join(' | ')} |`, '| --- | --- | --- | ---: |');
    for (const row of section.rows) {
      const cells = [`\`${row.id}\``, row.title, row.groupOrCategory, String(row.count)].map(markdownCell);
      out.push(`| ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
