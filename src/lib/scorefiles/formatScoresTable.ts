import { metrics as registry, type MetricName } from '../scoring/metrics';
import type { EraScores } from '../scoring/scoreEras';
import { formatScore } from './formatScore';
import { SUMMARY_KEYS } from './summaryKeys';

const cell = (v: number, w = 9) => formatScore(v).padStart(w);

/** A readable report: per model, one line per era and a summary block. */
export function formatScoresTable(result: EraScores): string {
  const ms: MetricName[] = result.metrics;
  const head = (label: string) => label.slice(0, 9).padStart(9);
  const lines: string[] = [];
  for (const [model, s] of Object.entries(result.models)) {
    lines.push(`${model}`, '', `  era   ${ms.map((m) => head(m === 'max_feature_exposure' ? 'max_exp' : m)).join(' ')}        n`);
    result.eras.forEach((era, e) => lines.push(`  ${era.padEnd(5)} ${ms.map((m) => cell(s.perEra[m]![e])).join(' ')} ${String(s.n[e]).padStart(8)}`));
    lines.push('', `  summary (std ddof 0; sharpe = mean/std; eras without a score left out)`);
    lines.push(`  ${'metric'.padEnd(22)} ${SUMMARY_KEYS.map((k) => k.slice(0, 9).padStart(9)).join(' ')}`);
    for (const m of ms) {
      const sum = s.summary[m]!;
      lines.push(`  ${registry[m].label.padEnd(22)} ${SUMMARY_KEYS.map((k) => (k === 'n_eras' ? String(sum[k]).padStart(9) : cell(sum[k]))).join(' ')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
