import type { Dataset } from './Dataset';
import type { FeaturesJson } from './featureSets';
import { featureWords } from './featureWords';
import { histogramRank } from './histogramRank';
import { IdColumn } from './IdColumn';
import { normalPpf } from '../scoring/normalPpf';
import { Rng } from './Rng';

/** Numerai's feature groups, used as the generator's feature families (features.json group names). */
export const featureFamilies = ['intelligence', 'wisdom', 'charisma', 'dexterity', 'strength', 'constitution', 'agility', 'serenity'] as const;

export interface GenerateDatasetOptions {
  /** PRNG seed (default 42); the same seed gives identical arrays in Node and browsers. */
  seed?: number;
  /** Number of eras (default 120). */
  eras?: number;
  /** Mean rows per era (default 1,500); early eras get about half of that, late eras about 1.5×, as in Numerai's data. */
  rowsPerEra?: number;
  /** Number of features (default 42, the size of Numerai's "small" set). */
  features?: number;
  /** Number of the first era label (default 1 → "0001"). */
  firstEra?: number;
  /** Eras labelled data_type "train" (default: the first half); the rest are "validation". */
  trainEras?: number;
  /** Last eras whose targets are not resolved yet: NaN targets, data_type "test" (default 4). */
  unresolvedEras?: number;
}

/** What the generator planted, for tests and teaching ("which features are risky?"). */
export interface GeneratedTruth {
  /** Feature names by family (also in featuresJson.feature_sets). */
  families: Record<string, string[]>;
  /** Features with a small stable effect on the target. */
  signalFeatures: string[];
  /** Features whose effect on the target flips sign with `regime`. */
  riskyFeatures: string[];
  /** Per-era regime sign (+1/−1), in era order: the sign of the risky exposures in the target. */
  regime: Int8Array;
  /** (feature, era) pairs whose values are missing for the whole era, filled with 2 as Numerai does. */
  missing: { feature: string; era: string }[];
}

export interface GeneratedDataset {
  dataset: Dataset;
  featuresJson: FeaturesJson;
  truth: GeneratedTruth;
}

/** Main target and the two auxiliary targets with their latent correlation to the main one (≈0.7 and ≈0.4 after binning). */
const AUX_TARGETS = [
  { name: 'target_victor_20', rho: 0.74 },
  { name: 'target_xerxes_60', rho: 0.43 }
] as const;
/** Share of the target's latent variance explained by the stable signal (corr ≈ C_SIGNAL) and by the risky, regime-flipping part. */
const C_SIGNAL = 0.04;
/** Era-to-era variation of the signal strength (relative std), so per-era scores vary beyond sampling noise. */
const SIGNAL_VOL = 0.6;
const C_RISKY = 0.06;
/** Model columns: weights on the standardised stable signal ŝ, risky part r̂ (fixed sign), other feature exposure û and pure noise. */
const MODELS = [
  { name: 'numerai_meta_model', s: 0.75, r: 0.3, u: 0.45, e: 0.35 },
  { name: 'v5_lgbm_ender20', s: 0.7, r: 0.2, u: 0.55, e: 0.3 },
  { name: 'example_prediction', s: 0.5, r: 0.3, u: 0.7, e: 0.4 }
] as const;
/** Target bins {0, .25, .5, .75, 1} with proportions 5/20/50/20/5 %: cumulative cut fractions. */
const TARGET_CUTS = [0.05, 0.25, 0.75, 0.95];

/**
 * Numerai-shaped synthetic data, deterministic per seed: int8 features in 5 equal per-era bins of family latent factors
 * plus noise; a target that is a small stable signal + regime-flipping "risky" exposures + noise, binned 5/20/50/20/5 %
 * per era; two auxiliary targets; `numerai_meta_model` (NaN in the first third of eras), a benchmark and an example
 * prediction in [0, 1]. A good linear model scores a per-era CORR of about 0.02–0.05 with sharpe ≈ 1.
 * @example const { dataset, featuresJson } = generateDataset({ seed: 7, eras: 60, rowsPerEra: 1000 });
 */
