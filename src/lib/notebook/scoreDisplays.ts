// What built-in cells display, as data: summary tables and chart specs built from scores, neutralization sweeps and
// payouts. Pure functions (no chart code): the page draws the specs with the chart library, loaded lazily.
import { featureExposures } from '../charts/featureExposures';
import { metrics as metricRegistry, type MetricName } from '../scoring/metrics';
import type { NeutralizedScores } from '../scoring/NeutralizationSession';
import { defaultPayoutRule, type PayoutRound } from '../scoring/payout';
import type { EraScores } from '../scoring/scoreEras';
import type { TournamentId } from '../scoring/tournaments';
import type { NeutralizationSweep } from '../workers/Workspace';
import type { DisplayItem, EraChartSpec, EraChartType, ExposureChartSpec, NotebookScores, PayoutChartSpec, TableValue, TradeoffChartSpec } from './types';

const round = (v: number, digits = 4): TableValue => (Number.isFinite(v) ? +v.toFixed(digits) : null);
/** A metric's label from the scoring registry ("CORR"), or the name itself. */
export const metricLabel = (m: string) => (metricRegistry as Record<string, { label: string }>)[m]?.label ?? m;

/** True for a score cell's value. */
export const isEraScores = (v: unknown): v is NotebookScores =>
  typeof v === 'object' && v !== null && Array.isArray((v as EraScores).eras) && typeof (v as EraScores).models === 'object' && Array.isArray((v as EraScores).metrics);

/** One row per model × metric: mean, std, sharpe, max drawdown, consistency, scored eras. */
export function scoreTable(scores: EraScores): DisplayItem {
  const rows: TableValue[][] = [];
  for (const [model, m] of Object.entries(scores.models)) {
    for (const metric of scores.metrics) {
      const s = m.summary[metric];
      if (!s) continue;
      rows.push([model, metricLabel(metric), round(s.mean), round(s.std), round(s.sharpe, 3), round(s.max_drawdown), round(s.consistency, 3), s.n_eras]);
    }
  }
  const E = scores.eras.length;
  const span = E ? ` (${E} eras, ${scores.eras[0]}–${scores.eras[E - 1]})` : '';
  return { kind: 'table', caption: `Score summaries over eras${span}`, columns: ['model', 'metric', 'mean', 'std', 'sharpe', 'max drawdown', 'consistency', 'eras'], rows, total: rows.length };
}

const eraTitles: Record<EraChartType, (l: string) => { title: string; yLabel: string }> = {
  eraBars: (l) => ({ title: `${l} per era`, yLabel: `${l} per era` }),
  cumulative: (l) => ({ title: `${l} cumulative over eras`, yLabel: `Cumulative ${l}` }),
  drawdown: (l) => ({ title: `Drawdown of cumulative ${l}`, yLabel: `Drawdown of cumulative ${l}` }),
  histogram: (l) => ({ title: `Histogram of ${l} per era`, yLabel: `${l} per era` })
};

/** Models of `scores` to draw: the ones asked for that exist, or all. */
export const pickModels = (scores: { models: Record<string, unknown> }, models: readonly string[] = []) => {
  const asked = models.filter((m) => scores.models[m]);
  return asked.length ? asked : Object.keys(scores.models);
};

/** Per-era values of one metric for some models of a score result: bars, cumulative, drawdown or histogram. */
export function scoreChart(scores: EraScores, metric: string, type: EraChartType = 'eraBars', models: readonly string[] = []): EraChartSpec {
  const names = pickModels(scores, models);
  const series = names
    .map((m) => ({ label: names.length > 1 ? m : `${m} ${metricLabel(metric)}`, values: scores.models[m].perEra[metric as MetricName], metric }))
    .filter((s): s is { label: string; values: Float64Array; metric: string } => !!s.values);
  if (!series.length) {
    const available = scores.metrics.map((m) => `"${m}"`).join(', ');
    throw new Error(`The scores have no "${metric}" for ${names.join(', ') || 'any model'}; available metrics: ${available}.`);
  }
  return { type, ...eraTitles[type](metricLabel(metric)), x: scores.eras, series };
}

/** The feature names the exposures of `scores` are of, when they match its exposure matrices. */
export function exposureFeatures(scores: NotebookScores): string[] | null {
  const k = scores.featureNames?.length ?? 0;
  if (!k) return null;
  const E = scores.eras.length;
  const ok = Object.values(scores.models).some((m) => m.exposures && m.exposures.length === E * k);
  return ok ? scores.featureNames! : null;
}

/** Feature exposures of one model of the scores: the mean over eras, or one era's (by label). */
export function exposureChart(scores: NotebookScores, model?: string, era?: string | null): ExposureChartSpec {
  const features = exposureFeatures(scores);
  if (!features) throw new Error('These scores have no feature exposures.\n- Score with features: keep the "max_feature_exposure" metric.');
  const withExposures = Object.keys(scores.models).filter((m) => scores.models[m].exposures);
  const name = model && scores.models[model]?.exposures ? model : withExposures[0];
  const e = era ? scores.eras.indexOf(era) : -1;
  if (era && e < 0) throw new Error(`The scores have no era "${era}".`);
  const exposures = featureExposures(scores.models[name], features.length, e >= 0 ? e : null);
  const subject = e >= 0 ? `${name} in era ${era}` : `${name}, mean over ${scores.eras.length} eras`;
  return { type: 'exposure', title: `Feature exposure of ${subject}`, features, exposures, subject };
}

