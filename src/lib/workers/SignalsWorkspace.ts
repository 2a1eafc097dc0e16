import { buildSignalsNeutralizers } from '../data/buildSignalsNeutralizers';
import { generateSignalsDataset, type GenerateSignalsDatasetOptions, type SignalsPrices } from '../data/generateSignalsDataset';
import { loadSignalsDataset, type LoadSignalsDatasetOptions } from '../data/loadSignalsDataset';
import { loadSignalsPredictions } from '../data/loadSignalsPredictions';
import { loadTickerMap } from '../data/loadTickerMap';
import type { SignalsDataset } from '../data/SignalsDataset';
import type { FileInput } from '../data/toByteSource';
import { PlaygroundError } from '../errors';
import { rankAverage } from '../scoring/rankAverage';
import { cleanSignalsSubmission, type SignalsSubmissionRows, type TickerMap } from '../scoring/signals/cleanSignalsSubmission';
import { scoreSignals, type SignalsScores } from '../scoring/signals/scoreSignals';
import type { SignalsMetricName } from '../scoring/signals/signalsMetrics';
import { submissionFromColumn } from '../scoring/signals/submissionFromColumn';

/** What a page, a notebook cell or the CLI needs to know about the loaded Signals data, without the rows. */
export interface SignalsSummary {
  n: number;
  /** Dates (YYYY-MM-DD), ascending. */
  dates: string[];
  /** Universe size of each date. */
  rowsPerDate: number[];
  /** Distinct tickers over all dates. */
  tickers: number;
  /** Id kind of the universe (numerai_ticker). */
  idColumn: string;
  neutralizerNames: string[];
  /** Whether the neutralizers are the file's prepared columns or built from raw exposures. */
  neutralizers: 'prepared' | 'exposures';
  /** Raw exposures available (categorical with their levels, numeric by name), or null. */
  exposures: { categorical: { name: string; levels: string[] }[]; numeric: string[] } | null;
  targets: string[];
  /** Numeric data columns (outside data, columns set by code). */
  columns: string[];
  /** Cleaned signals ready to score, by name. */
  signals: string[];
  /** Whether daily prices are available (the generated data). */
  prices: boolean;
  /** The ticker map's id kinds, when one is loaded (the generated data has bloomberg_ticker → numerai_ticker). */
  tickerMap: { from: string; to: string } | null;
  source: string;
  warnings: string[];
}

/** A signal added to the workspace: where it came from and what cleaning reported. */
export interface SignalInfo {
  name: string;
  /** Dates the signal covers. */
  dates: string[];
  /** Submitted rows whose ticker is not in their date's universe (ignored). */
  invalidTickers: { rows: number; examples: string[] };
  warnings: string[];
}

export interface SignalsScoreRequest {
  /** Signals to score (default: every signal). */
  models?: string[];
  /** Target column (default `target`). */
  target?: string;
  /** Stakes by signal name: enables MPC over those signals (each must be a signal of the workspace). */
  stakes?: Record<string, number> | null;
  /** k of the top/bottom churn (adds `churn_top_bottom`). */
  churnTopBottom?: number;
  metrics?: SignalsMetricName[];
  /** `data` (default): the dataset's neutralizers; `exposures`: rebuilt from the raw exposures (same alpha when they span the same space). */
  neutralizers?: 'data' | 'exposures';
}

/** Rows of the Signals data as plain typed arrays (copies), for a code-cell worker. */
export interface SignalsTablePayload {
  n: number;
  idColumn: string;
  dates: string[];
  dateStarts: Uint32Array;
  tickers: string[];
  ticker: Uint32Array;
  sampleWeight: Float64Array;
  targets: Record<string, Float64Array>;
  columns: Record<string, Float64Array>;
  /** Cleaned signals (ranked, 0.5-filled per date; NaN on dates not submitted). */
  signals: Record<string, Float64Array>;
  /** Raw exposures (categorical as level codes with their levels). */
  exposures: SignalsDataset['exposures'];
  neutralizerNames: string[];
  /** Only with `neutralizers: true` (they are the largest arrays). */
  neutralizers: Float64Array[];
}

/**
 * The loaded Signals data, its cleaned signals and the operations the scoring worker and the CLI share. Plain
 * TypeScript: no worker globals, so Node (CLI, tests) uses it directly.
 */
export class SignalsWorkspace {
  dataset: SignalsDataset | null = null;
  prices: SignalsPrices | null = null;
  tickerMap: TickerMap | null = null;
  #signals = new Map<string, { values: Float64Array; info: SignalInfo }>();
  #built: Float64Array[] | null = null;

  /** Generates the built-in, seeded Signals data (with daily prices and a bloomberg_ticker map). */
  loadGenerated(options: GenerateSignalsDatasetOptions = {}): SignalsSummary {
    const g = generateSignalsDataset(options);
    this.#reset(g.dataset);
    this.prices = g.prices;
    this.tickerMap = g.tickerMap;
    return this.describe();
  }

