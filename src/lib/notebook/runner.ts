import { StoppedError } from './StoppedError';
import type { FromRunner, RunnerTable, RunRequest, ToRunner } from './runner.protocol';
import type { DisplayItem } from './types';

export interface RunHandlers {
  signal?: AbortSignal;
  onDisplay?: (item: DisplayItem) => void;
  onProgress?: (fraction: number, label?: string) => void;
}

/** An error thrown by cell code, with the line in the cell source. */
export class CellCodeError extends Error {
  override name = 'CellCodeError';
  constructor(
    message: string,
    readonly line?: number
  ) {
    super(message);
  }
}

interface Pending extends RunHandlers {
  resolve: (values: Record<string, unknown>) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout> | null;
}

const defaultSpawn = () => new Worker(new URL('./runner.worker.ts', import.meta.url), { type: 'module', name: 'notebook-runner' });

/**
 * The page's handle on the code-cell worker. A cell that runs too long is stopped by the watchdog
 * (`timeoutMs`, default 30 s) or by `stop()`: the worker is terminated (the only way to end a busy loop
 * without SharedArrayBuffer), a new one takes over, gets the dataset again, and `onRespawn` tells the
 * notebook that values kept in the old worker are gone.
 */
export class Runner {
  timeoutMs: number;
  onRespawn: (() => void) | null = null;
  #worker!: Worker;
  #port!: MessagePort;
  #runs = new Map<number, Pending>();
  #nextRun = 1;
  #data: { version: string; table: RunnerTable } | null = null;
  /** How many workers this runner has started (1 + restarts). */
  generation = 0;

  constructor(
    private readonly spawn: () => Worker = defaultSpawn,
    options: { timeoutMs?: number } = {}
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.#start();
  }

  #start(): void {
    this.generation++;
    this.#worker = this.spawn();
    const channel = new MessageChannel();
    this.#port = channel.port1;
    this.#port.onmessage = (e: MessageEvent<FromRunner>) => this.#receive(e.data);
    // the worker reports its own errors to the running cell; a load failure ends every pending run
    this.#worker.onerror = (e) => {
      e.preventDefault();
      this.#failAll(new Error(`The code runner failed: ${e.message || 'it could not start'}.`));
    };
    this.#worker.postMessage({ type: 'connect' }, [channel.port2]);
    if (this.#data) this.#send({ type: 'data', version: this.#data.version, table: this.#data.table });
  }

  #send(msg: ToRunner): void {
    this.#port.postMessage(msg);
  }

  #receive(msg: FromRunner): void {
    if (msg.type === 'ready') return;
    const run = this.#runs.get(msg.runId);
    if (!run) return;
    if (msg.type === 'display') run.onDisplay?.(msg.item);
    else if (msg.type === 'progress') run.onProgress?.(msg.fraction, msg.label);
    else {
      this.#finish(msg.runId);
      if (msg.type === 'done') run.resolve(msg.values);
      else run.reject(new CellCodeError(msg.message, msg.line));
    }
  }

  #finish(runId: number): void {
    const run = this.#runs.get(runId);
    if (run?.timer) clearTimeout(run.timer);
    this.#runs.delete(runId);
  }

  #failAll(e: Error): void {
    for (const [id, run] of [...this.#runs]) {
      this.#finish(id);
      run.reject(e);
    }
  }

  /** Whether the worker holds this dataset version. */
  hasData(version: string): boolean {
    return this.#data?.version === version;
  }

  /** Sends the dataset (or Signals data) code cells see by its cell's name (kept here too, to re-send after a restart). */
  setData(version: string, table: RunnerTable): void {
    this.#data = { version, table };
    this.#send({ type: 'data', version, table });
  }

  /** Runs a code cell; rejects with CellCodeError (with a line) on an error and StoppedError when stopped. */
  run(request: RunRequest, handlers: RunHandlers = {}): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      if (handlers.signal?.aborted) return reject(handlers.signal.reason ?? new StoppedError());
      const runId = this.#nextRun++;
      const timer = this.timeoutMs > 0 ? setTimeout(() => this.restart(new StoppedError(`Stopped by the watchdog after ${+(this.timeoutMs / 1000).toFixed(1)} s (an infinite loop?). The code runner was restarted.`)), this.timeoutMs) : null;
      this.#runs.set(runId, { ...handlers, resolve, reject, timer });
      handlers.signal?.addEventListener('abort', () => this.#runs.has(runId) && this.restart(handlers.signal!.reason ?? new StoppedError()), { once: true });
      this.#send({ type: 'run', runId, ...request });
    });
  }

  /** Terminates the worker (ending whatever it runs), rejects the pending runs with `reason`, starts a new one. */
  restart(reason: Error = new StoppedError()): void {
    this.#port.close();
    this.#worker.terminate();
    this.#failAll(reason);
    this.#start();
    this.onRespawn?.();
  }

  dispose(): void {
    this.#failAll(new StoppedError('The notebook was closed.'));
    this.#port.close();
    this.#worker.terminate();
  }
}
