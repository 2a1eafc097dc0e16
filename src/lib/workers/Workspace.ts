import { alignToDataset } from '../data/alignToDataset';
import type { Dataset } from '../data/Dataset';
import { columnNameOf } from '../data/columnNameOf';
import { erasAfterEmbargo } from '../data/embargo';
import { estimateDataset, type DatasetEstimate } from '../data/estimateDataset';
import { parseFeaturesJson, type FeaturesJson } from '../data/featureSets';
import { generateDataset, type GenerateDatasetOptions } from '../data/generateDataset';
import { loadDataset, type LoadDatasetOptions } from '../data/loadDataset';
import { loadPredictions, type PredictionKind } from '../data/loadPredictions';
import type { FileInput } from '../data/toByteSource';
import { PlaygroundError } from '../errors';
import { NeutralizationSession, type NeutralizedScores } from '../scoring/NeutralizationSession';
import { estimateScoringMs, scoringWorkingBytes } from '../scoring/estimateScoring';
import { scoreEras, type EraScores } from '../scoring/scoreEras';
import type { MetricName } from '../scoring/metrics';
import { summarize, type Summary } from '../scoring/summarize';
import type { ModelSpec, TrainedModel } from '../models/ModelSpec';
import { predict } from '../models/predict';
import { rankEnsemble } from '../models/rankEnsemble';
import { trainingSet, trainModel } from '../models/trainModel';
import type { TrainControl } from '../models/TrainingSet';

/** What a page or a CLI needs to know about the loaded data, without the rows. */
export interface DatasetSummary {
  n: number;
  eras: string[];
  /** Rows per era, in era order. */
  rowsPerEra: number[];
  featureNames: string[];
  featureSets: Record<string, string[]>;
  targets: string[];
  /** Numeric columns that can be scored or used as meta model / benchmark. */
  columns: string[];
  /**
   * When the data has "train" rows: the eras after the last training era and a 4-era embargo (what a model trained
   * on the training eras may be judged on); absent otherwise.
   */
  validationEras?: string[];
  source: string;
  warnings: string[];
}

export interface ScoreRequest {
  /** Columns to score as models (default: every column that is not a reference model). */
  models?: string[];
  /** Target column (default `target`). */
  target?: string;
  /** Meta model column for MMC and corr_meta (default `numerai_meta_model` when present; null for none). */
  metaModel?: string | null;
  /** Benchmark column for BMC (default: the first column starting with `v5`/`v4` or containing `benchmark`; null for none). */
  benchmark?: string | null;
  /** Feature set for FNC and exposures (default: every feature of the dataset). */
  featureSet?: string;
  /** Explicit feature names (wins over featureSet). */
  features?: string[];
  metrics?: MetricName[];
  /** Score only these eras (labels), e.g. the validation eras after the embargo; default all. */
  eras?: string[];
}

/** What loading a file and scoring it would take, known before reading it (see `Workspace.estimate`). */
export interface JobEstimate extends DatasetEstimate {
  /** Prediction columns the scoring time is for. */
  models: number;
  /** Scoring time on this machine (calibrated here), ms. */
  scoringMs: number;
  /** Bytes held at the peak: the loaded columns plus the larger of reading and scoring's working set. */
  memoryBytes: number;
}

/** A model spec whose features may also be named by a feature set of the loaded data. */
export type WorkspaceModelSpec = ModelSpec & { featureSet?: string };

/** What training produced, besides the prediction column. */
export interface TrainResult {
  name: string;
  model: TrainedModel;
  info: { kind: ModelSpec['kind']; features: number; trainRows: number; trainEras: string[]; validationEras: string[]; ms: number };
}

export const META_MODEL = 'numerai_meta_model';

/** Options of `loadData`: which columns and rows of a Numerai file to read. */
export interface LoadDataOptions extends Omit<LoadDatasetOptions, 'featuresJson' | 'onProgress'> {
  /** features.json text or object, to resolve `featureSet`. */
  featuresJson?: FeaturesJson | string;
}

/** The rows of the workspace as plain typed arrays (copies), for a code-cell worker. */
export type TablePayload = Pick<Dataset, 'n' | 'eras' | 'eraStarts' | 'featureNames' | 'features' | 'targets' | 'columns'> & { ids: string[] };

export interface NeutralizationSweep {
  proportions: number[];
  corr: Summary[];
  fnc: Summary[];
  maxExposure: number[];
}

/**
 * The loaded data and every column derived from it, with the operations the scoring worker and the CLI share.
 * Plain TypeScript: no worker globals, so Node (CLI, tests) uses it directly.
 */
