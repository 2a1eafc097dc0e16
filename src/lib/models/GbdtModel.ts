/**
 * The trees of a boosted model as flat arrays over all nodes (tree t owns nodes [start[t], start[t + 1]), its root
 * first). A row goes left at an internal node when its bin of `features[feature[node]]` is ≤ `threshold[node]`.
 */
export interface GbdtTrees {
  /** Node offsets per tree; length = number of trees + 1. */
  start: Int32Array;
  /** Split feature (index into the model's `features`); −1 marks a leaf. */
  feature: Int32Array;
  /** Split bin: bins ≤ threshold go left. */
  threshold: Uint8Array;
  /** Children as global node indices (−1 for leaves); always right = left + 1. */
  left: Int32Array;
  right: Int32Array;
  /** Output of the node as a leaf, learning rate included (internal nodes keep theirs for display). */
  value: Float64Array;
  /** Split gain: the drop of the training squared error (0 for leaves). */
  gain: Float64Array;
  /** Training rows (in the bag) that reached the node. */
  count: Int32Array;
}

/** Hyperparameters, named after LightGBM's (`n_estimators`, `learning_rate`, `max_depth`, …). */
export interface GbdtParams {
  /** Number of trees (default 100). */
  trees?: number;
  /** Shrinkage applied to every leaf (default 0.1). */
  learningRate?: number;
  /** Maximum depth; 0 (or Infinity, stored as 0) for none (default 5). */
  maxDepth?: number;
  /** Maximum leaves per tree, grown best-first (default 2^maxDepth, i.e. full depth-wise trees; 31 without a depth limit). */
  numLeaves?: number;
  /** Minimum training rows per leaf (default 20). */
  minDataInLeaf?: number;
  /** Share of the features each tree may split on, drawn per tree (default 1; the notebooks use 0.1). */
  colsampleBytree?: number;
  /** Share of the rows each tree is fitted on, drawn per tree (default 1). */
  subsample?: number;
  /** L2 penalty on leaf values (default 0). */
  lambdaL2?: number;
  /** Smallest gain that justifies a split (default 0). */
  minGainToSplit?: number;
  /** Seed of the feature and row sampling (default 0). */
  seed?: number;
}

/** A trained gradient-boosted tree ensemble: prediction = baseScore + Σ over trees of the reached leaf's value. Plain data. */
export interface GbdtModel {
  kind: 'gbdt';
  features: string[];
  baseScore: number;
  trees: GbdtTrees;
  /** The hyperparameters used, defaults filled in. */
  params: Required<GbdtParams>;
  /** Mean squared training error after each tree. */
  trainMse: Float64Array;
  /** Total split gain per feature (LightGBM's importance_type="gain"). */
  importance: Float64Array;
  /** Training rows used (target present). */
  n: number;
  /** True when `shouldStop` ended training before all trees were built. */
  stopped: boolean;
  /** Target column name, when trained through `trainModel`. */
  target?: string;
}