  /** Reads a Signals parquet/CSV data file and makes it the workspace's data. */
  async loadData(input: FileInput, options: Omit<LoadSignalsDatasetOptions, 'onProgress'> = {}, onProgress?: (fraction: number) => void): Promise<SignalsSummary> {
    const ds = await loadSignalsDataset(input, { ...options, onProgress: onProgress ? (p) => onProgress(p.fraction) : undefined });
    this.#reset(ds);
    return this.describe();
  }

  /** Reads a ticker map (two id columns) used to remap submissions keyed by another id kind. */
  async loadTickerMap(input: FileInput, options: { from?: string; to?: string; name?: string } = {}): Promise<{ from: string; to: string; pairs: number }> {
    this.tickerMap = await loadTickerMap(input, options);
    return { from: this.tickerMap.from, to: this.tickerMap.to, pairs: this.tickerMap.source.length };
  }

  /** Reads a submission file (ticker, [date,] signal), checks and cleans it date by date, and adds it as a signal. */
  async loadSubmission(input: FileInput, options: { name?: string; fileName?: string; date?: string } = {}): Promise<SignalInfo> {
    const rows = await loadSignalsPredictions(input, { name: options.fileName });
    const info = this.addSubmission({ ...rows, name: options.name ?? rows.name }, { date: options.date });
    info.warnings.unshift(...rows.warnings);
    return info;
  }

  /** Checks and cleans a submission given as rows (ids, dates, values) and adds it as a signal named `rows.name`. */
  addSubmission(rows: SignalsSubmissionRows, options: { date?: string } = {}): SignalInfo {
    const c = cleanSignalsSubmission(this.data(), rows, { tickerMap: this.tickerMap, date: options.date });
    const info: SignalInfo = { name: rows.name, dates: c.dates, invalidTickers: c.invalidTickers, warnings: c.warnings };
    this.#signals.set(rows.name, { values: c.values, info });
    return { ...info, warnings: info.warnings.slice() };
  }

  /**
   * Submits a per-row column (a data column or one set with `setColumn`) on every date it has values, as signal `name`.
   * With `rank`, each date is first tie-kept ranked into (0, 1), as a user would (`rank(pct=True)`); without it the
   * values must already lie in [0, 1], as Numerai requires.
   */
  submitColumn(column: string, options: { name?: string; rank?: boolean } = {}): SignalInfo {
    const d = this.data();
    let values = this.column(column);
    if (options.rank) {
      const ranked = new Float64Array(d.n);
      for (let k = 0; k < d.dates.length; ++k) ranked.set(rankAverage(values.subarray(d.dateStarts[k], d.dateStarts[k + 1])), d.dateStarts[k]);
      values = ranked;
    }
    return this.addSubmission(submissionFromColumn(d, values, options.name ?? column));
  }

  /** Adds or replaces a numeric column aligned to the rows (e.g. a signal computed in a code cell). */
  setColumn(name: string, values: Float64Array): void {
    const d = this.data();
    if (values.length !== d.n) throw new PlaygroundError(`Column "${name}" has ${values.length} values; the data has ${d.n} rows.`);
    d.columns[name] = values;
  }

  /** A data column, target or cleaned signal by name. */
  column(name: string): Float64Array {
    const d = this.data();
    const c = d.columns[name] ?? d.targets[name] ?? this.#signals.get(name)?.values;
    if (!c) throw new PlaygroundError(`There is no column or signal "${name}".`, { hints: [`Columns: ${[...Object.keys(d.columns), ...Object.keys(d.targets), ...this.#signals.keys()].join(', ') || 'none'}.`] });
    return c;
  }

  /** Forgets a signal. */
  removeSignal(name: string): void {
    this.#signals.delete(name);
  }

