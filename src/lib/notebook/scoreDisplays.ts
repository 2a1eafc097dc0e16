import { metrics as metricRegistry, type MetricName } from '../scoring/metrics';
import type { EraScores } from '../scoring/scoreEras';
import type { PayoutRound } from '../scoring/payout';
import type { NeutralizedScores } from '../scoring/NeutralizationSession';
import type { ChartSpec, DisplayItem, TableValue } from './types';

const round = (v: number, digits = 4): TableValue => (Number.isFinite(v) ? +v.toFixed(digits) : null);
const label = (m: string) => (metricRegistry as Record<string, { label: string }>)[m]?.label ?? m;

/** True for a score cell's value. */
export const isEraScores = (v: unknown): v is EraScores =>
  typeof v === 'object' && v !== null && Array.isArray((v as EraScores).eras) && typeof (v as EraScores).models === 'object' && Array.isArray((v as EraScores).metrics);

/** One row per model × metric: mean, std, sharpe, max drawdown, consistency, scored eras. */
export function scoreTable(scores: EraScores): DisplayItem {
  const rows: TableValue[][] = [];
  for (const [model, m] of Object.entries(scores.models)) {
    for (const metric of scores.metrics) {
      const s = m.summary[metric];
      if (!s) continue;
      rows.push([model, label(metric), round(s.mean), round(s.std), round(s.sharpe, 3), round(s.max_drawdown), round(s.consistency, 3), s.n_eras]);
    }
  }
  return { kind: 'table', caption: 'Score summaries over eras', columns: ['model', 'metric', 'mean', 'std', 'sharpe', 'max drawdown', 'consistency', 'eras'], rows, total: rows.length };
}

/** Per-era (or cumulative) values of one metric for some models of a score result. */
export function scoreChart(scores: EraScores, metric: string, type: 'eraBars' | 'cumulative' = 'eraBars', models: string[] = []): ChartSpec {
  const names = models.length ? models.filter((m) => scores.models[m]) : Object.keys(scores.models);
  const series = names
    .map((m) => ({ label: names.length > 1 ? m : `${m} ${label(metric)}`, values: scores.models[m].perEra[metric as MetricName] }))
    .filter((s): s is { label: string; values: Float64Array } => !!s.values);
  if (!series.length) {
    const available = scores.metrics.map((m) => `"${m}"`).join(', ');
    throw new Error(`The scores have no "${metric}" for ${names.join(', ') || 'any model'}; available metrics: ${available}.`);
  }
  const l = label(metric);
  return { type, title: `${l} ${type === 'cumulative' ? 'cumulative over eras' : 'per era'}`, yLabel: type === 'cumulative' ? `Cumulative ${l}` : `${l} per era`, x: scores.eras, series };
}

/** The summary of a neutralization at one proportion: CORR, FNC and max exposure means. */
export function neutralizeTable(r: NeutralizedScores, proportion: number): DisplayItem {
  const rows: TableValue[][] = [[proportion, round(r.summary.corr.mean), round(r.summary.corr.sharpe, 3), r.summary.fnc ? round(r.summary.fnc.mean) : null, round(r.summary.maxExposure.mean)]];
  return { kind: 'table', caption: 'Neutralized predictions', columns: ['proportion', 'CORR mean', 'CORR sharpe', 'FNC mean', 'mean max exposure'], rows, total: 1 };
}

export function neutralizeChart(r: NeutralizedScores, proportion: number): ChartSpec {
  return { type: 'eraBars', title: `CORR per era after neutralizing ${Math.round(proportion * 100)} %`, yLabel: 'CORR per era', x: r.eras, series: [{ label: 'CORR', values: r.corr }] };
}

/** The value a payout cell defines. */
export interface PayoutResult {
  model: string;
  eras: string[];
  rounds: PayoutRound[];
  paid: number;
  burned: number;
  finalStake: number;
  clipped: number;
}

export const isPayoutResult = (v: unknown): v is PayoutResult => typeof v === 'object' && v !== null && Array.isArray((v as PayoutResult).rounds) && typeof (v as PayoutResult).paid === 'number';

export function payoutTable(p: PayoutResult, stake: number): DisplayItem {
  return {
    kind: 'table',
    caption: `Payouts of ${p.model} over ${p.rounds.length} rounds`,
    columns: ['starting stake', 'paid', 'burned', 'net', 'final stake', 'rounds clipped'],
    rows: [[stake, round(p.paid, 2), round(p.burned, 2), round(p.paid - p.burned, 2), round(p.finalStake, 2), p.clipped]],
    total: 1
  };
}

export function payoutChart(p: PayoutResult): ChartSpec {
  return { type: 'cumulative', title: 'Cumulative payout (NMR)', yLabel: 'Cumulative payout (NMR)', x: p.eras, series: [{ label: 'payout (NMR)', values: Float64Array.from(p.rounds, (r) => r.payout) }] };
}
