import { posix } from 'node:path';
import { describeFact } from '../rules/api.js';
import type { Fact, Location } from '../assess/types.js';
import { standardInputName } from '../load/read-file.js';
import { oneLine } from '../util/clean-text.js';

/**
 * Text for any inline place in GitHub Markdown, table cells included: one line, HTML written as
 * entities (no `<script>`, no raw tags), Markdown punctuation escaped so it cannot start a link
 * (`](javascript:`), emphasis, code or a table cell (`|`), and a first character that cannot make
 * the line a heading, list or quote.
 */
export function mdText(text: string): string {
  return breakAutolinks(
    oneLine(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/`/g, '&#96;')
      .replace(/[\\[\]|*_~!]/g, (c) => `\\${c}`)
      .replace(/^([#+=-])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2'),
  );
}

/** Text inside raw HTML (`<summary>`), where Markdown escapes would show but entities work. */
export function htmlText(text: string): string {
  return breakAutolinks(oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
}

/** A zero-width space, as an entity: invisible, and it splits what GitHub would recognise. */
const zeroWidth = '&#8203;';

/**
 * GitHub makes links and notifications out of plain text, after Markdown is parsed: bare URLs,
 * `www.` names and e-mail addresses (GFM's autolink extension), `@user` and `@org/team` mentions
 * (which notify people), `#123`, `owner/repo#123` and `GH-123` issue references, and `$...$`
 * math. A zero-width space after `:` of `://`, in `www.`, after `@`, `#` and `GH-` breaks each
 * pattern without changing what a reader sees. A `$` goes in a span of its own, as GitHub's
 * documentation advises: its math is found in text as rendered, where an entity would already be
 * a `$` again. Entities aithreat wrote itself (`&#96;`) keep their `#`.
 */
function breakAutolinks(escaped: string): string {
  return escaped
    .replace(/:(?=\/\/)/g, `:${zeroWidth}`)
    .replace(/(www)\./gi, `$1${zeroWidth}.`)
    .replace(/@/g, `@${zeroWidth}`)
    .replace(/(?<!&)#(?=[0-9])/g, `#${zeroWidth}`)
    .replace(/\b(gh)-(?=[0-9])/gi, `$1-${zeroWidth}`)
    .replace(/\$/g, '<span>$</span>');
}

/** Ids are safe as they are, also inside the code spans the fact wording puts them in. */
const plainArg = /^[A-Za-z0-9._, -]*$/;

/**
 * A fact's wording with every argument from the project escaped; the wording's code spans stay.
 * An id-like argument can still spell `www.name` or `GH-1`, and it may land outside a code span:
 * a literal zero-width space breaks those, invisible in code spans and text alike.
 */
export function mdFact(fact: Fact): string {
  const args = Object.fromEntries(Object.entries(fact.args ?? {}).map(([k, v]) => [k, mdArg(v)]));
  return oneLine(describeFact({ ...fact, args }));
}

/** One argument of a wording, escaped as `mdFact` escapes them (for wordings made elsewhere, such as drift). */
export function mdArg(value: string): string {
  return plainArg.test(value) ? value.replace(/(www)\./gi, '$1\u200b.').replace(/\b(gh)-(?=[0-9])/gi, '$1-\u200b') : mdText(value);
}

/** Every character but plain path characters, percent-encoded. */
function encodePath(path: string): string {
  // By code point (`u`): a character outside the BMP is one pair of surrogates, encoded together.
  return path.replace(/[^A-Za-z0-9._~/-]/gu, (c) => encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`));
}

/**
 * A link destination to a line of a project file: under the link base when there is one (see
 * link-base.ts) and the path is relative, else relative to the folder the document is read from.
 * Everything but plain path characters is percent-encoded, so a file name cannot close the link
 * or turn it into `javascript:`; so are the characters of a link base that could end a link.
 */
export function mdFileHref(location: Pick<Location, 'file' | 'line'>, documentDir = '', linkBase?: string): string {
  const file = location.file.replace(/\\/g, '/');
  if (linkBase && !posix.isAbsolute(file) && !file.startsWith('../')) {
    return `${linkBase.replace(/[\s()<>[\]"'\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}${encodePath(file)}#L${location.line}`;
  }
  const relative = posix.isAbsolute(file) || documentDir === '' ? file : posix.relative(documentDir.replace(/\\/g, '/'), file);
  return `${encodePath(relative)}#L${location.line}`;
}

/** `[label](file#Lline)` with the label escaped: an inline link, for a document with few of them. */
export function mdLineLink(label: string, location: Pick<Location, 'file' | 'line'>, documentDir?: string, linkBase?: string): string {
  return `[${mdText(label)}](${mdFileHref(location, documentDir, linkBase)})`;
}

/**
 * Links to lines of project files, written as reference links (`[line 12][1L12]`) with one
 * definition per line at the end of a project's part: a fact's line is cited under several
 * threats, and an absolute link to it is a hundred characters.
 */
export class LineLinks {
  private readonly refs = new Map<string, string>();
  /** How many references to each line were made, by the first one's name. */
  private readonly taken = new Map<string, number>();

  /** `prefix` keeps the references of each project of a document apart. */
  constructor(private readonly prefix: string, private readonly documentDir?: string, private readonly linkBase?: string) {}

  /** `[label][ref]`, the label escaped; the label alone for a project read from standard input, which has no file to link. */
  link(label: string, location: Pick<Location, 'file' | 'line'>): string {
    if (location.file === standardInputName) return mdText(label);
    const href = mdFileHref(location, this.documentDir, this.linkBase);
    let ref = this.refs.get(href);
    if (!ref) {
      // The references to line N are `pLN`, then `pLN-2`, `pLN-3`…, counted rather than searched
      // for: an overview of 10,000 projects links line 1 of each.
      const base = `${this.prefix}L${location.line}`;
      const before = this.taken.get(base) ?? 0;
      ref = before === 0 ? base : `${base}-${before + 1}`;
      this.taken.set(base, before + 1);
      this.refs.set(href, ref);
    }
    return `[${mdText(label)}][${ref}]`;
  }

  /** `[label][ref]` to the line, with the label `line N`. */
  line(location: Pick<Location, 'file' | 'line'>): string {
    return this.link(`line ${location.line}`, location);
  }

  /** The definitions of every reference made so far, in the order they were first made. */
  definitions(): string[] {
    return [...this.refs].map(([href, ref]) => `[${ref}]: ${href}`);
  }
}

/** A Markdown table; every cell must already be escaped. */
export function mdTable(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}
