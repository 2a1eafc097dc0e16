import { dotI8 } from './dot';
import { gram } from './gram';
import { pivotedCholesky } from './pivotedCholesky';

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

/** Per-row scoring cost of one model in Gram units (k²·n), measured on this project's bench machine. */
const ROW_PER_GRAM_UNIT = 2000;

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
 * Times the kernels whose cost a scoring job's size multiplies (Gram matrices, Cholesky, feature dot products) on
 * small seeded inputs, about 10 ms once per thread; the results scale to any job's shape.
 */
export function calibrateScoring(): ScoringCalibration {
  if (cached) return cached;
  let seed = 12345;
  const bin = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % 5;
  const cols = (k: number, n: number) => Array.from({ length: k }, () => Int8Array.from({ length: n }, bin));
  const g = cols(48, 2400);
  const gramMs = best(() => gram(g, 2400));
  const c = gram(cols(128, 600), 600).centered;
  const cholMs = best(() => pivotedCholesky(c, 128, 1e-9));
  const x = Float64Array.from({ length: 20_000 }, (_, i) => Math.sin(i));
  const f = Int8Array.from({ length: 20_000 }, bin);
  let sink = 0;
  const dotMs = best(() => {
    for (let r = 0; r < 20; ++r) sink += dotI8(f, x, 20_000);
  });
  const gramUnit = gramMs / (48 * 48 * 2400);
  // The per-row work (ranks, Φ⁻¹, Pearson) is not timed here: its first calls would time the JIT, not the work. It is
  // taken as ROW_PER_GRAM_UNIT Gram units, the ratio measured with `npm run bench` (1M rows, CORR + MMC + corr_meta).
  cached = { gram: gramUnit, cholesky: cholMs / 128 ** 3, dot: dotMs / (20 * 20_000 + (sink > Infinity ? 1 : 0)), row: ROW_PER_GRAM_UNIT * gramUnit };
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
