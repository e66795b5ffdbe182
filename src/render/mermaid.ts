import { oneLine } from '../util/clean-text.js';
import type { GraphNode, GraphNodeKind, ProjectGraph } from './project-graph.js';

/** Mermaid diagrams larger than this stop being readable, and GitHub refuses very large ones. */
const maxNodes = 120;
const maxLabel = 60;

/**
 * A label safe inside Mermaid's double quotes: one line, no backticks (which would start a
 * Markdown string, or close the code fence), and the characters Mermaid or HTML would read as
 * syntax (quotes, HTML, pipes, brackets) written as Mermaid entity codes (`#quot;`, `#60;`). `#` goes
 * first because entity codes start with it.
 */
export function mermaidLabel(text: string): string {
  let label = oneLine(text);
  if (label.length > maxLabel) label = `${label.slice(0, maxLabel - 1)}…`;
  return label
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/[&<>`|[\]]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** Node ids keep to `[A-Za-z0-9_]`; node keys (`datasets.0`) are unique, so their ids are too. */
export function mermaidId(key: string): string {
  return `n_${key.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

const shapes: Record<GraphNodeKind, [string, string]> = {
  supplier: ['(["', '"])'],
  environment: ['{{"', '"}}'],
  dataset: ['[("', '")]'],
  training: ['["', '"]'],
  model: ['[["', '"]]'],
  ability: ['>"', '"]'],
  asset: ['[\\"', '"\\]'],
  code: ['[/"', '"/]'],
};

/** What each shape stands for, in the legend; in the order the map reads. */
const kindWords: [GraphNodeKind, string][] = [
  ['supplier', 'supplier'],
  ['dataset', 'data set'],
  ['training', 'training activity'],
  ['model', 'model'],
  ['ability', 'ability an agent calls'],
  ['asset', 'prompt, configuration or reward'],
  ['code', 'code'],
  ['environment', 'environment'],
];

/**
 * A node's text: its label, and its note on a second line; a box's title keeps to one line, as
 * Mermaid draws a second title line over the box's content.
 */
function nodeText(node: GraphNode, oneLine = false): string {
  if (!node.note) return mermaidLabel(node.label);
  return oneLine ? `${mermaidLabel(node.label)} (${mermaidLabel(node.note)})` : `${mermaidLabel(node.label)}<br/><small>${mermaidLabel(node.note)}</small>`;
}

function nodeLine(node: GraphNode): string {
  const [open, close] = shapes[node.kind];
  return `${mermaidId(node.key)}${open}${nodeText(node)}${close}`;
}

export interface MapMarks {
  /** Keys of the nodes a threat at or above the threshold rests on. */
  keys: ReadonlySet<string>;
  /** What a marked node means, for the legend: `a threat at high or above rests on it`. */
  meaning: string;
}

/**
 * A `flowchart LR` of the project, as the lines of a ```mermaid block. Environments are boxes
 * around what runs or is kept in them; every line is labelled; marked nodes get the `threat`
 * class, the only colour of the map; a legend names the shapes drawn and the colour. Returns
 * null when the graph is empty or too large to draw.
 */
export function renderMermaid(graph: ProjectGraph, marks: MapMarks): string[] | null {
  if (graph.nodes.length === 0 || graph.nodes.length > maxNodes) return null;
  const lines = [`flowchart ${direction(graph)}`];
  const inside = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) {
    if (node.within) inside.set(node.within, [...(inside.get(node.within) ?? []), node]);
  }
  for (const node of graph.nodes) {
    if (node.within) continue;
    const members = node.kind === 'environment' ? inside.get(node.key) : undefined;
    if (!members) {
      lines.push(`  ${nodeLine(node)}`);
      continue;
    }
    lines.push(`  subgraph ${mermaidId(node.key)}["${nodeText(node, true)}"]`);
    for (const member of members) lines.push(`    ${nodeLine(member)}`);
    lines.push('  end');
  }
  for (const edge of graph.edges) {
    lines.push(`  ${mermaidId(edge.from)} -->|"${mermaidLabel(edge.label)}"| ${mermaidId(edge.to)}`);
  }
  const boxes = new Set(inside.keys());
  const marked = graph.nodes.filter((n) => marks.keys.has(n.key));
  lines.push(...legend(graph, marked.length > 0 ? marks.meaning : null));
  // Grey unless marked, so that the one colour of the map means one thing, in light and dark mode.
  lines.push('  classDef default fill:#f6f8fa,stroke:#57606a,color:#1f2328');
  lines.push('  classDef box fill:#ffffff,stroke:#8c959f,color:#1f2328');
  lines.push('  classDef threat fill:#ffd8d3,stroke:#cf222e,stroke-width:2px,color:#1f2328');
  lines.push('  classDef threatBox fill:#fff5f5,stroke:#cf222e,stroke-width:2px,color:#1f2328');
  const ids = (keep: (n: GraphNode) => boolean) => graph.nodes.filter(keep).map((n) => mermaidId(n.key)).join(',');
  const plainBoxes = ids((n) => boxes.has(n.key) && !marks.keys.has(n.key));
  if (plainBoxes) lines.push(`  class ${plainBoxes},legend box`);
  else lines.push('  class legend box');
  const markedBoxes = ids((n) => boxes.has(n.key) && marks.keys.has(n.key));
  if (markedBoxes) lines.push(`  class ${markedBoxes} threatBox`);
  const markedNodes = ids((n) => !boxes.has(n.key) && marks.keys.has(n.key));
  if (markedNodes) lines.push(`  class ${markedNodes} threat`);
  return lines;
}

/**
 * Top to bottom, unless the map is much broader than it is deep (many data sets from many
 * suppliers, and short chains), when left to right is narrower: GitHub fits a map to the width of
 * the page, so the narrower drawing is the larger one. Breadth is the most entries at one step of
 * the longest path from a supplier; depth is the number of steps.
 */
export function direction(graph: ProjectGraph): 'TB' | 'LR' {
  const step = new Map(graph.nodes.map((n) => [n.key, 0]));
  // Longest paths by relaxation; bounded by the number of nodes, so a cycle cannot loop for ever.
  for (let round = 0, changed = true; changed && round < graph.nodes.length; round++) {
    changed = false;
    for (const edge of graph.edges) {
      const from = step.get(edge.from);
      const to = step.get(edge.to);
      if (from !== undefined && to !== undefined && to < from + 1) {
        step.set(edge.to, from + 1);
        changed = true;
      }
    }
  }
  const boxes = new Set(graph.nodes.flatMap((n) => (n.within ? [n.within] : [])));
  const perStep = new Map<number, number>();
  for (const node of graph.nodes) if (!boxes.has(node.key)) perStep.set(step.get(node.key)!, (perStep.get(step.get(node.key)!) ?? 0) + 1);
  const depth = Math.max(...perStep.keys()) + 1;
  const breadth = Math.max(...perStep.values());
  return breadth >= 2 * depth ? 'LR' : 'TB';
}

/** A box naming each shape the map uses and, when a node is marked, what the colour means. */
function legend(graph: ProjectGraph, meaning: string | null): string[] {
  const kinds = new Set(graph.nodes.filter((n) => n.kind !== 'environment' || !graph.nodes.some((m) => m.within === n.key)).map((n) => n.kind));
  const entries = kindWords.filter(([kind]) => kinds.has(kind)).map(([kind, words]) => {
    const [open, close] = shapes[kind];
    return `legend_${kind}${open}${words}${close}`;
  });
  if (meaning) entries.push(`legend_threat["${mermaidLabel(meaning)}"]:::threat`);
  return ['  subgraph legend["Legend"]', '    direction TB', ...entries.map((e) => `    ${e}`), '  end'];
}
