import type { EraScores } from '../scoring/scoreEras';
import { finiteOrNull } from './formatScore';
import { SUMMARY_KEYS } from './summaryKeys';

/** The scores as `{ model: { per_era: { era: { metric…, n } }, summary: { metric: {…} } } }`, NaN as null. */
export function formatScoresJson(result: EraScores): string {
  const out: Record<string, unknown> = {};
  for (const [model, s] of Object.entries(result.models)) {
    const perEra: Record<string, Record<string, number | null>> = {};
    result.eras.forEach((era, e) => {
      const row: Record<string, number | null> = {};
      for (const m of result.metrics) row[m] = finiteOrNull(s.perEra[m]![e]);
      row.n = s.n[e];
      perEra[era] = row;
    });
    const summary: Record<string, Record<string, number | null>> = {};
    for (const m of result.metrics) summary[m] = Object.fromEntries(SUMMARY_KEYS.map((k) => [k, finiteOrNull(s.summary[m]![k])]));
    out[model] = { per_era: perEra, summary };
  }
  return JSON.stringify(out);
}
