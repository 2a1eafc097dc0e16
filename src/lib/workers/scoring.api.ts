import * as Comlink from 'comlink';
import type { GenerateDatasetOptions } from '../data/generateDataset';
import type { PredictionKind } from '../data/loadPredictions';
import type { NeutralizedScores } from '../scoring/NeutralizationSession';
import type { EraScores } from '../scoring/scoreEras';
import { modelBuffers } from '../models/modelBuffers';
import type { GenerateSignalsDatasetOptions, SignalsPrices } from '../data/generateSignalsDataset';
import type { LoadSignalsDatasetOptions } from '../data/loadSignalsDataset';
import type { SignalsSubmissionRows } from '../scoring/signals/cleanSignalsSubmission';
import type { SignalsScores } from '../scoring/signals/scoreSignals';
import { SignalsWorkspace, type SignalInfo, type SignalsScoreRequest, type SignalsSummary, type SignalsTablePayload } from './SignalsWorkspace';
import { openUrlSource } from '../data/urlSource';
import { Workspace, type DatasetSummary, type JobEstimate, type LoadDataOptions, type NeutralizationSweep, type ScoreRequest, type TablePayload, type TrainResult, type WorkspaceModelSpec } from './Workspace';

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

/** Every typed-array buffer inside a Signals score result. */
export function signalsScoreBuffers(result: SignalsScores): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const m of Object.values(result.models)) {
    buffers.push(m.n.buffer as ArrayBuffer);
    for (const a of Object.values(m.perDate)) if (a) buffers.push(a.buffer as ArrayBuffer);
  }
  return buffers;
}

/** The object the scoring worker exposes; typed once here and shared with the page through `ScoringApi`. */
export function createScoringApi(workspace = new Workspace(), signals = new SignalsWorkspace()) {
  return {
    ...signalsApi(signals),
    loadGenerated(options: GenerateDatasetOptions = {}): DatasetSummary {
      return workspace.loadGenerated(options);
    },
    describe(): DatasetSummary {
      return workspace.describe();
    },
    /**
     * Reads a Numerai parquet/CSV file chosen by the user (a File moves to the worker by structured clone), or at an
     * http(s) URL (parquet: only the footer and the needed column chunks are fetched, with Range requests).
     */
    async loadData(file: Blob | string, options: LoadDataOptions = {}, onProgress?: ProgressCallback): Promise<DatasetSummary> {
      const input = typeof file === 'string' ? await openUrlSource(file, { onFetch: onProgress ? (b, t) => void onProgress(b, t, 'fetching bytes') : undefined }) : file;
      return workspace.loadData(input, options, onProgress ? (f) => void onProgress(f, 1, 'reading') : undefined);
    },
    /** What loading `file` with these options and scoring `models` columns would take, from its footer alone. */
    async estimate(file: Blob | string, options: LoadDataOptions = {}, models = 1): Promise<JobEstimate> {
      return workspace.estimate(typeof file === 'string' ? await openUrlSource(file) : file, options, models);
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

/**
 * The Signals half of the worker API (`signals*`): its own workspace (data, cleaned signals, ticker map, prices), so a
 * worker can hold Tournament and Signals data at once. Results move their typed arrays instead of copying them.
 */
function signalsApi(signals: SignalsWorkspace) {
  return {
    /** Generates the built-in Signals data (daily prices, a bloomberg_ticker → numerai_ticker map). */
    signalsLoadGenerated(options: GenerateSignalsDatasetOptions = {}): SignalsSummary {
      return signals.loadGenerated(options);
    },
    /** Reads a Signals parquet/CSV data file chosen by the user. */
    signalsLoadData(file: Blob, options: Omit<LoadSignalsDatasetOptions, 'onProgress'> = {}, onProgress?: ProgressCallback): Promise<SignalsSummary> {
      return signals.loadData(file, { ...options, name: options.name ?? (file as File).name }, onProgress ? (f) => void onProgress(f, 1, 'reading') : undefined);
    },
    signalsDescribe(): SignalsSummary {
      return signals.describe();
    },
    /** Reads a ticker map file (two id columns, e.g. bloomberg_ticker,numerai_ticker). */
    signalsLoadTickerMap(file: Blob, options: { from?: string; to?: string; fileName?: string } = {}) {
      return signals.loadTickerMap(file, { ...options, name: options.fileName ?? (file as File).name });
    },
    /** Reads, checks and cleans a submission file (ticker, [date,] signal) into a signal; rejects with the broken rule's message. */
    signalsLoadSubmission(file: Blob, options: { name?: string; fileName?: string; date?: string } = {}): Promise<SignalInfo> {
      return signals.loadSubmission(file, { ...options, fileName: options.fileName ?? (file as File).name });
    },
    /** Checks and cleans a submission given as rows (e.g. built in a code cell). */
    signalsAddSubmission(rows: SignalsSubmissionRows, options: { date?: string } = {}): SignalInfo {
      return signals.addSubmission(rows, options);
    },
    /** Stores a per-row numeric column (aligned to the rows). */
    signalsSetColumn(name: string, values: Float64Array): void {
      signals.setColumn(name, values);
    },
    /** Submits a per-row column on every date it has values, as signal `name` (default: the column's name); `rank` ranks each date into (0, 1) first. */
    signalsSubmitColumn(column: string, options: { name?: string; rank?: boolean } = {}): SignalInfo {
      return signals.submitColumn(column, options);
    },
    signalsRemoveSignal(name: string): void {
      signals.removeSignal(name);
    },
    signalsSignalInfo(name: string): SignalInfo {
      return signals.signalInfo(name);
    },
    /** Scores signals date by date: alpha, MPC (with stakes), churn, turnover, summaries. */
    signalsScore(request: SignalsScoreRequest = {}, onProgress?: ProgressCallback): SignalsScores {
      const r = signals.score(request, onProgress ? (d, t) => void onProgress(d, t, 'scoring dates') : undefined);
      return Comlink.transfer(r, signalsScoreBuffers(r));
    },
    /** Copies of the rows' arrays for a code cell (neutralizers only with `neutralizers: true`). */
    signalsGetTable(options: { columns?: string[]; signals?: string[]; neutralizers?: boolean } = {}): SignalsTablePayload {
      const t = signals.table(options);
      const arrays: ArrayBufferView[] = [t.dateStarts, t.ticker, t.sampleWeight, ...Object.values(t.targets), ...Object.values(t.columns), ...Object.values(t.signals), ...t.neutralizers];
      if (t.exposures) arrays.push(...t.exposures.categorical.map((c) => c.codes), ...t.exposures.numeric.map((f) => f.values));
      return Comlink.transfer(t, arrays.map((a) => a.buffer as ArrayBuffer));
    },
    /** A copy of the daily prices (generated data only). */
    signalsGetPrices(): SignalsPrices {
      const p = signals.pricesCopy();
      return Comlink.transfer(p, [p.close.buffer as ArrayBuffer]);
    },
    /** A copy of a data column, target or cleaned signal. */
    signalsGetColumn(name: string): Float64Array {
      const copy = Float64Array.from(signals.column(name));
      return Comlink.transfer(copy, [copy.buffer]);
    }
  };
}