export class Workspace {
  dataset: Dataset | null = null;
  featuresJson: FeaturesJson | null = null;

  /** Generates the built-in, seeded Numerai-shaped dataset. */
  loadGenerated(options: GenerateDatasetOptions = {}): DatasetSummary {
    const { dataset, featuresJson } = generateDataset(options);
    return this.setDataset(dataset, featuresJson);
  }

  /** Reads a Numerai parquet or CSV file (only the columns asked for) and makes it the workspace's data. */
  async loadData(input: FileInput, options: LoadDataOptions = {}, onProgress?: (fraction: number) => void): Promise<DatasetSummary> {
    const featuresJson = typeof options.featuresJson === 'string' ? parseFeaturesJson(options.featuresJson) : options.featuresJson;
    const dataset = await loadDataset(input, { ...options, featuresJson, onProgress: onProgress ? (p) => onProgress(p.fraction) : undefined });
    return this.setDataset(dataset, featuresJson ?? null);
  }

  /**
   * Reads only the parquet footer (or the CSV header) of a data file and estimates loading it with these options and
   * scoring `models` prediction columns: bytes to read, memory, scoring time (FNC and exposures grow with the feature
   * set: O(n·k²) per era). Rows are counted before any data_type filter, so the figures are upper bounds.
   */
  async estimate(input: FileInput, options: LoadDataOptions = {}, models = 1): Promise<JobEstimate> {
    const featuresJson = typeof options.featuresJson === 'string' ? parseFeaturesJson(options.featuresJson) : options.featuresJson;
    const d = await estimateDataset(input, { ...options, featuresJson });
    const shape = { rows: d.rows, eras: d.eras, features: d.features, models };
    return { ...d, models, scoringMs: estimateScoringMs(shape), memoryBytes: d.loadedBytes + Math.max(d.readingBytes, scoringWorkingBytes(shape)) };
  }

  /** Reads a predictions, meta model or benchmark file, joins it on id and stores it as a column. */
  async loadColumn(input: FileInput, options: { kind?: PredictionKind; name?: string; column?: string; fileName?: string } = {}): Promise<{ name: string; warnings: string[]; coverage: number }> {
    const d = this.data();
    const kind = options.kind ?? 'predictions';
    // Duplicate ids are found by the join itself: no separate pass over the file's ids.
    const pred = await loadPredictions(input, { kind, column: options.column, name: options.fileName, checkDuplicates: false });
    const aligned = alignToDataset(pred, d);
    const name = options.name ?? (kind === 'meta_model' ? META_MODEL : kind === 'benchmark' ? pred.column : columnNameOf(pred.source));
    d.columns[name] = aligned.values;
    return { name, warnings: aligned.warnings, coverage: aligned.coverage };
  }

  /** Copies of the rows' arrays (features of a set, targets, numeric columns) for another worker. */
  table(options: { columns?: string[]; featureSet?: string; features?: string[]; ids?: boolean } = {}): TablePayload {
    const d = this.data();
    const features = this.featureColumns(options.featureSet, options.features);
    const names = options.columns ?? Object.keys(d.columns);
    return {
      n: d.n,
      ids: options.ids === false ? [] : d.ids.toArray(),
      eras: d.eras,
      eraStarts: Uint32Array.from(d.eraStarts),
      featureNames: features.names,
      features: features.columns.map((c) => Int8Array.from(c)),
      targets: Object.fromEntries(Object.entries(d.targets).map(([k, v]) => [k, Float64Array.from(v)])),
      columns: Object.fromEntries(names.map((k) => [k, Float64Array.from(this.column(k))]))
    };
  }

  #sessions = new Map<string, NeutralizationSession>();
  #nextSession = 0;

  /** Fits the per-era neutralization of a model's predictions against a feature set once; returns its id. */
  neutralizePrepare(
    options: { model: string; featureSet?: string; features?: string[]; target?: string; eras?: string[] },
    onProgress?: (done: number, total: number) => void
  ): { id: string; featureNames: string[] } {
    const d = this.data();
    const features = this.featureColumns(options.featureSet, options.features);
    // a run of consecutive eras (e.g. the validation eras) is a slice of the era offsets: rows keep their positions
    let first = 0;
    let count = d.eras.length;
    if (options.eras) {
      first = d.eras.indexOf(options.eras[0]);
      count = options.eras.length;
      if (first < 0 || options.eras.some((e, i) => d.eras[first + i] !== e))
        throw new PlaygroundError('Neutralization eras must be consecutive eras of the data.', { hints: ['Pass the validation eras, or leave eras out for all of them.'] });
    }
    const session = new NeutralizationSession({
      eras: d.eras.slice(first, first + count),
      eraStarts: d.eraStarts.subarray(first, first + count + 1),
      target: this.column(options.target ?? 'target'),
      prediction: this.column(options.model),
      features: features.columns,
      featureNames: features.names,
      onProgress
    });
    const id = `n${++this.#nextSession}`;
    this.#sessions.set(id, session);
    return { id, featureNames: features.names };
  }

