import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/bundled.js';
import { controlById, findEntry, suggestIds, threatById } from '../../src/catalog/lookup.js';

const catalog = getCatalog();

describe('findEntry', () => {
  it.each(['DATAPOISON', 'datapoison', ' DataPoison '])('finds %j whatever the case', (id) => {
    expect(findEntry(catalog, id)?.id).toBe('DATAPOISON');
  });

  it('resolves the SUPPLYMODELPOISON alias to the same entry as TRANSFERLEARNINGATTACK', () => {
    expect(findEntry(catalog, 'supplymodelpoison')).toBe(findEntry(catalog, 'TRANSFERLEARNINGATTACK'));
  });

  it('finds controls', () => {
    expect(findEntry(catalog, 'segregatedata')?.kind).toBe('control');
  });

  it('returns undefined for an unknown id', () => {
    expect(findEntry(catalog, 'NOPE')).toBeUndefined();
  });
});

describe('suggestIds', () => {
  it('offers the nearest ids first', () => {
    expect(suggestIds(catalog, 'datapoision')[0]).toBe('DATAPOISON');
    expect(suggestIds(catalog, 'devsecurty')[0]).toBe('DEVSECURITY');
  });

  it('includes aliases and respects max', () => {
    expect(suggestIds(catalog, 'supplymodelpoisn', 1)).toEqual(['SUPPLYMODELPOISON']);
  });

  it('offers nothing for input that resembles no id', () => {
    expect(suggestIds(catalog, 'qqqqqqqqqqqqqqqqqqqqqqqqq')).toEqual([]);
  });
});

describe('id maps', () => {
  it('key every threat and control by id', () => {
    expect(threatById(catalog).size).toBe(8);
    expect(controlById(catalog).get('DEVSECURITY')?.title).toBe('Development security');
  });
});
