import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/bundled.js';
import { controlById, findEntry, suggestIds, threatById } from '../../src/catalog/lookup.js';

const catalog = getCatalog();

describe('findEntry', () => {
  it.each(['DATAPOISON', 'datapoison', ' DataPoison '])('finds %j whatever the case', (id) => {
    expect(findEntry(catalog, id)?.id).toBe('DATAPOISON');
  });

  it('resolves the 2024 id TRANSFERLEARNINGATTACK to SUPPLYMODELPOISON', () => {
    expect(findEntry(catalog, 'transferlearningattack')).toBe(findEntry(catalog, 'SUPPLYMODELPOISON'));
    expect(findEntry(catalog, 'TRANSFERLEARNINGATTACK')?.id).toBe('SUPPLYMODELPOISON');
  });

  it('finds the section introduction', () => {
    expect(findEntry(catalog, 'developmenttime')?.kind).toBe('section');
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

  it('includes aliases and section ids, and respects max', () => {
    expect(suggestIds(catalog, 'transferlearningatack', 1)).toEqual(['TRANSFERLEARNINGATTACK']);
    expect(suggestIds(catalog, 'developmentime', 1)).toEqual(['DEVELOPMENTTIME']);
  });

  it('offers nothing for input that resembles no id', () => {
    expect(suggestIds(catalog, 'qqqqqqqqqqqqqqqqqqqqqqqqq')).toEqual([]);
  });
});

describe('id maps', () => {
  it('key every threat by id and alias, and every control by id', () => {
    const threats = threatById(catalog);
    expect([...threats.keys()].sort()).toEqual([...catalog.threats.map((t) => t.id), 'TRANSFERLEARNINGATTACK'].sort());
    expect(threats.get('TRANSFERLEARNINGATTACK')).toBe(threats.get('SUPPLYMODELPOISON'));
    expect(controlById(catalog).get('DEVSECURITY')?.title).toBe('Development security');
  });
});