  /** Scores signals date by date (alpha, MPC with stakes, churn, turnover) exactly as numerai-tools does. */
  score(request: SignalsScoreRequest = {}, onProgress?: (done: number, total: number) => void): SignalsScores {
    const d = this.data();
    const names = request.models ?? [...this.#signals.keys()];
    if (!names.length) throw new PlaygroundError('There is no signal to score.', { hints: ['Add one: load a submission file, or submit a column (e.g. outside_quality).'] });
    const predictions: Record<string, Float64Array> = {};
    for (const name of names) {
      const s = this.#signals.get(name);
      if (!s) throw new PlaygroundError(`There is no signal "${name}".`, { hints: [`Signals: ${[...this.#signals.keys()].join(', ') || 'none'}.`] });
      predictions[name] = s.values;
    }
    const targetName = request.target ?? 'target';
    const target = d.targets[targetName] ?? d.columns[targetName];
    if (!target) throw new PlaygroundError(`There is no target "${targetName}".`, { hints: [`Targets: ${Object.keys(d.targets).join(', ') || 'none'}.`] });
    for (const name of Object.keys(request.stakes ?? {}))
      if (!this.#signals.has(name)) throw new PlaygroundError(`The stakes name "${name}", which is not a signal.`, { hints: [`Signals: ${[...this.#signals.keys()].join(', ') || 'none'}.`] });
    for (const name of Object.keys(request.stakes ?? {})) predictions[name] ??= this.#signals.get(name)!.values;
    return scoreSignals({
      dates: d.dates,
      dateStarts: d.dateStarts,
      tickers: d.ticker,
      neutralizers: request.neutralizers === 'exposures' ? this.#exposureNeutralizers() : d.neutralizers,
      sampleWeight: d.sampleWeight,
      target,
      predictions,
      stakes: request.stakes,
      churnTopBottom: request.churnTopBottom,
      metrics: request.metrics,
      onProgress
    });
  }

  /** Copies of the rows' arrays for another worker (neutralizers only when asked: they are the largest). */
  table(options: { columns?: string[]; signals?: string[]; neutralizers?: boolean } = {}): SignalsTablePayload {
    const d = this.data();
    const pick = <T>(names: string[] | undefined, all: Record<string, T>, copy: (v: T) => T) => Object.fromEntries((names ?? Object.keys(all)).map((k) => [k, copy(all[k])]));
    const signals = Object.fromEntries([...this.#signals].map(([k, v]) => [k, v.values]));
    const f64 = (x: Float64Array) => Float64Array.from(x);
    for (const name of options.signals ?? []) if (!signals[name]) throw new PlaygroundError(`There is no signal "${name}".`);
    return {
      n: d.n,
      idColumn: d.idColumn,
      dates: d.dates,
      dateStarts: Uint32Array.from(d.dateStarts),
      tickers: d.tickers,
      ticker: Uint32Array.from(d.ticker),
      sampleWeight: f64(d.sampleWeight),
      targets: pick(undefined, d.targets, f64),
      columns: pick(options.columns, d.columns, f64),
      signals: pick(options.signals, signals, f64),
      exposures: d.exposures && {
        categorical: d.exposures.categorical.map((c) => ({ ...c, codes: Int16Array.from(c.codes) })),
        numeric: d.exposures.numeric.map((f) => ({ name: f.name, values: f64(f.values) }))
      },
      neutralizerNames: d.neutralizerNames,
      neutralizers: options.neutralizers ? d.neutralizers.map(f64) : []
    };
  }

  /** A copy of the daily prices (generated data only). */
  pricesCopy(): SignalsPrices {
    if (!this.prices) throw new PlaygroundError('This data has no daily prices.', { hints: ['Only the built-in generated Signals data has a price series per ticker.'] });
    return { days: this.prices.days, tickers: this.prices.tickers, close: Float32Array.from(this.prices.close) };
  }

  describe(): SignalsSummary {
    const d = this.data();
    return {
      n: d.n,
      dates: d.dates,
      rowsPerDate: Array.from({ length: d.dates.length }, (_, k) => d.dateStarts[k + 1] - d.dateStarts[k]),
      tickers: new Set(d.ticker).size,
      idColumn: d.idColumn,
      neutralizerNames: d.neutralizerNames,
      neutralizers: d.info.neutralizers,
      exposures: d.exposures && { categorical: d.exposures.categorical.map((c) => ({ name: c.name, levels: c.levels })), numeric: d.exposures.numeric.map((f) => f.name) },
      targets: Object.keys(d.targets),
      columns: Object.keys(d.columns),
      signals: [...this.#signals.keys()],
      prices: !!this.prices,
      tickerMap: this.tickerMap && { from: this.tickerMap.from, to: this.tickerMap.to },
      source: d.info.source,
      warnings: d.info.warnings
    };
  }

  /** What each signal's cleaning reported. */
  signalInfo(name: string): SignalInfo {
    const s = this.#signals.get(name);
    if (!s) throw new PlaygroundError(`There is no signal "${name}".`);
    return { ...s.info, warnings: s.info.warnings.slice() };
  }

  data(): SignalsDataset {
    if (!this.dataset) throw new PlaygroundError('No Signals data is loaded.', { hints: ['Load the built-in Signals data or a Signals parquet/CSV file first.'] });
    return this.dataset;
  }

  #reset(ds: SignalsDataset): void {
    this.dataset = ds;
    this.prices = null;
    this.tickerMap = null;
    this.#signals.clear();
    this.#built = null;
  }

  #exposureNeutralizers(): Float64Array[] {
    const d = this.data();
    if (d.info.neutralizers === 'exposures') return d.neutralizers;
    if (!d.exposures) throw new PlaygroundError('This data has no raw exposures to build neutralizers from.', { hints: ['Score with its neutralizer_* columns (neutralizers: "data").'] });
    return (this.#built ??= buildSignalsNeutralizers(d.dateStarts, d.exposures, d.sampleWeight).columns);
  }
}
