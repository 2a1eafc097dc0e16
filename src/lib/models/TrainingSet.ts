import type { FeatureColumn } from '../scoring/FeatureColumn';

/** What a trainer sees: named feature columns, a target aligned to them, and optionally the rows to train on. */
export interface TrainingSet {
  /** Feature names, in the order of `columns` (saved in the model; prediction looks columns up by name). */
  features: string[];
  /** Feature columns (Numerai int8 bins 0..4), all of the target's length. */
  columns: FeatureColumn[];
  /** Target values; rows where it is NaN are skipped. */
  target: Float64Array;
  /** Rows to train on (default: every row). */
  rows?: Uint32Array;
}

/** Callbacks for long training runs (a Web Worker passes them through Comlink). */
export interface TrainControl {
  /** Called after each unit of work (each tree for GBDT). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Checked between trees; returning true ends training early with the trees so far. Must answer synchronously
   * (training does not yield to the event loop), so a worker reads its own flag rather than a proxied callback.
   */
  shouldStop?: () => boolean;
}
