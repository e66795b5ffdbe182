import type { Project } from '../project/types.js';

export type GraphNodeKind = 'supplier' | 'environment' | 'dataset' | 'training' | 'model' | 'ability' | 'asset' | 'code';

/**
 * One entry of the project. `key` is its place in the data (`datasets.2`, `code`), the same prefix
 * that facts' paths start with, so a finding can be tied to the node it is about.
 */
export interface GraphNode {
  key: string;
  kind: GraphNodeKind;
  label: string;
  /** More about it, after the label: the cloud that hosts an environment, the other places an entry is kept. */
  note?: string;
  /**
   * The key of the environment it is drawn inside: the one a training activity runs in, or one
   * that a data set, a model or the code is kept in.
   */
  within?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** What moves or why: every line of the map says what it is. */
  label: string;
}

/**
 * How data and models move through the project: suppliers → data sets → training → models, and
 * the abilities an agent calls and the assets that steer a model, into the models that use them.
 */
export interface ProjectGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /**
   * Entries with no line to anything and no box around them (a supplier the project names but
   * nothing else refers to, an environment that holds nothing drawn): listed under the map
   * rather than left floating in it.
   */
  unlinked: GraphNode[];
}

/** The node key a fact's path belongs to, or null when the path is not inside a drawn entry. */
export function nodeKeyOf(path: readonly (string | number)[]): string | null {
  const [list, index] = path;
  if (list === 'code') return 'code';
  if (typeof list !== 'string' || typeof index !== 'number') return null;
  return ['suppliers', 'environments', 'datasets', 'models', 'training', 'abilities', 'assets'].includes(list) ? `${list}.${index}` : null;
}

/**
 * Builds the graph of a validated project; references that do not resolve are left out.
 *
 * Environments are boxes around what runs or is kept in them, so storage needs no lines: an entry
 * kept in several is drawn in the one where it is used (or the first), the others named under its
 * label. Lines are only for what moves: data, models and software. The cloud that hosts an
 * environment is named in the box's title rather than drawn as lines to every box it hosts.
 */
