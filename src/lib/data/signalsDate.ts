/**
 * A Signals date as YYYY-MM-DD: accepts "2024-01-05", "2024-01-05T00:00:00…" (ISO timestamps) and the legacy
 * `friday_date` integer 20240105; anything else is returned unchanged (and will not match the universe's dates).
 */
export function signalsDate(value: string): string {
  const v = value.trim();
  if (/^\d{8}$/.test(v)) return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  return v;
}
