import type { FeatureColumn } from './FeatureColumn';
import { fitNeutralizer, type Neutralizer } from './fitNeutralizer';
import { gather, gatherColumn } from './filterOverlap';
import { gaussianize } from './gaussianize';
import { maxFeatureCorrelation } from './maxFeatureCorrelation';
import { metrics, type MetricName } from './metrics';
import { orthogonalize } from './orthogonalize';
import { pearson } from './pearson';
import { rankAverage } from './rankAverage';
import { signedPower } from './signedPower';
import { summarize, type Summary } from './summarize';

export interface ScoreErasInput {
  /** Era labels, in the order of `eraStarts`. */
  eras: string[];
  /** Era k spans rows [eraStarts[k], eraStarts[k + 1]). */
  eraStarts: Uint32Array;
  target: Float64Array;
  /** Prediction columns by model name, aligned to the rows; NaN where a model has no prediction. */
  predictions: Record<string, Float64Array>;
  /** `numerai_meta_model`, aligned; NaN in eras before the meta model existed. Enables MMC and corr_meta. */
  metaModel?: Float64Array | null;
  /** A benchmark model, aligned. Enables BMC. */
  benchmark?: Float64Array | null;
  /** Raw feature columns (int8 bins), aligned. Enables FNC and feature exposures. */
  features?: FeatureColumn[] | null;
  /** Metrics to compute (default: every metric the inputs allow). */
  metrics?: readonly MetricName[];
  /** Score only these eras (positions into `eras`, e.g. the validation eras after an embargo); default all. */
  eraIndices?: readonly number[];
  /** Called after each era. */
  onProgress?: (erasDone: number, erasTotal: number) => void;
}

export interface ModelScores {
  /** Rows scored per era (target and prediction both present). */
  n: Int32Array;
  /** One value per era for each metric; NaN where the era cannot be scored. */
  perEra: Partial<Record<MetricName, Float64Array>>;
  summary: Partial<Record<MetricName, Summary>>;
  /** Pearson exposure to each feature per era, row-major eras × features (when features are given). */
  exposures?: Float64Array;
}

export interface EraScores {
  eras: string[];
  metrics: MetricName[];
  models: Record<string, ModelScores>;
}

/** Which metrics the given inputs allow. */
export function availableMetrics(input: Pick<ScoreErasInput, 'metaModel' | 'benchmark' | 'features'>): MetricName[] {
  const has = { metaModel: !!input.metaModel, benchmark: !!input.benchmark, features: !!input.features?.length };
  return (Object.keys(metrics) as MetricName[]).filter((m) => metrics[m].needs.every((need) => has[need]));
}

/**
 * Scores every model era by era, exactly as one numerai-tools call per era over the rows whose target and
 * prediction are both present: CORR (`numerai_corr`), MMC and BMC (`correlation_contribution` against the meta
 * model or the benchmark), FNC (`feature_neutral_corr` over the given features), corr_meta (`numerai_corr` with
 * the meta model as target) and max feature exposure (`max_feature_correlation`). Work shared by models — the
 * target transform, the reference model's ranks, the least-squares fit of the features — is done once per era
 * and row set. An era where a reference covers < 80 % of the rows gets NaN for the metrics that use it.
 */
