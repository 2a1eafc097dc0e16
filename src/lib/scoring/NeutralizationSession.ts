import type { FeatureColumn } from './FeatureColumn';
import { fitNeutralizer, type Neutralizer } from './fitNeutralizer';
import { gather, gatherColumn } from './filterOverlap';
import { RankCorrelator } from './RankCorrelator';
import { signedPower } from './signedPower';
import { summarize, type Summary } from './summarize';

export interface NeutralizedScores {
  eras: string[];
  proportion: number;
  /** CORR per era of p − proportion·F̃B. */
  corr: Float64Array;
  /** FNC per era of the neutralized predictions (when asked for). */
  fnc?: Float64Array;
  /** Pearson exposure of the neutralized predictions to each feature, row-major eras × features. */
  exposures: Float64Array;
  /** max_j |exposure| per era. */
  maxExposure: Float64Array;
  featureNames: string[];
  summary: { corr: Summary; fnc?: Summary; maxExposure: Summary };
}

interface EraState {
  rows: Uint32Array | null;
  n: number;
  neutralizer: Neutralizer;
  p: Float64Array;
  fit: Float64Array;
  /** CORR against the era's target in one sort and one pass (the gaussianized ranks are fixed per era size). */
  ranks: RankCorrelator;
  /** F_cᵀp_c and F_cᵀfit_c, ‖p_c‖², ⟨p_c, fit_c⟩, ‖fit_c‖²: exposures at any proportion in O(k). */
  dp: Float64Array;
  df: Float64Array;
  spp: number;
  spf: number;
  sff: number;
}

/**
 * Neutralization of one model against a feature set, era by era, fitted once: per era the least-squares
 * projection F̃B of the predictions is computed a single time, so any proportion a gives p − a·F̃B in O(n),
 * its feature exposures in O(k) per era (they are linear in a), and its CORR with one ranking per era.
 * This is what lets a proportion slider update live: moving it never refits.
 * Source: numerai/example-scripts feature_neutralization.ipynb (neutralize per era at several proportions).
 */
export class NeutralizationSession {
  readonly eras: string[];
  readonly featureNames: string[];
  #state: (EraState | null)[];
  #starts: Uint32Array;
  #n: number;
  /** Length of the per-call work buffers (the largest era kept). */
  #scratch = 0;

  constructor(input: {
    eras: string[];
    eraStarts: Uint32Array;
    target: Float64Array;
    prediction: Float64Array;
    features: FeatureColumn[];
    featureNames: string[];
    onProgress?: (done: number, total: number) => void;
  }) {
    this.eras = input.eras;
    this.featureNames = input.featureNames;
    this.#starts = input.eraStarts;
    this.#n = input.prediction.length;
    this.#state = input.eras.map((_, e) => {
      const s = input.eraStarts[e];
      const end = input.eraStarts[e + 1];
      const t = input.target.subarray(s, end);
      const pAll = input.prediction.subarray(s, end);
      const keep: number[] = [];
      for (let i = 0; i < end - s; ++i) if (t[i] === t[i] && pAll[i] === pAll[i]) keep.push(i);
      input.onProgress?.(e + 1, input.eras.length);
      if (keep.length < 2) return null;
      const rows = keep.length === end - s ? null : Uint32Array.from(keep);
      const take = (x: Float64Array) => (rows ? gather(x, rows) : x);
      const cols = input.features.map((f) => {
        const v = f.subarray(s, end) as FeatureColumn;
        return rows ? gatherColumn(v, rows) : v;
      });
      const neutralizer = fitNeutralizer(cols, keep.length);
      const p = take(pAll);
      const fit = neutralizer.project(p);
      const tStar = Float64Array.from(take(t));
      let tm = 0;
      for (const v of tStar) tm += v;
      tm /= tStar.length;
      for (let i = 0; i < tStar.length; ++i) tStar[i] -= tm;
      signedPower(tStar, 1.5, tStar);
      const cp = neutralizer.cross(p);
      const cf = neutralizer.cross(fit);
      let pm = 0;
      let fm = 0;
      for (let i = 0; i < p.length; ++i) {
        pm += p[i];
        fm += fit[i];
      }
      pm /= p.length;
      fm /= p.length;
      let spf = 0;
      for (let i = 0; i < p.length; ++i) spf += (p[i] - pm) * (fit[i] - fm);
      this.#scratch = Math.max(this.#scratch, keep.length);
      return { rows, n: keep.length, neutralizer, p, fit, ranks: new RankCorrelator(tStar), dp: cp.dots, df: cf.dots, spp: cp.ss, spf, sff: cf.ss };
    });
  }

  /** Scores of p − proportion·F̃B: CORR per era, exposures, and FNC when `fnc` is set (two more rankings per era). */
  scores(proportion: number, options: { fnc?: boolean } = {}): NeutralizedScores {
    const E = this.eras.length;
    const k = this.featureNames.length;
    const corr = new Float64Array(E).fill(NaN);
    const fnc = options.fnc ? new Float64Array(E).fill(NaN) : undefined;
    const exposures = new Float64Array(E * k).fill(NaN);
    const maxExposure = new Float64Array(E).fill(NaN);
    const a = proportion;
    // work buffers shared by the eras: a slider move allocates only its results
    const qAll = new Float64Array(this.#scratch);
    const gAll = fnc ? new Float64Array(this.#scratch) : null;
    const rAll = fnc ? new Float64Array(this.#scratch) : undefined;
    this.#state.forEach((st, e) => {
      if (!st) return;
      const q = qAll.subarray(0, st.n);
      for (let i = 0; i < st.n; ++i) q[i] = st.p[i] - a * st.fit[i];
      corr[e] = st.ranks.corr(q);
      const ss = st.spp - 2 * a * st.spf + a * a * st.sff;
      let max = NaN;
      for (let j = 0; j < k; ++j) {
        const c = st.neutralizer.spreads[j];
        const rho = c > 0 && ss > 1e-300 ? (st.dp[j] - a * st.df[j]) / Math.sqrt(c * ss) : NaN;
        exposures[e * k + j] = rho;
        if (rho === rho && !(Math.abs(rho) <= max)) max = Math.abs(rho);
      }
      maxExposure[e] = max;
      if (fnc) {
        const g = st.ranks.gaussianRanks(q, gAll!.subarray(0, st.n));
        let constant = true;
        for (let i = 1; i < g.length && constant; ++i) if (g[i] !== g[0]) constant = false;
        if (!constant) fnc[e] = st.ranks.corr(st.neutralizer.neutralize(g, 1, rAll!.subarray(0, st.n)));
      }
    });
    return {
      eras: this.eras,
      proportion,
      corr,
      fnc,
      exposures,
      maxExposure,
      featureNames: this.featureNames,
      summary: { corr: summarize(corr), fnc: fnc ? summarize(fnc) : undefined, maxExposure: summarize(maxExposure) }
    };
  }

  /** The full-length neutralized column p − proportion·F̃B (NaN where the model or target is missing). */
  neutralized(proportion: number): Float64Array {
    const out = new Float64Array(this.#n).fill(NaN);
    this.#state.forEach((st, e) => {
      if (!st) return;
      const s = this.#starts[e];
      for (let i = 0; i < st.n; ++i) out[s + (st.rows ? st.rows[i] : i)] = st.p[i] - proportion * st.fit[i];
    });
    return out;
  }
}
