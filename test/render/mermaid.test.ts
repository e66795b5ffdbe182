import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileText } from './helpers/hostile-text.js';
import { direction, mermaidId, mermaidLabel, renderMermaid } from '../../src/render/mermaid.js';
import { buildProjectGraph } from '../../src/render/project-graph.js';
import type { Project } from '../../src/project/types.js';

describe('mermaid', () => {
  it('keeps any text inert inside a quoted label', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const label = mermaidLabel(text);
        expect(label).not.toMatch(/["`\n\r<>|[\]]/);
        expect(label).not.toMatch(/#(?!(?:quot|\d+);)/);
      }),
    );
  });

  it('escapes quotes first as #quot; and shortens long labels', () => {
    expect(mermaidLabel('a "b" #1 <c> `d` e|f')).toBe('a #quot;b#quot; #35;1 #60;c#62; #96;d#96; e#124;f');
    expect(mermaidLabel('x'.repeat(100))).toHaveLength(60);
  });

  it('makes ids of letters, digits and underscores', () => {
    expect(mermaidId('datasets.12')).toBe('n_datasets_12');
    expect(mermaidId('code')).toBe('n_code');
  });

  const project: Project = {
    formatVersion: 1,
    project: { name: 'p' },
    suppliers: [
      { id: 'hub', supplies: ['pretrained-models'], trust: 'public-source' },
      { id: 'vendor', supplies: ['data'], trust: 'known-vendor' },
      { id: 'cloud', supplies: ['compute'], trust: 'contracted-assessed' },
      { id: 'unused', supplies: ['software-libraries'], trust: 'public-source' },
    ],
    environments: [{ id: 'lab', name: 'Lab', area: 'training', provider: 'cloud' }, { id: 'store', area: 'data-engineering' }],
    datasets: [{ id: 'd', purpose: 'training', origin: 'supplier', supplyChain: [{ supplier: 'vendor', role: 'labels' }], storedIn: ['store', 'lab'] }],
    models: [{ id: 'base', origin: 'pretrained', supplier: 'hub' }, { id: 'm', origin: 'trained-here', baseModel: 'base', storedIn: ['lab'] }],
    training: [{ id: 't', mode: 'transfer-learning', model: 'm', datasets: ['d'], environment: 'lab' }],
  };
  const marks = { keys: new Set(['datasets.0', 'environments.0']), meaning: 'raises the likelihood of a threat rated high or above' };

  it('draws suppliers → data sets → training → models, each environment a box around what runs or is kept in it', () => {
    const lines = renderMermaid(buildProjectGraph(project), marks)!;
    expect(lines).toEqual([
      'flowchart TB',
      '  n_suppliers_0(["hub"])',
      '  n_suppliers_1(["vendor"])',
      // Titled by id, with the cloud that hosts it; the data set is drawn where it is used.
      '  subgraph n_environments_0["lab (on cloud)"]',
      '    n_datasets_0[("d<br/><small>also kept in store</small>")]',
      '    n_models_1[["m"]]',
      '    n_training_0["t (transfer-learning)"]',
      '  end',
      '  n_models_0[["base"]]',
      '  n_suppliers_1 -->|"labels"| n_datasets_0',
      '  n_suppliers_0 -->|"provides"| n_models_0',
      '  n_datasets_0 -->|"training"| n_training_0',
      '  n_training_0 -->|"trains"| n_models_1',
      '  n_models_0 -->|"base model"| n_training_0',
      '  subgraph legend["Legend"]',
      '    direction TB',
      '    legend_supplier(["supplier"])',
      '    legend_dataset[("data set")]',
      '    legend_training["training activity"]',
      '    legend_model[["model"]]',
      '    legend_threat["raises the likelihood of a threat rated high or above"]:::threat',
      '  end',
      '  classDef default fill:#f6f8fa,stroke:#57606a,color:#1f2328',
      '  classDef box fill:#ffffff,stroke:#8c959f,color:#1f2328',
      '  classDef threat fill:#ffd8d3,stroke:#cf222e,stroke-width:2px,color:#1f2328',
      '  classDef threatBox fill:#fff5f5,stroke:#cf222e,stroke-width:2px,color:#1f2328',
      '  class legend box',
      '  class n_environments_0 threatBox',
      '  class n_datasets_0 threat',
    ]);
  });

  it('leaves nothing floating: what has no line and no box is named instead, a hosting cloud in its boxes\' titles', () => {
    const graph = buildProjectGraph(project);
    expect(graph.unlinked.map((n) => n.key)).toEqual(['suppliers.3', 'environments.1']);
    const ends = new Set(graph.edges.flatMap((e) => [e.from, e.to]));
    for (const node of graph.nodes) {
      const boxed = node.within !== undefined || graph.nodes.some((m) => m.within === node.key);
      expect(boxed || ends.has(node.key), node.key).toBe(true);
    }
    for (const edge of graph.edges) expect(edge.label).not.toBe('');
  });

  it('uses no colour and no colour legend when nothing is marked', () => {
    const lines = renderMermaid(buildProjectGraph(project), { keys: new Set(), meaning: 'x' })!;
    expect(lines.join('\n')).not.toMatch(/legend_threat|class [^\n]* threat/);
    expect(lines).toContain('  class n_environments_0,legend box');
  });

  it('draws the abilities an agent calls and the assets that steer a model, in the box of the model\'s use', () => {
    const agent: Project = {
      ...project,
      environments: [...project.environments!, { id: 'runtime', area: 'operational' }],
      models: [{ id: 'base', origin: 'pretrained', supplier: 'hub' }, { id: 'm', origin: 'trained-here', baseModel: 'base', storedIn: ['lab', 'runtime'] }],
      abilities: [{ id: 'tickets-mcp', kind: 'mcp-server', origin: 'supplied', supplier: 'vendor', usedBy: ['m'], runsIn: ['runtime'] }],
      assets: [{ id: 'prompt', kind: 'system-prompt', usedBy: ['m'], storedIn: ['runtime'] }],
    };
    const lines = renderMermaid(buildProjectGraph(agent), { keys: new Set(['abilities.0']), meaning: 'x' })!;
    // Used twice in runtime and trained once in lab: m is drawn where it is used most.
    expect(lines.join('\n')).toContain('  subgraph n_environments_2["runtime"]\n    n_models_1[["m<br/><small>also kept in lab</small>"]]\n    n_abilities_0>"tickets-mcp"]\n    n_assets_0[\\"prompt"\\]\n  end');
    expect(lines).toContain('  n_suppliers_1 -->|"supplies"| n_abilities_0');
    expect(lines).toContain('  n_abilities_0 -->|"called by"| n_models_1');
    expect(lines).toContain('  n_assets_0 -->|"steers"| n_models_1');
    expect(lines).toContain('    legend_ability>"ability an agent calls"]');
    expect(lines).toContain('  class n_abilities_0 threat');
  });

  it('runs left to right only when the map is much broader than deep', () => {
    expect(direction(buildProjectGraph(project))).toBe('TB');
    // Eight data sets from eight suppliers into one training: eight entries at one step, four steps.
    const broad: Project = {
      formatVersion: 1,
      project: { name: 'broad' },
      suppliers: Array.from({ length: 8 }, (_, i) => ({ id: `s${i}`, supplies: ['data' as const], trust: 'known-vendor' as const })),
      datasets: Array.from({ length: 8 }, (_, i) => ({ id: `d${i}`, purpose: 'training' as const, origin: 'supplier' as const, supplyChain: [{ supplier: `s${i}`, role: 'provides' as const }] })),
      models: [{ id: 'm', origin: 'trained-here' }],
      training: [{ id: 't', mode: 'from-scratch', model: 'm', datasets: ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'] }],
    };
    expect(direction(buildProjectGraph(broad))).toBe('LR');
    expect(renderMermaid(buildProjectGraph(broad), marks)![0]).toBe('flowchart LR');
  });

  it('draws nothing for an empty project', () => {
    expect(renderMermaid({ nodes: [], edges: [], unlinked: [] }, { keys: new Set(), meaning: '' })).toBeNull();
  });
});