export function scoreEras(input: ScoreErasInput): EraScores {
  const allowed = availableMetrics(input);
  const wanted = (input.metrics ?? allowed).filter((m) => allowed.includes(m));
  const want = (m: MetricName) => wanted.includes(m);
  if (input.eraStarts.length !== input.eras.length + 1) throw new RangeError(`scoreEras: ${input.eraStarts.length} era offsets for ${input.eras.length} eras`);
  const selected = input.eraIndices ?? input.eras.map((_, k) => k);
  for (const k of selected) if (!(k >= 0 && k < input.eras.length)) throw new RangeError(`scoreEras: era index ${k} out of range`);
  const E = selected.length;
  const N = input.target.length;
  for (const [name, p] of Object.entries(input.predictions))
    if (p.length !== N) throw new RangeError(`scoreEras: predictions "${name}" have ${p.length} rows, the target ${N}`);
  const features = input.features ?? [];
  const k = features.length;
  const exposuresWanted = k > 0 && want('max_feature_exposure');

  const models: Record<string, ModelScores> = {};
  for (const name of Object.keys(input.predictions)) {
    const perEra: ModelScores['perEra'] = {};
    for (const m of wanted) perEra[m] = new Float64Array(E).fill(NaN);
    models[name] = { n: new Int32Array(E), perEra, summary: {}, ...(exposuresWanted ? { exposures: new Float64Array(E * k).fill(NaN) } : {}) };
  }

  for (let e = 0; e < E; ++e) {
    const s = input.eraStarts[selected[e]];
    const end = input.eraStarts[selected[e] + 1];
    const era = new EraContext(input, features, s, end);
    for (const [name, pAll] of Object.entries(input.predictions)) {
      const out = models[name];
      const ctx = era.forRows(pAll.subarray(s, end));
      const n = ctx.n;
      out.n[e] = n;
      if (n === 0) continue;
      const p = ctx.take(pAll.subarray(s, end));
      const gp = gaussianize(rankAverage(p));
      if (want('corr')) out.perEra.corr![e] = pearson(ctx.targetStar(), signedPower(gp, 1.5));
      for (const [metric, ref] of [['mmc', 'metaModel'], ['bmc', 'benchmark']] as const) {
        if (!want(metric)) continue;
        const r = ctx.reference(ref);
        if (r) out.perEra[metric]![e] = contribution(r.rows ? gaussianize(rankAverage(gather(p, r.rows))) : gp, r.gaussian, r.target4c);
      }
      if (want('corr_meta')) {
        const r = ctx.reference('metaModel');
        if (r) out.perEra.corr_meta![e] = pearson(r.star, signedPower(r.rows ? gaussianize(rankAverage(gather(p, r.rows))) : gp, 1.5));
      }
      if (want('fnc') && !isConstant(gp)) {
        const neutral = ctx.neutralizer().neutralize(gp);
        const g = gaussianize(rankAverage(neutral), neutral);
        out.perEra.fnc![e] = pearson(ctx.targetStar(), signedPower(g, 1.5, g));
      }
      if (exposuresWanted) {
        const rho = ctx.neutralizer().correlations(p);
        out.exposures!.set(rho, e * k);
        out.perEra.max_feature_exposure![e] = maxFeatureCorrelation(rho).value;
      }
    }
    input.onProgress?.(e + 1, E);
  }
  for (const out of Object.values(models)) for (const m of wanted) out.summary[m] = summarize(out.perEra[m]!);
  return { eras: selected.map((k) => input.eras[k]), metrics: wanted, models };
}

/** (t_cᵀ p⊥)/N with p⊥ = p − q(pᵀq)/(qᵀq): the last steps of numerai-tools `correlation_contribution`. */
function contribution(gp: Float64Array, gq: Float64Array, t4c: Float64Array): number {
  const perp = orthogonalize(gp, gq);
  let s = 0;
  for (let i = 0; i < perp.length; ++i) s += t4c[i] * perp[i];
  return s / perp.length;
}

function isConstant(x: Float64Array): boolean {
  for (let i = 1; i < x.length; ++i) if (x[i] !== x[0]) return false;
  return true;
}

interface Reference {
  /** Positions (within the scored rows) where the reference is present; null when it is present everywhere. */
  rows: Uint32Array | null;
  /** Φ⁻¹(rankAvg(reference)) over those rows. */
  gaussian: Float64Array;
  /** Target ×4 when it lies in [0, 1], centred, over those rows (MMC's target). */
  target4c: Float64Array;
  /** P15(reference − its mean): the reference as numerai_corr's target (corr_meta). */
  star: Float64Array;
}

