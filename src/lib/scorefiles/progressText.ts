import { formatDuration } from '../staking/formatDuration';

/**
 * One line of progress for the CLI and the Score page: "scoring eras: 12 of 40 (30%), about 1 min 10 s left" — the
 * time per step so far extrapolated over the steps left (no estimate before the first step or a second has passed).
 */
export function progressText(label: string, done: number, total: number, elapsedMs: number): string {
  const pct = total ? Math.floor((100 * done) / total) : 0;
  const left = done > 0 && elapsedMs >= 1000 && done < total ? `, about ${formatDuration(((total - done) * elapsedMs) / done / 1000)} left` : '';
  return `${label}: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} (${pct}%)${left}`;
}
