import * as Comlink from 'comlink';
import type { GenerateDatasetOptions } from '../data/generateDataset';
import type { PredictionKind } from '../data/loadPredictions';
import type { NeutralizedScores } from '../scoring/NeutralizationSession';
import type { EraScores } from '../scoring/scoreEras';
import { modelBuffers } from '../models/modelBuffers';
import { Workspace, type DatasetSummary, type LoadDataOptions, type NeutralizationSweep, type ScoreRequest, type TablePayload, type TrainResult, type WorkspaceModelSpec } from './Workspace';

/** Progress reports cross the worker boundary as a proxied callback. */
export type ProgressCallback = (done: number, total: number, label?: string) => void;

/** Every typed-array buffer inside a score result, so the result moves instead of being copied. */
export function scoreBuffers(result: EraScores): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const m of Object.values(result.models)) {
    buffers.push(m.n.buffer as ArrayBuffer);
    for (const a of Object.values(m.perEra)) if (a) buffers.push(a.buffer as ArrayBuffer);
    if (m.exposures) buffers.push(m.exposures.buffer as ArrayBuffer);
  }
  return buffers;
}

/** The object the scoring worker exposes; typed once here and shared with the page through `ScoringApi`. */
export function createScoringApi(workspace = new Workspace()) {
  return {
    loadGenerated(options: GenerateDatasetOptions = {}): DatasetSummary {
      return workspace.loadGenerated(options);
    },
    describe(): DatasetSummary {
      return workspace.describe();
    },
    /** Reads a Numerai parquet/CSV file chosen by the user (a File moves to the worker by structured clone). */
    loadData(file: Blob, options: LoadDataOptions = {}, onProgress?: ProgressCallback): Promise<DatasetSummary> {
      return workspace.loadData(file, options, onProgress ? (f) => void onProgress(f, 1, 'reading') : undefined);
    },
    /** `fileName` names the file in messages and defaults the column name (a File's name may not survive cloning). */
    loadColumn(file: Blob, options: { kind?: PredictionKind; name?: string; column?: string; fileName?: string } = {}) {
      return workspace.loadColumn(file, { ...options, fileName: options.fileName ?? (file as File).name });
    },
    getTable(options: { columns?: string[]; featureSet?: string; features?: string[]; ids?: boolean } = {}): TablePayload {
      const t = workspace.table(options);
      const buffers = [t.eraStarts, ...t.features, ...Object.values(t.targets), ...Object.values(t.columns)].map((a) => a.buffer as ArrayBuffer);
      return Comlink.transfer(t, buffers);
    },
    /** Trains a model; its predictions become column `name`. Stop it with ScoringClient.cancel(). */
    train(spec: WorkspaceModelSpec, options: { name: string }, onProgress?: ProgressCallback): TrainResult {
      const r = workspace.train(spec, options.name, { onProgress: onProgress ? (d, t) => void onProgress(d, t, 'training') : undefined });
      return Comlink.transfer(r, modelBuffers(r.model));
    },
    ensemble(columns: string[], name: string, weights?: number[]): void {
      workspace.ensemble(columns, name, weights);
    },
    neutralizePrepare(options: { model: string; featureSet?: string; features?: string[]; target?: string; eras?: string[] }, onProgress?: ProgressCallback) {
      return workspace.neutralizePrepare(options, onProgress ? (d, t) => void onProgress(d, t, 'fitting eras') : undefined);
    },
    neutralizeScores(id: string, proportion: number, options: { fnc?: boolean } = {}): NeutralizedScores {
      const r = workspace.neutralizeScores(id, proportion, options);
      const buffers = [r.corr, r.exposures, r.maxExposure, ...(r.fnc ? [r.fnc] : [])].map((a) => a.buffer as ArrayBuffer);
      return Comlink.transfer(r, buffers);
    },
    neutralizeSweep(id: string, proportions: number[], onProgress?: ProgressCallback): NeutralizationSweep {
      return workspace.neutralizeSweep(id, proportions, onProgress ? (d, t) => void onProgress(d, t, 'sweeping proportions') : undefined);
    },
    neutralizeApply(id: string, proportion: number, name: string): void {
      workspace.neutralizeApply(id, proportion, name);
    },
    setColumn(name: string, values: Float64Array): void {
      workspace.setColumn(name, values);
    },
    /** A copy of a column (the worker keeps its own). */
    getColumn(name: string): Float64Array {
      const copy = Float64Array.from(workspace.column(name));
      return Comlink.transfer(copy, [copy.buffer]);
    },
    score(request: ScoreRequest = {}, onProgress?: ProgressCallback): EraScores {
      const result = workspace.score(request, onProgress ? (d, t) => void onProgress(d, t, 'scoring eras') : undefined);
      return Comlink.transfer(result, scoreBuffers(result));
    }
  };
}

export type ScoringApi = ReturnType<typeof createScoringApi>;
