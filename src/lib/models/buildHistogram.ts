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
  jointSums(codes, G, index, begin, end, grad, jg, jc);
  marginals(G, k, jg, jc, hg, hc);
}

/**
 * The gradient half of `buildHistogram`, for when the counts are already known (the root of every tree fitted on
 * all rows with the same features): one add per row and group instead of two, about 30 % faster.
 */
export function buildGradientHistogram(
  codes: Uint8Array, G: number, k: number,
  index: Uint32Array, begin: number, end: number, grad: Float64Array,
  joint: JointHistogram, hg: Float64Array
): void {
  const jg = joint.grad;
  jg.fill(0, 0, G * 125);
  jointGradients(codes, G, index, begin, end, grad, jg);
  marginals(G, k, jg, null, hg, null);
}

function jointSums(codes: Uint8Array, G: number, index: Uint32Array, begin: number, end: number, grad: Float64Array, jg: Float64Array, jc: Int32Array): void {
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
}

function jointGradients(codes: Uint8Array, G: number, index: Uint32Array, begin: number, end: number, grad: Float64Array, jg: Float64Array): void {
  for (let i = begin; i < end; ++i) {
    const r = index[i];
    const g = grad[r];
    const base = r * G;
    let t = 0;
    let off = 0;
    for (; t + 3 < G; t += 4, off += 500) {
      jg[off + codes[base + t]] += g;
      jg[off + 125 + codes[base + t + 1]] += g;
      jg[off + 250 + codes[base + t + 2]] += g;
      jg[off + 375 + codes[base + t + 3]] += g;
    }
    for (; t < G; ++t, off += 125) jg[off + codes[base + t]] += g;
  }
}

/** Sums the joint 125-code histograms down to 5-bin marginals per feature (and the counts, when jc is given). */
function marginals(G: number, k: number, jg: Float64Array, jc: Int32Array | null, hg: Float64Array, hc: Float64Array | null): void {
  hg.fill(0, 0, k * 5);
  hc?.fill(0, 0, k * 5);
  for (let t = 0; t < G; ++t) {
    const off = t * 125;
    const s0 = 15 * t;
    const has1 = 3 * t + 1 < k;
    const has2 = 3 * t + 2 < k;
    for (let c = 0; c < 125; ++c) {
      const g = jg[off + c];
      if (jc && hc) {
        const n = jc[off + c];
        if (n === 0) continue;
        hc[s0 + DIGIT0[c]] += n;
        if (has1) hc[s0 + 5 + DIGIT1[c]] += n;
        if (has2) hc[s0 + 10 + DIGIT2[c]] += n;
      }
      hg[s0 + DIGIT0[c]] += g;
      if (has1) hg[s0 + 5 + DIGIT1[c]] += g;
      if (has2) hg[s0 + 10 + DIGIT2[c]] += g;
    }
  }
}
