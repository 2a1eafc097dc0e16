/** A cell as the dependency graph sees it. */
export interface GraphNode {
  id: string;
  defines: readonly string[];
  uses: readonly string[];
}

/** The dependency DAG of a notebook: an edge runs from the cell defining a name to every cell using it. */
export interface Graph {
  /** Every cell id, parents before children; cells in or after a cycle come last, in notebook order. */
  order: string[];
  /** Name → the cells defining it (more than one is an error). */
  definers: Map<string, string[]>;
  parents: Map<string, Set<string>>;
  children: Map<string, Set<string>>;
  /** Cells that cannot run because of the graph itself: duplicate definitions, cycles. */
  errors: Map<string, string>;
}

const listCells = (positions: number[]) => (positions.length === 1 ? `cell ${positions[0]}` : `cells ${positions.slice(0, -1).join(', ')} and ${positions.at(-1)}`);

/**
 * Builds the graph, a topological order (Kahn's algorithm; among ready cells the earliest in the notebook goes
 * first, so the order is stable) and the graph errors: a name defined by several cells is an error on each of
 * them; cells on a cycle (Tarjan's strongly connected components, or a cell using its own name) get a cycle error.
 */
export function buildGraph(nodes: readonly GraphNode[]): Graph {
  const position = new Map(nodes.map((n, i) => [n.id, i + 1]));
  const definers = new Map<string, string[]>();
  for (const n of nodes) for (const name of new Set(n.defines)) definers.set(name, [...(definers.get(name) ?? []), n.id]);
  const parents = new Map<string, Set<string>>(nodes.map((n) => [n.id, new Set()]));
  const children = new Map<string, Set<string>>(nodes.map((n) => [n.id, new Set()]));
  for (const n of nodes) {
    for (const name of n.uses) {
      for (const d of definers.get(name) ?? []) {
        parents.get(n.id)!.add(d);
        children.get(d)!.add(n.id);
      }
    }
  }

  const errors = new Map<string, string>();
  for (const [name, ids] of definers) {
    if (ids.length < 2) continue;
    for (const id of ids) {
      const others = ids.filter((o) => o !== id).map((o) => position.get(o)!);
      const prev = errors.get(id);
      const msg = `"${name}" is also defined by ${listCells(others)}: each name must be defined by exactly one cell.`;
      errors.set(id, prev ? `${prev} ${msg}` : msg);
    }
  }

  // Kahn's algorithm, taking the earliest ready cell each time.
  const indegree = new Map(nodes.map((n) => [n.id, parents.get(n.id)!.size]));
  const ready = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  const done = new Set<string>();
  while (ready.length) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    done.add(id);
    for (const c of children.get(id)!) {
      const d = indegree.get(c)! - 1;
      indegree.set(c, d);
      if (d === 0) ready.push(c);
    }
  }
  const left = nodes.filter((n) => !done.has(n.id)).map((n) => n.id);
  for (const cycle of stronglyConnected(left, children)) {
    const selfLoop = cycle.length === 1 && children.get(cycle[0])!.has(cycle[0]);
    if (cycle.length < 2 && !selfLoop) continue;
    const ps = cycle.map((id) => position.get(id)!).sort((a, b) => a - b);
    for (const id of cycle) {
      const names = nodes.find((n) => n.id === id)!.uses.filter((u) => (definers.get(u) ?? []).some((d) => cycle.includes(d)));
      const msg = selfLoop
        ? `This cell uses "${names[0]}", which it defines itself (a circular definition).`
        : `Circular definition: ${listCells(ps)} depend on each other (this cell uses ${names.map((n) => `"${n}"`).join(', ')}).`;
      errors.set(id, errors.has(id) ? `${errors.get(id)} ${msg}` : msg);
    }
  }
  order.push(...left);
  return { order, definers, parents, children, errors };
}

/** Tarjan's strongly connected components of the subgraph induced by `ids`. */
function stronglyConnected(ids: string[], children: Map<string, Set<string>>): string[][] {
  const inSet = new Set(ids);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of children.get(v) ?? []) {
      if (!inSet.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      out.push(comp);
    }
  };
  for (const v of ids) if (!index.has(v)) visit(v);
  return out;
}

/** Every cell reachable from `ids` along `edges` (children for descendants, parents for ancestors), `ids` excluded. */
function reach(edges: Map<string, Set<string>>, ids: Iterable<string>): Set<string> {
  const start = new Set(ids);
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const id = queue.pop()!;
    for (const c of edges.get(id) ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      queue.push(c);
    }
  }
  for (const id of start) seen.delete(id);
  return seen;
}

/** The cells that depend, directly or not, on any of `ids` (the cells to re-run after they change). */
export const descendants = (graph: Graph, ids: Iterable<string>) => reach(graph.children, ids);

/** The cells that any of `ids` depends on, directly or not. */
export const ancestors = (graph: Graph, ids: Iterable<string>) => reach(graph.parents, ids);
