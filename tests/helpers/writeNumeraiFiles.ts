// Node-only test/benchmark helper: writes a Numerai-shaped set of files with DuckDB (a mainstream parquet writer
// independent of our reader), laid out as pandas + pyarrow write Numerai's: the id is the pandas index (stored as
// the last column, named in the footer's "pandas" metadata), era and data_type strings, int8 features, float32
// targets with NaN stored as null, zstd, and pyarrow's row groups (up to 1,048,576 rows: one for a validation file).
// Values are generated in SQL from hashes, so a 248k × 2,376 file takes seconds, not minutes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { featureWords } from '../../src/lib/data/featureWords';

export interface NumeraiFilesSpec {
  /** Eras and rows per era (eras numbered from `firstEra`, labels zero-padded to 4 digits). */
  eras: number;
  rowsPerEra: number;
  firstEra?: number;
  /** Feature columns (Numerai v5: 2,376 in "all"); features.json gets "small" (42 or fewer), "medium" (~30 %), "all". */
  features: number;
  /** Target columns: "target" plus auxiliary "target_<name>_20/60" (Numerai ships ~40; 10 is enough here). */
  targets?: number;
  /** Rows per row group (default 1,048,576, pyarrow's default: one row group for a validation-sized file). */
  rowGroupSize?: number;
  /** Which of the other files to write (default all): predictions as CSV and parquet, meta model, benchmark models. */
  write?: { predictionsCsv?: boolean; predictionsParquet?: boolean; metaModel?: boolean; benchmark?: boolean };
  seed?: number;
}

export interface NumeraiFiles {
  dir: string;
  /** validation.parquet (the data), features.json, and the prediction-like files (absent when not asked for). */
  data: string;
  featuresJson: string;
  predictionsCsv?: string;
  predictionsParquet?: string;
  metaModel?: string;
  benchmark?: string;
  rows: number;
  featureNames: string[];
  targetNames: string[];
  featureSets: Record<string, string[]>;
}

const AUX = ['ender', 'cyrusd', 'teager2b', 'agnes', 'claudia', 'echo', 'jasper', 'ralph', 'rowan', 'sam', 'tyler', 'victor', 'waldo', 'xerxes'];

/** Numerai-style feature names `feature_<w>_<w>_<w>`, distinct, deterministic. */
export function wideFeatureNames(count: number): string[] {
  const names: string[] = [];
  const W = featureWords.length;
  for (let k = 0; names.length < count; ++k) {
    const a = featureWords[k % W], b = featureWords[Math.floor(k / W) % W], c = featureWords[(k * 7 + 3) % W];
    names.push(`feature_${a}_${b}_${c}`);
  }
  return names;
}

/** Target names: "target", then target_ender_20, target_ender_60, target_cyrusd_20, … */
export function wideTargetNames(count: number): string[] {
  const names = ['target'];
  for (let k = 0; names.length < count; ++k) names.push(`target_${AUX[Math.floor(k / 2) % AUX.length]}_${k % 2 ? 60 : 20}`);
  return names;
}

/**
 * Writes validation.parquet + features.json (+ predictions CSV/parquet, meta_model.parquet,
 * validation_benchmark_models.parquet) into `dir`. Ids are `n` + 15 hex digits (a bijection of the row number, so
 * unique), rows sorted by era; the prediction-like files hold the same ids in another order (as a user's file may).
 */
