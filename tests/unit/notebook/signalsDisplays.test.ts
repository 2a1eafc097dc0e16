import { describe, expect, it } from 'vitest';
import { chartSpec } from '../../../src/lib/notebook/displayValue';
import { isSignalsScores, signalsChart, signalsScoreCharts, signalsScoreTable } from '../../../src/lib/notebook/signalsDisplays';
import type { SignalsScores } from '../../../src/lib/scoring/signals/scoreSignals';
import { summarize } from '../../../src/lib/scoring/summarize';

const dates = ['2024-01-05', '2024-01-12', '2024-01-19', '2024-01-26', '2024-02-02'];
const perDate = (alpha: number[], churn: number[], turnover: number[], mpc?: number[]) => ({
  alpha: Float64Array.from(alpha),
  churn: Float64Array.from(churn),
  turnover: Float64Array.from(turnover),
  ...(mpc ? { mpc: Float64Array.from(mpc) } : {})
});
const model = (p: ReturnType<typeof perDate>) => ({
  n: new Int32Array(dates.length).fill(600),
  perDate: p,
  summary: Object.fromEntries(Object.entries(p).map(([k, v]) => [k, summarize(v)]))
});
const scores: SignalsScores = {
  dates,
  metrics: ['alpha', 'mpc', 'churn', 'turnover'],
  models: {
    quality: model(perDate([0.01, -0.002, 0.004, 0.006, NaN], [NaN, 0.05, 0.2, 0.15, 0.1], [NaN, 0.1, 0.3, 0.25, 0.2], [0.001, 0, -0.001, 0.002, NaN])),
    noise: model(perDate([-0.001, 0.001, 0, 0.002, NaN], [NaN, 1, 0.9, 1.1, 1], [NaN, 0.6, 0.7, 0.65, 0.7], [-0.001, 0, 0.001, -0.002, NaN]))
  }
};

describe('Signals displays', () => {
  it('recognises Signals scores (and not Tournament scores)', () => {
    expect(isSignalsScores(scores)).toBe(true);
    expect(isSignalsScores({ eras: dates, metrics: ['corr'], models: { a: { perEra: {} } } })).toBe(false);
    expect(isSignalsScores(null)).toBe(false);
  });

  it('the summary table has alpha/MPC summaries and, for churn and turnover, the largest value and the dates at or over the limit', () => {
    const t = signalsScoreTable(scores);
    expect(t.columns).toEqual(['model', 'metric', 'mean', 'std', 'sharpe', 'max drawdown', 'consistency', 'max', 'dates over limit', 'dates']);
    const row = (m: string, metric: string) => t.rows.find((r) => r[0] === m && r[1] === metric)!;
    const alpha = summarize(scores.models.quality.perDate.alpha!);
    expect(row('quality', 'Alpha')).toEqual(['quality', 'Alpha', +alpha.mean.toFixed(4), +alpha.std.toFixed(4), +alpha.sharpe.toFixed(3), +alpha.max_drawdown.toFixed(4), 0.75, null, null, 4]);
    // churn 0.2 and 0.15 reach the 15 % limit (≥), turnover 0.3 and 0.25 reach 25 %
    expect(row('quality', 'Churn').slice(7)).toEqual([0.2, 2, 4]);
    expect(row('quality', 'Turnover').slice(7)).toEqual([0.3, 2, 4]);
    expect(row('noise', 'Churn').slice(7)).toEqual([1.1, 4, 4]);
    expect(t.caption).toMatch(/5 dates, 2024-01-05 to 2024-02-02/);
  });

  it('per-date charts use the dates as x labels; churn and turnover bars carry their limit, cumulative charts do not', () => {
    const churn = signalsChart(scores, 'churn', 'eraBars', ['quality']);
    expect(churn).toMatchObject({ type: 'eraBars', title: 'Churn per date', x: dates, threshold: { value: 0.15, label: 'limit 15 %' } });
    expect(churn.series).toEqual([{ label: 'quality Churn', values: scores.models.quality.perDate.churn, metric: 'churn' }]);
    expect(signalsChart(scores, 'turnover').threshold).toEqual({ value: 0.25, label: 'limit 25 %' });
    const cum = signalsChart(scores, 'alpha', 'cumulative');
    expect(cum.threshold).toBeUndefined();
    expect(cum.title).toBe('Cumulative Alpha over dates');
    expect(cum.series.map((s) => s.label)).toEqual(['quality', 'noise']);
    expect(() => signalsChart({ ...scores, metrics: ['alpha'], models: { a: model(perDate([1], [1], [1])) } }, 'mpc')).toThrow(/no "mpc".*\n- MPC needs stakes/);
  });

  it('a score cell shows alpha bars, cumulative alpha and MPC bars', () => {
    const items = signalsScoreCharts(scores);
    expect(items.map((d) => (d.kind === 'chart' ? `${d.spec.type}:${d.spec.title}` : d.kind))).toEqual(['eraBars:Alpha per date', 'cumulative:Cumulative Alpha over dates', 'eraBars:MPC per date']);
  });

  it('display({ type: "eraBars", threshold }) from a code cell keeps the rule', () => {
    const spec = chartSpec({ type: 'eraBars', data: { eras: dates, values: [1, 2, 3, 4, 5] }, threshold: { value: 0.15, label: 'limit' } });
    expect(spec).toMatchObject({ type: 'eraBars', threshold: { value: 0.15, label: 'limit' } });
    expect(chartSpec({ type: 'cumulative', data: { values: [1] }, threshold: { value: 1 } })).not.toHaveProperty('threshold');
  });
});
