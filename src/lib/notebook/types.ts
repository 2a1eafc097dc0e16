/** The notebook's data model: cells, their configs, documents, statuses and the outputs cells display. */
import type { DatasetSummary } from '../workers/Workspace';
import type { NeutralizedScores } from '../scoring/NeutralizationSession';
import type { PayoutRound } from '../scoring/payout';
import type { EraScores } from '../scoring/scoreEras';
import type { Summary } from '../scoring/summarize';

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
  /** Prediction-like files joined on id as extra columns (source "file"): predictions, the meta model, benchmarks. */
  columnFiles?: ColumnFileConfig[];
}

/** What a column file is: a user's predictions (strict), `numerai_meta_model` (MMC) or benchmark models (BMC). */
export type ColumnFileKind = 'predictions' | 'meta_model' | 'benchmark';

/** One prediction-like file of a data cell; the file itself stays in the session (`<cell id>:<id>`). */
export interface ColumnFileConfig {
  /** Stable row id (the session key of the picked file). */
  id: string;
  kind: ColumnFileKind;
  fileName?: string;
  /** Column name (predictions default to the file name, e.g. "linear" for linear.csv; meta model: numerai_meta_model). */
  name?: string;
}

export interface ModelConfig {
  name: string;
  data: string;
  /** A model to train, or a per-era rank average of prediction columns (Numerai's model/target ensembles). */
  kind: 'ridge' | 'gbdt' | 'ensemble';
  featureSet: string;
  target: string;
  /** Ridge penalty. */
  lambda?: number;
  /** GBDT hyperparameters. */
  trees?: number;
  learningRate?: number;
  maxDepth?: number;
  /** Ensemble: the prediction columns (notebook names or dataset columns) to rank-average per era. */
  members?: string[];
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
  /** "validation": only the eras after the training eras and a 4-era embargo (out of sample); default "all". */
  eras?: ErasChoice;
}

/** Which eras a score or neutralize cell uses. */
export type ErasChoice = 'all' | 'validation';

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
  /** "validation": fit and score only the eras after the training eras and the embargo; default "all". */
  eras?: ErasChoice;
}

/** The chart kinds over eras (one value per era and series). */
export type EraChartType = 'eraBars' | 'cumulative' | 'drawdown' | 'histogram';
export const eraChartTypes: readonly EraChartType[] = ['eraBars', 'cumulative', 'drawdown', 'histogram'];
/** Every chart kind a chart cell or `display({ type })` can draw. */
export type ChartType = EraChartType | 'exposure' | 'tradeoff' | 'payout';

export interface ChartConfig {
  /** A score cell's output (EraScores), a neutralize cell's output (trade-off) or a payout cell's output. */
  source: string;
  /**
   * Era kinds and "exposure" need scores; "tradeoff" a neutralize cell's output; "payout" a payout cell's output.
   * A payout or neutralize source draws its own kind whatever this says (older configs said eraBars/cumulative).
   */
  type: ChartType;
  metric: string;
  /** Models to plot (empty = all); "exposure" draws the first of them. */
  models: string[];
  /** "exposure": one era's exposures (its label); absent or "" = the mean over eras. */
  era?: string;
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
  /** The metric (registry name), for labels. */
  metric?: string;
}

/** Bars per era (coloured by sign), the cumulative sum over eras (a backtest line), its drawdown, or a histogram of the per-era values. */
export interface EraChartSpec {
  type: EraChartType;
  title?: string;
  /** Value-axis label (default from the chart type and metric). */
  yLabel?: string;
  /** Era labels, one per value. */
  x: string[];
  series: ChartSeries[];
}

/** Horizontal bars of one exposure per feature. */
export interface ExposureChartSpec {
  type: 'exposure';
  title?: string;
  features: string[];
  exposures: ArrayLike<number>;
  /** What the exposures are of ("ridge, mean over 60 eras"). */
  subject?: string;
  /** Bars shown (the largest |exposure|; default 30). */
  limit?: number;
}

/** Mean, sharpe and max drawdown of metrics (CORR, FNC) against the neutralization proportion. */
export interface TradeoffChartSpec {
  type: 'tradeoff';
  title?: string;
  points: { proportion: number; summary: Record<string, Summary> }[];
  metrics: string[];
  /** The proportion in use: a marker. */
  current?: number | null;
}

/** Payout and burn per round between the ±clip bounds, with the stake and the cumulative payout. */
export interface PayoutChartSpec {
  type: 'payout';
  title?: string;
  rounds: PayoutRound[];
  /** Round labels (eras). */
  labels?: string[];
  /** The clip as a share of stake (default 0.05). */
  clip?: number;
}

/** A chart as data; the page draws it with trusted components (never HTML from a cell). */
export type ChartSpec = EraChartSpec | ExposureChartSpec | TradeoffChartSpec | PayoutChartSpec;

export const isEraChartSpec = (s: ChartSpec): s is EraChartSpec => (eraChartTypes as readonly string[]).includes(s.type);

/** A score cell's value: the engine's scores plus the names of the features its exposures are of. */
export type NotebookScores = EraScores & { featureNames?: string[] };

/** What a neutralize cell shows: its scores at the cell's proportion (the live view replaces them while sliding). */
export interface NeutralizeDisplay {
  kind: 'neutralize';
  cellId: string;
  /** The predictions neutralized. */
  model: string;
  proportion: number;
  result: NeutralizedScores;
  /** How long the scores with FNC took in the worker (ms): decides whether the slider asks for FNC live. */
  ms: number;
}

export type TableValue = string | number | boolean | null;

/** What a cell shows below itself. Everything is data; markdown is sanitized before it is shown. */
export type DisplayItem =
  | { kind: 'text'; text: string }
  | { kind: 'log'; level: 'log' | 'info' | 'warn' | 'error'; text: string }
  | { kind: 'markdown'; text: string }
  | { kind: 'table'; columns: string[]; rows: TableValue[][]; total: number; caption?: string }
  | { kind: 'chart'; spec: ChartSpec }
  /** A score cell's charts: per-era bars, cumulative and drawdown of a chosen metric, and feature exposures. */
  | { kind: 'scores'; scores: NotebookScores }
  | NeutralizeDisplay
  | { kind: 'value'; text: string };

/** Display items drawn by the chart views (loaded lazily); OutputView draws the others. */
export type ChartItem = Extract<DisplayItem, { kind: 'chart' | 'scores' | 'neutralize' }>;
export type PlainItem = Exclude<DisplayItem, ChartItem>;

/** The value a data cell defines: a description of the dataset the scoring worker holds (rows stay there). */
export type DatasetRef = { $dataset: string } & Pick<DatasetSummary, 'n' | 'eras' | 'featureNames' | 'featureSets' | 'targets' | 'columns' | 'validationEras' | 'source'>;

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
