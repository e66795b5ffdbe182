import type { ColorLevel } from './color.js';

/**
 * Text styles for the terminal, called and chained as chalk's are (`style.red.bold(text)`), with
 * chalk 5's output for the styles aithreat uses: each style's codes around the text, a style that
 * the text already closes inside reopened after that, and every style closed before a line break
 * and reopened after it. At level 0 text stays as it is. chalk itself went because loading it
 * works out at start-up what the terminal supports (which aithreat decides itself, in color.ts),
 * and brings Node's tty module with it: about a twentieth of a start on Node.js 24.
 */
export interface Style {
  (text: string): string;
  readonly bold: Style;
  readonly dim: Style;
  readonly red: Style;
  readonly green: Style;
  readonly yellow: Style;
  readonly cyan: Style;
}

const codes = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;

interface Styler {
  open: string;
  close: string;
  openAll: string;
  closeAll: string;
  parent: Styler | undefined;
}

function apply(styler: Styler, text: string): string {
  let out = text;
  if (out.includes('\u001b')) {
    for (let s: Styler | undefined = styler; s !== undefined; s = s.parent) out = out.split(s.close).join(s.close + s.open);
  }
  if (out.includes('\n')) out = out.replace(/\r?\n/g, (lineBreak) => `${styler.closeAll}${lineBreak}${styler.openAll}`);
  return styler.openAll + out + styler.closeAll;
}

function styleOf(styler: Styler | undefined): Style {
  const style = ((text: string) => (styler === undefined || text === '' ? text : apply(styler, text))) as Style;
  for (const [name, [open, close]] of Object.entries(codes)) {
    Object.defineProperty(style, name, {
      get() {
        const on = `\u001b[${open}m`;
        const off = `\u001b[${close}m`;
        const child = styleOf({ open: on, close: off, openAll: (styler?.openAll ?? '') + on, closeAll: off + (styler?.closeAll ?? ''), parent: styler });
        Object.defineProperty(style, name, { value: child });
        return child;
      },
      configurable: true,
    });
  }
  return style;
}

const plain = ((text: string) => text) as Style;
for (const name of Object.keys(codes)) Object.defineProperty(plain, name, { value: plain });

/** The styles at a colour level: none at 0; the codes of these styles are the same at 1, 2 and 3. */
export function styleFor(level: ColorLevel): Style {
  return level === 0 ? plain : styleOf(undefined);
}
