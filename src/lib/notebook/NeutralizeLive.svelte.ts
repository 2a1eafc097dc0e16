import { tick } from 'svelte';
import type { NeutralizedScores } from '../scoring/NeutralizationSession';
import type { Summary } from '../scoring/summarize';
import type { NeutralizationSweep } from '../workers/Workspace';
import { sweepGrid } from './scoreDisplays';
import type { NeutralizeDisplay } from './types';

/** A neutralize cell's least-squares fit in the scoring worker (and its trade-off sweep, once computed). */
export interface LiveFit {
  id: string;
  sweep?: Promise<NeutralizationSweep>;
}

/** What the live view asks of the scoring worker. None of it refits: the fit depends on no proportion. */
export interface NeutralizeBackend {
  /** The cell's prepared fit, or null when there is none to use yet (the cell has not run with these inputs). */
  fit(): Promise<LiveFit | null>;
  /** Scores of p − proportion·F̃B with no refit; FNC only when asked (it costs another projection and ranking per era). */
  scores(id: string, proportion: number, fnc: boolean): Promise<NeutralizedScores>;
  /** Summaries of CORR and FNC over some proportions (one worker call). */
  sweep(id: string, proportions: number[]): Promise<NeutralizationSweep>;
}

/** Above this many ms per call with FNC, FNC leaves the live update and follows when the slider settles. */
export const FNC_INLINE_MS = 40;
/** The slider has settled when it has not moved for this long (ms). */
export const SETTLE_MS = 150;
/** Work per background sweep call (ms), so that a slider move waits at most about this long behind one. */
export const SWEEP_CHUNK_MS = 80;

/** Waits until what the state change drew is on screen: Svelte's effects (the chart updates), then the next frame. */
const nextPaint = async () => {
  await tick();
  await new Promise<void>((resolve) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => resolve()) : setTimeout(resolve, 0)));
};

/**
 * The live side of a neutralize cell: what the proportion slider shows while it moves, without re-running the cell.
 *
 * Design. The scoring worker holds the cell's least-squares fit (prepared once per model, features and data); a
 * proportion only scales it, so nothing here refits. One request is in flight at a time and the latest slider value
 * wins (values passed while a request runs collapse into one). Each update asks for CORR and the feature exposures,
 * the part that must follow the slider (O(n log n) and O(k) per era). FNC needs one more projection and ranking per
 * era: when the cell's last call with FNC took more than FNC_INLINE_MS (large data: ~170 ms for 500,000 rows × 42
 * features, against ~40 ms without), FNC is asked for separately once the slider has been still for SETTLE_MS, so
 * the CORR/exposure update stays under 100 ms; on small data (the tutorial's) FNC comes with every update. The
 * trade-off sweep (0, 0.1, …, 1) is computed once per fit in the background, only when its chart is in view and
 * the slider is still, in chunks of about SWEEP_CHUNK_MS so that a slider move never waits long behind it.
 * `latency` is input → chart updated: from the input event to the frame after the charts took the new scores.
 */
export class NeutralizeLive {
  /** The cell's own result (its last run). */
  base = $state.raw<NeutralizeDisplay | null>(null);
  /** The latest scores drawn (CORR, exposures; FNC when they came with it). */
  shown = $state.raw<{ p: number; result: NeutralizedScores } | null>(null);
  /** The latest FNC per era and its proportion (on large data it follows the CORR when the slider settles). */
  fnc = $state.raw<{ p: number; values: Float64Array; summary: Summary } | null>(null);
  /** The slider's latest value; null until it moves (or once the cell's run caught up with it). */
  target = $state<number | null>(null);
  /** Input → chart updated of the last live update, ms. */
  latency = $state<number | null>(null);
  /** The trade-off points so far (all of sweepGrid once `sweepComplete`). */
  sweep = $state.raw<NeutralizationSweep | null>(null);
  sweepComplete = $state(false);
  error = $state('');
  /** True when FNC comes with every update (small data); false when it follows once the slider settles. */
  fncLive = $state(true);

  #backend: NeutralizeBackend;
  #afterPaint: () => Promise<void>;
  #now: () => number;
  #pending: { p: number; t0: number } | null = null;
  #busy = false;
  /** The slider moved less than SETTLE_MS ago. */
  #moving = false;
  #settle: ReturnType<typeof setTimeout> | null = null;
  #wantSweep = false;
  #fit: LiveFit | null = null;
  #fncFailed: number | null = null;
  #fitCall: Promise<LiveFit | null> | null = null;
  #disposed = false;

  constructor(backend: NeutralizeBackend, options: { afterPaint?: () => Promise<void>; now?: () => number } = {}) {
    this.#backend = backend;
    this.#afterPaint = options.afterPaint ?? nextPaint;
    this.#now = options.now ?? (() => performance.now());
  }

