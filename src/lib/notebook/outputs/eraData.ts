import type { EraChartData } from '../../charts/types';
import type { EraChartSpec, PayoutChartSpec } from '../types';

/** Chart-library data from an era chart spec: stable keys (by position and label) so updates keep the nodes. */
export function eraDataOf(spec: EraChartSpec): EraChartData {
  return {
    eras: spec.x,
    series: spec.series.map((s, i) => ({ key: `${i}:${s.label}`, label: s.label, values: s.values, ...(s.metric ? { metric: s.metric } : {}) }))
  };
}

/** The payouts as one series over the rounds (the context lines of an era brush). */
export function payoutSeries(spec: PayoutChartSpec): EraChartData {
  const labels = spec.labels ?? spec.rounds.map((_, i) => String(i + 1));
  return { eras: labels, series: [{ key: 'payout', label: 'Payout (NMR)', values: Float64Array.from(spec.rounds, (r) => r.payout) }] };
}

/** A file name from a chart title: "CORR per era" → "corr-per-era". */
export const slug = (s: string | undefined, fallback: string) =>
  (s ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || fallback;
