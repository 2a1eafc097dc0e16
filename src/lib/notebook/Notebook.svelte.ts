import { CellRuntime } from './CellRuntime.svelte';
import { StoppedError } from './StoppedError';
import { ancestors, buildGraph, descendants, type Graph } from './graph';
import { isBuiltinKind, kindModule } from './kinds/registry';
import { newCell, type NotebookNames } from './newCell';
import { isDatasetRef, type BuiltinKind, type Cell, type CellConfigs, type CellDeps, type CellError, type CellKind, type DatasetRef, type DisplayItem, type NotebookDoc } from './types';

/** What an executor gets besides the cell and its inputs. */
export interface RunContext {
  /** Aborted by Stop; the executor should stop its work (terminate its worker) and reject. */
  signal: AbortSignal;
  display(item: DisplayItem): void;
  progress(fraction: number, label?: string): void;
  deps: CellDeps;
  notebook: Notebook;
}

/** Runs one cell: resolves to the values of the names it defines, rejects on error. */
export type Executor = (cell: Cell, inputs: Record<string, unknown>, ctx: RunContext) => Promise<Record<string, unknown>>;

export interface NotebookOptions {
  /** Defines/uses of a cell (analyze.ts `analyzeCell`; tests pass their own). */
  analyze: (cell: Cell) => CellDeps;
  execute: Executor;
  /** False for a notebook opened from a link or a file: nothing runs until `runAll()` ("safe open"). */
  autorun?: boolean;
  /** Called after every change to the document (autosave). */
  onChange?: (doc: NotebookDoc) => void;
  now?: () => number;
}

interface Running {
  id: string;
  abort: AbortController;
  /** A newer run of the same cell is queued: this one's result is dropped (latest wins). */
  superseded: boolean;
}

/** Turns anything thrown by an executor into what the cell shows. */
export function toCellError(e: unknown): CellError {
  if (e && typeof e === 'object' && 'message' in e) {
    const err = e as { message: string; line?: number; name?: string; shortMessage?: string };
    const plain = !err.name || ['Error', 'PlaygroundError', 'SignalsSubmissionError', 'StoppedError', 'CellCodeError', 'CancelledError'].includes(err.name);
    const message = plain ? err.message : `${err.name}: ${err.message}`;
    return { message, ...(typeof err.line === 'number' ? { line: err.line } : {}) };
  }
  return { message: String(e) };
}

/**
 * A reactive notebook: the document (cells), what each cell defines and uses, the dependency graph, each cell's
 * run state, the values cells defined, and the scheduler. Running a cell runs the cells that depend on it in
 * topological order, one at a time; lazy dependents become stale instead. An error stops only the cells
 * downstream of it ("waiting on an upstream error"). Re-running a cell that is running drops the older result
 * (latest wins). Values are plain data in the page; executors decide where code actually runs.
 */
export class Notebook {
  doc: NotebookDoc = $state() as NotebookDoc;
  /** False until the user runs a notebook opened from a link or a file. */
  autorun = $state(true);
  /** True while cells are queued or running. */
  busy = $state(false);
  /** The last status message, for an aria-live region. */
  announcement = $state('');
  /** Cell runs started so far (a page can tell that something ran since a moment). */
  runsStarted = $state(0);

