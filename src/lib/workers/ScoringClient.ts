import * as Comlink from 'comlink';
import type { ScoringApi } from './scoring.api';

type Remote = Comlink.Remote<ScoringApi>;

/** A cancelled job rejects with this error; the worker has been replaced and its state replayed. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('Cancelled.');
  }
}

/**
 * The page's handle on the scoring worker. Calls go through Comlink; `cancel()` terminates the worker (the only
 * way to stop a running loop at once), starts a new one and replays the state-building calls recorded with
 * `remember`, so the page keeps working on the same data. The worker factory is injectable for tests.
 */
export class ScoringClient {
  #worker: Worker;
  #remote: Remote;
  #replay: { key?: string; call: (remote: Remote) => Promise<unknown> }[] = [];
  #pending = new Set<(e: Error) => void>();
  #generation = 0;

  constructor(private readonly spawn: () => Worker = () => new Worker(new URL('./scoring.worker.ts', import.meta.url), { type: 'module' })) {
    this.#worker = spawn();
    this.#remote = Comlink.wrap<ScoringApi>(this.#worker);
  }

  /** Runs a call on the worker; it rejects with CancelledError if `cancel()` is called meanwhile. */
  run<T>(call: (remote: Remote) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onCancel = (e: Error) => reject(e);
      this.#pending.add(onCancel);
      call(this.#remote).then(resolve, reject).finally(() => this.#pending.delete(onCancel));
    });
  }

  /**
   * Runs a call that builds worker state (loading data, adding a column) and records it for replay after a cancel.
   * With a `key`, a later call with the same key replaces the earlier one in the replay log (re-training a model
   * cell replays only its latest training).
   */
  async remember<T>(call: (remote: Remote) => Promise<T>, key?: string): Promise<T> {
    const result = await this.run(call);
    if (key !== undefined) this.#replay = this.#replay.filter((r) => r.key !== key);
    this.#replay.push({ key, call });
    return result;
  }

  /** Records a state-building call for replay without running it now (the worker already has its effect). */
  record(call: (remote: Remote) => Promise<unknown>, key?: string): void {
    if (key !== undefined) this.#replay = this.#replay.filter((r) => r.key !== key);
    this.#replay.push({ key, call });
  }

  /** How many times the worker was replaced by `cancel()`: state from an earlier generation was replayed, not kept. */
  get generation(): number {
    return this.#generation;
  }

  /** Forgets recorded state (e.g. when new data replaces the old). */
  resetState(): void {
    this.#replay = [];
  }

  /** Stops whatever the worker is doing, replaces it and restores its state. */
  async cancel(): Promise<void> {
    const generation = ++this.#generation;
    this.#remote[Comlink.releaseProxy]();
    this.#worker.terminate();
    for (const reject of this.#pending) reject(new CancelledError());
    this.#pending.clear();
    this.#worker = this.spawn();
    this.#remote = Comlink.wrap<ScoringApi>(this.#worker);
    for (const { call } of this.#replay) {
      if (generation !== this.#generation) return;
      await call(this.#remote);
    }
  }

  dispose(): void {
    this.#remote[Comlink.releaseProxy]();
    this.#worker.terminate();
  }
}

/** Wraps a progress callback so it can be passed to the worker. */
export const progress = <F extends (...args: never[]) => unknown>(f: F) => Comlink.proxy(f);
