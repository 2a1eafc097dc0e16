/** A date's raw risk exposures, aligned to its rows: what a Signals user has instead of Numerai's prepared neutralizers. */
export interface RawExposures {
  /** Categorical exposures (sector, country): a level code per row (negative: no level) and the number of levels. */
  categorical?: readonly { codes: ArrayLike<number>; levels: number }[];
  /** Numeric exposures (factor_beta, factor_size, …); a NaN leaves the row uncovered. */
  numeric?: readonly ArrayLike<number>[];
  /** Add a constant column (default true). */
  constant?: boolean;
}

/** Relative size below which a column's distance from the span of the columns before it counts as 0 (dependent). */
const DEPENDENT = 1e-10;

/**
 * Neutralizers of one date built from raw exposures, in the form numerai-tools' `alpha` and
 * `meta_portfolio_contribution` take: the columns X = [one dummy per level of each categorical exposure, each
 * numeric exposure, a constant] made orthonormal under the sample weights v (N = X·L⁻ᵀ with LLᵀ = XᵀVX, so
 * NᵀVN = I and span N = span X). A column that depends on earlier ones (the constant after the sector dummies, the
 * last country dummy) or is unused on the date is all 0; a row with a NaN exposure or weight is NaN in every
 * column. Any basis of the same span gives the same neutralized weights, so these reproduce alpha computed with
 * prepared `neutralizer_*` columns built from the same exposures. Returns (or fills `out` with) one column per
 * slot: Σ levels + numeric + constant.
 */
export function signalsNeutralizers(exposures: RawExposures, weights: ArrayLike<number>, out?: Float64Array[]): Float64Array[] {
  const groups = exposures.categorical ?? [];
  const numeric = exposures.numeric ?? [];
  const constant = exposures.constant ?? true;
  const n = weights.length;
  const offsets: number[] = [];
  let K = 0;
  for (const g of groups) {
    offsets.push(K);
    K += g.levels;
  }
  const numOffset = K;
  K += numeric.length;
  const constIndex = constant ? K++ : -1;
  const cols = out ?? Array.from({ length: K }, () => new Float64Array(n));
  if (cols.length !== K) throw new RangeError(`signalsNeutralizers: ${cols.length} output columns for ${K} slots`);

  // Which rows are covered; each row's non-zero columns (its dummies, numerics and the constant) as (slot, value).
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; ++i) {
    let ok = weights[i] === weights[i];
    for (let f = 0; ok && f < numeric.length; ++f) ok = numeric[f][i] === numeric[f][i];
    valid[i] = ok ? 1 : 0;
  }
  const slots = new Int32Array(groups.length + numeric.length + 1);
  const vals = new Float64Array(slots.length);
  const rowEntries = (i: number): number => {
    let m = 0;
    for (let g = 0; g < groups.length; ++g) {
      const c = groups[g].codes[i];
      if (c >= 0 && c < groups[g].levels) {
        slots[m] = offsets[g] + c;
        vals[m++] = 1;
      }
    }
    for (let f = 0; f < numeric.length; ++f) {
      slots[m] = numOffset + f;
      vals[m++] = numeric[f][i];
    }
    if (constant) {
      slots[m] = constIndex;
      vals[m++] = 1;
    }
    return m;
  };

  // G = XᵀVX from each row's few non-zero entries: O(n·e²) for e entries per row.
  const G = new Float64Array(K * K);
  for (let i = 0; i < n; ++i) {
    if (!valid[i]) continue;
    const v = weights[i];
    const m = rowEntries(i);
    for (let a = 0; a < m; ++a) {
      const va = vals[a] * v;
      const row = slots[a] * K;
      for (let b = 0; b < m; ++b) G[row + slots[b]] += va * vals[b];
    }
  }

  // Cholesky in slot order, skipping columns that are unused or depend on the columns before them.
  const L = new Float64Array(K * K);
  const kept = new Uint8Array(K);
  for (let j = 0; j < K; ++j) {
    let d = G[j * K + j];
    const scale = d;
    for (let i = 0; i < j; ++i) if (kept[i]) d -= L[j * K + i] * L[j * K + i];
    if (!(scale > 0) || !(d > DEPENDENT * scale)) continue;
    kept[j] = 1;
    const ljj = Math.sqrt(d);
    L[j * K + j] = ljj;
    for (let r = j + 1; r < K; ++r) {
      let s = G[r * K + j];
      for (let i = 0; i < j; ++i) if (kept[i]) s -= L[r * K + i] * L[j * K + i];
      L[r * K + j] = s / ljj;
    }
  }

  // Row i of N is L⁻¹xᵢ (forward substitution over the kept slots).
  const x = new Float64Array(K);
  for (let i = 0; i < n; ++i) {
    if (!valid[i]) {
      for (let j = 0; j < K; ++j) cols[j][i] = NaN;
      continue;
    }
    x.fill(0);
    const m = rowEntries(i);
    for (let a = 0; a < m; ++a) x[slots[a]] += vals[a];
    for (let j = 0; j < K; ++j) {
      if (!kept[j]) {
        x[j] = 0;
        cols[j][i] = 0;
        continue;
      }
      let s = x[j];
      const row = j * K;
      for (let t = 0; t < j; ++t) s -= L[row + t] * x[t];
      x[j] = s / L[row + j];
      cols[j][i] = x[j];
    }
  }
  return cols;
}
