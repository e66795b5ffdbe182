import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/validate/load-project.js';

/** YAML's non-finite numbers (`.inf`, `-.inf`, `.nan`) are numbers to the parser; messages name them as written. */
describe('non-finite numbers where a count is expected', () => {
  it.each([
    ['.inf', 'infinity (`.inf`)'],
    ['-.Inf', 'minus infinity (`-.inf`)'],
    ['.NaN', 'not a number (`.nan`)'],
  ])('people: %s', (value, said) => {
    const checked = parseProject(`formatVersion: 1\nproject: { name: X }\nenvironments:\n  - { id: e, area: training, access: { people: ${value} } }\n`, 'inf.yaml');
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([`4:48: \`environments.0.access.people\` must be a whole number, not ${said}`]);
  });
});
