import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../src/util/dates.js';

/** The definition the arithmetic replaces: the date survives a round trip through Date in UTC. */
function byDateRoundTrip(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

describe('isCalendarDate', () => {
  it.each(['2026-11-25', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01'])('accepts %s', (text) => {
    expect(isCalendarDate(text)).toBe(true);
  });

  it.each(['2026-02-29', '1900-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '26-01-01', '2026-01-01T00:00', ''])('refuses %s', (text) => {
    expect(isCalendarDate(text)).toBe(false);
  });

  it('agrees with a round trip through Date for every day and month of four centuries', () => {
    const disagreements: string[] = [];
    for (let year = 1800; year <= 2200; year++) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          if (isCalendarDate(text) !== byDateRoundTrip(text)) disagreements.push(text);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
