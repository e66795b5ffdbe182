import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/render/table.js';
import { borderColumns, fitColumns } from '../../src/render/table-layout.js';
import { assessFiles, examples, plainContext } from './helpers/assess-files.js';

const sum = (widths: number[]) => widths.reduce((a, b) => a + b, 0);

describe('terminal table layout', () => {
  const threatColumns = [{ min: 16, ideal: 24 }, { min: 10 }, { min: 9 }, { min: 20, flex: true }];

  it('fills exactly the width, borders included, at any width', () => {
    for (let width = 20; width <= 240; width++) {
      const widths = fitColumns(width, threatColumns, [['SUPPLYMODELPOISON', 'critical', 'yes', 'a fact']]);
      expect(sum(widths) + borderColumns(4), `width ${width}`).toBe(Math.max(width, 4 * 3 + 5));
      for (const w of widths) expect(w).toBeGreaterThanOrEqual(3);
    }
  });

  it('keeps the 80-column layout it always had', () => {
    expect(fitColumns(80, threatColumns, [['SUPPLYMODELPOISON']])).toEqual([24, 10, 9, 32]);
    expect(fitColumns(80, [{ min: 18, ideal: 31 }, { min: 10, ideal: 14 }, { min: 20, flex: true }], [['DATAQUALITYCONTROL', 'partial', 'x']])).toEqual([31, 14, 31]);
    expect(fitColumns(80, [{ min: 18, ideal: 31 }, { min: 11, ideal: 13 }, { min: 12, flex: true }, { min: 12 }], [['TRAINDATADISTORTION']])).toEqual([31, 13, 19, 12]);
  });

  it('grows a column to hold its longest word before the prose column grows, and gives the prose the rest', () => {
    const narrow = fitColumns(60, [{ min: 18, ideal: 31 }, { min: 10, ideal: 14 }, { min: 20, flex: true }], [['ADVERSARIALROBUSTDISTILLATION', 'missing', 'x']]);
    expect(narrow[0]).toBe(31);
    expect(narrow[2]).toBeGreaterThanOrEqual(10);
    const wide = fitColumns(200, threatColumns);
    expect(wide).toEqual([24, 10, 9, 200 - 5 - 43]);
  });

  const widths = [60, 61, 67, 72, 80, 99, 100, 137, 160, 200];
  it.each(examples)('draws %s at every width from 60 to 200: no line wider, tables whole, no id cut', (file) => {
    const { report } = assessFiles([file]);
    for (const width of widths) {
      const lines = stripAnsi(renderTable(report, plainContext({ width, colorLevel: 1 }))).split('\n');
      for (const line of lines) expect(line.length, `${file} at ${width}: ${line}`).toBeLessThanOrEqual(width);
      // Every line of a table is as wide as the table: a border that wrapped would not be.
      for (const line of lines.filter((l) => /^[┌│├└]/.test(l))) expect(line.length, `${file} at ${width}`).toBe(width);
      expect(lines.join('\n')).not.toContain('…');
    }
  });
});
