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
  code: ['[/"', '"/]'],
};

function nodeLine(node: GraphNode): string {
  const [open, close] = shapes[node.kind];
  return `${mermaidId(node.key)}${open}${mermaidLabel(node.label)}${close}`;
}

/**
 * A `flowchart LR` of the project, as the lines of a ```mermaid block. Environments where training
 * runs are subgraphs around their activities; nodes in `threatKeys` get the `threat` class.
 * Returns null when the graph is empty or too large to draw.
 */
export function renderMermaid(graph: ProjectGraph, threatKeys: ReadonlySet<string>): string[] | null {
  if (graph.nodes.length === 0 || graph.nodes.length > maxNodes) return null;
  const lines = ['flowchart LR'];
  const inside = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) {
    if (node.environment) inside.set(node.environment, [...(inside.get(node.environment) ?? []), node]);
  }
  for (const node of graph.nodes) {
    if (node.environment) continue;
    const members = node.kind === 'environment' ? inside.get(node.key) : undefined;
    if (!members) {
      lines.push(`  ${nodeLine(node)}`);
      continue;
    }
    lines.push(`  subgraph ${mermaidId(node.key)}["${mermaidLabel(node.label)}"]`);
    for (const member of members) lines.push(`    ${nodeLine(member)}`);
    lines.push('  end');
  }
  for (const edge of graph.edges) {
    const arrow = edge.style === 'stored' ? '-.->' : '-->';
    const label = edge.label ? `|"${mermaidLabel(edge.label)}"|` : '';
    lines.push(`  ${mermaidId(edge.from)} ${arrow}${label} ${mermaidId(edge.to)}`);
  }
  const marked = graph.nodes.filter((n) => threatKeys.has(n.key)).map((n) => mermaidId(n.key));
  lines.push('  classDef threat fill:#fdd,stroke:#c00,color:#000');
  if (marked.length > 0) lines.push(`  class ${marked.join(',')} threat`);
  return lines;
}
