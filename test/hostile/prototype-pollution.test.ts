import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/load/source.js';
import { runSourceCli } from '../helpers/run-cli.js';
import { asOf, expectAccepted, expectRefusal, formats, hostileDir, runCommitted, tempDir, type ExpectedRefusal } from './helpers.js';

/**
 * `__proto__`, `constructor` and `prototype` as keys (refused anywhere, at the key) and as ids
 * (`constructor` and `prototype` match the id pattern, so they are ordinary ids; `__proto__` does
 * not). In-process runs then check that nothing reached the built-in prototypes.
 */

const refused: (ExpectedRefusal & { file: string })[] = [
  { file: 'proto-top.yaml', line: 4, column: 1, message: /^key `__proto__` is not allowed$/ },
  { file: 'proto-top-quoted.yaml', line: 4, column: 1, message: /^key `__proto__` is not allowed$/ },
  { file: 'proto-nested.yaml', line: 4, column: 3, message: /^key `__proto__` is not allowed$/ },
  { file: 'proto-in-list.yaml', line: 8, column: 5, message: /^key `__proto__` is not allowed$/ },
  { file: 'proto-controls.yaml', line: 5, column: 3, message: /^key `__proto__` is not allowed$/ },
  { file: 'proto-control-body.yaml', line: 7, column: 5, message: /^key `__proto__` is not allowed$/ },
  { file: 'proto-flow.yaml', line: 2, column: 20, message: /^key `__proto__` is not allowed$/ },
  { file: 'proto-explicit-key.yaml', line: 4, column: 3, message: /^key `__proto__` is not allowed$/ },
  // The key comes from an alias of a scalar anchored elsewhere.
  { file: 'proto-alias-key.yaml', line: 5, column: 1, message: /^key `__proto__` is not allowed$/ },
  // `constructor: {prototype: …}`: the inner key is met first.
  { file: 'constructor-top.yaml', line: 5, column: 3, message: /^key `prototype` is not allowed$/ },
  { file: 'constructor-nested.yaml', line: 4, column: 17, message: /^key `prototype` is not allowed$/ },
  { file: 'constructor-controls.yaml', line: 5, column: 3, message: /^key `constructor` is not allowed$/ },
  { file: 'prototype-nested.yaml', line: 9, column: 7, message: /^key `prototype` is not allowed$/ },
  // `__proto__` is not a valid id; references to ids nobody defines are dangling, whatever their name.
  {
    file: 'proto-ids-dangling.yaml',
    line: 5,
    column: 9,
    message: /`environments\.0\.id` is `__proto__`/,
    also: [/:10:15: `models\.0\.supplier` names supplier `constructor`, which is not defined/, /:11:16: `models\.0\.baseModel` names model `prototype`, which is not defined/, /:12:16: .*`constructor`/, /:12:29: .*`__proto__`/],
  },
];

/** Every own property of the built-in prototypes, with its value or accessors. */
function prototypeSnapshot(): Map<string, unknown> {
  const snapshot = new Map<string, unknown>();
  const builtins = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype, Map: Map.prototype };
  for (const [name, proto] of Object.entries(builtins)) {
    for (const key of Reflect.ownKeys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
      if ('value' in descriptor) snapshot.set(`${name}.${String(key)}`, descriptor.value);
      else {
        snapshot.set(`${name}.${String(key)} (get)`, descriptor.get);
        snapshot.set(`${name}.${String(key)} (set)`, descriptor.set);
      }
    }
  }
  return snapshot;
}

function expectPrototypesUnchanged(before: Map<string, unknown>, objectNamesBefore: string[]): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(objectNamesBefore);
  const after = prototypeSnapshot();
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [key, value] of before) expect(after.get(key), key).toBe(value);
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'failOn', 'status', 'name', 'id']) expect(probe[key], key).toBeUndefined();
}

