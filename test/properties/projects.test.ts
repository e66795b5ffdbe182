import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { load, CORE_SCHEMA } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runSourceCli } from '../helpers/run-cli.js';
import { asOf, formats, tempDir, type Format } from '../hostile/helpers.js';
import { projectArbitrary, styleArbitrary, toYaml } from './arbitraries.js';

/**
 * For any valid project (see arbitraries.ts), written in any YAML style: `validate` accepts it,
 * `assess` never fails in any format, two runs give the same bytes, and every position a report
 * gives (JSON locations, SARIF regions, Markdown `#Lnn` links, JUnit and table line numbers) lies
 * inside the file. In-process, through the CLI's `run()`, for speed.
 */

const work = tempDir('properties');
afterAll(() => work.remove());
const file = 'project.yaml';

/** Positions a report names, as [line, column | null, where]. */
function positions(format: Format, text: string): [number, number | null, string][] {
  const found: [number, number | null, string][] = [];
  if (format === 'json') {
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
      else if (value !== null && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (path.endsWith('.location') && typeof record.line === 'number') found.push([record.line, record.column as number, path]);
        for (const [key, item] of Object.entries(record)) walk(item, `${path}.${key}`);
      }
    };
    walk(JSON.parse(text), '$');
  } else if (format === 'sarif') {
    const log = JSON.parse(text) as { runs: { results: { locations?: { physicalLocation?: { region?: Record<string, number> } }[] }[] }[] };
    log.runs[0]!.results.forEach((result, i) =>
      (result.locations ?? []).forEach((location, j) => {
        const region = location.physicalLocation?.region;
        if (!region) return;
        found.push([region.startLine!, region.startColumn ?? null, `results[${i}].locations[${j}] start`]);
        if (region.endLine !== undefined) found.push([region.endLine, region.endColumn ?? null, `results[${i}].locations[${j}] end`]);
      }),
    );
  } else if (format === 'markdown') {
    for (const match of text.matchAll(/\.yaml#L(\d+)(?:C(\d+))?/g)) found.push([Number(match[1]), match[2] ? Number(match[2]) : null, match[0]]);
  } else if (format === 'junit') {
    for (const match of text.matchAll(/\bline="(\d+)"/g)) found.push([Number(match[1]), null, match[0]]);
  } else {
    for (const match of text.matchAll(/\bline (\d+)\b/g)) found.push([Number(match[1]), null, match[0]]);
  }
  return found;
}

describe('any valid project', () => {
  it('is accepted, assessed in every format, deterministically, with every position inside the file', async () => {
    await fc.assert(
      fc.asyncProperty(projectArbitrary, styleArbitrary, async (project, style) => {
        const yaml = toYaml(project, style);
        // The rendering must say what the project says, or the property would test the dumper.
        expect(load(yaml.replace(/^\ufeff/, ''), { schema: CORE_SCHEMA })).toEqual(project);
        writeFileSync(join(work.path, file), yaml, 'utf8');
        const lines = yaml.replace(/^\ufeff/, '').split('\n');

        const validate = await runSourceCli(['validate', file], { cwd: work.path });
        expect(validate.stderr).toBe('');
        expect([validate.code, validate.stdout]).toEqual([0, `${file}: valid\n`]);

        for (const format of formats) {
          const args = ['assess', file, '--as-of', asOf, '--format', format];
          const first = await runSourceCli(args, { cwd: work.path });
          expect(first.stderr, format).toBe('');
          expect([0, 1], format).toContain(first.code);
          const second = await runSourceCli(args, { cwd: work.path });
          expect(second.stdout === first.stdout, `${format}: two runs differ`).toBe(true);
          expect(second.code).toBe(first.code);
          for (const [line, column, where] of positions(format, first.stdout)) {
            expect(line, `${format} ${where}: line`).toBeGreaterThanOrEqual(1);
            expect(line, `${format} ${where}: line past the end of the file`).toBeLessThanOrEqual(lines.length);
            if (column !== null) {
              expect(column, `${format} ${where}: column`).toBeGreaterThanOrEqual(1);
              expect(column, `${format} ${where}: column past the end of line ${line}`).toBeLessThanOrEqual(lines[line - 1]!.length + 1);
            }
          }
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) },
    );
  }, 120_000);
});
