import { StoppedError } from './StoppedError';
import { usesArquero, type RunnerTable, type RunRequest, type ToRunner } from './runner.protocol';
import { checkRunnerMessage } from './runnerMessages';
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

/** Where the runner worker lives (the sandbox frame, runnerFrame.ts): started with a private port, ended by terminate(). */
export interface RunnerHost {
  /** Hands the runner worker its end of the page's private channel. */
  connect(port: MessagePort): void;
  /** Ends the worker, whatever it is doing. */
  terminate(): void;
  /** Set by the Runner: the worker could not start, or failed outside any cell. */
  onfail: ((message: string) => void) | null;
}

interface Pending extends RunHandlers {
  defines: readonly string[];
  resolve: (values: Record<string, unknown>) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout> | null;
}

const defaultSpawn = async (): Promise<RunnerHost> => new (await import('./runnerFrame')).RunnerFrame();
const loadArquero = async (): Promise<string> => (await import('virtual:notebook-runner-arquero')).default;

/**
 * The page's handle on the code-cell runner, which runs in a sandbox (`spawn`, by default the runner frame). A
 * cell that runs too long is stopped by the watchdog (`timeoutMs`, default 30 s) or by `stop()`: the worker is
 * terminated (the only way to end a busy loop without SharedArrayBuffer), a new one takes over, gets the dataset
 * again, and `onRespawn` tells the notebook that values kept in the old worker are gone. Every message from the
 * runner is checked (runnerMessages.ts): one that is not for a run in progress, or not well formed, is dropped.
 */
export class Runner {
  timeoutMs: number;
  onRespawn: (() => void) | null = null;
  /** Messages from the runner that were dropped (unknown run, unknown type, malformed). */
  dropped = 0;
  /** How many workers this runner has started (1 + restarts). */
  generation = 0;
  readonly #loadArquero: () => Promise<string>;
  #host: Promise<RunnerHost> | null = null;
  #port!: MessagePort;
  /** Messages to the worker, in order (a run that needs Arquero waits for its source, and so do the ones after it). */
  #outbox: Promise<unknown> = Promise.resolve();
  #runs = new Map<number, Pending>();
  #nextRun = 1;
  #data: { version: string; table: RunnerTable } | null = null;
  /** Whether this worker has been sent Arquero. */
  #hasArquero = false;
  /** Whether this worker said it is ready; one that fails before that is not restarted until the next run. */
  #ready = false;
  #broken = false;
  #disposed = false;

  constructor(
    private readonly spawn: () => RunnerHost | Promise<RunnerHost> = defaultSpawn,
    options: { timeoutMs?: number; arquero?: () => Promise<string> } = {}
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.#loadArquero = options.arquero ?? loadArquero;
    this.#start();
  }

  #start(): void {
    const generation = ++this.generation;
    const channel = new MessageChannel();
    this.#port = channel.port1;
    this.#port.onmessage = (e: MessageEvent) => this.#receive(e.data);
    this.#outbox = Promise.resolve();
    this.#hasArquero = this.#ready = this.#broken = false;
    const host = Promise.resolve().then(() => this.spawn());
    this.#host = host;
    host.then(
      (h) => {
        if (this.#disposed || generation !== this.generation) return h.terminate();
        h.onfail = (message) => generation === this.generation && this.#failed(message);
        h.connect(channel.port2);
      },
      (e: unknown) => generation === this.generation && this.#failed(e instanceof Error ? e.message : String(e))
    );
    if (this.#data) this.#post({ type: 'data', version: this.#data.version, table: this.#data.table });
  }

  /**
   * The worker failed outside a cell. After it was ready (cell code broke it): pending runs fail and a new one
   * starts. Before (it could not start): pending runs fail, and the next run tries again.
   */
  #failed(message: string): void {
    if (this.#disposed) return;
    const what = message.replace(/\.$/, '');
    if (this.#ready) return this.restart(new Error(`The code runner failed: ${what}. It was restarted.`));
    this.#broken = true;
    this.#failAll(new Error(`The code runner could not start: ${what}.`));
  }

  /** Queues a message to the worker after the ones before it. */
  #post(msg: ToRunner | (() => Promise<ToRunner[]>)): void {
    const port = this.#port;
    this.#outbox = this.#outbox.then(async () => {
      for (const m of typeof msg === 'function' ? await msg() : [msg]) {
        if (port !== this.#port) return;
        try {
          port.postMessage(m);
        } catch (e) {
          // a value that cannot be copied to the worker: that run fails, the next ones go on
          if (m.type !== 'run') throw e;
          const run = this.#runs.get(m.runId);
          this.#finish(m.runId);
          run?.reject(e instanceof Error ? e : new Error(String(e)));
        }
      }
    }).catch(() => undefined);
  }

  #receive(data: unknown): void {
    const checked = checkRunnerMessage(data, (id) => this.#runs.get(id));
    if (!checked.ok) {
      this.dropped++;
      const run = checked.runId === undefined ? undefined : this.#runs.get(checked.runId);
      run?.onDisplay?.({ kind: 'log', level: 'error', text: `The page ignored a message from the code runner: ${checked.reason}.` });
      return;
    }
    const msg = checked.msg;
    if (msg.type === 'ready') return void (this.#ready = true);
    const run = this.#runs.get(msg.runId)!;
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
    this.#post({ type: 'data', version, table });
  }

  /** Runs a code cell; rejects with CellCodeError (with a line) on an error and StoppedError when stopped. */
  run(request: RunRequest, handlers: RunHandlers = {}): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      if (handlers.signal?.aborted) return reject(handlers.signal.reason ?? new StoppedError());
      if (this.#broken) this.#restartQuietly();
      const runId = this.#nextRun++;
      const timer = this.timeoutMs > 0 ? setTimeout(() => this.restart(new StoppedError(`Stopped by the watchdog after ${+(this.timeoutMs / 1000).toFixed(1)} s (an infinite loop?). The code runner was restarted.`)), this.timeoutMs) : null;
      this.#runs.set(runId, { ...handlers, defines: [...request.defines], resolve, reject, timer });
      handlers.signal?.addEventListener('abort', () => this.#runs.has(runId) && this.restart(handlers.signal!.reason ?? new StoppedError()), { once: true });
      const msg: ToRunner = { type: 'run', runId, ...request };
      if (this.#hasArquero || !usesArquero(request.js)) return this.#post(msg);
      this.#hasArquero = true;
      this.#post(() =>
        this.#loadArquero().then(
          (source): ToRunner[] => [{ type: 'arquero', source }, msg],
          (e: unknown) => {
            this.#hasArquero = false;
            this.#finish(runId);
            reject(new Error(`Arquero could not be loaded for the code runner: ${e instanceof Error ? e.message : String(e)}`));
            return [];
          }
        )
      );
    });
  }

  /** Terminates the worker (ending whatever it runs), rejects the pending runs with `reason`, starts a new one. */
  restart(reason: Error = new StoppedError()): void {
    this.#restartQuietly();
    this.#failAll(reason);
    this.onRespawn?.();
  }

  #restartQuietly(): void {
    this.#end();
    this.#start();
  }

  #end(): void {
    this.#port.close();
    void this.#host?.then((host) => host.terminate(), () => undefined);
  }

  dispose(): void {
    this.#disposed = true;
    this.#failAll(new StoppedError('The notebook was closed.'));
    this.#end();
  }
}
