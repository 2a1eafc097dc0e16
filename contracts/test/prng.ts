/** A seeded PRNG (mulberry32) for reproducible property tests: the same seed gives the same sequence. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    /** Uniform in [0, 1). */
    next,
    /** Uniform integer in [0, n). */
    int: (n: number): number => Math.floor(next() * n),
    /** Uniform bigint in [lo, hi]: 32 more random bits than the span needs keep the modulo bias under 2^-32. */
    bigint(lo: bigint, hi: bigint): bigint {
      const span = hi - lo + 1n;
      const need = span.toString(2).length + 32;
      let bits = 0n;
      for (let have = 0; have < need; have += 32) bits = (bits << 32n) | BigInt(Math.floor(next() * 2 ** 32));
      return lo + (bits % span);
    },
    /** One element of `items`. */
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)];
    },
    /** True with probability `p`. */
    chance: (p: number): boolean => next() < p
  };
}
