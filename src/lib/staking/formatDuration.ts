/** A countdown in words: "45 s", "4 min 03 s", "2 h 05 min", "3 d 4 h"; "now" at or below 0. */
export function formatDuration(seconds: number): string {
  if (!(seconds > 0)) return 'now';
  const s = Math.ceil(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}
