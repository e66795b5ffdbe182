import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/render/json.js';
import { repoRoot } from '../helpers/run-cli.js';
import { assessFiles, examples, plainContext } from './helpers/assess-files.js';
import { smallReport } from './helpers/small-report.js';

const schema = JSON.parse(readFileSync(`${repoRoot}/schemas/report.schema.json`, 'utf8')) as { $id: string };
const validate = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

describe('json', () => {
  it('documents itself: the schema is draft 2020-12 with the v1 id and every property described', () => {
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://aithreat.dev/schemas/report/v1.json' });
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, { description?: string; $ref?: string }> }).properties ?? {};
      for (const [key, value] of Object.entries(properties)) {
        const bySize = ['critical', 'high', 'medium', 'low'].includes(key);
        if (!value.description && !value.$ref && !bySize) undocumented.push(`${path}/${key}`);
      }
      for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
    };
    walk(schema, '');
    expect(undocumented).toEqual([]);
  });

  it('starts with the schema and the report version, in a fixed key order', () => {
    const data = JSON.parse(renderJson(smallReport(), plainContext())) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['$schema', 'reportVersion', 'tool', 'asOf', 'failOn', 'undeclared', 'policy', 'discover', 'verdict', 'projects']);
    expect(data.$schema).toBe(schema.$id);
    expect(data.reportVersion).toBe(1);
  });

  it('keeps its key order however the report objects were built', () => {
    const report = smallReport();
    const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    const shuffled = reversed({ ...report, projects: report.projects.map((p) => reversed({ ...p, threats: p.threats.map(reversed) })) });
    expect(renderJson(shuffled, plainContext())).toBe(renderJson(report, plainContext()));
  });

  it('gives every fact its wording and every optional value a null', () => {
    const data = JSON.parse(renderJson(smallReport(), plainContext()));
    expect(data.projects[0].threats[1].evidence[0]).toEqual({
      code: 'dataset-trains-model',
      text: 'data set `clicks` is used for training',
      args: { dataset: 'clicks', purpose: 'training' },
      path: ['datasets', 0, 'purpose'],
      found: [],
      location: { file: 'projects/demo.yaml', line: 10, column: 3 },
    });
    expect(data.projects[0].gaps[0]).toMatchObject({ expires: null, reason: null });
  });

  it.each(['small report', ...examples])('validates against schemas/report.schema.json: %s', (name) => {
    const report = name === 'small report' ? smallReport() : assessFiles([name]).report;
    const valid = validate(JSON.parse(renderJson(report, plainContext())));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
});
