import { gather } from '../filterOverlap';
import { normalPpf } from '../normalPpf';

const BLOCK = 512;

/**
 * The rows of one date that a score uses (all covered tickers for turnover, those with a target for alpha and MPC),
 * with their neutralizer columns gathered contiguously (all-zero columns dropped), their sample weights, and a table
 * of P15(Φ⁻¹(tie-kept rank)) values shared by every signal of the date: the per-date half of
 * `generate_neutralized_weights`, done once for all models.
 */
export class SignalsRowSet {
  /** Number of rows. */
  readonly m: number;
  /** Position of each of the date's rows (local index) in this set, −1 when not in it. */
  readonly position: Int32Array;
  /** Neutralizer columns over the set's rows (columns that are 0 on every row left out). */
  readonly columns: Float64Array[];
  /** Sample weights over the set's rows. */
  readonly v: Float64Array;
  /** P15(Φ⁻¹(((a + b)/2 + 0.5)/m)) for a tie group at 0-based positions a..b, indexed by a + b; NaN until needed. */
  readonly #table: Float64Array;

  /** `pool` (one array per neutralizer plus one for the weights, each ≥ rows.length) is reused for gathered rows. */
  constructor(start: number, dateRows: number, rows: Uint32Array, neutralizers: readonly Float64Array[], sampleWeight: Float64Array, pool?: Float64Array[]) {
    const m = (this.m = rows.length);
    this.position = new Int32Array(dateRows).fill(-1);
    for (let p = 0; p < m; ++p) this.position[rows[p] - start] = p;
    // every row of the date (the usual case): views of the data, no copies
    const contiguous = m === dateRows && (m === 0 || rows[m - 1] - rows[0] === m - 1);
    const into = (k: number) => (pool && pool[k].length >= m ? pool[k].subarray(0, m) : new Float64Array(m));
    this.v = contiguous ? sampleWeight.subarray(start, start + m) : gather(sampleWeight, rows, into(neutralizers.length));
    this.columns = [];
    for (let j = 0; j < neutralizers.length; ++j) {
      const c = neutralizers[j];
      const col = contiguous ? c.subarray(start, start + m) : gather(c, rows, into(j));
      let used = false;
      for (let p = 0; p < m && !used; ++p) used = col[p] !== 0;
      if (used) this.columns.push(col);
    }
    this.#table = new Float64Array(Math.max(1, 2 * m - 1)).fill(NaN);
  }

  /**
   * s′ = P15(Φ⁻¹(tie-kept rank)) of a signal over the set's rows, from the date's rows sorted by value (`order`, local
   * indices, ascending): ranks are counted among the set's rows only, ties get their average rank, as `rankAverage`.
   */
  transform(order: Uint32Array, values: Float64Array, out: Float64Array = new Float64Array(this.m)): Float64Array {
    const pos = this.position, table = this.#table, m = this.m;
    let a = 0; // rank position (0-based) of the current tie group's first member
    let k = 0;
    while (k < order.length) {
      if (pos[order[k]] < 0) {
        ++k;
        continue;
      }
      const value = values[order[k]];
      // the tie group: every member with this value (non-members in between are skipped)
      let b = a;
      let end = k + 1;
      for (let q = k + 1; q < order.length && values[order[q]] === value; ++q) if (pos[order[q]] >= 0) (++b, (end = q + 1));
      const key = a + b;
      let g = table[key];
      if (g !== g) {
        const x = normalPpf((key / 2 + 0.5) / m);
        g = table[key] = x * Math.sqrt(Math.abs(x));
      }
      for (let q = k; q < end; ++q) {
        const p = pos[order[q]];
        if (p >= 0) out[p] = g;
      }
      a = b + 1;
      k = end;
    }
    return out;
  }

  /** Nᵀ(v∘y) for a vector y over the set's rows (one value per kept column). */
  project(y: Float64Array): Float64Array {
    return this.projectMany([y])[0];
  }

  /** Nᵀ(v∘y) for several vectors (four columns per pass over v∘y, four add chains each). */
  projectMany(ys: readonly Float64Array[]): Float64Array[] {
    const m = this.m, v = this.v, columns = this.columns, K = columns.length;
    const vy = new Float64Array(m);
    return ys.map((y) => {
      for (let p = 0; p < m; ++p) vy[p] = v[p] * y[p];
      const out = new Float64Array(K);
      let j = 0;
      for (; j + 3 < K; j += 4) {
        const c0 = columns[j], c1 = columns[j + 1], c2 = columns[j + 2], c3 = columns[j + 3];
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (let p = 0; p < m; ++p) {
          const x = vy[p];
          a0 += c0[p] * x;
          a1 += c1[p] * x;
          a2 += c2[p] * x;
          a3 += c3[p] * x;
        }
        out[j] = a0;
        out[j + 1] = a1;
        out[j + 2] = a2;
        out[j + 3] = a3;
      }
      for (; j < K; ++j) out[j] = dot4(columns[j], 0, vy, m);
      return out;
    });
  }

  /** w = (s − N·c)∘v: the neutralized weights of a transformed signal s with c = Nᵀ(v∘s). */
  weights(s: Float64Array, c: Float64Array, out: Float64Array = new Float64Array(this.m)): Float64Array {
    return this.weightsMany([s], [c], [out])[0];
  }

  /** `weights` for several signals at once, in blocks of rows, four columns per pass (fewer loads and stores of w). */
  weightsMany(ss: readonly Float64Array[], cs: readonly Float64Array[], outs: Float64Array[]): Float64Array[] {
    const m = this.m, v = this.v, columns = this.columns, K = columns.length;
    for (let k = 0; k < ss.length; ++k) outs[k].set(ss[k].subarray(0, m));
    for (let lo = 0; lo < m; lo += BLOCK) {
      const hi = Math.min(m, lo + BLOCK);
      for (let k = 0; k < ss.length; ++k) {
        const out = outs[k], c = cs[k];
        let j = 0;
        for (; j + 3 < K; j += 4) {
          const c0 = columns[j], c1 = columns[j + 1], c2 = columns[j + 2], c3 = columns[j + 3];
          const k0 = c[j], k1 = c[j + 1], k2 = c[j + 2], k3 = c[j + 3];
          for (let p = lo; p < hi; ++p) out[p] -= k0 * c0[p] + k1 * c1[p] + k2 * c2[p] + k3 * c3[p];
        }
        for (; j < K; ++j) {
          const col = columns[j], cj = c[j];
          for (let p = lo; p < hi; ++p) out[p] -= cj * col[p];
        }
        for (let p = lo; p < hi; ++p) out[p] *= v[p];
      }
    }
    return outs;
  }
}

/** Σ a[offset + i]·b[i] for i < n, with four accumulators (four independent add chains keep the FPU busy). */
function dot4(a: Float64Array, offset: number, b: Float64Array, n: number): number {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    a0 += a[offset + i] * b[i];
    a1 += a[offset + i + 1] * b[i + 1];
    a2 += a[offset + i + 2] * b[i + 2];
    a3 += a[offset + i + 3] * b[i + 3];
  }
  for (; i < n; ++i) a0 += a[offset + i] * b[i];
  return a0 + a1 + (a2 + a3);
}
