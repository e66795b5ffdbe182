import { describe, expect, it } from 'vitest';
import { planOutputs } from '../../src/output/output-plan.js';

describe('planOutputs', () => {
  it('defaults to the table on stdout', () => {
    expect(planOutputs([], undefined)).toEqual({ ok: true, targets: [{ format: 'table', path: null, origin: 'flag' }] });
  });

  it('reads format=path, keeping the order given', () => {
    expect(planOutputs(['table', 'markdown=report.md', 'sarif=out/aithreat.sarif'], undefined)).toEqual({
      ok: true,
      targets: [
        { format: 'table', path: null, origin: 'flag' },
        { format: 'markdown', path: 'report.md', origin: 'flag' },
        { format: 'sarif', path: 'out/aithreat.sarif', origin: 'flag' },
      ],
    });
  });

  it('keeps everything after the first = as the path', () => {
    expect(planOutputs(['json=a=b.json'], undefined)).toEqual({ ok: true, targets: [{ format: 'json', path: 'a=b.json', origin: 'flag' }] });
  });

  it('sends the stdout format to --output', () => {
    expect(planOutputs(['json'], 'r.json')).toEqual({ ok: true, targets: [{ format: 'json', path: 'r.json', origin: 'flag' }] });
    expect(planOutputs([], 'r.txt')).toEqual({ ok: true, targets: [{ format: 'table', path: 'r.txt', origin: 'flag' }] });
  });

  it('marks formats from the configuration, and --output as typed', () => {
    expect(planOutputs(['json=r.json', 'table'], 'out.txt', 'config')).toEqual({
      ok: true,
      targets: [
        { format: 'json', path: 'r.json', origin: 'config' },
        { format: 'table', path: 'out.txt', origin: 'flag' },
      ],
    });
  });

  it('writes nothing to stdout when every format has a file', () => {
    expect(planOutputs(['sarif=a.sarif'], undefined)).toEqual({ ok: true, targets: [{ format: 'sarif', path: 'a.sarif', origin: 'flag' }] });
  });

  it.each([
    [['xml'], undefined, "unknown format 'xml'; the formats are table, markdown, json, sarif, junit"],
    [['json='], undefined, 'needs a file name'],
    [['table', 'json'], undefined, 'only one format can go to stdout'],
    [['sarif=a.sarif'], 'b.txt', 'every --format has its own file'],
    [['json'], 'json.json', undefined],
    [[], '', '--output needs a file name'],
  ])('%j with --output %j', (formats, output, message) => {
    const plan = planOutputs(formats, output);
    if (message === undefined) expect(plan.ok).toBe(true);
    else expect(plan).toEqual({ ok: false, message: expect.stringContaining(message) });
  });
});
