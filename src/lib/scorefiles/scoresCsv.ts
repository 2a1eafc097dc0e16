import { csvField } from '../charts/toCsv';
import type { EraScores } from '../scoring/scoreEras';
import type { SignalsScores } from '../scoring/signals/scoreSignals';

/**
 * Per-era (Tournament) or per-date (Signals) scores as CSV: one row per (model, era or date) with a column per metric
 * and n; empty cells where undefined; model names quoted as CSV fields.
 */
export function scoresCsv(scores: EraScores | SignalsScores): string {
  const tournament = 'eras' in scores;
  const labels = tournament ? scores.eras : scores.dates;
  const head = ['model', tournament ? 'era' : 'date', ...scores.metrics, 'n'];
  const lines = [head.join(',')];
  for (const [model, s] of Object.entries(scores.models)) {
    const values: Partial<Record<string, Float64Array>> = 'perEra' in s ? s.perEra : s.perDate;
    labels.forEach((label, e) => {
      const cells = scores.metrics.map((m) => {
        const v = values[m]![e];
        return Number.isFinite(v) ? String(v) : '';
      });
      lines.push([csvField(model), label, ...cells, String(s.n[e])].join(','));
    });
  }
  return lines.join('\n') + '\n';
}
