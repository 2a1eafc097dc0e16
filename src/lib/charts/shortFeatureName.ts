/**
 * A short label for a feature: `feature_unwitty_lusty_orchardist` → "unwitty lusty orchardist"; when longer
 * than `max` (default 26), the longest words are cut first ("unwit. lusty orch."), never below 3 letters, then the end is
 * elided. Names without the `feature_` prefix are shortened the same way.
 */
export function shortFeatureName(name: string, max = 26): string {
  const words = name.replace(/^feature_/, '').split('_').filter(Boolean);
  const full = words.join(' ');
  if (full.length <= max) return full;
  for (let len = Math.max(...words.map((w) => w.length)) - 1; len >= 3; --len) {
    const s = words.map((w) => (w.length > len + 1 ? w.slice(0, len) + '.' : w)).join(' ');
    if (s.length <= max) return s;
  }
  const s = words.map((w) => (w.length > 4 ? w.slice(0, 3) + '.' : w)).join(' ');
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

/** shortFeatureName for a list, keeping labels unique: names that would collide keep all their letters. */
export function shortFeatureNames(names: readonly string[], max = 26): string[] {
  const short = names.map((n) => shortFeatureName(n, max));
  const seen = new Map<string, number>();
  for (const s of short) seen.set(s, (seen.get(s) ?? 0) + 1);
  return short.map((s, i) => (seen.get(s)! > 1 ? names[i].replace(/^feature_/, '').replace(/_/g, ' ') : s));
}
