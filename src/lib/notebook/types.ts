/** The notebook's data model: cells, their configs, documents, statuses and the outputs cells display. */

export type CellKind = 'markdown' | 'code' | 'data' | 'model' | 'score' | 'neutralize' | 'chart' | 'payout';
export type BuiltinKind = Exclude<CellKind, 'markdown' | 'code'>;
export const cellKinds: readonly CellKind[] = ['markdown', 'code', 'data', 'model', 'score', 'neutralize', 'chart', 'payout'];
export const builtinKinds: readonly BuiltinKind[] = ['data', 'model', 'score', 'neutralize', 'chart', 'payout'];

/** The built-in dataset (seeded generator) or a local Numerai parquet/CSV file picked in this session. */
export interface DataConfig {
  name: string;
  source: 'generated' | 'file';
  /** Generator options (source "generated"). */
  seed?: number;
  eras?: number;
  rowsPerEra?: number;
  features?: number;
  /** File options (source "file"): the files themselves are not saved, only their names. */
  fileName?: string;
  /** Numerai's features.json, for feature sets (without it every feature_* column is read). */
  featuresFileName?: string;
  featureSet?: string;
  /** Keep only rows of these data types ("train", "validation"); empty = all. */
  dataTypes?: string[];
  /** Keep every k-th era (1 = all; Numerai's notebooks use 4). */
  everyEra?: number;
}

export interface ModelConfig {
  name: string;
  data: string;
  kind: 'ridge' | 'gbdt';
  featureSet: string;
  target: string;
  /** Ridge penalty. */
  lambda?: number;
  /** GBDT hyperparameters. */
  trees?: number;
  learningRate?: number;
  maxDepth?: number;
  /** Last training era (default: the last "train" era of the data). */
  trainEnd?: string;
}

export interface ScoreConfig {
  name: string;
  data: string;
  /** Notebook names (model/neutralize/code outputs) or dataset columns. */
  predictions: string[];
  target: string;
  /** Metrics to compute; empty = all the data allows. */
  metrics: string[];
  /** Feature set for FNC and exposures ("" = every feature). */
  featureSet: string;
}

export interface NeutralizeConfig {
  name: string;
  data: string;
  /** The predictions to neutralize: a notebook name or a dataset column. */
  model: string;
  proportion: number;
  /** A feature set name ("" = every feature). */
  featureSet: string;
  /** A feature group (substring of the feature names, e.g. "intelligence"); wins over featureSet. */
  featureGroup?: string;
}

export interface ChartConfig {
  /** A score cell's output (EraScores) or a payout cell's output. */
  source: string;
  type: 'eraBars' | 'cumulative';
  metric: string;
  /** Models to plot (empty = all). */
  models: string[];
}

export interface PayoutConfig {
  name: string;
  /** A score cell's output with CORR and MMC. */
  scores: string;
  /** The model to pay out (default: the first of the scores). */
  model: string;
  stake: number;
  corrWeight: number;
  mmcWeight: number;
  threshold: number;
  /** Total NMR at risk across all models, for the payout factor (0 = below the threshold). */
  totalAtRisk: number;
  compound: boolean;
}

export interface CellConfigs {
  data: DataConfig;
  model: ModelConfig;
  score: ScoreConfig;
  neutralize: NeutralizeConfig;
  chart: ChartConfig;
  payout: PayoutConfig;
}

interface CellBase {
  id: string;
  /** Lazy cells are not re-run when an input changes: they become stale and show a Run button. */
  lazy?: boolean;
}
export interface MarkdownCell extends CellBase { kind: 'markdown'; source: string }
export interface CodeCell extends CellBase { kind: 'code'; source: string; lang?: 'js' | 'ts' }
export type BuiltinCell = { [K in BuiltinKind]: CellBase & { kind: K; config: CellConfigs[K] } }[BuiltinKind];
export type Cell = MarkdownCell | CodeCell | BuiltinCell;
export type CellOf<K extends CellKind> = Extract<Cell, { kind: K }>;

export interface NotebookDoc {
  id: string;
  title: string;
  cells: Cell[];
  createdAt: number;
  updatedAt: number;
  /** Where the notebook came from; `original` is what "reset" restores. */
  origin?: 'tutorial' | 'blank' | 'import' | 'share' | 'copy';
  original?: { title: string; cells: Cell[] };
  /** Opened from a link or a file and not run yet: opening it runs nothing ("safe open") until the user runs it. */
  untrusted?: boolean;
}

export type CellStatus = 'idle' | 'queued' | 'running' | 'stale' | 'error' | 'done';

/** What a cell defines and uses, found by parsing (code) or from the config (built-in cells). */
export interface CellDeps {
  defines: string[];
  uses: string[];
  /** A parse or config error: the cell cannot run. */
  error?: { message: string; line?: number };
  /** Code cells: the JavaScript to run (types stripped; same line numbers as the source). */
  js?: string;
  /** Code cells: [start, end) of a final expression statement in `js`, displayed automatically. */
  lastExpression?: [number, number];
}

export interface CellError {
  message: string;
  /** 1-based line in the cell source. */
  line?: number;
  /** The cell did not run because a cell it depends on failed. */
  upstream?: boolean;
}

/** One series of a chart: a label and one value per x position (NaN = no value). */
export interface ChartSeries {
  label: string;
  values: ArrayLike<number>;
}

/** A chart as data; the page draws it with trusted components (never HTML from a cell). */
export interface ChartSpec {
  /** Bars per era, or the cumulative sum over eras (a backtest line). */
  type: 'eraBars' | 'cumulative';
  title?: string;
  /** Value-axis label (default from the chart type). */
  yLabel?: string;
  /** Era labels, one per value. */
  x: string[];
  series: ChartSeries[];
}

export type TableValue = string | number | boolean | null;

/** What a cell shows below itself. Everything is data; markdown is sanitized before it is shown. */
export type DisplayItem =
  | { kind: 'text'; text: string }
  | { kind: 'log'; level: 'log' | 'info' | 'warn' | 'error'; text: string }
  | { kind: 'markdown'; text: string }
  | { kind: 'table'; columns: string[]; rows: TableValue[][]; total: number; caption?: string }
  | { kind: 'chart'; spec: ChartSpec }
  | { kind: 'value'; text: string };

/** The value a data cell defines: a description of the dataset the scoring worker holds (rows stay there). */
export interface DatasetRef {
  $dataset: string;
  n: number;
  eras: string[];
  featureNames: string[];
  featureSets: Record<string, string[]>;
  targets: string[];
  columns: string[];
  source: string;
}

/** The value a model or neutralize cell defines: a column held by the scoring worker, plus metadata. */
export interface ColumnRef {
  $column: string;
  /** Changes whenever the worker's column is rewritten (each run of the cell that defines it). */
  version?: number;
  info: Record<string, unknown>;
}

/** A value that cannot leave the runner worker (a function, a class instance): kept there, referenced by name. */
export interface WorkerRef {
  $worker: string;
  cellId: string;
  type: string;
}

export const isDatasetRef = (v: unknown): v is DatasetRef => typeof v === 'object' && v !== null && typeof (v as DatasetRef).$dataset === 'string';
export const isColumnRef = (v: unknown): v is ColumnRef => typeof v === 'object' && v !== null && typeof (v as ColumnRef).$column === 'string';
export const isWorkerRef = (v: unknown): v is WorkerRef => typeof v === 'object' && v !== null && typeof (v as WorkerRef).$worker === 'string';
