import { describe, expect, it } from 'vitest';
import { chartSpec, inspect, isPlainData, md, toDisplayItem } from '../../../src/lib/notebook/displayValue';

describe('toDisplayItem', () => {
  it('strings are text, numbers values, md`` markdown', () => {
    expect(toDisplayItem('hi')).toEqual({ kind: 'text', text: 'hi' });
    expect(toDisplayItem(0.123456789)).toEqual({ kind: 'value', text: '0.123457' });
    const name = 'x';
    expect(toDisplayItem(md`# ${name}`)).toEqual({ kind: 'markdown', text: '# x' });
  });

  it('an array of objects or a column object is a table, capped at 200 rows with the total', () => {
    expect(toDisplayItem([{ a: 1, b: 'x' }, { a: 2, c: true }])).toEqual({ kind: 'table', columns: ['a', 'b', 'c'], rows: [[1, 'x', null], [2, null, true]], total: 2 });
    const t = toDisplayItem({ era: Array.from({ length: 500 }, (_, i) => String(i)), corr: new Float64Array(500) });
    expect(t.kind === 'table' && [t.rows.length, t.total, t.columns]).toEqual([200, 500, ['era', 'corr']]);
  });

  it('a chart spec becomes a chart; other objects an inspector preview, never HTML', () => {
    const item = toDisplayItem({ type: 'eraBars', data: { eras: ['1', '2'], series: [{ label: 'corr', values: [0.1, -0.2] }] } });
    expect(item).toEqual({ kind: 'chart', spec: { type: 'eraBars', x: ['1', '2'], series: [{ label: 'corr', values: Float64Array.from([0.1, -0.2]) }] } });
    expect(chartSpec({ type: 'cumulative', data: { values: [1, 2] }, title: 'T' })).toEqual({ type: 'cumulative', title: 'T', x: ['1', '2'], series: [{ label: 'T', values: Float64Array.from([1, 2]) }] });
    expect(toDisplayItem({ html: '<img src=x onerror=alert(1)>' })).toEqual({ kind: 'value', text: '{html: "<img src=x onerror=alert(1)>"}' });
  });

  it('chart specs of every kind: drawdown/histogram series, exposure bars, trade-off points, payout rounds', () => {
    expect(chartSpec({ type: 'drawdown', data: { eras: ['1', '2'], series: [{ label: 'a', values: [0.1, -0.2] }] } })).toEqual({ type: 'drawdown', x: ['1', '2'], series: [{ label: 'a', values: Float64Array.from([0.1, -0.2]) }] });
    expect(chartSpec({ type: 'histogram', data: { values: [1, 2, 3] }, yLabel: 'CORR per era' })).toMatchObject({ type: 'histogram', x: ['1', '2', '3'], yLabel: 'CORR per era' });
    expect(chartSpec({ type: 'exposure', data: { features: ['feature_a', 'feature_b'], exposures: [0.2, -0.1] }, title: 'E' })).toEqual({
      type: 'exposure',
      title: 'E',
      features: ['feature_a', 'feature_b'],
      exposures: Float64Array.from([0.2, -0.1])
    });
    const t = chartSpec({ type: 'tradeoff', data: { points: [{ proportion: 0, summary: { corr: { mean: 0.02, sharpe: 1, max_drawdown: 0.1 } } }, { proportion: 1, summary: { corr: { mean: 0.01 } } }] }, current: 0.5 });
    expect(t).toMatchObject({ type: 'tradeoff', metrics: ['corr'], current: 0.5 });
    expect(t?.type === 'tradeoff' && t.points[1].summary.corr).toMatchObject({ mean: 0.01, sharpe: NaN, max_drawdown: NaN });
    const round = { stake: 100, score: 0.01, rate: 0.01, clipped: false, payout: 1, cumulative: 1 };
    expect(chartSpec({ type: 'payout', data: { rounds: [round], labels: ['0001'] } })).toEqual({ type: 'payout', rounds: [round], labels: ['0001'] });
    expect(chartSpec({ type: 'exposure', data: { features: ['a'] } })).toBeNull();
    expect(chartSpec({ type: 'pie', data: { values: [1] } })).toBeNull();
  });

  it('a score cell\'s value passed to display() shows the score charts', () => {
    const scores = { eras: ['1'], metrics: ['corr'], models: { m: { n: Int32Array.from([3]), perEra: { corr: Float64Array.from([0.1]) }, summary: {} } } };
    expect(toDisplayItem(scores)).toEqual({ kind: 'scores', scores });
  });

  it('inspect previews typed arrays, nesting, functions and class instances briefly', () => {
    expect(inspect(new Float64Array([1, 2.5]))).toBe('Float64Array(2) [1, 2.5]');
    expect(inspect({ a: [1, { b: 'x' }], f() {} })).toBe('{a: Array(2) [1, {b: "x"}], f: ƒ f()}');
    class P {
      x = 1;
    }
    expect(inspect(new P())).toBe('P {x: 1}');
  });

  it('isPlainData accepts what structured clone keeps and refuses functions and class instances', () => {
    expect(isPlainData({ a: [1, 'x', null], b: new Float64Array(3), c: new Map([[1, { d: true }]]) })).toBe(true);
    expect(isPlainData(() => 1)).toBe(false);
    expect(isPlainData({ f: () => 1 })).toBe(false);
    expect(isPlainData(new (class Q {})())).toBe(false);
  });
});
