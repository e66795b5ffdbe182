import { describe, expect, it } from 'vitest';
import { TextTable } from '../../src/render/text-table.js';

const bold = (s: string) => `\u001b[1m${s}\u001b[22m`;
const red = (s: string) => `\u001b[31m${s}\u001b[39m`;

function draw(head: string[], colWidths: number[], rows: string[][], colAligns?: ('left' | 'right')[]): string {
  const table = new TextTable({ head, colWidths, ...(colAligns ? { colAligns } : {}) });
  table.push(...rows);
  return table.toString();
}

describe('text tables', () => {
  it('draws a head row and a line between rows, with one space of padding, aligned by column', () => {
    expect(draw(['Id', 'Count'], [6, 9], [['a', '1'], ['bb', '22']], ['left', 'right'])).toBe(
      [
        '┌──────┬─────────┐',
        '│ Id   │   Count │',
        '├──────┼─────────┤',
        '│ a    │       1 │',
        '├──────┼─────────┤',
        '│ bb   │      22 │',
        '└──────┴─────────┘',
      ].join('\n'),
    );
  });

  it('wraps at white space, keeps a cell’s own line breaks and pads short cells', () => {
    expect(draw(['Threat', 'Why'], [12, 14], [['DATAPOISON\nData poisoning', 'data set `clicks` is used']])).toBe(
      [
        '┌────────────┬──────────────┐',
        '│ Threat     │ Why          │',
        '├────────────┼──────────────┤',
        '│ DATAPOISON │ data set     │',
        '│ Data       │ `clicks` is  │',
        '│ poisoning  │ used         │',
        '└────────────┴──────────────┘',
      ].join('\n'),
    );
  });

  it('cuts a word wider than its column with an ellipsis', () => {
    expect(draw(['Control'], [10], [['SUPPLYCHAINMANAGE']])).toBe(
      ['┌──────────┐', '│ Control  │', '├──────────┤', '│ SUPPLYC… │', '└──────────┘'].join('\n'),
    );
  });

  it('gives colour codes no columns, and closes and reopens a colour over a line break', () => {
    const table = draw([bold('Severity')], [12], [[red('very high risk')]]);
    expect(table.split('\n')).toEqual([
      '┌────────────┐',
      `│ ${bold('Severity')}   │`,
      '├────────────┤',
      `│ ${red('very high')}  │`,
      `│ ${red('risk')}       │`,
      '└────────────┘',
    ]);
  });

  it('keeps the colour codes a cut word had, and closes them', () => {
    expect(draw(['x'], [7], [[red(`${bold('ABCDEFGH')}`)]]).split('\n')[3]).toBe(`│ \u001b[31m\u001b[1mABCD\u001b[22m\u001b[39m… │`);
  });

  it('measures wide characters as two columns', () => {
    expect(draw(['Name'], [8], [['数据']]).split('\n')[3]).toBe('│ 数据   │');
  });

  it('refuses a row without a cell for every column', () => {
    expect(() => draw(['a', 'b'], [4, 4], [['only one']])).toThrow('a table row has 1 cells for 2 columns');
  });
});