export function generateDataset(options: GenerateDatasetOptions = {}): GeneratedDataset {
  const seed = options.seed ?? 42;
  const E = Math.max(1, Math.floor(options.eras ?? 120));
  const rowsPerEra = Math.max(10, Math.floor(options.rowsPerEra ?? 1500));
  const F = Math.max(1, Math.floor(options.features ?? 42));
  const firstEra = Math.floor(options.firstEra ?? 1);
  const trainEras = Math.floor(options.trainEras ?? E / 2);
  const unresolved = Math.min(E, Math.max(0, Math.floor(options.unresolvedEras ?? 4)));
  const rng = new Rng(seed);

  // Era sizes: ramp from ~0.5× to ~1.5× the mean, ±5 % jitter, never fewer than 10 rows.
  const sizes = new Uint32Array(E);
  for (let e = 0; e < E; ++e) {
    const ramp = E > 1 ? 0.5 + e / (E - 1) : 1;
    sizes[e] = Math.max(10, Math.round(rowsPerEra * ramp * (1 + 0.05 * rng.normal())));
  }
  const eraStarts = new Uint32Array(E + 1);
  for (let e = 0; e < E; ++e) eraStarts[e + 1] = eraStarts[e] + sizes[e];
  const N = eraStarts[E];
  let maxN = 0;
  for (let e = 0; e < E; ++e) maxN = Math.max(maxN, sizes[e]);
  const eras = Array.from({ length: E }, (_, e) => String(firstEra + e).padStart(4, '0'));

  // Features: unique three-word names, families round-robin, then the column order is shuffled.
  const used = new Set<string>();
  const names: string[] = [];
  while (names.length < F) {
    const w = () => featureWords[rng.int(featureWords.length)];
    const name = `feature_${w()}_${w()}_${w()}`;
    if (!used.has(name)) {
      used.add(name);
      names.push(name);
    }
  }
  const G = featureFamilies.length;
  const order = rng.shuffle(Array.from({ length: F }, (_, j) => j));
  const family = new Uint8Array(F);
  const loading = new Float64Array(F);
  for (let k = 0; k < F; ++k) {
    family[order[k]] = k % G;
  }
  for (let j = 0; j < F; ++j) loading[j] = 0.55 + 0.3 * rng.float();

  // Stable signal on ~1/4 of the features, risky exposures on ~1/8, disjoint, spread over the families.
  const nSignal = Math.max(1, Math.round(F / 4));
  const nRisky = Math.max(F > 1 ? 1 : 0, Math.round(F / 8));
  const pick = rng.shuffle(Array.from({ length: F }, (_, j) => j));
  const beta = new Float64Array(F);
  const gamma = new Float64Array(F);
  for (let k = 0; k < nSignal; ++k) beta[pick[k]] = (rng.float() < 0.5 ? -1 : 1) * (0.5 + rng.float());
  for (let k = nSignal; k < Math.min(F, nSignal + nRisky); ++k) gamma[pick[k]] = (rng.float() < 0.5 ? -1 : 1) * (0.5 + rng.float());
  const modelWeights = MODELS.map(() => Float64Array.from({ length: F }, () => rng.normal()));

  // Regimes: runs of 6–25 eras with alternating sign of the risky exposures.
  const regime = new Int8Array(E);
  let sign = rng.float() < 0.5 ? -1 : 1;
  for (let e = 0; e < E; ) {
    const run = 6 + rng.int(20);
    for (let k = 0; k < run && e < E; ++k) regime[e++] = sign;
    sign = -sign;
  }

  // A few (feature, era) pairs missing for the whole era, more often in early eras; filled with 2.
  const missingFlags = new Uint8Array(F * E);
  const missing: { feature: string; era: string }[] = [];
  for (let e = 0; e < E; ++e) {
    const p = e < E / 10 ? 0.03 : 0.003;
    for (let j = 0; j < F; ++j) {
      if (rng.float() < p) {
        missingFlags[e * F + j] = 1;
        missing.push({ feature: names[j], era: eras[e] });
      }
    }
  }

  // Output columns.
  const features = Array.from({ length: F }, () => new Int8Array(N));
  const target = new Float64Array(N);
  const aux = AUX_TARGETS.map(() => new Float64Array(N));
  const models = MODELS.map(() => new Float64Array(N));
  const idHi = new Uint32Array(N), idLo = new Uint32Array(N);
  const dataType = new Array<string>(N);

  // Fast approximate normals for feature noise (binned into 5 bins anyway): Φ⁻¹ at 65,536 midpoints, 16 random bits each.
  const table = new Float64Array(65536);
  for (let i = 0; i < 65536; ++i) table[i] = normalPpf((i + 0.5) / 65536);

  const latent = Array.from({ length: G }, () => new Float64Array(maxN));
  const x = new Float64Array(maxN);
  const s = new Float64Array(maxN);
  const r = new Float64Array(maxN);
  const u = MODELS.map(() => new Float64Array(maxN));
  const y = new Float64Array(maxN);
  const rank = new Uint32Array(maxN);
  const counts = new Uint32Array(4096);
  const idSalt = rng.uint32();
  const binValue = [0, 0.25, 0.5, 0.75, 1];
  const SQRT2 = Math.SQRT2;

  for (let e = 0; e < E; ++e) {
    const n = sizes[e], o = eraStarts[e];
    for (let g = 0; g < G; ++g) fillTableNormals(rng, table, latent[g], n);
    s.fill(0, 0, n);
    r.fill(0, 0, n);
    for (const um of u) um.fill(0, 0, n);
    for (let j = 0; j < F; ++j) {
      const col = features[j];
      if (missingFlags[e * F + j]) {
        col.fill(2, o, o + n);
        continue;
      }
      const a = loading[j], b = Math.sqrt(1 - a * a), z = latent[family[j]];
      fillTableNormals(rng, table, x, n);
      for (let i = 0; i < n; ++i) x[i] = a * z[i] + b * x[i];
      histogramRank(x, n, rank, counts);
      const bj = beta[j], gj = gamma[j];
      const w0 = modelWeights[0][j], w1 = modelWeights[1][j], w2 = modelWeights[2][j];
      const u0 = u[0], u1 = u[1], u2 = u[2];
      for (let i = 0; i < n; ++i) {
        const bin = Math.floor((rank[i] * 5) / n);
        col[o + i] = bin;
        const c = (bin - 2) / SQRT2;
        s[i] += bj * c;
        r[i] += gj * c;
        u0[i] += w0 * c;
        u1[i] += w1 * c;
        u2[i] += w2 * c;
      }
    }
    standardize(s, n);
    standardize(r, n);
    for (const um of u) standardize(um, n);

    // Target: stable signal + regime-signed risky part + noise, binned 5/20/50/20/5 % within the era.
    const cs = C_SIGNAL * (1 + SIGNAL_VOL * rng.normal());
    const cr = C_RISKY * regime[e];
    const cn = Math.sqrt(1 - cs * cs - cr * cr);
    for (let i = 0; i < n; ++i) y[i] = cs * s[i] + cr * r[i] + cn * rng.normal();
    const resolved = e < E - unresolved;
    binTarget(y, n, rank, counts, target, o, binValue, resolved);
    for (let k = 0; k < AUX_TARGETS.length; ++k) {
      const rho = AUX_TARGETS[k].rho, q = Math.sqrt(1 - rho * rho);
      for (let i = 0; i < n; ++i) x[i] = rho * y[i] + q * rng.normal();
      // 60-day targets resolve 8 eras (≈ 8 weeks) later than 20-day ones.
      const known = e < E - unresolved - (AUX_TARGETS[k].name.endsWith('_60') ? 8 : 0);
      binTarget(x, n, rank, counts, aux[k], o, binValue, known);
      const pNaN = AUX_TARGETS[k].name.endsWith('_60') ? 0.02 : 0.01;
      for (let i = 0; i < n; ++i) if (rng.float() < pNaN) aux[k][o + i] = NaN;
    }

    // Models: per-era ranks of a weighted mix, mapped to (0, 1) as (rank + 0.5) / n.
    for (let m = 0; m < MODELS.length; ++m) {
      const w = MODELS[m], um = u[m], out = models[m];
      if (w.name === 'numerai_meta_model' && e < Math.floor(E / 3)) {
        out.fill(NaN, o, o + n);
        continue;
      }
      for (let i = 0; i < n; ++i) x[i] = w.s * s[i] + w.r * r[i] + w.u * um[i] + w.e * rng.normal();
      histogramRank(x, n, rank, counts);
      for (let i = 0; i < n; ++i) out[o + i] = (rank[i] + 0.5) / n;
    }

    const type = !resolved ? 'test' : e < trainEras ? 'train' : 'validation';
    for (let i = 0; i < n; ++i) {
      rowId(o + i, idSalt, rng, idHi, idLo);
      dataType[o + i] = type;
    }
  }

  const families: Record<string, string[]> = {};
  for (let g = 0; g < G; ++g) families[featureFamilies[g]] = names.filter((_, j) => family[j] === g);
  const featureSets: Record<string, string[]> = {};
  // With ≤ 42 features all of them form "small"; with more, "small" is 42 of them (every signal feature included)
  // and "medium" about 28 % (Numerai: 42 / 780 / 2,748).
  if (F <= 42) featureSets.small = names.slice();
  else {
    const bySignal = pick.slice(0, nSignal + nRisky).concat(pick.slice(nSignal + nRisky));
    featureSets.small = names.filter((_, j) => bySignal.indexOf(j) < 42);
    featureSets.medium = names.filter((_, j) => bySignal.indexOf(j) < Math.max(42, Math.round(F * 0.28)));
  }
  featureSets.all = names.slice();
  Object.assign(featureSets, families);

  const targets: Record<string, Float64Array> = { target };
  AUX_TARGETS.forEach((t, k) => (targets[t.name] = aux[k]));
  const columns: Record<string, Float64Array> = {};
  MODELS.forEach((m, k) => (columns[m.name] = models[k]));

  return {
    dataset: {
      n: N,
      ids: IdColumn.packed({ prefix: 'n', width: 15 }, idHi, idLo),
      eras,
      eraStarts,
      featureNames: names,
      features,
      targets,
      columns,
      dataType,
      info: { source: `generateDataset(seed=${seed}, eras=${E}, rowsPerEra=${rowsPerEra}, features=${F})`, warnings: [] }
    },
    featuresJson: { feature_sets: featureSets, targets: ['target', ...AUX_TARGETS.map((t) => t.name)] },
    truth: {
      families,
      signalFeatures: names.filter((_, j) => beta[j] !== 0),
      riskyFeatures: names.filter((_, j) => gamma[j] !== 0),
      regime,
      missing
    }
  };
}

