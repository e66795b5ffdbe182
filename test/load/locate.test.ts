import { describe, expect, it } from 'vitest';
import { locate, pointerToPath, type DataPath } from '../../src/load/locate.js';
import { limits } from '../../src/load/limits.js';
import { parseSource, type SourceFile } from '../../src/load/source.js';
import { parseProject } from '../../src/validate/load-project.js';

function sourceOf(text: string): SourceFile {
  const result = parseSource(text, 'f.yaml');
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${JSON.stringify(result.problems)}`);
  return result.source;
}

/** The problems parseSource reports, as `line:column code message`. */
function refused(text: string): string[] {
  const result = parseSource(text, 'f.yaml');
  expect(result.ok).toBe(false);
  return result.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`);
}

const block = [
  'project:', //                              1
  '  name: Fraud scoring', //                 2
  '  owner:', //                              3  (empty value)
  'datasets:', //                             4
  '  - id: tx', //                            5
  '    storedIn: [feature-store, training]', // 6
  '  - id: labels', //                        7
  '    # a comment before the key', //        8
  '    supplyChain:', //                      9
  '      - { supplier: acme, role: labels }', // 10
  'controls:', //                             11
  '  "A/B~C": { status: planned }', //        12
  '',
].join('\n');

describe('locate', () => {
  const source = sourceOf(block);
  const at = (path: DataPath, target?: 'key' | 'value') => {
    const { line, column } = locate(source, path, target);
    return `${line}:${column}`;
  };

  it('points at a value by default and at the key for target "key"', () => {
    expect(at(['project', 'name'])).toBe('2:9');
    expect(at(['project', 'name'], 'key')).toBe('2:3');
    expect(at(['datasets'], 'key')).toBe('4:1');
  });

  it('points at the key of a value left empty', () => {
    expect(at(['project', 'owner'])).toBe('3:3');
  });

  it('walks sequence indexes given as numbers or as strings (ajv gives strings)', () => {
    expect(at(['datasets', 1, 'id'])).toBe('7:9');
    expect(at(['datasets', '1', 'id'])).toBe('7:9');
    expect(at(['datasets', 0, 'storedIn', 1])).toBe('6:31');
    expect(at(['datasets', 1])).toBe('7:5');
  });

  it('skips comments between a key and what precedes it', () => {
    expect(at(['datasets', 1, 'supplyChain'], 'key')).toBe('9:5');
  });

  it('finds keys and values inside flow mappings and flow sequences', () => {
    expect(at(['datasets', 1, 'supplyChain', 0, 'role'])).toBe('10:33');
    expect(at(['datasets', 1, 'supplyChain', 0, 'role'], 'key')).toBe('10:27');
    expect(at(['datasets', 0, 'storedIn', 0])).toBe('6:16');
  });

  it('falls back to the closest existing ancestor when the path does not exist', () => {
    expect(at(['project', 'contact'])).toBe('2:3'); // the project mapping
    expect(at(['project', 'contact'], 'key')).toBe('2:3');
    expect(at(['datasets', 7, 'id'])).toBe('5:3'); // the list
    expect(at(['datasets', 0, 'storedIn', 9])).toBe('6:15'); // the flow list's `[`
    expect(at(['datasets', 0, 'id', 'deeper'])).toBe('5:9'); // a scalar has no children
    expect(at(['nothing-here'])).toBe('1:1');
    expect(at([])).toBe('1:1');
  });

  it('finds a key with "/" and "~" from its escaped JSON pointer', () => {
    expect(pointerToPath('/controls/A~1B~0C')).toEqual(['controls', 'A/B~C']);
    expect(at(pointerToPath('/controls/A~1B~0C'), 'key')).toBe('12:3');
    expect(at(pointerToPath('/controls/A~1B~0C/status'))).toBe('12:22');
  });

  it('follows anchors and stops at an alias, which has no children of its own', () => {
    const aliased = sourceOf(['base: &b', '  name: x', 'project: *b', 'list: &l [1, 2]', ''].join('\n'));
    expect(locate(aliased, ['base'])).toEqual({ line: 1, column: 7 }); // the anchor
    expect(locate(aliased, ['base', 'name'])).toEqual({ line: 2, column: 9 });
    expect(locate(aliased, ['project'])).toEqual({ line: 3, column: 10 });
    expect(locate(aliased, ['project', 'name'])).toEqual({ line: 3, column: 10 }); // the alias itself
    expect(locate(aliased, ['list', 1])).toEqual({ line: 4, column: 14 });
  });

  it('finds every key of a mapping large enough to be searched through an index, and an empty value among them', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const large = sourceOf(`m:\n${keys.map((k, i) => (i === 25 ? `  ${k}:` : `  ${k}: v${i}`)).join('\n')}\n`);
    for (const [i, key] of keys.entries()) {
      expect(locate(large, ['m', key], 'key')).toEqual({ line: i + 2, column: 3 });
      expect(locate(large, ['m', key])).toEqual({ line: i + 2, column: i === 25 ? 3 : 5 + key.length });
    }
    expect(locate(large, ['m', 'k40'])).toEqual({ line: 2, column: 3 }); // no such key: the mapping itself
  });

  it('counts CRLF line endings as one line break', () => {
    const crlf = sourceOf('a: 1\r\nb:\r\n  c: [x, y]\r\n');
    expect(locate(crlf, ['b', 'c', 1])).toEqual({ line: 3, column: 10 });
  });
});

