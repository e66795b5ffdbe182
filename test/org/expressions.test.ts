import { describe, expect, it } from 'vitest';
import { celProject } from '../../src/org/cel-values.js';
import { compileExpression, ExpressionError, expressionLimits } from '../../src/org/expressions.js';
import { ProjectView } from '../../src/project/view.js';
import type { Project } from '../../src/project/types.js';

/** The error an expression is refused with: its message and the offset it points at. */
function refusal(text: string, each?: 'datasets' | 'environments' | 'training'): { message: string; offset: number } {
  try {
    compileExpression(text, 'condition', { each });
  } catch (error) {
    if (error instanceof ExpressionError) return { message: error.message, offset: error.offset };
    throw error;
  }
  throw new Error(`${text} was accepted`);
}

const project = (datasets: number, storedIn = 1): Project => ({
  formatVersion: 1,
  project: { name: 'Sizes' },
  environments: [{ id: 'lab', area: 'training' }],
  datasets: Array.from({ length: datasets }, (_, i) => ({ id: `d${i}`, purpose: 'training', origin: 'internal', storedIn: Array.from({ length: storedIn }, () => 'lab') })),
}) as Project;

describe('compileExpression', () => {
  it('evaluates a condition over an entry and the maps by id', () => {
    const e = compileExpression('dataset.storedIn.all(s, s in environments && environments[s].area == "training")', 'condition', { each: 'datasets' });
    const cel = celProject(new ProjectView(project(2)));
    expect(e.evaluate({ ...cel.variables, dataset: cel.entries('datasets')[0] })).toBe(true);
    expect(e.reads).toEqual(['datasets[].storedIn', 'environments[]', 'environments[].area']);
  });

  it('walks the abilities and assets of a project, and looks them up by id', () => {
    const e = compileExpression('has(asset.usedBy) && asset.usedBy.exists(m, m in models)', 'condition', { each: 'assets' });
    expect(e.reads).toEqual(['assets[].usedBy']);
    expect(() => compileExpression('ability.kynd == "tool"', 'condition', { each: 'abilities' })).toThrow(/`abilities\[\]` has no field `kynd`; did you mean `kind`\?/);
  });

  it('reads whole numbers as CEL integers', () => {
    const e = compileExpression('string(project.datasets.size() / 2)', 'text');
    expect(e.evaluate(celProject(new ProjectView(project(5))).variables)).toBe('2');
  });

  it.each([
    ['a misspelt field, with the field meant', 'has(dataset.orign)', /`datasets\[\]` has no field `orign`; did you mean `origin`\?/, 12],
    ['a field of no project description', 'project.team == "x"', /a project description has no field `team`; its fields: formatVersion, project/, 8],
    ['a function outside the set, matches above all', 'dataset.id.matches("^(a+)+$")', /matches\(\) is not available to rules: a regular expression can take exponential time/, 0],
    ['comprehensions three deep', 'project.datasets.exists(a, project.datasets.exists(b, project.datasets.exists(c, a == b)))', /nest more than 2 deep/, 54],
    ['a syntax error, where it is', 'dataset.id ==', /^syntax error: Unexpected token: EOF/, 13],
    ['a type error', '1 + "a"', /^type error: no such overload: int \+ string/, 0],
    ['a condition that is not one', 'size(dataset.storedIn)', /must be true or false, but gives int/, 0],
    ['an entry outside `each`', 'environment.area == "training"', /Unknown variable: environment/, 0],
  ])('refuses %s', (_name, text, message, offset) => {
    const found = refusal(text, 'datasets');
    expect(found.message).toMatch(message);
    expect(found.offset).toBe(offset);
  });

  it('refuses an expression longer than the limit before parsing it', () => {
    expect(refusal(`${'true && '.repeat(200)}true`).message).toBe(`is longer than ${expressionLimits.maxLength} characters`);
  });

  it('refuses a tree with more nodes than the limit', () => {
    expect(refusal(`${'true||'.repeat(110)}true`).message).toMatch(/syntax error: .*maxAstNodes \(200\)/);
  });

  it('takes any key of a map without a fixed set of keys, such as controls', () => {
    const e = compileExpression('"ACMELABELAUDIT" in project.controls && project.controls.ACMELABELAUDIT.status == "implemented"', 'condition');
    expect(e.reads).toContain('controls.<id>.status');
  });

  it('says a text must be a text, a number or true or false, when loaded and when run', () => {
    expect(() => compileExpression('[1, 2]', 'text')).toThrow(/must give a text, a number or true or false, but gives list<int>/);
    const e = compileExpression('project.datasets', 'text');
    expect(() => e.evaluate(celProject(new ProjectView(project(1))).variables)).toThrow(/but gave a list/);
  });

  it('says where a condition gave something else when it is run', () => {
    const e = compileExpression('dataset.id', 'condition', { each: 'datasets' });
    expect(() => e.evaluate({ dataset: { id: 'x' } })).toThrow(/must be true or false, but gave a string/);
  });

  it('reports a missing key as CEL does, at its offset', () => {
    const e = compileExpression('dataset.sensitivity == ["personal"]', 'condition', { each: 'datasets' });
    try {
      e.evaluate({ ...celProject(new ProjectView(project(1))).variables, dataset: { id: 'x' } });
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).message).toBe('failed: no such key: sensitivity');
      expect((error as ExpressionError).offset).toBe(8);
    }
  });
});

describe('the cost bound', () => {
  it('grows with the lists an expression walks, as large as they are in this project', () => {
    const walk = compileExpression('dataset.storedIn.exists(s, s == "lab")', 'condition', { each: 'datasets' });
    const small = celProject(new ProjectView(project(10, 1)));
    const wide = celProject(new ProjectView(project(10, 8)));
    expect(walk.cost(wide)).toBeGreaterThan(walk.cost(small));
    // The number of data sets does not matter to a walk over one data set's storedIn.
    expect(walk.cost(celProject(new ProjectView(project(1000, 1))))).toBe(walk.cost(small));
  });

  it('sizes the lists of a project with 100,000 entries', () => {
    const walk = compileExpression('dataset.storedIn.exists(s, s == "lab")', 'condition', { each: 'datasets' });
    expect(walk.cost(celProject(new ProjectView(project(100_000, 2))))).toBe(walk.cost(celProject(new ProjectView(project(3, 2)))));
  });

  it('multiplies for a search within a search', () => {
    const search = compileExpression('project.datasets.exists(a, project.datasets.exists(b, a.id == b.id))', 'condition');
    const cel = celProject(new ProjectView(project(100)));
    expect(search.cost(cel)).toBeGreaterThan(100 * 100);
    expect(search.cost(cel)).toBeLessThan(100 * 100 * 20);
  });

  it('bounds a list an expression builds by the lists it is built from', () => {
    const built = compileExpression('(dataset.storedIn + dataset.storedIn).exists(s, s == "lab")', 'condition', { each: 'datasets' });
    const plain = compileExpression('dataset.storedIn.exists(s, s == "lab")', 'condition', { each: 'datasets' });
    const cel = celProject(new ProjectView(project(3, 5)));
    expect(built.cost(cel)).toBeGreaterThan(plain.cost(cel) * 1.5);
  });
});
