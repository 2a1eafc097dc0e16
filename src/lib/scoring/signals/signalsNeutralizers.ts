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

  // Each covered row's few non-zero columns (its dummies, numerics and the constant) as (slot, value), flat.
  const E = groups.length + numeric.length + (constant ? 1 : 0);
  const slots = new Int32Array(n * E).fill(-1);
  const vals = new Float64Array(n * E);
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; ++i) valid[i] = weights[i] === weights[i] ? 1 : 0;
  let at = 0;
  groups.forEach((g, k) => {
    const codes = Int32Array.from(g.codes);
    for (let i = 0; i < n; ++i) {
      const c = codes[i];
      if (c >= 0 && c < g.levels) {
        slots[i * E + at] = offsets[k] + c;
        vals[i * E + at] = 1;
      }
    }
    at++;
  });
  numeric.forEach((f, k) => {
    const x = f instanceof Float64Array ? f : Float64Array.from(f);
    for (let i = 0; i < n; ++i) {
      if (x[i] !== x[i]) valid[i] = 0;
      slots[i * E + at] = numOffset + k;
      vals[i * E + at] = x[i];
    }
    at++;
  });
  if (constant) for (let i = 0; i < n; ++i) (slots[i * E + at] = constIndex), (vals[i * E + at] = 1);

  // G = XᵀVX from each row's few non-zero entries: O(n·E²).
  const G = new Float64Array(K * K);
  for (let i = 0; i < n; ++i) {
    if (!valid[i]) continue;
    const v = weights[i];
    for (let a = i * E; a < i * E + E; ++a) {
      const sa = slots[a];
      if (sa < 0) continue;
      const va = vals[a] * v;
      for (let b = i * E; b < i * E + E; ++b) if (slots[b] >= 0) G[sa * K + slots[b]] += va * vals[b];
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

  // M = L⁻¹ on the kept slots (0 elsewhere), column-major M[a·K + j] = (L⁻¹)[j, a], plus a zero slot K for absent entries.
  const M = new Float64Array((K + 1) * K);
  for (let a = 0; a < K; ++a) {
    if (!kept[a]) continue;
    for (let j = a; j < K; ++j) {
      if (!kept[j]) continue;
      let s = j === a ? 1 : 0;
      for (let t = a; t < j; ++t) s -= L[j * K + t] * M[a * K + t];
      M[a * K + j] = s / L[j * K + j];
    }
  }
  for (let a = 0; a < slots.length; ++a) if (slots[a] < 0) slots[a] = K;
  // N column by column (contiguous writes): N[i, j] = Σ over row i's entries of value × (L⁻¹)[j, slot]
  for (let j = 0; j < K; ++j) {
    const col = cols[j];
    for (let i = 0; i < n; ++i) {
      if (!valid[i]) {
        col[i] = NaN;
        continue;
      }
      let acc = 0;
      for (let a = i * E; a < i * E + E; ++a) acc += vals[a] * M[slots[a] * K + j];
      col[i] = acc;
    }
  }
  return cols;
}