/** Fills out[0..n) with table-lookup normals, two per 32-bit draw. */
function fillTableNormals(rng: Rng, table: Float64Array, out: Float64Array, n: number): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const v = rng.uint32();
    out[i] = table[v & 0xffff];
    out[i + 1] = table[v >>> 16];
  }
  if (i < n) out[i] = table[rng.uint32() & 0xffff];
}

/** z-scores v[0..n) in place (population std); all zeros when the std is 0. */
function standardize(v: Float64Array, n: number): void {
  let m = 0;
  for (let i = 0; i < n; ++i) m += v[i];
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; ++i) ss += (v[i] - m) * (v[i] - m);
  const sd = Math.sqrt(ss / n);
  for (let i = 0; i < n; ++i) v[i] = sd > 0 ? (v[i] - m) / sd : 0;
}

/** Bins v[0..n) by exact per-era quantiles into {0, .25, .5, .75, 1} (5/20/50/20/5 %) at out[o..o+n); NaN if !known. */
function binTarget(v: Float64Array, n: number, rank: Uint32Array, counts: Uint32Array, out: Float64Array, o: number, values: number[], known: boolean): void {
  if (!known) {
    out.fill(NaN, o, o + n);
    return;
  }
  histogramRank(v, n, rank, counts);
  const c0 = Math.round(TARGET_CUTS[0] * n), c1 = Math.round(TARGET_CUTS[1] * n);
  const c2 = Math.round(TARGET_CUTS[2] * n), c3 = Math.round(TARGET_CUTS[3] * n);
  for (let i = 0; i < n; ++i) {
    const k = rank[i];
    out[o + i] = values[k < c0 ? 0 : k < c1 ? 1 : k < c2 ? 2 : k < c3 ? 3 : 4];
  }
}

/** A Numerai-style id, "n" + 15 hex digits, packed (hi = 28 random bits, lo = a bijective mix of the row number, so ids are unique). */
function rowId(row: number, salt: number, rng: Rng, hi: Uint32Array, lo: Uint32Array): void {
  let h = (row ^ salt) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  hi[row] = rng.uint32() >>> 4;
  lo[row] = (h ^ (h >>> 16)) >>> 0;
}
