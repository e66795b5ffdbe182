import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonSource } from '../../src/load/json.js';
import { locate } from '../../src/load/locate.js';

const reserved = new Set(['__proto__', 'constructor', 'prototype']);
const noReservedKeys = (value: unknown): boolean =>
  Array.isArray(value) ? value.every(noReservedKeys) : value !== null && typeof value === 'object' ? Object.entries(value).every(([k, v]) => !reserved.has(k) && noReservedKeys(v)) : true;

describe('parseJsonSource', () => {
  it('reads every JSON value as JSON.parse does, compact or indented', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }).filter(noReservedKeys), fc.boolean(), (value, indent) => {
        const text = JSON.stringify(value, null, indent ? 2 : undefined);
        const parsed = parseJsonSource(text, 'v.json');
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.data).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('records positions the locator finds, for keys and values', () => {
    const parsed = parseJsonSource('{\n  "projects": [\n    {"file": "a.yaml", "gaps": []}\n  ]\n}\n', 'b.json');
    if (!parsed.ok) throw new Error('fixture');
    expect(locate(parsed.source, ['projects', 0, 'file'])).toEqual({ line: 3, column: 14 });
    expect(locate(parsed.source, ['projects', 0, 'gaps'], 'key')).toEqual({ line: 3, column: 24 });
    expect(locate(parsed.source, ['projects', 0, 'missing'])).toEqual({ line: 3, column: 5 });
  });

  it.each([
    ['', '1:1: file is empty: expected a JSON object'],
    ['{"a": 1,}', '1:9: not valid JSON: a comma before `}`: JSON allows no comma after the last entry'],
    ['[1, 2, ]', '1:8: not valid JSON: a comma before `]`: JSON allows no comma after the last entry'],
    ['[1, 2', '1:6: not valid JSON: the file ends before the list opened at 1:1 is closed'],
    ['{"a": 01}', "1:8: not valid JSON: expected ',' or '}'"],
    ['{"a": "x\ty"}', '1:9: not valid JSON: a control character inside a string (write it as an escape)'],
    ['{"a": "\\q"}', '1:8: not valid JSON: an unknown escape in a string'],
    ['{"a": "\\u12"}', '1:8: not valid JSON: a \\u escape needs four hexadecimal digits'],
    ['{"a": tru}', '1:7: not valid JSON: expected a value'],
    ['{} {}', '1:4: not valid JSON: unexpected text after the JSON value'],
    ['// comment\n{}', '1:1: not valid JSON: expected a value'],
    ['{"a": 1, "a": 2}', '1:10: duplicate key `a`: a key may appear only once in an object'],
    ['{"constructor": {}}', '1:2: key `constructor` is not allowed'],
  ])('%j → %s', (text, expected) => {
    const parsed = parseJsonSource(text, 'b.json');
    expect(parsed.ok ? 'ok' : `${parsed.problems[0]!.line}:${parsed.problems[0]!.column}: ${parsed.problems[0]!.message}`).toBe(expected);
  });

  it('drops a byte-order mark, and counts lines after CRLF', () => {
    const parsed = parseJsonSource('\ufeff{\r\n"a":\r\n  [1, ]}', 'b.json');
    expect(parsed.ok ? 'ok' : `${parsed.problems[0]!.line}:${parsed.problems[0]!.column}`).toBe('3:7');
  });
});
