// The neutralize cell's live view: one request in flight, latest slider value wins, FNC inline on small data and
// after the slider settles on large data, the trade-off sweep in background chunks, latency input → paint; and,
// against the real scoring worker, that sliding never prepares (fits) again.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeInProcessWorkers, inProcessWorker } from '../../helpers/inProcessWorker';
import { analyzeCell } from '../../../src/lib/notebook/analyze';
import { createExecutor } from '../../../src/lib/notebook/createExecutor';
import { DataWorkers } from '../../../src/lib/notebook/DataWorkers';
import { createSession } from '../../../src/lib/notebook/builtinRun';
import { neutralizeBackend } from '../../../src/lib/notebook/neutralizeBackend';
import { FNC_INLINE_MS, mergeSweeps, NeutralizeLive, SETTLE_MS, type LiveFit, type NeutralizeBackend } from '../../../src/lib/notebook/NeutralizeLive.svelte';
import { Notebook } from '../../../src/lib/notebook/Notebook.svelte';
import type { Runner } from '../../../src/lib/notebook/runner';
import { sweepGrid } from '../../../src/lib/notebook/scoreDisplays';
import type { Cell, NeutralizeDisplay } from '../../../src/lib/notebook/types';
import type { NeutralizedScores } from '../../../src/lib/scoring/NeutralizationSession';
import { summarize } from '../../../src/lib/scoring/summarize';
import type { NeutralizationSweep } from '../../../src/lib/workers/Workspace';
import { ScoringClient } from '../../../src/lib/workers/ScoringClient';

const result = (p: number, fnc: boolean): NeutralizedScores => {
  const corr = Float64Array.from([0.1 - p, 0.2 - p]);
  const f = Float64Array.from([p, 2 * p]);
  return {
    eras: ['0001', '0002'],
    proportion: p,
    corr,
    ...(fnc ? { fnc: f } : {}),
    exposures: Float64Array.from([0.1, -0.2, 0.3, 0.4]),
    maxExposure: Float64Array.from([0.2, 0.4]),
    featureNames: ['feature_a', 'feature_b'],
    summary: { corr: summarize(corr), ...(fnc ? { fnc: summarize(f) } : {}), maxExposure: summarize(Float64Array.from([0.2, 0.4])) }
  };
};
const sweepOf = (ps: number[]): NeutralizationSweep => ({ proportions: ps, corr: ps.map((p) => summarize([p])), fnc: ps.map((p) => summarize([-p])), maxExposure: ps.map((p) => 1 - p) });

/** A backend whose calls wait until the test releases them, in order. */
function fakeBackend() {
  const calls: string[] = [];
  const waiting: (() => void)[] = [];
  let fit: LiveFit = { id: 'n1' };
  const later = <T>(make: () => T) => new Promise<T>((resolve) => waiting.push(() => resolve(make())));
  const backend: NeutralizeBackend = {
    fit: async () => fit,
    scores: (id, p, fnc) => (calls.push(`scores ${id} ${p}${fnc ? ' fnc' : ''}`), later(() => result(p, fnc))),
    sweep: (id, ps) => (calls.push(`sweep ${id} ${ps.join(',')}`), later(() => sweepOf(ps)))
  };
  const flush = async () => {
    for (let i = 0; i < 20; ++i) await Promise.resolve();
  };
  return {
    calls,
    backend,
    refit: () => (fit = { id: 'n2' }),
    /** Lets the oldest waiting call finish, then the microtasks that follow. */
    async release() {
      const next = waiting.shift();
      if (!next) throw new Error('no call is waiting');
      next();
      await vi.advanceTimersByTimeAsync(0);
      await flush();
    },
    get waiting() {
      return waiting.length;
    }
  };
}

const base = (ms: number, p = 0.5): NeutralizeDisplay => ({ kind: 'neutralize', cellId: 'n', model: 'ridge', proportion: p, result: result(p, true), ms });

