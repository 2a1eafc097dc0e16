// What the Signals cells display, as data: a summary table and per-date chart specs built from `scoreSignals`'
// output. Pure functions (no chart code): the page draws the specs with the chart library, loaded lazily.
import type { SignalsScores } from '../scoring/signals/scoreSignals';
import { signalsMetrics, type SignalsMetricName } from '../scoring/signals/signalsMetrics';
import { pickModels } from './scoreDisplays';
import type { DisplayItem, EraChartSpec, EraChartType, TableValue } from './types';

const round = (v: number, digits = 4): TableValue => (Number.isFinite(v) ? +v.toFixed(digits) : null);

/** A Signals metric's label from the engine's registry ("Alpha"), or the name itself. */
export const signalsMetricLabel = (m: string): string => (signalsMetrics as Record<string, { label: string }>)[m]?.label ?? m;

/** The stake-zeroing limit of a metric (churn 15 %, turnover 25 %), or null when it has none. */
export const signalsLimit = (m: string): number | null => (signalsMetrics as Record<string, { limit?: number }>)[m]?.limit ?? null;

/** True for a Signals score cell's value (per-date scores of `scoreSignals`). */
export const isSignalsScores = (v: unknown): v is SignalsScores =>
  typeof v === 'object' &&
  v !== null &&
  Array.isArray((v as SignalsScores).dates) &&
  Array.isArray((v as SignalsScores).metrics) &&
  typeof (v as SignalsScores).models === 'object' &&
  Object.values((v as SignalsScores).models ?? {}).every((m) => typeof m === 'object' && m !== null && typeof m.perDate === 'object');

/** The largest value and how many dates reach `limit` (NaN dates left out). */
function overLimit(values: ArrayLike<number>, limit: number): { max: number; over: number } {
  let max = NaN;
  let over = 0;
  for (let i = 0; i < values.length; ++i) {
    const v = values[i];
    if (v !== v) continue;
    if (!(v <= max)) max = v;
    if (v >= limit) over++;
  }
  return { max, over };
}

/**
 * One row per model × metric. Alpha and MPC: mean, std, sharpe, max drawdown, consistency over the scored dates.
 * Churn and turnover: mean, the largest week-to-week value and the dates at or over the stake-zeroing limit.
 */
export function signalsScoreTable(scores: SignalsScores): DisplayItem & { kind: 'table' } {
  const rows: TableValue[][] = [];
  for (const [model, m] of Object.entries(scores.models)) {
    for (const metric of scores.metrics) {
      const s = m.summary[metric];
      const values = m.perDate[metric];
      if (!s || !values) continue;
      const limit = signalsLimit(metric);
      if (limit === null) rows.push([model, signalsMetricLabel(metric), round(s.mean), round(s.std), round(s.sharpe, 3), round(s.max_drawdown), round(s.consistency, 3), null, null, s.n_eras]);
      else {
        const { max, over } = overLimit(values, limit);
        rows.push([model, signalsMetricLabel(metric), round(s.mean), round(s.std), null, null, null, round(max), over, s.n_eras]);
      }
    }
  }
  const D = scores.dates.length;
  const span = D ? ` (${D} dates, ${scores.dates[0]} to ${scores.dates[D - 1]})` : '';
  return {
    kind: 'table',
    caption: `Signals scores per date${span}; churn and turnover limits: 15 % and 25 %`,
    columns: ['model', 'metric', 'mean', 'std', 'sharpe', 'max drawdown', 'consistency', 'max', 'dates over limit', 'dates'],
    rows,
    total: rows.length
  };
}

const titles: Record<EraChartType, (l: string) => { title: string; yLabel: string }> = {
  eraBars: (l) => ({ title: `${l} per date`, yLabel: `${l} per date` }),
  cumulative: (l) => ({ title: `Cumulative ${l} over dates`, yLabel: `Cumulative ${l}` }),
  drawdown: (l) => ({ title: `Drawdown of cumulative ${l}`, yLabel: `Drawdown of cumulative ${l}` }),
  histogram: (l) => ({ title: `Histogram of ${l} per date`, yLabel: `${l} per date` })
};

/**
 * Per-date values of one Signals metric for some models: bars (churn and turnover with their stake-zeroing limit as
 * a dashed rule), cumulative sum, drawdown or histogram. Dates are the x labels (the axis ticks on months).
 */
export function signalsChart(scores: SignalsScores, metric: SignalsMetricName, type: EraChartType = 'eraBars', models: readonly string[] = []): EraChartSpec {
  const names = pickModels(scores, models);
  const label = signalsMetricLabel(metric);
  const series = names
    .map((m) => ({ label: names.length > 1 ? m : `${m} ${label}`, values: scores.models[m].perDate[metric], metric }))
    .filter((s): s is { label: string; values: Float64Array; metric: SignalsMetricName } => !!s.values);
  if (!series.length) {
    throw new Error(`The Signals scores have no "${metric}" for ${names.join(', ') || 'any model'}; they have ${scores.metrics.map((m) => `"${m}"`).join(', ')}.${metric === 'mpc' ? '\n- MPC needs stakes: give the models a stake in the score cell.' : ''}`);
  }
  const limit = signalsLimit(metric);
  const threshold = type === 'eraBars' && limit !== null ? { threshold: { value: limit, label: `limit ${Math.round(limit * 100)} %` } } : {};
  return { type, ...titles[type](label), x: scores.dates, series, ...threshold };
}

/** What a Signals score cell shows under its table: alpha per date, cumulative alpha and, with stakes, MPC per date. */
export function signalsScoreCharts(scores: SignalsScores): DisplayItem[] {
  const out: DisplayItem[] = [];
  if (scores.metrics.includes('alpha')) {
    out.push({ kind: 'chart', spec: signalsChart(scores, 'alpha', 'eraBars') });
    out.push({ kind: 'chart', spec: signalsChart(scores, 'alpha', 'cumulative') });
  }
  if (scores.metrics.includes('mpc')) out.push({ kind: 'chart', spec: signalsChart(scores, 'mpc', 'eraBars') });
  return out;
}