/** Per-era state shared by every model scored on the same rows. */
class EraContext {
  #cached: RowContext | null = null;
  readonly targetValid: Uint8Array;
  constructor(
    readonly input: ScoreErasInput,
    readonly features: FeatureColumn[],
    readonly start: number,
    readonly end: number
  ) {
    const t = input.target.subarray(start, end);
    this.targetValid = new Uint8Array(t.length);
    for (let i = 0; i < t.length; ++i) this.targetValid[i] = t[i] === t[i] ? 1 : 0;
  }

  /** The context for the rows where both the target and this prediction column are present. */
  forRows(p: Float64Array): RowContext {
    const len = this.end - this.start;
    const rows = new Uint32Array(len);
    let n = 0;
    for (let i = 0; i < len; ++i) if (this.targetValid[i] && p[i] === p[i]) rows[n++] = i;
    const sel = n === len ? null : rows.subarray(0, n);
    const c = this.#cached;
    if (c && sameRows(c.rows, sel)) return c;
    return (this.#cached = new RowContext(this, sel, n));
  }
}

function sameRows(a: Uint32Array | null, b: Uint32Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; ++i) if (a[i] !== b[i]) return false;
  return true;
}

class RowContext {
  #targetStar: Float64Array | null = null;
  #refs = new Map<string, Reference | null>();
  #neutralizer: Neutralizer | null = null;
  constructor(
    readonly era: EraContext,
    readonly rows: Uint32Array | null,
    readonly n: number
  ) {}

  take(x: Float64Array): Float64Array {
    return this.rows ? gather(x, this.rows) : x;
  }

  /** P15(t − mean t) over the scored rows. */
  targetStar(): Float64Array {
    if (!this.#targetStar) {
      const t = Float64Array.from(this.take(this.era.input.target.subarray(this.era.start, this.era.end)));
      centerInPlace(t);
      this.#targetStar = signedPower(t, 1.5, t);
    }
    return this.#targetStar;
  }

  reference(which: 'metaModel' | 'benchmark'): Reference | null {
    if (this.#refs.has(which)) return this.#refs.get(which)!;
    const all = this.era.input[which]!;
    const m = this.take(all.subarray(this.era.start, this.era.end));
    const keep = new Uint32Array(this.n);
    let count = 0;
    for (let i = 0; i < this.n; ++i) if (m[i] === m[i]) keep[count++] = i;
    let ref: Reference | null = null;
    // numerai-tools asserts that ≥ 80 % of the rows survive the NaN filter (filter_sort_index)
    if (count >= 0.8 * this.n && count > 0) {
      const rows = count === this.n ? null : keep.subarray(0, count);
      const mj = rows ? gather(m, rows) : m;
      const t = this.take(this.era.input.target.subarray(this.era.start, this.era.end));
      const tj = Float64Array.from(rows ? gather(t, rows) : t);
      const inUnit = tj.every((v) => v >= 0 && v <= 1);
      if (inUnit) for (let i = 0; i < tj.length; ++i) tj[i] *= 4;
      centerInPlace(tj);
      const star = Float64Array.from(mj);
      centerInPlace(star);
      signedPower(star, 1.5, star);
      ref = { rows, gaussian: gaussianize(rankAverage(mj)), target4c: tj, star };
    }
    this.#refs.set(which, ref);
    return ref;
  }

  neutralizer(): Neutralizer {
    if (!this.#neutralizer) {
      const { start, end } = this.era;
      const cols = this.era.features.map((f) => (this.rows ? gatherColumn(f.subarray(start, end) as FeatureColumn, this.rows) : (f.subarray(start, end) as FeatureColumn)));
      this.#neutralizer = fitNeutralizer(cols, this.n);
    }
    return this.#neutralizer;
  }
}

function centerInPlace(x: Float64Array): void {
  let s = 0;
  for (let i = 0; i < x.length; ++i) s += x[i];
  const m = s / x.length;
  for (let i = 0; i < x.length; ++i) x[i] -= m;
}
