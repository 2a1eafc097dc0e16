import type { CellError, CellStatus, DisplayItem } from './types';

/** One cell's run state, reactive: status, error, what it displayed, progress and timing. Outputs are replaced, never mutated. */
export class CellRuntime {
  status = $state<CellStatus>('idle');
  error = $state.raw<CellError | null>(null);
  displays = $state.raw<DisplayItem[]>([]);
  progress = $state.raw<{ fraction: number; label?: string } | null>(null);
  /** When the current run started (ms, `performance.now()` clock), null when not running. */
  startedAt = $state<number | null>(null);
  /** Duration of the last finished run in ms. */
  elapsed = $state<number | null>(null);
  /** Runs finished (done or error), to tell a never-run cell from a stale one. */
  runs = $state(0);
}
