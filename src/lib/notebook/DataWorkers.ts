import { ScoringClient } from '../workers/ScoringClient';

/**
 * The scoring workers of a notebook, one per data cell (keyed by the cell's id, so a rename keeps its worker): each
 * dataset lives in its own worker, so a notebook can hold several (a Tournament and a Signals dataset, two
 * generator settings side by side) and a cell picks one by name. Model, score and neutralize cells run in the
 * worker of the dataset they use. One worker is started ahead, so the first data cell does not wait for it.
 */
export class DataWorkers {
  #clients = new Map<string, ScoringClient>();
  #spare: ScoringClient | null = null;
  /** The one client of `DataWorkers.shared`. */
  #shared: ScoringClient | null = null;

  #prestart: boolean;

  constructor(private readonly spawn: () => ScoringClient = () => new ScoringClient(), { prestart = true } = {}) {
    this.#prestart = prestart;
    if (prestart) this.#spare = spawn();
  }

  /** Every data cell shares `client` (tests, and callers with a single dataset); `keep` never disposes it. */
  static shared(client: ScoringClient): DataWorkers {
    const workers = new DataWorkers(() => client, { prestart: false });
    workers.#shared = client;
    return workers;
  }

  /** The worker of data cell `owner`, started on first use. */
  for(owner: string): ScoringClient {
    let c = this.#clients.get(owner);
    if (!c) {
      c = this.#spare ?? this.spawn();
      this.#spare = null;
      this.#clients.set(owner, c);
    }
    return c;
  }

  /** The worker of data cell `owner` if it has one. */
  get(owner: string): ScoringClient | undefined {
    return this.#clients.get(owner);
  }

  /** Stops the workers of data cells that are gone (deleted cells' datasets free their memory). */
  keep(owners: Iterable<string>): void {
    const live = new Set(owners);
    for (const [owner, c] of this.#clients) {
      if (live.has(owner)) continue;
      this.#clients.delete(owner);
      if (c !== this.#shared) c.dispose();
    }
    if (this.#prestart && !this.#spare && !this.#disposed) this.#spare = this.spawn();
  }

  #disposed = false;

  dispose(): void {
    this.#disposed = true;
    this.keep([]);
    this.#spare?.dispose();
    this.#spare = null;
  }
}
