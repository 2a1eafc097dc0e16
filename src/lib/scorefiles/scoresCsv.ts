import type { EraScores } from '../scoring/scoreEras';
import { finiteOrNull } from './formatScore';

/** Per-era scores as CSV: one row per (model, era) with a column per metric and n; empty cells where undefined. */
export function scoresCsv(scores: EraScores): string {
  const head = ['model', 'era', ...scores.metrics, 'n'];
  const lines = [head.join(',')];
  for (const [model, s] of Object.entries(scores.models))
    scores.eras.forEach((era, e) => {
      const cells = scores.metrics.map((m) => String(finiteOrNull(s.perEra[m]![e]) ?? ''));
      lines.push([JSON.stringify(model), era, ...cells, String(s.n[e])].join(','));
    });
  return lines.join('\n') + '\n';
}