/** Mean |exposure| per feature over the eras where it is defined (exposures: eras × features, row-major). */
export function meanAbsExposures(exposures: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k).fill(NaN);
  if (!k) return out;
  const sum = new Float64Array(k);
  const n = new Int32Array(k);
  const E = Math.floor(exposures.length / k);
  for (let e = 0; e < E; ++e)
    for (let j = 0; j < k; ++j) {
      const v = exposures[e * k + j];
      if (v === v) {
        sum[j] += Math.abs(v);
        ++n[j];
      }
    }
  for (let j = 0; j < k; ++j) if (n[j]) out[j] = sum[j] / n[j];
  return out;
}

/** The summary of a neutralization at one proportion: CORR, FNC and max exposure means. */
export function neutralizeTable(r: NeutralizedScores, proportion: number): DisplayItem & { kind: 'table' } {
  const rows: TableValue[][] = [[proportion, round(r.summary.corr.mean), round(r.summary.corr.sharpe, 3), r.summary.fnc ? round(r.summary.fnc.mean) : null, round(r.summary.maxExposure.mean)]];
  return { kind: 'table', caption: 'Neutralized predictions', columns: ['proportion', 'CORR mean', 'CORR sharpe', 'FNC mean', 'mean max exposure'], rows, total: 1 };
}

/** The proportions of the trade-off sweep: 0, 0.1, …, 1. */
export const sweepGrid: readonly number[] = Array.from({ length: 11 }, (_, i) => i / 10);

/** The neutralization trade-off (CORR and FNC summaries against the proportion) with a marker at `current`. */
export function tradeoffChart(sweep: NeutralizationSweep, current: number | null, model?: string): TradeoffChartSpec {
  return {
    type: 'tradeoff',
    title: `Neutralization trade-off${model ? ` of ${model}` : ''}: CORR and FNC against the proportion`,
    points: sweep.proportions.map((proportion, i) => ({ proportion, summary: { corr: sweep.corr[i], ...(sweep.fnc[i] ? { fnc: sweep.fnc[i] } : {}) } })),
    metrics: ['corr', 'fnc'],
    current
  };
}

/** The value a payout cell defines. */
export interface PayoutResult {
  model: string;
  /** The tournament whose rule was applied (older results lack it: the Tournament). */
  tournament?: TournamentId;
  /** Round labels: eras (Tournament) or dates (Signals). */
  eras: string[];
  rounds: PayoutRound[];
  paid: number;
  burned: number;
  finalStake: number;
  clipped: number;
  /** The starting stake (older results lack it). */
  stake?: number;
  /** The clip of the payout rule (share of stake). */
  clip?: number;
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

/** Payouts and burns per round with the ±clip bounds, the stake and the cumulative payout. */
export function payoutChart(p: PayoutResult): PayoutChartSpec {
  return { type: 'payout', title: `Payouts and burns of ${p.model} per round (NMR)`, rounds: p.rounds, labels: p.eras, clip: p.clip ?? defaultPayoutRule.clip };
}

/** The downside of a payout run: the largest burn, the total burned and the worst drawdown of stake + payouts. */
export function payoutDownside(p: PayoutResult, stake: number): { largestBurn: number; largestBurnEra: string | null; burned: number; drawdown: number; drawdownShare: number; from: string | null; to: string | null } {
  let largestBurn = 0;
  let largestBurnEra: string | null = null;
  let peak = stake;
  let peakAt: string | null = null;
  let drawdown = 0;
  let drawdownShare = 0;
  let from: string | null = null;
  let to: string | null = null;
  p.rounds.forEach((r, i) => {
    if (r.payout < largestBurn) [largestBurn, largestBurnEra] = [r.payout, p.eras[i] ?? String(i + 1)];
    const value = stake + r.cumulative; // the stake after the round (compounded or not, what the staker holds)
    if (value > peak) [peak, peakAt] = [value, p.eras[i] ?? String(i + 1)];
    else if (peak - value > drawdown) [drawdown, drawdownShare, from, to] = [peak - value, peak > 0 ? (peak - value) / peak : 0, peakAt, p.eras[i] ?? String(i + 1)];
  });
  return { largestBurn: -largestBurn, largestBurnEra, burned: p.burned, drawdown, drawdownShare, from, to };
}

const nmr = (v: number) => `${v.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 })} NMR`;

/** The downside in words, as a payout cell states it under its table. */
export function payoutDownsideText(p: PayoutResult, stake: number): string {
  const d = payoutDownside(p, stake);
  if (!d.largestBurnEra) return `No round burned: over ${p.rounds.length} rounds the stake never lost NMR.`;
  const pct = (x: number) => `${(100 * x).toLocaleString('en-US', { maximumFractionDigits: 1 })} %`;
  const burns = p.rounds.filter((r) => r.payout < 0).length;
  const unit = p.tournament === 'signals' ? 'date' : 'era';
  return (
    `Downside: the largest burn was ${nmr(d.largestBurn)} (${unit} ${d.largestBurnEra}, ${pct(stake > 0 ? d.largestBurn / stake : 0)} of the starting stake); ` +
    `${burns} of ${p.rounds.length} rounds burned, ${nmr(d.burned)} in total. ` +
    (d.drawdown > 0
      ? `The worst drawdown of the stake was ${nmr(d.drawdown)} (${pct(d.drawdownShare)} of its peak), ${d.from ? `from ${unit} ${d.from}` : 'from the start'} to ${unit} ${d.to}.`
      : 'The stake never fell below an earlier peak.')
  );
}
