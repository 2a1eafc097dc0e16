import { formatScore } from './formatScore';
import type { PeriodScores } from './PeriodScores';

const cell = (v: number, w = 9) => formatScore(v).padStart(w);

/** A readable report: per model, one line per period (era or date) and a summary block. */
export function formatPeriodTable(scores: PeriodScores): string {
  const ms = scores.metrics;
  const head = (m: string) => (scores.heads?.[m] ?? m).slice(0, 9).padStart(9);
  const w = Math.max(5, ...scores.periods.map((p) => p.length));
  const lines: string[] = [];
  for (const [model, s] of Object.entries(scores.models)) {
    lines.push(`${model}`, '', `  ${scores.period.padEnd(w)} ${ms.map(head).join(' ')}        n`);
    scores.periods.forEach((p, e) => lines.push(`  ${p.padEnd(w)} ${ms.map((m) => cell(s.values[m]![e])).join(' ')} ${String(s.n[e]).padStart(8)}`));
    lines.push('', `  summary (std ddof 0; sharpe = mean/std; ${scores.period}s without a score left out)`);
    lines.push(`  ${'metric'.padEnd(22)} ${scores.summaryKeys.map((k) => k.slice(0, 9).padStart(9)).join(' ')}`);
    for (const m of ms) {
      const sum = s.summary[m]!;
      lines.push(`  ${scores.labels[m].padEnd(22)} ${scores.summaryKeys.map((k) => (k === 'n_eras' ? String(sum[k]).padStart(9) : cell(sum[k]))).join(' ')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
