/**
 * Up to `limit` names from `candidates` that look like `name` (edit distance ≤ 25 % of the length, or the same
 * words in another order), closest first; for "did you mean" hints on missing columns.
 */
export function similarNames(name: string, candidates: readonly string[], limit = 2): string[] {
  const words = new Set(name.toLowerCase().split(/[_\s]+/).filter((w) => w.length > 2 && w !== 'feature' && w !== 'target'));
  const scored: { c: string; d: number }[] = [];
  const maxD = Math.max(1, Math.floor(name.length * 0.25));
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c === name) continue;
    let d = Math.abs(c.length - name.length) <= maxD ? editDistance(lower, c.toLowerCase(), maxD) : Infinity;
    if (d > maxD && words.size) {
      // Same words in another order or with another prefix ("feature_a_b" vs "feature_b_a"): ranked after near misses.
      const shared = c.toLowerCase().split(/[_\s]+/).filter((w) => words.has(w)).length;
      if (shared >= Math.min(2, words.size)) d = maxD + 1 - shared / 10;
    }
    if (d <= maxD + 0.95) scored.push({ c, d });
  }
  scored.sort((a, b) => a.d - b.d);
  // Only names about as close as the best one: a near miss should not come with a far-fetched second guess.
  return scored.filter((s) => s.d <= scored[0].d + 1).slice(0, limit).map((s) => s.c);
}

/** Levenshtein distance, giving up (returning max + 1) once every path exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; ++i) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; ++j) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j] < best) best = cur[j];
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}
