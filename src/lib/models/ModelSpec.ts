import type { GbdtModel, GbdtParams } from './GbdtModel';
import type { RidgeModel, RidgeOptions } from './trainRidge';

/** Which data a model trains on; everything defaults to the notebooks' setup on the loaded dataset. */
export interface TrainingSpec {
  /** Feature names (default: every feature of the dataset). */
  features?: string[];
  /** Target column (default "target"). */
  target?: string;
  /** Training eras by label (default: the eras whose rows are data_type "train"; every era without data_type). */
  trainEras?: string[];
  /** Keep every k-th of those eras (default 1; the notebooks use 4). */
  every?: number;
  /** Explicit training rows, e.g. `splitEras(...).train.rows` (overrides trainEras and every). */
  rows?: Uint32Array;
}

export type RidgeSpec = { kind: 'ridge' } & RidgeOptions & TrainingSpec;
export type GbdtSpec = { kind: 'gbdt' } & GbdtParams & TrainingSpec;
/** What to train: a discriminated union on `kind`, plain data so it can be posted to a worker and saved. */
export type ModelSpec = RidgeSpec | GbdtSpec;
/** A trained model of either kind: plain data (typed arrays, numbers, strings), structured-clonable. */
export type TrainedModel = RidgeModel | GbdtModel;
