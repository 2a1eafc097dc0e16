import { metrics, type MetricName } from '../scoring/metrics';
import type { EraScores } from '../scoring/scoreEras';
import type { EraChartData, EraSeries } from './types';

/** A metric's label from the scoring registry; a name outside the registry is shown as is. */
export function metricLabel(metric: string | undefined): string {
  if (metric === undefined) return 'Score';
  return metric in metrics ? metrics[metric as MetricName].label : metric;
}

/** The common metric label of the series, or `fallback` when they mix metrics. */
export function commonMetricLabel(series: readonly EraSeries[], fallback = 'score'): string {
  const ms = new Set(series.map((s) => s.metric));
  return ms.size === 1 ? metricLabel([...ms][0]) : fallback;
}

/**
 * Chart data from the scoring engine's output: one series per model × metric (metrics default to the first one
 * scored, models to all). Labels come from the metric registry; colour follows the model, dash the metric.
 */
export function eraSeries(scores: EraScores, pick: { metrics?: readonly MetricName[]; models?: readonly string[] } = {}): EraChartData {
  const models = pick.models ?? Object.keys(scores.models);
  const ms = pick.metrics ?? scores.metrics.slice(0, 1);
  const series: EraSeries[] = [];
  models.forEach((model, mi) =>
    ms.forEach((metric, ki) => {
      const values = scores.models[model]?.perEra[metric];
      if (!values) return;
      const label = ms.length === 1 ? model : models.length === 1 ? metricLabel(metric) : `${model} · ${metricLabel(metric)}`;
      series.push({ key: `${model}:${metric}`, label, values, model, metric, color: mi, dash: ki });
    })
  );
  return { eras: scores.eras, series };
}

/**
 * The values of a series as a Float64Array of exactly `n` eras: ±Infinity becomes NaN and a length mismatch is
 * padded with NaN or cut, each with a warning.
 */
export function alignValues(s: EraSeries, n: number, warn: (m: string) => void): Float64Array {
  const out = new Float64Array(n).fill(NaN);
  const m = Math.min(n, s.values.length);
  let inf = 0;
  for (let i = 0; i < m; ++i) {
    const v = s.values[i];
    if (v === Infinity || v === -Infinity) ++inf;
    else out[i] = v;
  }
  if (s.values.length !== n) warn(`series "${s.label}" has ${s.values.length} values for ${n} eras; ${s.values.length < n ? 'the missing eras are drawn as unscored' : 'the extra values are ignored'}.`);
  if (inf) warn(`series "${s.label}" has ${inf} infinite values; they are drawn as unscored.`);
  return out;
}

/** Number of NaN values (unscored eras) in [i0, i1]. */
export function countMissing(v: Float64Array, i0 = 0, i1 = v.length - 1): number {
  let k = 0;
  for (let i = i0; i <= i1; ++i) if (v[i] !== v[i]) ++k;
  return k;
}
