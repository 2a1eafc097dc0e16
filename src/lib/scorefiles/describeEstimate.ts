import { formatDuration } from '../staking/formatDuration';
import type { JobEstimate } from '../workers/Workspace';

/** "231 MB", "5.1 MB", "820 kB" (decimal units, as file managers show sizes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(bytes >= 1e10 ? 0 : 1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(bytes >= 1e7 ? 0 : 1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

/** Scoring slower than this gets a warning before it starts. */
export const SLOW_MS = 60_000;

/**
 * One sentence for the CLI and the Score page: "validation.parquet: 248,000 rows in about 40 eras; 42 of 2,376
 * features; reads 5.1 MB of 202 MB; needs about 60 MB; scoring one model takes about 2 s here."
 */
export function describeEstimate(e: JobEstimate): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const read = e.format === 'parquet' ? `reads ${formatBytes(e.bytesToRead)} of ${formatBytes(e.fileBytes)}` : `reads all ${formatBytes(e.fileBytes)} (CSV)`;
  const rows = e.format === 'parquet' ? `${n(e.rows)} rows` : `about ${n(e.rows)} rows`;
  const scoring = e.scoringMs < 1000 ? 'under a second' : `about ${formatDuration(e.scoringMs / 1000)}`;
  return `${e.source}: ${rows} in about ${n(e.eras)} eras; ${n(e.features)} of ${n(e.featuresInFile)} features; ${read}; needs about ${formatBytes(e.memoryBytes)}; scoring ${e.models === 1 ? 'one model' : `${e.models} models`} takes ${scoring} here.`;
}

/** What to tell the user before the job: nothing, that it is slow (minutes), or that it does not fit the memory at hand. */
export function estimateWarning(e: JobEstimate, budgetBytes: number, where = 'this tab'): { level: 'slow' | 'too-big'; message: string } | null {
  if (e.memoryBytes > budgetBytes) {
    return {
      level: 'too-big',
      message: `This needs about ${formatBytes(e.memoryBytes)}, more than ${where} can hold (about ${formatBytes(budgetBytes)}). Choose a smaller feature set (FNC and exposures are then measured against it).`
    };
  }
  if (e.scoringMs > SLOW_MS) {
    return {
      level: 'slow',
      message: `Scoring will take about ${formatDuration(e.scoringMs / 1000)} here: FNC and exposures against ${e.features.toLocaleString('en-US')} features cost O(rows × features²) per era. It runs era by era with progress and can be cancelled; a smaller feature set takes seconds.`
    };
  }
  return null;
}
