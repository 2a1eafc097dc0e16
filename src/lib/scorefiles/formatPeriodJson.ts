import { finiteOrNull } from './formatScore';
import type { PeriodScores } from './PeriodScores';

/** The scores as `{ model: { per_era: { period: { metric…, n } }, summary: { metric: {…} } } }`, NaN as null. */
export function formatPeriodJson(scores: PeriodScores): string {
  const out: Record<string, unknown> = {};
  for (const [model, s] of Object.entries(scores.models)) {
    const perEra: Record<string, Record<string, number | null>> = {};
    scores.periods.forEach((p, e) => {
      const row: Record<string, number | null> = {};
      for (const m of scores.metrics) row[m] = finiteOrNull(s.values[m]![e]);
      row.n = s.n[e];
      perEra[p] = row;
    });
    const summary: Record<string, Record<string, number | null>> = {};
    for (const m of scores.metrics) summary[m] = Object.fromEntries(scores.summaryKeys.map((k) => [k, finiteOrNull(s.summary[m]![k])]));
    out[model] = { per_era: perEra, summary };
  }
  return JSON.stringify(out);
}