export async function writeNumeraiFiles(dir: string, spec: NumeraiFilesSpec): Promise<NumeraiFiles> {
  const { eras, rowsPerEra, features, targets: targetCount = 10, rowGroupSize = 1 << 20, seed = 1 } = spec;
  const firstEra = spec.firstEra ?? 575;
  const rows = eras * rowsPerEra;
  const write = { predictionsCsv: true, predictionsParquet: true, metaModel: true, benchmark: true, ...spec.write };
  const featureNames = wideFeatureNames(features);
  const targetNames = wideTargetNames(targetCount);
  const small = featureNames.filter((_, j) => j % Math.max(1, Math.floor(features / 42)) === 0).slice(0, 42);
  const medium = featureNames.filter((_, j) => j % 10 < 3);
  const featureSets = { small, medium, all: featureNames };
  const files: NumeraiFiles = { dir, data: join(dir, 'validation.parquet'), featuresJson: join(dir, 'features.json'), rows, featureNames, targetNames, featureSets };
  writeFileSync(files.featuresJson, JSON.stringify({ feature_sets: featureSets, targets: targetNames }));

  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  // A uniform value in [0, 1) per (row, salt), from DuckDB's hash.
  const u = (salt: number) => `((hash(i, ${seed * 100_003 + salt}) % 1000003) / 1000003.0)`;
  const bin = (salt: number) => `(hash(i, ${seed * 100_003 + salt}) % 5)::INTEGER`;
  // The signal: three features (bins 0..4) with a sign, plus noise; the target bins it 5/20/50/20/5 %.
  const signal = `(${bin(1)} + ${bin(2)} - ${bin(3)} + 8 * ${u(7)} - 5.0)`;
  const featureExpr = (j: number) => (j < 3 ? bin(j + 1) : bin(j + 1000));
  const targetExpr = (k: number) => {
    const noisy = `(${signal} / 3.2 + ${k === 0 ? 0 : 0.6} * (${u(50 + k)} - 0.5))`;
    const t = `(CASE WHEN ${noisy} < -1.45 THEN 0 WHEN ${noisy} < -0.55 THEN 0.25 WHEN ${noisy} < 0.55 THEN 0.5 WHEN ${noisy} < 1.45 THEN 0.75 ELSE 1 END)`;
    // main target: unknown (null) in the last 2 eras, as in a validation file; aux targets also miss ~8 % of rows.
    const missing = k === 0 ? `e >= ${eras - 2}` : `e >= ${eras - 2} OR ${u(90 + k)} < 0.08`;
    return `(CASE WHEN ${missing} THEN NULL ELSE ${t} END)::FLOAT`;
  };
  // Unique ids: n + 15 hex digits of (i·φ + c) mod 2^60, a bijection on row numbers.
  const id = `'n' || lpad(lower(hex(((i::HUGEINT * 11400714819323198485 + ${seed * 7919}) % 1152921504606846976)::UBIGINT)), 15, '0')`;
  const era = `lpad((e + ${firstEra})::VARCHAR, 4, '0')`;

  const instance = await DuckDBInstance.create(':memory:', { threads: '2', preserve_insertion_order: 'true' });
  const db = await instance.connect();
  try {
    await db.run(`CREATE TABLE base AS SELECT i, (i // ${rowsPerEra})::INTEGER AS e FROM range(${rows}) r(i)`);
    const cols = [
      `${era} AS era`,
      `CASE WHEN e >= ${eras - 2} THEN 'live' ELSE 'validation' END AS data_type`,
      ...featureNames.map((f, j) => `${featureExpr(j)}::TINYINT AS ${q(f)}`),
      ...targetNames.map((t, k) => `${targetExpr(k)} AS ${q(t)}`),
      `${id} AS id`
    ];
    const pandas = pandasMetadata([
      { name: 'era', dtype: 'object' },
      { name: 'data_type', dtype: 'object' },
      ...featureNames.map((name) => ({ name, dtype: 'int8' })),
      ...targetNames.map((name) => ({ name, dtype: 'float32' })),
      { name: 'id', dtype: 'object' }
    ]);
    const copy = (select: string, path: string, kv: string | null) =>
      db.run(`COPY (${select}) TO ${lit(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rowGroupSize}${kv ? `, KV_METADATA {pandas: ${lit(kv)}}` : ''})`);
    await copy(`SELECT ${cols.join(', ')} FROM base ORDER BY i`, files.data, pandas);

    // Prediction-like files: the same ids, era by era in another row order (by a hash), values in [0, 1].
    const score = (salt: number, noise: number) => `least(1.0, greatest(0.0, (${signal} + 5.0) / 16.0 * ${1 - noise} + ${noise} * ${u(salt)}))`;
    const shuffled = (select: string) => `SELECT ${select} FROM base ORDER BY e, hash(i, 77)`;
    const indexed = (col: string, dtype: string) => pandasMetadata([{ name: col, dtype }, { name: 'id', dtype: 'object' }]);
    if (write.predictionsCsv) {
      files.predictionsCsv = join(dir, 'predictions.csv');
      await db.run(`COPY (${shuffled(`${id} AS id, ${score(201, 0.7)} AS prediction`)}) TO ${lit(files.predictionsCsv)} (HEADER, DELIMITER ',')`);
    }
    if (write.predictionsParquet) {
      files.predictionsParquet = join(dir, 'predictions_b.parquet');
      await copy(shuffled(`${score(202, 0.8)} AS prediction, ${id} AS id`), files.predictionsParquet, indexed('prediction', 'float64'));
    }
    if (write.metaModel) {
      files.metaModel = join(dir, 'meta_model.parquet');
      const mm = `${era} AS era, 'validation' AS data_type, ${score(203, 0.6)} AS numerai_meta_model, ${id} AS id`;
      await copy(`SELECT ${mm} FROM base ORDER BY i`, files.metaModel, pandasMetadata(['era', 'data_type', 'numerai_meta_model', 'id'].map((name) => ({ name, dtype: name === 'numerai_meta_model' ? 'float64' : 'object' }))));
    }
    if (write.benchmark) {
      files.benchmark = join(dir, 'validation_benchmark_models.parquet');
      const bm = `${era} AS era, ${score(204, 0.65)}::FLOAT AS v52_lgbm_ender20, ${score(205, 0.65)}::FLOAT AS v52_lgbm_cyrusd20, ${id} AS id`;
      await copy(`SELECT ${bm} FROM base ORDER BY i`, files.benchmark, pandasMetadata([{ name: 'era', dtype: 'object' }, { name: 'v52_lgbm_ender20', dtype: 'float32' }, { name: 'v52_lgbm_cyrusd20', dtype: 'float32' }, { name: 'id', dtype: 'object' }]));
    }
  } finally {
    db.closeSync();
    instance.closeSync();
  }
  return files;
}

/** The "pandas" footer metadata pyarrow writes for a frame indexed by "id" (the index stored as the last column). */
export function pandasMetadata(columns: { name: string; dtype: string }[]): string {
  return JSON.stringify({
    index_columns: ['id'],
    column_indexes: [{ name: null, field_name: null, pandas_type: 'unicode', numpy_type: 'object', metadata: { encoding: 'UTF-8' } }],
    columns: columns.map((c) => ({
      name: c.name,
      field_name: c.name,
      pandas_type: c.dtype === 'object' ? 'unicode' : c.dtype,
      numpy_type: c.dtype,
      metadata: null
    })),
    creator: { library: 'pyarrow', version: '17.0.0' },
    pandas_version: '2.2.2'
  });
}