  #session(id: string): NeutralizationSession {
    const s = this.#sessions.get(id);
    if (!s) throw new PlaygroundError(`The neutralization "${id}" is not prepared (the data changed or the worker restarted).`, { hints: ['Run the neutralize cell again.'] });
    return s;
  }

  /** Scores at a proportion, with no refit. */
  neutralizeScores(id: string, proportion: number, options: { fnc?: boolean } = {}): NeutralizedScores {
    return this.#session(id).scores(proportion, options);
  }

  /** Summaries of CORR, FNC and max exposure over a grid of proportions: the neutralization trade-off. */
  neutralizeSweep(id: string, proportions: number[], onProgress?: (done: number, total: number) => void): NeutralizationSweep {
    const s = this.#session(id);
    const out: NeutralizationSweep = { proportions, corr: [], fnc: [], maxExposure: [] };
    proportions.forEach((a, i) => {
      const r = s.scores(a, { fnc: true });
      out.corr.push(r.summary.corr);
      out.fnc.push(r.summary.fnc!);
      out.maxExposure.push(r.summary.maxExposure.mean);
      onProgress?.(i + 1, proportions.length);
    });
    return out;
  }

  /** Stores p − proportion·F̃B as a new column `name`. */
  neutralizeApply(id: string, proportion: number, name: string): void {
    this.setColumn(name, this.#session(id).neutralized(proportion));
  }

  /**
   * Trains a model in this thread and stores its raw predictions for every row as column `name`. The eras after
   * the last training era plus a 4-era embargo are reported as the validation eras to score on.
   */
  train(spec: WorkspaceModelSpec, name: string, control: TrainControl = {}): TrainResult {
    const d = this.data();
    const t0 = performance.now();
    const { featureSet, ...rest } = spec;
    const resolved = (rest.features || !featureSet ? rest : { ...rest, features: this.featureColumns(featureSet).names }) as ModelSpec;
    const set = trainingSet(d, resolved);
    const rows = set.rows ?? Uint32Array.from({ length: d.n }, (_, i) => i);
    const model = trainModel(d, { ...resolved, rows }, control);
    this.setColumn(name, predict(model, d));
    const eraOfRow = (row: number) => {
      let lo = 0;
      let hi = d.eras.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (d.eraStarts[mid] <= row) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const trainIdx = [...new Set(Array.from(rows, eraOfRow))].sort((a, b) => a - b);
    const last = trainIdx[trainIdx.length - 1] ?? -1;
    return {
      name,
      model,
      info: {
        kind: spec.kind,
        features: set.features.length,
        trainRows: rows.length,
        trainEras: trainIdx.map((k) => d.eras[k]),
        validationEras: erasAfterEmbargo(d.eras, last),
        ms: performance.now() - t0
      }
    };
  }

  /** Stores the per-era rank average of several columns as `name` (Numerai's target-ensemble recipe). */
  ensemble(columns: string[], name: string, weights?: number[]): void {
    const d = this.data();
    if (columns.length < 2) throw new PlaygroundError('An ensemble needs at least two columns.');
    this.setColumn(name, rankEnsemble(columns.map((c) => this.column(c)), d.eraStarts, { weights }));
  }

  /** Makes `dataset` the workspace's data; neutralization sessions of the old data are dropped and ids restart. */
  setDataset(dataset: Dataset, featuresJson: FeaturesJson | null = null): DatasetSummary {
    this.#sessions.clear();
    this.#nextSession = 0;
    this.dataset = dataset;
    this.featuresJson = featuresJson;
    return this.describe();
  }

  /** The dataset, or a clear error when nothing is loaded yet. */
  data(): Dataset {
    if (!this.dataset) throw new PlaygroundError('No data is loaded.', { hints: ['Load the built-in dataset or a Numerai parquet/CSV file first.'] });
    return this.dataset;
  }

  describe(): DatasetSummary {
    const d = this.data();
    const featureSets: Record<string, string[]> = { ...(this.featuresJson?.feature_sets ?? {}) };
    if (!featureSets.all) featureSets.all = d.featureNames;
    return {
      n: d.n,
      eras: d.eras,
      rowsPerEra: Array.from({ length: d.eras.length }, (_, k) => d.eraStarts[k + 1] - d.eraStarts[k]),
      featureNames: d.featureNames,
      featureSets,
      targets: Object.keys(d.targets),
      columns: Object.keys(d.columns),
      ...validationErasOf(d),
      source: d.info.source,
      warnings: d.info.warnings
    };
  }

  /** Adds or replaces a numeric column aligned to the rows (a model's predictions, say). */
  setColumn(name: string, values: Float64Array): void {
    const d = this.data();
    if (values.length !== d.n) throw new PlaygroundError(`Column "${name}" has ${values.length} values; the data has ${d.n} rows.`);
    d.columns[name] = values;
  }

  column(name: string): Float64Array {
    const d = this.data();
    const c = d.columns[name] ?? d.targets[name];
    if (!c) throw new PlaygroundError(`There is no column "${name}".`, { hints: [`Columns: ${[...Object.keys(d.columns), ...Object.keys(d.targets)].join(', ')}`] });
    return c;
  }

  /** Feature columns of a named set, or of the given names. */
  featureColumns(featureSet?: string, names?: string[]): { names: string[]; columns: Int8Array[] } {
    const d = this.data();
    const wanted = names ?? (featureSet ? this.describe().featureSets[featureSet] : d.featureNames);
    if (!wanted) throw new PlaygroundError(`There is no feature set "${featureSet}".`, { hints: [`Feature sets: ${Object.keys(this.describe().featureSets).join(', ')}`] });
    const index = new Map(d.featureNames.map((f, i) => [f, i]));
    const missing = wanted.filter((f) => !index.has(f));
    if (missing.length) throw new PlaygroundError(`${missing.length} features of the set are not in the data, e.g. ${missing.slice(0, 3).join(', ')}.`, { hints: ['Load the data with this feature set, or pick another set.'] });
    return { names: wanted, columns: wanted.map((f) => d.features[index.get(f)!]) };
  }

  /** Scores models era by era with the Numerai-exact engine. */
  score(request: ScoreRequest = {}, onProgress?: (done: number, total: number) => void): EraScores {
    const d = this.data();
    const meta = request.metaModel === undefined ? (d.columns[META_MODEL] ? META_MODEL : null) : request.metaModel;
    const bench = request.benchmark === undefined ? defaultBenchmark(Object.keys(d.columns)) : request.benchmark;
    const models = request.models ?? Object.keys(d.columns).filter((c) => c !== meta && c !== bench);
    if (!models.length) throw new PlaygroundError('There is nothing to score.', { hints: ['Add predictions (a model, or a predictions file) first.'] });
    const target = this.column(request.target ?? 'target');
    const features = this.featureColumns(request.featureSet, request.features);
    let eraIndices: number[] | undefined;
    if (request.eras) {
      const at = new Map(d.eras.map((e, k) => [e, k]));
      const missing = request.eras.filter((e) => !at.has(e));
      if (missing.length) throw new PlaygroundError(`${missing.length} eras to score are not in the data (e.g. ${missing[0]}).`);
      eraIndices = request.eras.map((e) => at.get(e)!);
    }
    return scoreEras({
      eraIndices,
      eras: d.eras,
      eraStarts: d.eraStarts,
      target,
      predictions: Object.fromEntries(models.map((m) => [m, this.column(m)])),
      metaModel: meta ? this.column(meta) : null,
      benchmark: bench ? this.column(bench) : null,
      features: features.columns,
      metrics: request.metrics,
      onProgress
    });
  }
}

/** Eras after the last era holding "train" rows and Numerai's embargo. */
function validationErasOf(d: Dataset): { validationEras?: string[] } {
  if (!d.dataType) return {};
  let last = -1;
  d.eras.forEach((_, k) => {
    for (let i = d.eraStarts[k]; i < d.eraStarts[k + 1]; ++i)
      if (d.dataType![i] === 'train') {
        last = k;
        break;
      }
  });
  return last < 0 ? {} : { validationEras: erasAfterEmbargo(d.eras, last) };
}

/** The benchmark column a Numerai file names like `v52_lgbm_ender20`, or one called `benchmark`. */
export function defaultBenchmark(columns: string[]): string | null {
  return columns.find((c) => /^v\d+.*lgbm/.test(c)) ?? columns.find((c) => c.includes('benchmark')) ?? null;
}
