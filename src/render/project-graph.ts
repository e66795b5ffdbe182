import type { Project } from '../project/types.js';

export type GraphNodeKind = 'supplier' | 'environment' | 'dataset' | 'training' | 'model' | 'code';

/**
 * One entry of the project. `key` is its place in the data (`datasets.2`, `code`), the same prefix
 * that facts' paths start with, so a finding can be tied to the node it is about.
 */
export interface GraphNode {
  key: string;
  kind: GraphNodeKind;
  label: string;
  /** For training activities: the key of the environment they run in. */
  environment?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** `flow`: data or models move along it; `stored`: the entry is kept in that environment. */
  style: 'flow' | 'stored';
  label?: string;
}

/** How data and models move through the project: suppliers → data sets → training → models. */
export interface ProjectGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The node key a fact's path belongs to, or null when the path is not inside a drawn entry. */
export function nodeKeyOf(path: readonly (string | number)[]): string | null {
  const [list, index] = path;
  if (list === 'code') return 'code';
  if (typeof list !== 'string' || typeof index !== 'number') return null;
  return ['suppliers', 'environments', 'datasets', 'models', 'training'].includes(list) ? `${list}.${index}` : null;
}

/** Builds the graph of a validated project; references that do not resolve are left out. */
export function buildProjectGraph(project: Project): ProjectGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const keyOf = (list: { id: string }[] | undefined, prefix: string) =>
    new Map((list ?? []).map((item, i) => [item.id, `${prefix}.${i}`]));
  const suppliers = keyOf(project.suppliers, 'suppliers');
  const environments = keyOf(project.environments, 'environments');
  const datasets = keyOf(project.datasets, 'datasets');
  const models = keyOf(project.models, 'models');
  const flow = (from: string | undefined, to: string | undefined, label?: string) => {
    if (from && to) edges.push(label ? { from, to, style: 'flow', label } : { from, to, style: 'flow' });
  };

  (project.suppliers ?? []).forEach((s, i) => nodes.push({ key: `suppliers.${i}`, kind: 'supplier', label: s.id }));
  (project.environments ?? []).forEach((e, i) => nodes.push({ key: `environments.${i}`, kind: 'environment', label: e.name ?? e.id }));
  (project.datasets ?? []).forEach((d, i) => {
    nodes.push({ key: `datasets.${i}`, kind: 'dataset', label: d.id });
    for (const link of d.supplyChain ?? []) flow(suppliers.get(link.supplier), `datasets.${i}`, link.role);
  });
  (project.models ?? []).forEach((m, i) => {
    nodes.push({ key: `models.${i}`, kind: 'model', label: m.id });
    if (m.supplier) flow(suppliers.get(m.supplier), `models.${i}`, 'provides');
  });
  const trainers = new Map<string, string[]>();
  (project.training ?? []).forEach((t, i) => {
    const key = `training.${i}`;
    const environment = t.environment ? environments.get(t.environment) : undefined;
    nodes.push(environment ? { key, kind: 'training', label: `${t.id} (${t.mode})`, environment } : { key, kind: 'training', label: `${t.id} (${t.mode})` });
    for (const id of t.datasets ?? []) {
      const purpose = project.datasets?.find((d) => d.id === id)?.purpose;
      flow(datasets.get(id), key, purpose === 'training' ? undefined : purpose);
    }
    if (t.hostedBy) flow(suppliers.get(t.hostedBy), key, 'hosts');
    if (t.model) {
      flow(key, models.get(t.model));
      trainers.set(t.model, [...(trainers.get(t.model) ?? []), key]);
    }
  });
  // A base model feeds the activities that train the model built on it, or the model itself.
  for (const m of project.models ?? []) {
    if (!m.baseModel) continue;
    const targets = trainers.get(m.id) ?? [models.get(m.id)];
    for (const target of targets) flow(models.get(m.baseModel), target, 'base model');
  }
  if (project.code) {
    nodes.push({ key: 'code', kind: 'code', label: 'source code and configuration' });
    for (const id of project.code.developedBy ?? []) flow(suppliers.get(id), 'code', 'develops');
  }

  // Storage is drawn only for environments where no training runs: a training environment is
  // already a box around its activities, and lines into it would cross the whole diagram.
  const hostsTraining = new Set(nodes.flatMap((n) => (n.environment ? [n.environment] : [])));
  const stored = (from: string, ids: string[] | undefined) => {
    for (const id of ids ?? []) {
      const to = environments.get(id);
      if (to && !hostsTraining.has(to)) edges.push({ from, to, style: 'stored' });
    }
  };
  (project.datasets ?? []).forEach((d, i) => stored(`datasets.${i}`, d.storedIn));
  (project.models ?? []).forEach((m, i) => stored(`models.${i}`, m.storedIn));
  if (project.code) stored('code', project.code.storedIn);
  return { nodes, edges };
}
