import { describe, expect, it } from 'vitest';
import { planOutputs } from '../../src/output/output-plan.js';

describe('planOutputs', () => {
  it('defaults to the table on stdout', () => {
    expect(planOutputs([], undefined)).toEqual({ ok: true, targets: [{ format: 'table', path: null }] });
  });

  it('reads format=path, keeping the order given', () => {
    expect(planOutputs(['table', 'markdown=report.md', 'sarif=out/aithreat.sarif'], undefined)).toEqual({
      ok: true,
      targets: [
        { format: 'table', path: null },
        { format: 'markdown', path: 'report.md' },
        { format: 'sarif', path: 'out/aithreat.sarif' },
      ],
    });
  });

  it('keeps everything after the first = as the path', () => {
    expect(planOutputs(['json=a=b.json'], undefined)).toEqual({ ok: true, targets: [{ format: 'json', path: 'a=b.json' }] });
  });

  it('sends the stdout format to --output', () => {
    expect(planOutputs(['json'], 'r.json')).toEqual({ ok: true, targets: [{ format: 'json', path: 'r.json' }] });
    expect(planOutputs([], 'r.txt')).toEqual({ ok: true, targets: [{ format: 'table', path: 'r.txt' }] });
  });

  it('writes nothing to stdout when every format has a file', () => {
    expect(planOutputs(['sarif=a.sarif'], undefined)).toEqual({ ok: true, targets: [{ format: 'sarif', path: 'a.sarif' }] });
  });

  it.each([
    [['xml'], undefined, "unknown format 'xml'; the formats are table, markdown, json, sarif, junit"],
    [['json='], undefined, 'needs a file name'],
    [['table', 'json'], undefined, 'only one format can go to stdout'],
    [['sarif=a.sarif'], 'b.txt', 'every --format has its own file'],
    [['json=a', 'sarif=a'], undefined, 'two formats would write to a'],
    [['json'], 'json.json', undefined],
    [[], '', '--output needs a file name'],
  ])('%j with --output %j', (formats, output, message) => {
    const plan = planOutputs(formats, output);
    if (message === undefined) expect(plan.ok).toBe(true);
    else expect(plan).toEqual({ ok: false, message: expect.stringContaining(message) });
  });
});
