import { metrics as registry } from '../scoring/metrics';
import type { EraScores } from '../scoring/scoreEras';
import type { PeriodScores } from './PeriodScores';
import { SUMMARY_KEYS } from './summaryKeys';

/** The Tournament's per-era scores in the printable shape. */
export function eraPeriodScores(result: EraScores): PeriodScores {
  return {
    period: 'era',
    periods: result.eras,
    metrics: result.metrics,
    labels: Object.fromEntries(result.metrics.map((m) => [m, registry[m].label])),
    heads: { max_feature_exposure: 'max_exp' },
    summaryKeys: SUMMARY_KEYS,
    models: Object.fromEntries(Object.entries(result.models).map(([k, s]) => [k, { n: s.n, values: s.perEra, summary: s.summary }]))
  };
}
