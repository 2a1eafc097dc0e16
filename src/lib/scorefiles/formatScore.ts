/**
 * The one number format for scores shown to a person (CLI table, Score page): 4 decimals, "—" where a score is
 * undefined (NaN). Machine outputs (JSON, CSV) keep full precision and use `finiteOrNull`.
 */
export function formatScore(v: number | undefined): string {
  return v !== undefined && Number.isFinite(v) ? v.toFixed(4) : '—';
}

/** A score for JSON/CSV: the number itself, or null where it is undefined. */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
