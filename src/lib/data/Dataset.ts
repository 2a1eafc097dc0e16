import type { IdColumn } from './IdColumn';

/**
 * A Numerai-shaped table held column-wise in typed arrays, rows grouped by era in numeric era order:
 * era k spans rows [eraStarts[k], eraStarts[k + 1]). Every scoring kernel reads these arrays directly
 * (per-era `subarray` views, no copies); `datasetTable` wraps the same arrays in an Arquero table.
 */
export interface Dataset {
  /** Number of rows. */
  n: number;
  /** Row ids (`n003bba8a98662e4`), unique; packed as integers when they are fixed-width hex (`ids.at(i)` spells one). */
  ids: IdColumn;
  /** Era labels in numeric order (`"0001"`, `"0002"`, …). */
  eras: string[];
  /** Row offsets of each era; length `eras.length + 1`, last entry `n`. */
  eraStarts: Uint32Array;
  /** Feature column names, in the order of `features`. */
  featureNames: string[];
  /** One column per feature: int8 bins 0..4 (Numerai fills a feature missing for a whole era with 2). */
  features: Int8Array[];
  /** Target columns by name (`target`, `target_ender_20`, …); NaN where the target is not known yet. */
  targets: Record<string, Float64Array>;
  /** Other numeric columns aligned to the rows: predictions, `numerai_meta_model`, benchmark models. */
  columns: Record<string, Float64Array>;
  /** Per-row `data_type` ("train" | "validation" | "live") when the file has it. */
  dataType?: string[];
  /** Where the data came from and anything the loader had to repair (each a full sentence). */
  info: { source: string; warnings: string[] };
}
