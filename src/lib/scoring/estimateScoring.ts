import { dotI8 } from './dot';
import { gram } from './gram';
import { pivotedCholesky } from './pivotedCholesky';
import { scoreEras } from './scoreEras';

/** The shape of a scoring job: what its cost depends on. */
export interface ScoringShape {
  rows: number;
  eras: number;
  /** Features for FNC and exposures (0: neither). */
  features: number;
  /** Prediction columns scored. */
  models: number;
}

/** Measured costs of this machine (ms per unit), from `calibrateScoring`. */
export interface ScoringCalibration {
  /** per k²·n of a Gram matrix (int8 features, O(n·k²) per era) */
  gram: number;
  /** per k³ of the pivoted Cholesky factorisation (O(k³) per era) */
  cholesky: number;
  /** per n·k of a feature dot product (projection and exposures: O(n·k) per model and era) */
  dot: number;
  /** per row of everything else for one model (ranks, Φ⁻¹, CORR, MMC, corr with the meta model) */
  row: number;
}

let cached: ScoringCalibration | null = null;

/** Best of `runs` timings of fn, in ms. */
function best(fn: () => void, runs = 2): number {
  let t = Infinity;
  for (let r = 0; r < runs; ++r) {
    const t0 = performance.now();
    fn();
    t = Math.min(t, performance.now() - t0);
  }
  return Math.max(t, 1e-3);
}

/**
 * Times the kernels whose cost a scoring job's size multiplies (Gram matrices, Cholesky, feature dot products, the
 * per-row metrics) on small seeded inputs, about 30 ms once per thread; the results scale to any job's shape.
 */
export function calibrateScoring(): ScoringCalibration {
  if (cached) return cached;
  let seed = 12345;
  const bin = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % 5;
  const cols = (k: number, n: number) => Array.from({ length: k }, () => Int8Array.from({ length: n }, bin));
  const g = cols(64, 3000);
  const gramMs = best(() => gram(g, 3000));
  const c = gram(cols(160, 1000), 1000).centered;
  const cholMs = best(() => pivotedCholesky(c, 160, 1e-9));
  const x = Float64Array.from({ length: 50_000 }, (_, i) => Math.sin(i));
  const f = Int8Array.from({ length: 50_000 }, bin);
  let sink = 0;
  const dotMs = best(() => {
    for (let r = 0; r < 20; ++r) sink += dotI8(f, x, 50_000);
  });
  const n = 30_000;
  const p = Float64Array.from({ length: n }, () => bin() / 4 + Math.random() * 0.01);
  const rowMs = best(() =>
    scoreEras({ eras: ['1'], eraStarts: Uint32Array.of(0, n), target: Float64Array.from(p, (v) => Math.round(v * 4) / 4), predictions: { m: p }, metaModel: p.map((v) => 1 - v) })
  );
  cached = { gram: gramMs / (64 * 64 * 3000), cholesky: cholMs / 160 ** 3, dot: dotMs / (20 * 50_000 + (sink > Infinity ? 1 : 0)), row: (1.5 * rowMs) / n };
  return cached;
}

/** Milliseconds a scoring job of this shape should take here: Σ over eras of the Gram and Cholesky work, plus per model the per-row and per-feature work. */
export function estimateScoringMs(shape: ScoringShape, cal: ScoringCalibration = calibrateScoring()): number {
  const { rows, eras, features: k, models } = shape;
  const perEra = rows / Math.max(1, eras);
  const shared = k ? eras * (cal.gram * k * k * perEra + cal.cholesky * k ** 3) : 0;
  const perModel = rows * (cal.row + 4 * cal.dot * k);
  return shared + models * perModel;
}

/** Bytes a scoring job holds besides the data, at its largest era: Gram and Cholesky matrices, packed columns, per-model vectors. */
export function scoringWorkingBytes(shape: ScoringShape): number {
  const perEra = shape.rows / Math.max(1, shape.eras);
  const k = shape.features;
  return 8 * (3 * k * k + (2 * k * perEra) / 3) + perEra * k + 80 * perEra * Math.max(1, shape.models);
}
