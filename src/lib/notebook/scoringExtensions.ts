import type { DatasetSummary } from '../workers/Workspace';
import type { ProgressCallback } from '../workers/scoring.api';
import type { DataTable } from './runner.protocol';

/** What `neutralizeScores` returns: per-era CORR (and FNC) of the neutralized predictions and their exposures. */
export interface NeutralizeScores {
  eras: string[];
  corr: Float64Array;
  fnc?: Float64Array;
  /** Eras × features, row-major. */
  exposures: Float64Array;
  featureNames: string[];
  maxExposure: Float64Array;
  summary: { corr: { mean: number; sharpe: number; std: number }; fnc?: { mean: number; sharpe: number; std: number } };
}

/** A model the scoring worker trains (src/lib/models); fields as the notebook's model cell fills them. */
export type ModelSpec =
  | { kind: 'ridge'; featureSet: string; target: string; lambda: number; trainEnd?: string }
  | { kind: 'gbdt'; featureSet: string; target: string; trees: number; learningRate: number; maxDepth: number; trainEnd?: string };

/**
 * The scoring-worker methods the notebook calls beyond those in scoring.api.ts today. The lead engineer is adding
 * them with these signatures; until they land, calling one rejects ("… is not a function") and the cell shows it.
 */
export interface ScoringExtensions {
  loadData(file: Blob, options: { featureSet?: string }, onProgress?: ProgressCallback): Promise<DatasetSummary>;
  getTable(options?: { columns?: string[]; featureSet?: string }): Promise<DataTable>;
  train(spec: ModelSpec, options: { name: string }, onProgress?: ProgressCallback): Promise<{ name: string; info?: Record<string, unknown> }>;
  neutralizePrepare(options: { model: string; featureSet?: string; features?: string[] }): Promise<{ id: string; featureNames?: string[] }>;
  neutralizeScores(id: string, proportion: number, options?: { fnc?: boolean }): Promise<NeutralizeScores>;
  neutralizeApply(id: string, proportion: number, name: string): Promise<void>;
}

/** The remote as the notebook sees it: today's methods plus the extensions (a cast, checked at call time). */
export const ext = (remote: unknown) => remote as ScoringExtensions;