describe('NeutralizeLive', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    clock = 1000;
  });
  afterEach(() => vi.useRealTimers());

  it('small data: one request in flight, the latest value wins, FNC comes with every update, latency input → paint', async () => {
    const f = fakeBackend();
    let paints = 0;
    const live = new NeutralizeLive(f.backend, { now, afterPaint: async () => void paints++ });
    live.setBase(base(5));
    expect(live.shown?.p).toBe(0.5);
    expect(live.fncLive).toBe(true);
    live.input(0.1, 1000);
    live.input(0.2, 1001);
    live.input(0.3, 1002);
    await vi.advanceTimersByTimeAsync(0);
    expect(f.calls).toEqual(['scores n1 0.1 fnc']);
    clock = 1030;
    await f.release();
    expect(live.shown?.p).toBe(0.1);
    expect(live.fnc?.p).toBe(0.1);
    expect(live.latency).toBe(30); // input at 1000, painted at 1030
    expect(f.calls).toEqual(['scores n1 0.1 fnc', 'scores n1 0.3 fnc']); // 0.2 was superseded before it started
    clock = 1050;
    await f.release();
    expect([live.shown?.p, live.fnc?.p, live.target, live.latency]).toEqual([0.3, 0.3, 0.3, 48]);
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    expect(f.waiting).toBe(0); // FNC is current: nothing to follow up
    expect(paints).toBe(2);
  });

  it('large data: CORR and exposures follow the slider, FNC follows once it settles', async () => {
    const f = fakeBackend();
    const live = new NeutralizeLive(f.backend, { now, afterPaint: async () => {} });
    live.setBase(base(FNC_INLINE_MS + 100));
    expect(live.fncLive).toBe(false);
    live.input(0.8, clock);
    await vi.advanceTimersByTimeAsync(0);
    expect(f.calls).toEqual(['scores n1 0.8']);
    await f.release();
    expect([live.shown?.p, live.fnc?.p]).toEqual([0.8, 0.5]); // FNC still of the cell's proportion
    clock += SETTLE_MS;
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    expect(f.calls).toEqual(['scores n1 0.8', 'scores n1 0.8 fnc']);
    await f.release();
    expect([live.shown?.p, live.fnc?.p]).toEqual([0.8, 0.8]);
    expect(Array.from(live.fnc!.values)).toEqual([0.8, 1.6]);
  });

  it('the trade-off sweep runs in chunks when asked and the slider is still; a slider move goes before the next chunk', async () => {
    const f = fakeBackend();
    const live = new NeutralizeLive(f.backend, { now, afterPaint: async () => {} });
    live.setBase(base(40)); // 80 ms per chunk → 2 proportions per call
    live.wantSweep();
    await vi.advanceTimersByTimeAsync(0);
    expect(f.calls).toEqual(['sweep n1 0,0.1']);
    live.input(0.25, clock);
    await f.release();
    expect(live.sweep?.proportions).toEqual([0, 0.1]);
    expect(f.calls.at(-1)).toBe('scores n1 0.25 fnc'); // 40 ms per call with FNC is inside the budget: FNC comes along
    await f.release();
    clock += SETTLE_MS;
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    for (let i = 0; i < 10 && f.waiting; ++i) await f.release();
    expect(live.sweepComplete).toBe(true);
    expect(live.sweep?.proportions).toEqual([...sweepGrid]);
    expect(f.calls.filter((c) => c.startsWith('sweep'))).toEqual(['sweep n1 0,0.1', 'sweep n1 0.2,0.3', 'sweep n1 0.4,0.5', 'sweep n1 0.6,0.7', 'sweep n1 0.8,0.9', 'sweep n1 1']);
  });

  it('a new fit (new model or features) drops the old sweep; a sweep kept with the fit is reused', async () => {
    const f = fakeBackend();
    const live = new NeutralizeLive(f.backend, { now, afterPaint: async () => {} });
    live.setBase(base(1));
    live.wantSweep();
    await vi.advanceTimersByTimeAsync(0);
    await f.release();
    expect(live.sweepComplete).toBe(true);
    f.refit();
    live.setBase(base(1, 0.2));
    await vi.advanceTimersByTimeAsync(0);
    expect(live.sweepComplete).toBe(false); // the sweep of n1 is gone; the view asks again when in view
    const kept = sweepOf([...sweepGrid]);
    const fit: LiveFit = { id: 'n3', sweep: Promise.resolve(kept) };
    const other = new NeutralizeLive({ ...f.backend, fit: async () => fit }, { now, afterPaint: async () => {} });
    other.setBase(base(1));
    other.wantSweep();
    await vi.advanceTimersByTimeAsync(0);
    expect(other.sweep).toBe(kept);
    expect(f.calls.filter((c) => c.includes('n3'))).toEqual([]);
  });

  it('mergeSweeps keeps the proportions in order', () => {
    expect(mergeSweeps(sweepOf([0.5, 1]), sweepOf([0, 0.2])).proportions).toEqual([0, 0.2, 0.5, 1]);
  });
});

describe('NeutralizeLive on the scoring worker', () => {
  let prepares = 0;
  afterAll(closeInProcessWorkers);
  const spawn = () => inProcessWorker((api) => ({ ...api, neutralizePrepare: ((...args) => (prepares++, api.neutralizePrepare(...args))) satisfies typeof api.neutralizePrepare }));

  it('moving the slider scores other proportions with the fit the cell prepared: no second prepare', async () => {
    const client = new ScoringClient(spawn);
    const session = createSession();
    const cells: Cell[] = [
      { id: 'd', kind: 'data', config: { name: 'data', source: 'generated', seed: 9, eras: 10, rowsPerEra: 150, features: 6 } },
      { id: 'n', kind: 'neutralize', config: { name: 'neutral', data: 'data', model: 'example_prediction', proportion: 0.5, featureSet: '' } }
    ];
    const nb = new Notebook({ id: 'nb', title: 't', cells, createdAt: 0, updatedAt: 0 }, { analyze: analyzeCell, execute: createExecutor({ runner: {} as Runner, workers: DataWorkers.shared(client), session }) });
    await nb.runAll();
    expect(prepares).toBe(1);
    const item = nb.runtime('n').displays[0] as NeutralizeDisplay;
    const live = new NeutralizeLive(neutralizeBackend(() => nb, () => DataWorkers.shared(client), session, 'n'), { afterPaint: async () => {} });
    live.setBase(item);
    for (const p of [0.1, 0.35, 0.9, 1]) live.input(p);
    await vi.waitFor(() => expect(live.shown?.p).toBe(1));
    live.wantSweep();
    await vi.waitFor(() => expect(live.sweepComplete).toBe(true), { timeout: 5000 });
    expect(prepares).toBe(1);
    // at proportion 1 the exposures to the features are gone
    const X = live.shown!.result.exposures;
    expect(Math.max(...Array.from(X).filter((v) => !Number.isNaN(v)).map(Math.abs))).toBeLessThan(1e-9);
    // the live scores equal the cell's own at the same proportion
    live.input(0.5);
    await vi.waitFor(() => expect(live.shown?.p).toBe(0.5));
    expect(Array.from(live.shown!.result.corr)).toEqual(Array.from(item.result.corr));
    live.dispose();
  });
});
