/** Scratch for `buildHistogram`: joint sums and counts per (group, code), 125 codes per group. */
export interface JointHistogram {
  grad: Float64Array;
  count: Int32Array;
}

/** Joint-histogram scratch for up to `groups` packed groups. */
export function jointHistogram(groups: number): JointHistogram {
  return { grad: new Float64Array(groups * 125), count: new Int32Array(groups * 125) };
}

const DIGIT0 = Uint8Array.from({ length: 125 }, (_, c) => c % 5);
const DIGIT1 = Uint8Array.from({ length: 125 }, (_, c) => Math.floor(c / 5) % 5);
const DIGIT2 = Uint8Array.from({ length: 125 }, (_, c) => Math.floor(c / 25));

/**
 * Gradient sums and row counts per (feature, bin) over the rows index[begin..end): hg[s·5 + b] = Σ grad[r] and
 * hc[s·5 + b] = #rows with bin b of selected feature s. Accumulates the joint 125-code histogram of each packed
 * group (`packBins`: one add per row and three features), then sums it down to the three 5-bin marginals.
 */
export function buildHistogram(
  codes: Uint8Array, G: number, k: number,
  index: Uint32Array, begin: number, end: number, grad: Float64Array,
  joint: JointHistogram, hg: Float64Array, hc: Float64Array
): void {
  const jg = joint.grad;
  const jc = joint.count;
  jg.fill(0, 0, G * 125);
  jc.fill(0, 0, G * 125);
  for (let i = begin; i < end; ++i) {
    const r = index[i];
    const g = grad[r];
    const base = r * G;
    let t = 0;
    let off = 0;
    // four groups per step: independent updates the CPU can overlap (about 1.3× faster than one at a time)
    for (; t + 3 < G; t += 4, off += 500) {
      const a = off + codes[base + t];
      const b = off + 125 + codes[base + t + 1];
      const c = off + 250 + codes[base + t + 2];
      const d = off + 375 + codes[base + t + 3];
      jg[a] += g;
      jc[a] += 1;
      jg[b] += g;
      jc[b] += 1;
      jg[c] += g;
      jc[c] += 1;
      jg[d] += g;
      jc[d] += 1;
    }
    for (; t < G; ++t, off += 125) {
      const a = off + codes[base + t];
      jg[a] += g;
      jc[a] += 1;
    }
  }
  hg.fill(0, 0, k * 5);
  hc.fill(0, 0, k * 5);
  for (let t = 0; t < G; ++t) {
    const off = t * 125;
    const s0 = 15 * t;
    const has1 = 3 * t + 1 < k;
    const has2 = 3 * t + 2 < k;
    for (let c = 0; c < 125; ++c) {
      const n = jc[off + c];
      if (n === 0) continue;
      const g = jg[off + c];
      hg[s0 + DIGIT0[c]] += g;
      hc[s0 + DIGIT0[c]] += n;
      if (has1) {
        hg[s0 + 5 + DIGIT1[c]] += g;
        hc[s0 + 5 + DIGIT1[c]] += n;
      }
      if (has2) {
        hg[s0 + 10 + DIGIT2[c]] += g;
        hc[s0 + 10 + DIGIT2[c]] += n;
      }
    }
  }
}