describe('pointerToPath', () => {
  it.each([
    ['', []],
    ['/', ['']],
    ['/datasets/0/id', ['datasets', '0', 'id']],
    ['/a~1b', ['a/b']],
    ['/a~0b', ['a~b']],
    ['/~01', ['~1']], // ~1 is unescaped first, so "~01" is "~1", not "/"
    ['/~10', ['/0']],
    ['/a//b', ['a', '', 'b']],
  ])('%j', (pointer, path) => {
    expect(pointerToPath(pointer)).toEqual(path);
  });
});

describe('parseSource limits', () => {
  it('accepts one document, with or without markers', () => {
    expect(parseSource('---\na: 1\n...\n', 'f.yaml').ok).toBe(true);
    expect(parseSource('a: 1\n', 'f.yaml')).toMatchObject({ ok: true, data: { a: 1 } });
  });

  it('refuses a second document where it starts', () => {
    const second = ['a: 1\n---\nb: 2\n', '---\na: 1\n...\n---\nb: 2\n'];
    expect(refused(second[0]!)).toEqual(['2:1 multiple-documents a second YAML document starts here; aithreat reads one project per file']);
    expect(refused(second[1]!)).toEqual(['4:1 multiple-documents a second YAML document starts here; aithreat reads one project per file']);
  });

  it('refuses empty input, comments only, and a document without content', () => {
    expect(refused('')).toEqual(['1:1 empty-file file is empty: expected a YAML mapping']);
    expect(refused('\n  \n\t\n')).toEqual(['1:1 empty-file file is empty: expected a YAML mapping']);
    expect(refused('# only\n# comments\n')).toEqual(['1:1 empty-file file has only comments: expected a YAML mapping']);
    expect(refused('---\n')).toEqual(['1:1 empty-file file has no content: expected a YAML mapping']);
    expect(refused('~\n')).toEqual(['1:1 empty-file file has no content: expected a YAML mapping']);
  });

  it('resolves the standard tags but refuses custom and YAML 1.1 tags', () => {
    expect(parseSource('a: !!str 1\nb: !!int "2"\n', 'f.yaml')).toMatchObject({ ok: true, data: { a: '1', b: 2 } });
    const custom = refused('a: !custom x\n');
    expect(custom).toHaveLength(1);
    expect(custom[0]).toMatch(/^1:\d+ yaml-tag .*!custom.*aithreat reads plain YAML and resolves no tags$/);
    expect(refused('a: !!binary aGk=\n')[0]).toMatch(/^1:\d+ yaml-tag unknown tag !!binary/);
    expect(refused('a: !!set {x}\n')[0]).toMatch(/^1:\d+ yaml-tag unknown tag !!set/);
  });

  it('reads dates and YAML 1.1 booleans as strings (the core schema)', () => {
    expect(parseSource('d: 2026-02-30\nb: yes\n', 'f.yaml')).toMatchObject({ ok: true, data: { d: '2026-02-30', b: 'yes' } });
  });

  it('refuses duplicate keys at the second one, in block and flow mappings', () => {
    expect(refused('a: 1\nb: 2\na: 3\n')).toEqual(['3:1 yaml-syntax duplicate key `a`: a key may appear only once in a mapping']);
    expect(refused('a: {x: 1, x: 2}\n')).toEqual(['1:11 yaml-syntax duplicate key `x`: a key may appear only once in a mapping']);
  });

  it(`allows ${limits.maxDepth} levels of nesting and refuses one more`, () => {
    // The root mapping is the first level; `a` holds the rest.
    const nested = (levels: number) => `a: ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}\n`;
    expect(parseSource(nested(limits.maxDepth), 'f.yaml').ok).toBe(true);
    const refusal = refused(nested(limits.maxDepth + 1));
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toMatch(/^1:\d+ nesting-limit nesting is deeper than the limit of 64 levels$/);
    let deepBlock = 'a:\n';
    for (let i = 1; i <= 70; i++) deepBlock += `${'  '.repeat(i)}k:\n`;
    expect(refused(deepBlock)[0]).toMatch(/^\d+:\d+ nesting-limit /);
  });

  it('refuses __proto__, constructor and prototype keys at the key, wherever they are', () => {
    expect(refused('a: 1\n__proto__: {polluted: true}\n')).toEqual(['2:1 reserved-key key `__proto__` is not allowed']);
    expect(refused('"__proto__": 1\n')).toEqual(['1:1 reserved-key key `__proto__` is not allowed']);
    expect(refused('a: {b: 1, __proto__: 2}\n')).toEqual(['1:11 reserved-key key `__proto__` is not allowed']);
    expect(refused('list:\n  - constructor: x\n')).toEqual(['2:5 reserved-key key `constructor` is not allowed']);
    expect(refused('a:\n  prototype: x\n')).toEqual(['2:3 reserved-key key `prototype` is not allowed']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses aliases that expand beyond the limit ("billion laughs")', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', ''];
    const refusal = refused(bomb.join('\n'));
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toMatch(/^4:\d+ alias-limit aliases expand beyond the limit/);
    expect(parseSource('a: &a [x]\nb: *a\n', 'f.yaml')).toMatchObject({ ok: true, data: { a: ['x'], b: ['x'] } });
  });

  it('reports the same positions for text that starts with a byte-order mark', () => {
    // readText drops the mark, but parseSource is also called with text that did not come from a file.
    const text = 'formatVersion: 2\nproject:\n  ownr: a\n  name: b\n';
    const plain = parseProject(text, 'f.yaml');
    const marked = parseProject(`\ufeff${text}`, 'f.yaml');
    expect(plain.ok || plain.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['1:16', '3:3']);
    expect(marked.ok || marked.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['1:16', '3:3']);
  });
});
