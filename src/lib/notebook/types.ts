/** The notebook's data model: cells, their configs, documents, statuses and the outputs cells display. */
import type { DatasetSummary } from '../workers/Workspace';
import type { SignalsSummary } from '../workers/SignalsWorkspace';
import type { NeutralizedScores } from '../scoring/NeutralizationSession';
import type { PayoutRound } from '../scoring/payout';
import type { EraScores } from '../scoring/scoreEras';
import type { Summary } from '../scoring/summarize';

import type { BuiltinKind, CellConfigs } from './kinds/registry';

export type { BuiltinKind, CellConfigs } from './kinds/registry';
export type { DataConfig, ColumnFileConfig, ColumnFileKind } from './kinds/data';
export type { ModelConfig } from './kinds/model';
export type { ScoreConfig } from './kinds/score';
export type { NeutralizeConfig } from './kinds/neutralize';
export type { ChartConfig } from './kinds/chart';
export type { PayoutConfig } from './kinds/payout';
export type { SignalsDataConfig, SignalsFileConfig } from './kinds/signalsData';
export type { SignalsScoreConfig } from './kinds/signalsScore';
export type { SignalsChartConfig } from './kinds/signalsChart';

/** Every cell kind: markdown and code (source text) and the built-in kinds of `kinds/registry.ts` (settings). */
export type CellKind = 'markdown' | 'code' | BuiltinKind;

/** Which eras a score or neutralize cell uses. */
export type ErasChoice = 'all' | 'validation';

/** The chart kinds over eras (one value per era and series). */
export type EraChartType = 'eraBars' | 'cumulative' | 'drawdown' | 'histogram';
export const eraChartTypes: readonly EraChartType[] = ['eraBars', 'cumulative', 'drawdown', 'histogram'];
/** Every chart kind a chart cell or `display({ type })` can draw. */
export type ChartType = EraChartType | 'exposure' | 'tradeoff' | 'payout';
export const chartTypes: readonly ChartType[] = [...eraChartTypes, 'exposure', 'tradeoff', 'payout'];

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
  /** Which tutorial a tutorial notebook is ("Learn Signals": signals); absent on the Tournament's. */
  tutorial?: 'signals';
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
  /** Era labels, one per value (YYYY-MM-DD dates get a date axis). */
  x: string[];
  series: ChartSeries[];
  /** Bars only: a dashed rule at this value, e.g. Signals' churn limit. */
  threshold?: { value: number; label: string };
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
export type DatasetRef = { $dataset: string; /** The data cell whose scoring worker holds the rows. */ owner: string } & Pick<DatasetSummary, 'n' | 'eras' | 'featureNames' | 'featureSets' | 'targets' | 'columns' | 'validationEras' | 'source'>;

/**
 * The value a Signals data cell defines: a description of the Signals data its scoring worker holds (universe per
 * date, neutralizers, sample weights, targets, outside data, cleaned signals; rows stay in the worker). Code cells
 * get the rows as `SignalsTable`.
 */
export type SignalsRef = { $signals: string; /** The Signals data cell whose scoring worker holds the rows. */ owner: string } & Pick<
  SignalsSummary,
  'n' | 'dates' | 'rowsPerDate' | 'tickers' | 'idColumn' | 'neutralizerNames' | 'neutralizers' | 'targets' | 'columns' | 'signals' | 'prices' | 'tickerMap' | 'source'
>;

/** The value a model or neutralize cell defines: a column held by the scoring worker, plus metadata. */
export interface ColumnRef {
  $column: string;
  /** The data cell whose worker holds the column (columns of different datasets do not mix). */
  owner?: string;
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
export const isSignalsRef = (v: unknown): v is SignalsRef => typeof v === 'object' && v !== null && typeof (v as SignalsRef).$signals === 'string';
export const isColumnRef = (v: unknown): v is ColumnRef => typeof v === 'object' && v !== null && typeof (v as ColumnRef).$column === 'string';
export const isWorkerRef = (v: unknown): v is WorkerRef => typeof v === 'object' && v !== null && typeof (v as WorkerRef).$worker === 'string';