  /** Defines and uses of every cell, by id. */
  deps = $derived.by(() => new Map(this.doc.cells.map((c) => [c.id, this.#analyzeCached(c)])));
  graph: Graph = $derived(buildGraph(this.doc.cells.map((c) => ({ id: c.id, defines: this.deps.get(c.id)!.defines, uses: this.deps.get(c.id)!.uses }))));

  #opts: NotebookOptions;
  #cache = new Map<string, CellDeps>();
  #runtimes = new Map<string, CellRuntime>();
  #values = new Map<string, { cellId: string; value: unknown }>();
  #valuesVersion = $state(0);
  #pending = new Set<string>();
  /** Cells failing because of another cell (upstream error) or of the graph (a name defined twice, a cycle) → the cell that actually failed. */
  #blockedBy = new Map<string, string>();
  #running: Running | null = null;
  #pump: Promise<void> | null = null;

  constructor(doc: NotebookDoc, options: NotebookOptions) {
    this.doc = doc;
    this.#opts = options;
    this.autorun = options.autorun ?? true;
  }

  #now(): number {
    return (this.#opts.now ?? (() => performance.now()))();
  }

  #analyzeCached(cell: Cell): CellDeps {
    const key = cell.kind === 'code' ? `code:${cell.lang ?? 'js'}:${cell.source}` : cell.kind === 'markdown' ? 'markdown' : `${cell.kind}:${JSON.stringify(cell.config)}`;
    let deps = this.#cache.get(key);
    if (!deps) {
      try {
        deps = this.#opts.analyze(cell);
      } catch {
        // a damaged cell (a notebook saved by an older version, say) must not stop the others
        deps = { defines: [], uses: [], error: { message: 'This cell cannot be read: reset or delete it.' } };
      }
      if (this.#cache.size > 500) this.#cache.clear();
      this.#cache.set(key, deps);
    }
    return deps;
  }

  /** Forgets cached analyses (after the TypeScript stripper loaded, say). */
  reanalyze(): void {
    this.#cache.clear();
    this.doc.cells = [...this.doc.cells];
  }

  cell(id: string): Cell | undefined {
    return this.doc.cells.find((c) => c.id === id);
  }

  /** 1-based position of a cell, as messages name cells. */
  position(id: string): number {
    return this.doc.cells.findIndex((c) => c.id === id) + 1;
  }

  /** The run state of a cell (created on first use). */
  runtime(id: string): CellRuntime {
    let rt = this.#runtimes.get(id);
    if (!rt) this.#runtimes.set(id, (rt = new CellRuntime()));
    return rt;
  }

  /** The current value of a name (reactive), undefined when no cell defined it successfully. */
  value(name: string): unknown {
    void this.#valuesVersion;
    return this.#values.get(name)?.value;
  }
  /** The dataset a data cell named `name` defined, or null while there is none. */
  dataset(name: string): DatasetRef | null {
    const v = this.value(name);
    return isDatasetRef(v) ? v : null;
  }


  /** Names with a value, and the cell that defined each. */
  values(): Map<string, { cellId: string; value: unknown }> {
    void this.#valuesVersion;
    return new Map(this.#values);
  }

  /** The cell that defines `name`, if exactly one does. */
  definer(name: string): string | undefined {
    const d = this.graph.definers.get(name);
    return d?.length === 1 ? d[0] : undefined;
  }

  // ---- editing ---------------------------------------------------------------------------------------------

  #changed(): void {
    this.doc.updatedAt = Date.now();
    this.#opts.onChange?.($state.snapshot(this.doc) as NotebookDoc);
  }

  #markEdited(id: string): void {
    const rt = this.runtime(id);
    if (rt.status === 'done' || rt.status === 'error') rt.status = 'stale';
  }

  setTitle(title: string): void {
    this.doc.title = title;
    this.#changed();
  }

  /** Edits a code or markdown cell. Code is not run on each keystroke: the cell becomes stale until run. */
  setSource(id: string, source: string): void {
    const cell = this.cell(id);
    if (!cell || (cell.kind !== 'code' && cell.kind !== 'markdown') || cell.source === source) return;
    cell.source = source;
    if (cell.kind === 'code') this.#markEdited(id);
    this.#changed();
  }

  setLang(id: string, lang: 'js' | 'ts'): void {
    const cell = this.cell(id);
    if (cell?.kind !== 'code' || (cell.lang ?? 'js') === lang) return;
    cell.lang = lang;
    this.#markEdited(id);
    this.#changed();
  }

  /** Changes a built-in cell's form; the cell re-runs (with its dependents) unless it is lazy or autorun is off. */
  updateConfig<K extends keyof CellConfigs>(id: string, patch: Partial<CellConfigs[K]>): void {
    const cell = this.cell(id);
    if (!cell || cell.kind === 'code' || cell.kind === 'markdown') return;
    const next = { ...cell.config, ...patch };
    if (JSON.stringify(next) === JSON.stringify(cell.config)) return;
    (cell as { config: unknown }).config = next;
    this.#changed();
    if (this.autorun && !cell.lazy) this.#schedule([id]);
    else {
      this.#markStaleDown([id]);
      this.#schedule([]);
    }
  }

  /** Puts a cell back to a new cell's settings (a built-in kind's defaults, an empty source). */
  resetCell(id: string): void {
    const at = this.doc.cells.findIndex((c) => c.id === id);
    if (at < 0) return;
    const kind = this.doc.cells[at].kind;
    const others = { ...this.names(), names: [...this.deps].filter(([cid]) => cid !== id).flatMap(([, d]) => d.defines) };
    this.doc.cells[at] = { ...newCell(isBuiltinKind(kind) || kind === 'code' ? kind : 'markdown', [], others), id };
    this.#markEdited(id);
    this.#changed();
  }

  setLazy(id: string, lazy: boolean): void {
    const cell = this.cell(id);
    if (!cell) return;
    if (lazy) cell.lazy = true;
    else delete cell.lazy;
    this.#changed();
  }

  /** The names cells define and, for built-in cells, what their kind provides (a new cell's defaults read them). */
  names(): NotebookNames {
    return {
      names: [...this.deps.values()].flatMap((d) => d.defines),
      provided: this.doc.cells.flatMap((c) => (isBuiltinKind(c.kind) ? (this.deps.get(c.id)?.defines ?? []).map((name) => ({ name, tags: kindModule(c.kind as BuiltinKind).provides })) : []))
    };
  }

  /** Adds a cell at `index` (default: the end) and returns its id. */
  addCell(kind: CellKind, index = this.doc.cells.length, init?: Partial<Cell>): string {
    const cell = { ...newCell(kind, this.doc.cells.map((c) => c.id), this.names()), ...init } as Cell;
    this.#insert(cell, index);
    return cell.id;
  }

  /** Inserts a cell; a built-in cell runs at once (as a code cell does once written), unless autorun is off. */
  #insert(cell: Cell, index: number): void {
    this.doc.cells.splice(Math.max(0, Math.min(index, this.doc.cells.length)), 0, cell);
    this.#changed();
    if (cell.kind === 'markdown') return;
    if (this.autorun && !cell.lazy && (cell.kind !== 'code' || cell.source.trim())) this.#schedule([cell.id]);
    else this.#schedule([], []); // cells it unblocks (a name it defines) are re-checked
  }

  /** Puts back a deleted cell (undo) where it was; it runs again with the cells that use it. */
  restoreCell(cell: Cell, index: number): void {
    if (this.cell(cell.id)) return;
    this.#insert(cell, index);
  }

  /**
   * Deletes a cell: its values go, and the cells that used them re-run (and show the missing name) or become stale.
   * Returns the cell and where it was (for undo).
   */
  deleteCell(id: string): { cell: Cell; index: number } | undefined {
    const at = this.doc.cells.findIndex((c) => c.id === id);
    if (at < 0) return undefined;
    const removed = $state.snapshot(this.doc.cells[at]) as Cell;
    const users = this.doc.cells.filter((c) => c.id !== id && (this.deps.get(c.id)?.uses ?? []).some((u) => this.graph.definers.get(u)?.includes(id))).map((c) => c.id);
    this.stop(id);
    this.#pending.delete(id);
    this.doc.cells.splice(at, 1);
    this.#dropValues(id);
    this.#runtimes.delete(id);
    this.#blockedBy.delete(id);
    this.#changed();
    this.#schedule([], users);
    return { cell: removed, index: at };
  }

  moveCell(id: string, delta: number): void {
    const at = this.doc.cells.findIndex((c) => c.id === id);
    const to = at + delta;
    if (at < 0 || to < 0 || to >= this.doc.cells.length) return;
    const [cell] = this.doc.cells.splice(at, 1);
    this.doc.cells.splice(to, 0, cell);
    this.#changed();
  }

  /** Replaces every cell (reset to the original, import): stops everything and forgets all values. */
  replace(doc: Pick<NotebookDoc, 'title' | 'cells'>, { autorun = this.autorun } = {}): void {
    this.stop();
    this.#values.clear();
    this.#valuesVersion++;
    this.#runtimes.clear();
    this.#blockedBy.clear();
    // a deep copy: the original may live inside the reactive doc (a proxy cannot be structured-cloned, a snapshot can)
    const copy = structuredClone($state.snapshot(doc)) as Pick<NotebookDoc, 'title' | 'cells'>;
    this.doc.title = copy.title;
    this.doc.cells = copy.cells;
    this.autorun = autorun;
    this.#changed();
    if (autorun) this.start();
  }

  // ---- running ---------------------------------------------------------------------------------------------

  #runnable(id: string): boolean {
    const cell = this.cell(id);
    return !!cell && cell.kind !== 'markdown';
  }

  /** On open: runs every cell that is not lazy (lazy ones become stale), unless autorun is off (safe open). */
  start(): void {
    const ids = this.doc.cells.filter((c) => c.kind !== 'markdown').map((c) => c.id);
    if (this.autorun) this.#schedule([], ids);
  }

  /** Runs these cells (even lazy ones) and, after them, the cells that depend on them. */
  run(ids: string | string[]): Promise<void> {
    this.#schedule(typeof ids === 'string' ? [ids] : ids);
    return this.idle();
  }

  /** Runs every cell (lazy ones too) and turns autorun on: what "Run" does after a safe open. */
  runAll(): Promise<void> {
    this.autorun = true;
    if (this.doc.untrusted) {
      delete this.doc.untrusted;
      this.#changed();
    }
    this.#schedule(this.doc.cells.map((c) => c.id));
    return this.idle();
  }

  /** Runs the cells that are stale or never ran. */
  runStale(): Promise<void> {
    this.#schedule(this.doc.cells.filter((c) => ['stale', 'idle'].includes(this.runtime(c.id).status)).map((c) => c.id));
    return this.idle();
  }

  /** Resolves when nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.#pump) await this.#pump;
  }

  /**
   * Stops a running cell (its executor terminates its worker) or, without an id, everything: queued cells go
   * back to stale. The stopped cell shows "Stopped." and its dependents wait on it.
   */
  stop(id?: string, reason: Error = new StoppedError()): void {
    const unqueue = (p: string) => {
      const rt = this.runtime(p);
      rt.status = rt.runs ? 'stale' : 'idle';
    };
    if (id === undefined) {
      for (const p of this.#pending) unqueue(p);
      this.#pending.clear();
    } else if (this.#pending.delete(id)) unqueue(id);
    const r = this.#running;
    if (r && (id === undefined || r.id === id)) r.abort.abort(reason);
  }

  /** Drops values that match (e.g. values kept in a worker that was replaced); their cells and dependents become stale. */
  invalidate(match: (value: unknown) => boolean): void {
    const cells = new Set<string>();
    for (const [name, v] of this.#values) {
      if (!match(v.value)) continue;
      this.#values.delete(name);
      cells.add(v.cellId);
    }
    if (!cells.size) return;
    this.#valuesVersion++;
    for (const id of cells) this.runtime(id).status = 'stale';
    this.#markStaleDown([...cells]);
  }

  #markStaleDown(ids: string[]): void {
    for (const id of ids) if (!this.#pending.has(id) && this.#runnable(id)) this.runtime(id).status = 'stale';
    for (const d of descendants(this.graph, ids)) if (!this.#pending.has(d) && this.#runnable(d)) this.runtime(d).status = 'stale';
  }

  /**
   * Queues `explicit` cells (run even when lazy) plus the ancestors they need that have no value yet, and
   * `auto` cells; then every descendant, in topological order: a descendant that is lazy, or below a stale
   * cell, or in a notebook that does not autorun, becomes stale instead of running.
   */
  #schedule(explicit: string[], auto: string[] = []): void {
    const g = this.graph;
    const targets = new Set(explicit.filter((id) => this.#runnable(id)));
    for (const a of ancestors(g, targets)) {
      const st = this.runtime(a).status;
      if (this.#runnable(a) && st !== 'done' && st !== 'running' && st !== 'queued') targets.add(a);
    }
    // Cells using a name a target defines now may not use it after the re-run (the target's source changed).
    const owned = new Set([...this.#values].filter(([, v]) => targets.has(v.cellId)).map(([name]) => name));
    const roots = new Set(auto.filter((id) => this.#runnable(id) && !targets.has(id)));
    // Cells failing because of another cell or of the graph are checked again: the cause may be gone (a rename).
    for (const id of this.#blockedBy.keys()) if (this.#runnable(id) && !targets.has(id) && this.runtime(id).status === 'error') roots.add(id);
    for (const c of this.doc.cells) if (!targets.has(c.id) && this.deps.get(c.id)!.uses.some((u) => owned.has(u))) roots.add(c.id);
    const down = descendants(g, [...targets, ...roots]);
    for (const r of roots) down.add(r);
    const stale = new Set<string>();
    for (const id of g.order) {
      if (!this.#runnable(id)) continue;
      if (targets.has(id)) {
        this.#enqueue(id);
        continue;
      }
      if (!down.has(id)) continue;
      const cell = this.cell(id)!;
      if (cell.lazy || !this.autorun || [...g.parents.get(id)!].some((p) => stale.has(p))) {
        stale.add(id);
        if (!this.#pending.has(id)) this.runtime(id).status = 'stale';
      } else this.#enqueue(id);
    }
    if (this.#pending.size && !this.#pump) {
      this.busy = true;
      this.#pump = this.#drain().finally(() => {
        this.#pump = null;
        this.busy = false;
      });
    }
  }

  #enqueue(id: string): void {
    this.#pending.add(id);
    this.runtime(id).status = 'queued';
    if (this.#running?.id === id) this.#running.superseded = true;
  }

  async #drain(): Promise<void> {
    let done = 0;
    let failed = 0;
    while (this.#pending.size) {
      const order = this.graph.order;
      const id = order.find((i) => this.#pending.has(i)) ?? this.#pending.values().next().value!;
      this.#pending.delete(id);
      const ok = await this.#runOne(id);
      if (ok === true) done++;
      else if (ok === false) failed++;
    }
    if (done + failed > 1 || failed) this.announcement = `Run finished: ${done} cell${done === 1 ? '' : 's'} done${failed ? `, ${failed} with errors` : ''}.`;
  }

  #dropValues(id: string): void {
    let changed = false;
    for (const [name, v] of this.#values) {
      if (v.cellId !== id) continue;
      this.#values.delete(name);
      changed = true;
    }
    if (changed) this.#valuesVersion++;
  }

  /** Runs one cell; true when done, false on error, undefined when it did not run (stale input, superseded). */
  async #runOne(id: string): Promise<boolean | undefined> {
    const cell = this.cell(id);
    if (!cell || cell.kind === 'markdown') return undefined;
    const rt = this.runtime(id);
    const deps = this.deps.get(id)!;
    const g = this.graph;
    const fail = (error: CellError, blockedBy?: string) => {
      if (blockedBy) this.#blockedBy.set(id, blockedBy);
      else this.#blockedBy.delete(id);
      rt.status = 'error';
      rt.error = error;
      rt.displays = [];
      rt.runs++;
      this.#dropValues(id);
      if (!error.upstream) this.announcement = `Cell ${this.position(id)} failed: ${error.message}`;
      return false;
    };
    if (deps.error) return fail({ message: deps.error.message, ...(deps.error.line ? { line: deps.error.line } : {}) });
    const graphError = g.errors.get(id);
    if (graphError) return fail({ message: graphError }, id);
    const twice = deps.uses.find((u) => (g.definers.get(u)?.length ?? 0) > 1);
    if (twice !== undefined) {
      const where = g.definers.get(twice)!.map((d) => this.position(d)).sort((a, b) => a - b);
      return fail({ message: `Waiting: "${twice}" is defined by cells ${where.slice(0, -1).join(', ')} and ${where.at(-1)}; rename or delete one of them.`, upstream: true }, g.definers.get(twice)![0]);
    }
    for (const p of g.parents.get(id)!) {
      const prt = this.runtime(p);
      if (g.errors.has(p) || prt.status === 'error') {
        // point at the cell that actually failed, not at a cell that is only waiting on it
        const root = (prt.error?.upstream && this.#blockedBy.get(p)) || p;
        return fail({ message: `Waiting on an upstream error (cell ${this.position(root)}).`, upstream: true }, root);
      }
      if (prt.status !== 'done') {
        rt.status = 'stale';
        return undefined;
      }
    }
    const inputs: Record<string, unknown> = {};
    for (const name of deps.uses) {
      const v = this.#values.get(name);
      if (v && g.definers.get(name)?.length === 1) inputs[name] = v.value;
    }

    const running: Running = { id, abort: new AbortController(), superseded: false };
    this.#running = running;
    const live = () => this.#running === running && !running.superseded;
    rt.status = 'running';
    this.runsStarted++;
    rt.error = null;
    // The previous outputs stay until the new run replaces them item by item (then the extra ones go): a chart
    // re-rendered by a re-run keeps its place and updates in place instead of disappearing and coming back.
    let shown = 0;
    rt.progress = null;
    const started = this.#now();
    rt.startedAt = started;
    const signal = running.abort.signal;
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    try {
      const ctx: RunContext = {
        signal,
        deps,
        notebook: this,
        display: (item) => {
          if (!live()) return;
          const next = rt.displays.slice();
          next[shown++] = item;
          rt.displays = next;
        },
        progress: (fraction, label) => {
          if (live()) rt.progress = { fraction, ...(label ? { label } : {}) };
        }
      };
      // a plain copy: configs go to workers, and reactive proxies cannot be cloned
      const values = await Promise.race([this.#opts.execute($state.snapshot(cell) as Cell, inputs, ctx), aborted]);
      if (running.superseded || !this.cell(id)) return undefined;
      this.#dropValues(id);
      for (const name of deps.defines) this.#values.set(name, { cellId: id, value: values[name] });
      this.#valuesVersion++;
      if (rt.displays.length > shown) rt.displays = rt.displays.slice(0, shown);
      this.#blockedBy.delete(id);
      rt.status = 'done';
      rt.runs++;
      return true;
    } catch (e) {
      if (running.superseded || !this.cell(id)) return undefined;
      return fail(toCellError(e));
    } finally {
      rt.elapsed = this.#now() - started;
      rt.startedAt = null;
      rt.progress = null;
      if (this.#running === running) this.#running = null;
    }
  }
}