export function buildProjectGraph(project: Project): ProjectGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const keyOf = (list: { id: string }[] | undefined, prefix: string) =>
    new Map((list ?? []).map((item, i) => [item.id, `${prefix}.${i}`]));
  const suppliers = keyOf(project.suppliers, 'suppliers');
  const environments = keyOf(project.environments, 'environments');
  const datasets = keyOf(project.datasets, 'datasets');
  const models = keyOf(project.models, 'models');
  const flow = (from: string | undefined, to: string | undefined, label: string) => {
    if (from && to) edges.push({ from, to, label });
  };
  // Where each data set is used and each model trained or called on, to draw an entry kept in
  // several environments in the one where it is used most, so its lines stay short.
  const usedIn = new Map<string, Map<string, number>>();
  const use = (entry: string | undefined, environment: string | undefined) => {
    if (!entry || !environment) return;
    const uses = usedIn.get(entry) ?? new Map<string, number>();
    usedIn.set(entry, uses.set(environment, (uses.get(environment) ?? 0) + 1));
  };
  for (const t of project.training ?? []) {
    for (const id of t.datasets ?? []) use(datasets.get(id), t.environment);
    if (t.model) use(models.get(t.model), t.environment);
  }
  for (const a of project.abilities ?? []) for (const id of a.usedBy ?? []) for (const at of a.runsIn ?? []) use(models.get(id), at);
  for (const a of project.assets ?? []) for (const id of a.usedBy ?? []) for (const at of a.storedIn ?? []) use(models.get(id), at);
  /** The node inside the environment it is kept and used most in (the first it is kept in, among equals); the others named in its note. */
  const place = (node: GraphNode, storedIn: string[] | undefined) => {
    const kept = [...new Set(storedIn ?? [])].filter((id) => environments.has(id));
    if (kept.length === 0) return void nodes.push(node);
    const uses = (id: string) => usedIn.get(node.key)?.get(id) ?? 0;
    const home = kept.reduce((best, id) => (uses(id) > uses(best) ? id : best), kept[0]!);
    const others = kept.filter((id) => id !== home);
    nodes.push({ ...node, within: environments.get(home)!, ...(others.length > 0 ? { note: `also kept in ${others.join(', ')}` } : {}) });
  };

  (project.suppliers ?? []).forEach((s, i) => nodes.push({ key: `suppliers.${i}`, kind: 'supplier', label: s.id }));
  (project.environments ?? []).forEach((e, i) => {
    const key = `environments.${i}`;
    // By id, as every other entry and the notes of what is also kept here: a box's title must be
    // short, or Mermaid draws it across the next box.
    nodes.push(e.provider ? { key, kind: 'environment', label: e.id, note: `on ${e.provider}` } : { key, kind: 'environment', label: e.id });
    for (const id of e.installsFrom ?? []) flow(suppliers.get(id), key, 'installs software');
  });
  (project.datasets ?? []).forEach((d, i) => {
    const key = `datasets.${i}`;
    place({ key, kind: 'dataset', label: d.id }, d.storedIn);
    for (const link of d.supplyChain ?? []) flow(suppliers.get(link.supplier), key, link.role);
    if (d.labelsFor) flow(key, datasets.get(d.labelsFor), 'labels');
  });
  (project.models ?? []).forEach((m, i) => {
    const key = `models.${i}`;
    place({ key, kind: 'model', label: m.id }, m.storedIn);
    if (m.supplier) flow(suppliers.get(m.supplier), key, m.origin === 'pretrained' ? 'provides' : 'supplies');
    for (const id of m.inferenceInputs ?? []) flow(datasets.get(id), key, 'sent when it answers');
  });
  const trainers = new Map<string, string[]>();
  (project.training ?? []).forEach((t, i) => {
    const key = `training.${i}`;
    const environment = t.environment ? environments.get(t.environment) : undefined;
    nodes.push(environment ? { key, kind: 'training', label: `${t.id} (${t.mode})`, within: environment } : { key, kind: 'training', label: `${t.id} (${t.mode})` });
    for (const id of t.datasets ?? []) {
      const purpose = project.datasets?.find((d) => d.id === id)?.purpose;
      flow(datasets.get(id), key, purpose ?? 'data');
    }
    if (t.hostedBy) flow(suppliers.get(t.hostedBy), key, 'hosts');
    if (t.model) {
      flow(key, models.get(t.model), 'trains');
      trainers.set(t.model, [...(trainers.get(t.model) ?? []), key]);
    }
  });
  // A base model feeds the activities that train the model built on it, or the model itself.
  for (const m of project.models ?? []) {
    if (!m.baseModel) continue;
    const targets = trainers.get(m.id) ?? [models.get(m.id)];
    for (const target of targets) flow(models.get(m.baseModel), target, 'base model');
  }
  (project.abilities ?? []).forEach((a, i) => {
    const key = `abilities.${i}`;
    place({ key, kind: 'ability', label: a.id }, a.runsIn);
    if (a.supplier) flow(suppliers.get(a.supplier), key, 'supplies');
    for (const id of a.usedBy ?? []) flow(key, models.get(id), 'called by');
  });
  (project.assets ?? []).forEach((a, i) => {
    const key = `assets.${i}`;
    place({ key, kind: 'asset', label: a.id }, a.storedIn);
    for (const id of a.usedBy ?? []) flow(key, models.get(id), 'steers');
  });
  if (project.code) {
    place({ key: 'code', kind: 'code', label: 'source code and configuration' }, project.code.storedIn);
    for (const id of project.code.developedBy ?? []) flow(suppliers.get(id), 'code', 'develops');
  }

  const linked = new Set([...edges.flatMap((e) => [e.from, e.to]), ...nodes.flatMap((n) => (n.within ? [n.within, n.key] : []))]);
  // A cloud is named in the title of each drawn box it hosts: drawn in words, not unlinked.
  const named = new Set((project.environments ?? []).flatMap((e, i) => (e.provider && linked.has(`environments.${i}`) ? [suppliers.get(e.provider)] : [])));
  return { nodes: nodes.filter((n) => linked.has(n.key)), edges, unlinked: nodes.filter((n) => !linked.has(n.key) && !named.has(n.key)) };
}
