import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileText } from './helpers/hostile-text.js';
import { mermaidId, mermaidLabel, renderMermaid } from '../../src/render/mermaid.js';
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

  it('draws suppliers → data sets → training → models, training inside its environment', () => {
    const project: Project = {
      formatVersion: 1,
      project: { name: 'p' },
      suppliers: [{ id: 'hub', supplies: ['pretrained-models'], trust: 'public-source' }, { id: 'vendor', supplies: ['data'], trust: 'known-vendor' }],
      environments: [{ id: 'lab', name: 'Lab', area: 'training' }, { id: 'store', area: 'data-engineering' }],
      datasets: [{ id: 'd', purpose: 'training', origin: 'supplier', supplyChain: [{ supplier: 'vendor', role: 'labels' }], storedIn: ['lab', 'store'] }],
      models: [{ id: 'base', origin: 'pretrained', supplier: 'hub' }, { id: 'm', origin: 'trained-here', baseModel: 'base' }],
      training: [{ id: 't', mode: 'transfer-learning', model: 'm', datasets: ['d'], environment: 'lab' }],
    };
    const lines = renderMermaid(buildProjectGraph(project), new Set(['datasets.0']))!;
    expect(lines).toEqual([
      'flowchart LR',
      '  n_suppliers_0(["hub"])',
      '  n_suppliers_1(["vendor"])',
      '  subgraph n_environments_0["Lab"]',
      '    n_training_0["t (transfer-learning)"]',
      '  end',
      '  n_environments_1{{"store"}}',
      '  n_datasets_0[("d")]',
      '  n_models_0[["base"]]',
      '  n_models_1[["m"]]',
      '  n_suppliers_1 -->|"labels"| n_datasets_0',
      '  n_suppliers_0 -->|"provides"| n_models_0',
      '  n_datasets_0 --> n_training_0',
      '  n_training_0 --> n_models_1',
      '  n_models_0 -->|"base model"| n_training_0',
      '  n_datasets_0 -.-> n_environments_1',
      '  classDef threat fill:#fdd,stroke:#c00,color:#000',
      '  class n_datasets_0 threat',
    ]);
  });

  it('draws nothing for an empty project', () => {
    expect(renderMermaid({ nodes: [], edges: [] }, new Set())).toBeNull();
  });
});