describe('reserved keys are refused at the key, everywhere', () => {
  for (const c of refused) {
    it(c.file, async () => {
      await runCommitted(c.file, (result) => expectRefusal(result, c.file, c));
    }, 30_000);
  }

  it('in a policy file and in .aithreatrc.yaml too', async () => {
    const work = tempDir('proto-policy');
    try {
      for (const file of ['proto-ids.yaml', 'proto-policy.yaml', 'constructor-policy.yaml']) copyFileSync(join(hostileDir, file), join(work.path, file));
      const policy = await runSourceCli(['assess', 'proto-ids.yaml', '--as-of', asOf, '--policy', 'proto-policy.yaml'], { cwd: work.path });
      expect([policy.code, policy.stdout, policy.stderr]).toEqual([2, '', 'proto-policy.yaml:3:1: key `__proto__` is not allowed\n']);
      const nested = await runSourceCli(['assess', 'proto-ids.yaml', '--as-of', asOf, '--policy', 'constructor-policy.yaml'], { cwd: work.path });
      expect([nested.code, nested.stdout, nested.stderr]).toEqual([2, '', 'constructor-policy.yaml:4:19: key `prototype` is not allowed\n']);
      writeFileSync(join(work.path, '.aithreatrc.yaml'), readFileSync(join(hostileDir, 'proto-config.yaml')));
      const config = await runSourceCli(['assess', 'proto-ids.yaml', '--as-of', asOf], { cwd: work.path });
      expect([config.code, config.stdout, config.stderr]).toEqual([2, '', '.aithreatrc.yaml:2:1: key `__proto__` is not allowed\n']);
    } finally {
      work.remove();
    }
  });
});

describe('`constructor` and `prototype` as ids are plain strings', () => {
  it('proto-ids.yaml: valid; every reference resolves to the entry of that name', async () => {
    const result = await runCommitted('proto-ids.yaml', (r) => expectAccepted(r, 'proto-ids.yaml'));
    for (const [format, text] of Object.entries(result.outputs)) {
      expect(text, format).not.toMatch(/native code|function Object|\[object Object\]|undefined/);
    }
    const report = JSON.parse(result.outputs.json!);
    const texts = JSON.stringify(report);
    expect(texts).toContain('data set `constructor`');
    expect(texts).toContain('model `prototype`');
    // The pre-trained model `prototype` comes from the public-source supplier `constructor`: if a
    // lookup had found Object's constructor instead, this threat would not apply.
    const transfer = report.projects[0].threats.find((t: { threat: string }) => t.threat === 'SUPPLYMODELPOISON');
    expect(transfer.applies).toBe(true);
    expect(JSON.stringify(transfer.evidence)).toContain('`constructor`');
  }, 30_000);

  it('the reader gives ids as strings in plain objects and arrays', () => {
    const loaded = parseSource(readFileSync(join(hostileDir, 'proto-ids.yaml'), 'utf8'), 'proto-ids.yaml');
    expect(loaded.ok).toBe(true);
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) {
        expect(Object.getPrototypeOf(value)).toBe(Array.prototype);
        value.forEach(walk);
      } else if (value !== null && typeof value === 'object') {
        expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
        for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key]);
      } else {
        expect(['string', 'number', 'boolean'].includes(typeof value) || value === null, String(value)).toBe(true);
      }
    };
    walk(loaded.ok && loaded.data);
    const data = loaded.ok ? (loaded.data as { suppliers: { id: unknown }[] }) : { suppliers: [] };
    expect(data.suppliers.map((s) => s.id)).toEqual(['constructor', 'prototype', 'hasownproperty']);
  });
});

describe('in-process runs leave the built-in prototypes as they were', () => {
  it('every fixture here, through validate and assess in every format', async () => {
    const before = prototypeSnapshot();
    const objectNamesBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const { file } of [...refused, { file: 'proto-ids.yaml' }]) {
      const validate = await runSourceCli(['validate', file], { cwd: hostileDir });
      expect(validate.code, file).toBe(file === 'proto-ids.yaml' ? 0 : 2);
      for (const format of formats) {
        const assess = await runSourceCli(['assess', file, '--as-of', asOf, '--format', format], { cwd: hostileDir });
        expect([0, 1, 2], `${file} ${format}`).toContain(assess.code);
        expect(assess.stderr, `${file} ${format}`).not.toMatch(/internal error/);
      }
    }
    for (const policy of ['proto-policy.yaml', 'constructor-policy.yaml']) {
      expect((await runSourceCli(['assess', 'proto-ids.yaml', '--as-of', asOf, '--policy', policy], { cwd: hostileDir })).code).toBe(2);
    }
    expectPrototypesUnchanged(before, objectNamesBefore);
  }, 60_000);
});
