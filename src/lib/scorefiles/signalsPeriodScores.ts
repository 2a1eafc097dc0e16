import type { SignalsScores } from '../scoring/signals/scoreSignals';
import { signalsMetrics } from '../scoring/signals/signalsMetrics';
import type { PeriodScores } from './PeriodScores';

/** Signals' per-date scores (alpha, MPC, churn, turnover, n) in the printable shape; summaries as the Signals fixture has them (no delta). */
export function signalsPeriodScores(result: SignalsScores): PeriodScores {
  return {
    period: 'date',
    periods: result.dates,
    metrics: result.metrics,
    labels: Object.fromEntries(result.metrics.map((m) => [m, signalsMetrics[m].label])),
    heads: { churn_top_bottom: 'churn_tb' },
    summaryKeys: ['mean', 'std', 'sharpe', 'max_drawdown', 'consistency', 'n_eras'],
    models: Object.fromEntries(Object.entries(result.models).map(([k, s]) => [k, { n: s.n, values: s.perDate, summary: s.summary }]))
  };
}