  /** The cell ran: its result is shown unless the slider has moved on since. */
  setBase(item: NeutralizeDisplay): void {
    if (this.base === item) return;
    this.base = item;
    this.fncLive = item.ms <= FNC_INLINE_MS;
    if (this.target === null || this.target === item.proportion || !this.shown) {
      this.target = null;
      this.shown = { p: item.proportion, result: item.result };
      if (item.result.fnc && item.result.summary.fnc) this.fnc = { p: item.proportion, values: item.result.fnc, summary: item.result.summary.fnc };
    }
    // the run may have refitted (a new model or features): check, so that the old fit's sweep is dropped
    void this.#currentFit().then(
      () => this.#pump(),
      () => this.#pump()
    );
  }

  /** The slider moved to `proportion` (at `t0`, performance.now() clock: the input event's timeStamp). */
  input(proportion: number, t0 = this.#now()): void {
    this.target = proportion;
    this.#pending = { p: proportion, t0 };
    this.#moving = true;
    if (this.#settle) clearTimeout(this.#settle);
    this.#settle = setTimeout(() => {
      this.#settle = null;
      this.#moving = false;
      void this.#pump();
    }, SETTLE_MS);
    void this.#pump();
  }

  /** The trade-off chart is in view: compute the sweep (once per fit) in the background. */
  wantSweep(): void {
    this.#wantSweep = true;
    void this.#pump();
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#settle) clearTimeout(this.#settle);
  }

  get #settled(): boolean {
    return !this.#moving;
  }

  /** The fit to use; a new fit (new model or features) drops the sweep of the old one. */
  async #currentFit(): Promise<LiveFit | null> {
    // one look-up at a time (a look-up may prepare the fit after a worker restart: never twice)
    this.#fitCall ??= this.#backend.fit().finally(() => (this.#fitCall = null));
    const fit = await this.#fitCall;
    if (fit !== this.#fit) {
      this.#fit = fit;
      this.sweep = null;
      this.sweepComplete = false;
    }
    return fit;
  }

  /** Runs the next piece of work, one request at a time: slider value first, then FNC, then the sweep. */
  async #pump(): Promise<void> {
    if (this.#busy || this.#disposed) return;
    this.#busy = true;
    try {
      for (;;) {
        if (this.#disposed) return;
        if (this.#pending) await this.#update(this.#pending);
        else if (this.#settled && this.shown && this.#needsFnc(this.shown.p)) await this.#followFnc(this.shown.p);
        else if (this.#settled && this.#wantSweep && !this.sweepComplete) await this.#sweepChunk();
        else return;
      }
    } finally {
      this.#busy = false;
    }
  }

  #needsFnc(p: number): boolean {
    return this.fnc?.p !== p && this.#fncFailed !== p;
  }

  async #update(req: { p: number; t0: number }): Promise<void> {
    this.#pending = null;
    try {
      const fit = await this.#currentFit();
      if (!fit) return;
      const withFnc = this.fncLive;
      const t = this.#now();
      const result = await this.#backend.scores(fit.id, req.p, withFnc);
      if (withFnc) this.fncLive = this.#now() - t <= FNC_INLINE_MS;
      this.shown = { p: req.p, result };
      if (result.fnc && result.summary.fnc) this.fnc = { p: req.p, values: result.fnc, summary: result.summary.fnc };
      this.error = '';
      // measured while the next request already runs: one frame is not worth delaying it for
      void this.#afterPaint().then(() => (this.latency = this.#now() - req.t0));
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  async #followFnc(p: number): Promise<void> {
    try {
      const fit = await this.#currentFit();
      if (!fit) {
        this.#fncFailed = p;
        return;
      }
      const t = this.#now();
      const result = await this.#backend.scores(fit.id, p, true);
      this.fncLive = this.#now() - t <= FNC_INLINE_MS;
      if (result.fnc && result.summary.fnc) this.fnc = { p, values: result.fnc, summary: result.summary.fnc };
      else this.#fncFailed = p;
      // the CORR is the same; keep the newest scores drawn unless the slider moved on meanwhile
      if (this.shown?.p === p) this.shown = { p, result };
    } catch (e) {
      this.#fncFailed = p;
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  async #sweepChunk(): Promise<void> {
    try {
      const fit = await this.#currentFit();
      if (!fit) {
        this.#wantSweep = false;
        return;
      }
      if (fit.sweep) {
        // computed once already (a trade-off chart cell, or this view before the cell re-ran)
        const s = await fit.sweep;
        if (this.#fit === fit) [this.sweep, this.sweepComplete] = [s, true];
        return;
      }
      const have = this.sweep;
      const done = new Set(have?.proportions ?? []);
      const todo = sweepGrid.filter((p) => !done.has(p));
      const perPoint = Math.max(1, this.base?.ms ?? 1);
      const k = Math.max(1, Math.min(todo.length, Math.floor(SWEEP_CHUNK_MS / perPoint)));
      const part = await this.#backend.sweep(fit.id, todo.slice(0, k));
      if (this.#fit !== fit) return; // refitted meanwhile: this sweep is of the old fit
      const merged = mergeSweeps(have, part);
      this.sweep = merged;
      if (merged.proportions.length >= sweepGrid.length) {
        this.sweepComplete = true;
        fit.sweep ??= Promise.resolve(merged);
      }
    } catch (e) {
      this.#wantSweep = false;
      this.error = e instanceof Error ? e.message : String(e);
    }
  }
}

/** Two partial sweeps as one, in proportion order. */
export function mergeSweeps(a: NeutralizationSweep | null, b: NeutralizationSweep): NeutralizationSweep {
  const rows = [...(a ? a.proportions.map((p, i) => ({ p, corr: a.corr[i], fnc: a.fnc[i], x: a.maxExposure[i] })) : []), ...b.proportions.map((p, i) => ({ p, corr: b.corr[i], fnc: b.fnc[i], x: b.maxExposure[i] }))];
  rows.sort((u, v) => u.p - v.p);
  return { proportions: rows.map((r) => r.p), corr: rows.map((r) => r.corr), fnc: rows.map((r) => r.fnc), maxExposure: rows.map((r) => r.x) };
}
