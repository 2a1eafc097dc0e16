import { describe, expect, it } from 'vitest';
import { scoreEras } from '../../../src/lib/scoring/scoreEras';
import { md, toDisplayItem } from '../../../src/lib/notebook/displayValue';
import { checkFrameMessage, checkRunnerMessage, type PendingRun } from '../../../src/lib/notebook/runnerMessages';

/** Run 7 is in progress and defines `a` and `b`; nothing else is. */
const pending = (id: number): PendingRun | undefined => (id === 7 ? { defines: ['a', 'b'] } : undefined);
const check = (data: unknown) => checkRunnerMessage(data, pending);
const display = (item: unknown) => check({ type: 'display', runId: 7, item });

/** A small real score result (4 eras × 5 rows, one model, CORR). */
function realScores() {
  const target = Float64Array.from({ length: 20 }, (_, i) => [0, 0.25, 0.5, 0.75, 1][i % 5]);
  const pred = Float64Array.from({ length: 20 }, (_, i) => ((i * 7) % 11) / 10);
  return scoreEras({ eras: ['0001', '0002', '0003', '0004'], eraStarts: Uint32Array.from([0, 5, 10, 15, 20]), target, predictions: { m: pred }, metrics: ['corr'] });
}

describe('checkRunnerMessage: what the page accepts from the code runner', () => {
  it('accepts, unchanged, every kind of item the runner makes with toDisplayItem', () => {
    const round = { stake: 100, score: 0.01, rate: 0.01, clipped: false, payout: 1, cumulative: 1 };
    const values: unknown[] = [
      'text',
      0.5,
      null,
      md`# title`,
      [{ a: 1, b: 'x' }, { a: 2, c: true }],
      { era: ['1', '2'], corr: new Float64Array([0.1, NaN]) },
      { type: 'eraBars', data: { eras: ['1', '2'], series: [{ label: 'corr', values: [0.1, -0.2] }] }, threshold: { value: 0.05, label: 'limit' }, title: 'T', yLabel: 'y' },
      { type: 'cumulative', data: { values: [1, 2] } },
      { type: 'exposure', data: { features: ['f1', 'f2'], exposures: [0.2, -0.1] }, limit: 10 },
      { type: 'tradeoff', data: { points: [{ proportion: 0, summary: { corr: { mean: 0.02, sharpe: 1, max_drawdown: 0.1 } } }] }, current: 0.5 },
      { type: 'payout', data: { rounds: [round], labels: ['0001'] }, clip: 0.05 },
      realScores(),
      new Map([[1, 2]])
    ];
    for (const v of values) {
      const item = toDisplayItem(v);
      const r = display(item);
      expect(r, `${item.kind}: ${JSON.stringify(item).slice(0, 80)}`).toEqual({ ok: true, msg: { type: 'display', runId: 7, item } });
    }
  });

  it('accepts a log line, progress (clamped to [0, 1]), a done with the defined names, an error with a line', () => {
    expect(display({ kind: 'log', level: 'warn', text: 'careful' }).ok).toBe(true);
    expect(check({ type: 'progress', runId: 7, fraction: 0.5, label: 'half' })).toEqual({ ok: true, msg: { type: 'progress', runId: 7, fraction: 0.5, label: 'half' } });
    expect(check({ type: 'progress', runId: 7, fraction: 7 })).toMatchObject({ ok: true, msg: { fraction: 1 } });
    expect(check({ type: 'progress', runId: 7, fraction: NaN })).toMatchObject({ ok: true, msg: { fraction: 0 } });
    const f = new Float64Array([1, 2]);
    const done = check({ type: 'done', runId: 7, values: { a: f, b: { $worker: 'b', cellId: 'c', type: 'function' } } });
    expect(done.ok && done.msg.type === 'done' && done.msg.values.a).toBe(f);
    expect(check({ type: 'error', runId: 7, message: 'boom', line: 3 })).toEqual({ ok: true, msg: { type: 'error', runId: 7, message: 'boom', line: 3 } });
    expect(check({ type: 'ready' })).toEqual({ ok: true, msg: { type: 'ready' } });
  });

  it('drops a message for a run the page did not issue or is no longer waiting on, without naming a run', () => {
    for (const runId of [8, 1, 999_999, 0, -7, 7.5]) {
      for (const msg of [
        { type: 'done', runId, values: { a: 1 } },
        { type: 'display', runId, item: { kind: 'text', text: 'forged' } },
        { type: 'error', runId, message: 'forged' },
        { type: 'progress', runId, fraction: 1 }
      ]) {
        const r = check(msg);
        expect(r.ok, JSON.stringify(msg)).toBe(false);
        expect(!r.ok && r.runId).toBeUndefined();
      }
    }
    expect(check({ type: 'done', values: { a: 1 } }).ok).toBe(false);
  });

  it('drops what is not a runner message at all', () => {
    for (const [i, data] of [null, undefined, 'done', 42, [], {}, { type: 'connect' }, { type: 'html', runId: 7 }, { type: 'DONE', runId: 7 }, Object.create(null)].entries()) expect(check(data).ok, `case ${i}`).toBe(false);
  });

  it('a malformed payload for the run in progress is refused and names that run', () => {
    const bad: unknown[] = [
      { kind: 'html', html: '<img src=x>' },
      { kind: 'neutralize', cellId: 'x', model: 'm', proportion: 1, result: {}, ms: 1 },
      { kind: 'text', text: 42 },
      { kind: 'log', level: 'fatal', text: 'x' },
      { kind: 'table', columns: 'a', rows: [], total: 0 },
      { kind: 'table', columns: ['a'], rows: Array.from({ length: 201 }, () => [1]), total: 201 },
      { kind: 'table', columns: ['a'], rows: [[{}]], total: 1 },
      { kind: 'chart', spec: { type: 'pie', x: [], series: [] } },
      { kind: 'chart', spec: { type: 'eraBars', x: ['1'], series: [{ label: 'a', values: ['0.1'] }] } },
      { kind: 'chart', spec: { type: 'exposure', features: ['a'] } },
      { kind: 'scores', scores: { eras: ['1'], metrics: ['evil'], models: {} } },
      { kind: 'scores', scores: { eras: ['1'], metrics: ['corr'], models: { m: { perEra: { corr: 'x' }, summary: {} } } } }
    ];
    for (const item of bad) {
      const r = display(item);
      expect(r.ok, JSON.stringify(item).slice(0, 100)).toBe(false);
      expect(!r.ok && r.runId).toBe(7);
    }
    expect(check({ type: 'done', runId: 7, values: { a: 1, stolen: 2 } })).toMatchObject({ ok: false, runId: 7, reason: expect.stringContaining('stolen') });
    expect(check({ type: 'done', runId: 7, values: 'x' })).toMatchObject({ ok: false, runId: 7 });
    expect(check({ type: 'error', runId: 7, message: 'x', line: 0 })).toMatchObject({ ok: false, runId: 7 });
    expect(check({ type: 'progress', runId: 7, fraction: '1' })).toMatchObject({ ok: false, runId: 7 });
  });

  it('keeps only the fields a view uses (an extra field does not reach the page)', () => {
    const r = display({ kind: 'text', text: 'hi', onclick: 'steal()' });
    expect(r).toEqual({ ok: true, msg: { type: 'display', runId: 7, item: { kind: 'text', text: 'hi' } } });
  });
});

describe('checkFrameMessage', () => {
  it('accepts started and failed (message cut to 300 characters); nothing else', () => {
    expect(checkFrameMessage({ type: 'started' })).toEqual({ type: 'started' });
    expect(checkFrameMessage({ type: 'failed', message: 'x'.repeat(1000) })).toEqual({ type: 'failed', message: 'x'.repeat(300) });
    for (const data of [null, 'started', { type: 'failed' }, { type: 'done', runId: 1 }]) expect(checkFrameMessage(data)).toBeNull();
  });
});
