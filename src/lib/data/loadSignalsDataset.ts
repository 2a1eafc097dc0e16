import { formatCount, PlaygroundError } from '../errors';
import { signalsColumns } from '../scoring/signals/signalsColumns';
import type { ByteSource } from './ByteSource';
import type { ColumnRequest, ColumnsRead, ReadProgress, RowFilter } from './ColumnRequest';
import { asPlaygroundError } from './asPlaygroundError';
import { buildSignalsNeutralizers } from './buildSignalsNeutralizers';
import { detectFormat } from './detectFormat';
import { parseCsv } from './parseCsv';
import { readParquet } from './readParquet';
import { readParquetInfo } from './readParquetInfo';
import { signalsDate } from './signalsDate';
import type { SignalsDataset, SignalsExposures } from './SignalsDataset';
import { similarNames } from './similarNames';
import { sortSignalsRows } from './sortSignalsRows';
import { takeRows } from './takeRows';
import { toByteSource, type FileInput } from './toByteSource';

export interface LoadSignalsDatasetOptions {
  /** The ticker column (default: `numerai_ticker`, else the first accepted Signals id column in the file). */
  idColumn?: string;
  /**
   * Where the neutralizers come from: `prepared` (the file's `neutralizer_*` columns), `exposures` (built from the raw
   * exposures under the sample weights), or `auto` (default: prepared when the file has them, else exposures).
   */
  neutralizers?: 'auto' | 'prepared' | 'exposures';
  /** Categorical exposure columns (default: those of `sector`, `country` in the file). */
  categorical?: string[];
  /** Numeric exposure columns (default: every `factor_*` column). */
  factors?: string[];
  /** Sample weight column (default `sample_weight` or Numerai's `sample_weights`; missing → 1 with a warning). */
  sampleWeight?: string;
  /** Target columns (default ["target"]; none with a warning when the file has no `target`). */
  targets?: string[];
  /** Extra numeric columns to load (outside data, signals). */
  columns?: string[];
  /** Keep only dates in [from, to] (YYYY-MM-DD, inclusive). */
  dates?: { from?: string; to?: string };
  onProgress?: (progress: ReadProgress) => void;
  /** File name for messages (default: the File's name). */
  name?: string;
}

interface Plan {
  id: string;
  date: string;
  neutralizers: string[];
  categorical: string[];
  factors: string[];
  sampleWeight: string | null;
  targets: string[];
  extra: string[];
  warnings: string[];
  mode: 'prepared' | 'exposures';
}

/**
 * Loads a Signals data file (parquet or CSV, detected by content): a date column (`date`, or the legacy `friday_date`
 * 20240105), a ticker column, `neutralizer_*` columns or raw exposures (sector, country, `factor_*`), `sample_weight`
 * and targets. Rows are sorted by date then ticker (no copy when already sorted); repeated (date, ticker) rows,
 * missing columns and dates outside the filter are PlaygroundErrors with specific messages.
 * @example const ds = await loadSignalsDataset(file, { dates: { from: '2024-01-05' } });
 */
export async function loadSignalsDataset(input: FileInput, options: LoadSignalsDatasetOptions = {}): Promise<SignalsDataset> {
  const source = toByteSource(input, options.name);
  try {
    return await load(source, options);
  } catch (e) {
    throw asPlaygroundError(e, source.name ?? 'The file');
  }
}

async function load(source: ByteSource, options: LoadSignalsDatasetOptions): Promise<SignalsDataset> {
  const name = source.name ?? 'the file';
  const format = await detectFormat(source);
  let plan!: Plan;
  const where = dateFilter(options.dates);
  let read: ColumnsRead;
  if (format === 'parquet') {
    const info = await readParquetInfo(source);
    if (info.numRows === 0) throw new PlaygroundError(`${name} has no rows`);
    plan = planColumns(info.columns.map((c) => c.name), options, name);
    read = await readParquet(source, { info, columns: requests(plan), where: where(plan.date), onProgress: options.onProgress });
  } else {
    read = await parseCsv(source, { name, columns: (header) => requests((plan = planColumns(header, options, name))), onProgress: options.onProgress });
    // the date column's name is known only with the header: filter CSV rows after reading
    const [filter] = where(plan.date);
    if (filter) {
      const dates = read.columns[plan.date] as string[];
      const rows = Uint32Array.from(dates.flatMap((d, i) => (filter.keep(d) ? [i] : [])));
      read = { ...read, n: rows.length, columns: Object.fromEntries(Object.entries(read.columns).map(([c, v]) => [c, takeRows(v, rows)])) };
    }
  }
  if (read.n === 0) {
    const range = options.dates ? ` between ${options.dates.from ?? 'the first date'} and ${options.dates.to ?? 'the last date'}` : '';
    throw new PlaygroundError(`${name} has no rows${range}`, { hints: [`It has ${formatCount(read.rowsInFile)} rows in all; dates are compared as YYYY-MM-DD.`] });
  }

  const dateOfRow = (read.columns[plan.date] as string[]).map(signalsDate);
  const tickerOfRow = read.columns[plan.id] as string[];
  const empty = tickerOfRow.reduce((k, t) => k + (t ? 0 : 1), 0);
  if (empty) throw new PlaygroundError(`${name} has ${formatCount(empty)} row${empty === 1 ? '' : 's'} without a ${plan.id}`);
  const order = sortSignalsRows(dateOfRow, tickerOfRow, name);
  const col = (c: string) => (order.order ? takeRows(read.columns[c] as Float64Array, order.order) : (read.columns[c] as Float64Array));
  const strings = (c: string) => (order.order ? takeRows(read.columns[c] as string[], order.order) : (read.columns[c] as string[]));

  const warnings = plan.warnings.slice();
  let sampleWeight: Float64Array;
  if (plan.sampleWeight) sampleWeight = col(plan.sampleWeight);
  else {
    sampleWeight = new Float64Array(read.n).fill(1);
    warnings.push(`${name} has no sample_weight column, so every ticker weighs 1 (Numerai weighs tickers by size and liquidity).`);
  }
  const exposures: SignalsExposures | null =
    plan.categorical.length || plan.factors.length
      ? { categorical: plan.categorical.map((c) => categorical(c, strings(c))), numeric: plan.factors.map((f) => ({ name: f, values: col(f) })) }
      : null;
  let neutralizerNames = plan.neutralizers;
  let neutralizers = plan.neutralizers.map(col);
  if (plan.mode === 'exposures') {
    const built = buildSignalsNeutralizers(order.dateStarts, exposures!, sampleWeight);
    neutralizerNames = built.names;
    neutralizers = built.columns;
  }
  let uncovered = 0;
  for (let i = 0; i < read.n; ++i) if (sampleWeight[i] !== sampleWeight[i] || neutralizers.some((c) => c[i] !== c[i])) uncovered++;
  if (uncovered) {
    warnings.push(`${formatCount(uncovered)} row${uncovered === 1 ? ' has' : 's have'} a missing neutralizer or sample weight; alpha, MPC and turnover leave them out (a date with more than 20% such rows is not scored).`);
  }
  const targets: Record<string, Float64Array> = {};
  for (const t of plan.targets) targets[t] = col(t);
  const columns: Record<string, Float64Array> = {};
  for (const c of plan.extra) columns[c] = col(c);
  return {
    n: read.n,
    idColumn: plan.id,
    dates: order.dates,
    dateStarts: order.dateStarts,
    tickers: order.tickers,
    ticker: order.ticker,
    neutralizerNames,
    neutralizers,
    exposures,
    sampleWeight,
    targets,
    columns,
    info: { source: name, neutralizers: plan.mode, warnings }
  };
}

/** Level codes of a categorical column (levels sorted; empty → −1). */
function categorical(name: string, values: string[]): SignalsExposures['categorical'][number] {
  const levels = [...new Set(values.filter((v) => v !== ''))].sort();
  if (levels.length > 32767) throw new PlaygroundError(`The exposure column ${name} has ${formatCount(levels.length)} distinct values: it is not categorical`);
  const code = new Map(levels.map((l, i) => [l, i]));
  return { name, levels, codes: Int16Array.from(values, (v) => code.get(v) ?? -1) };
}

/** Decides which columns hold the ticker, date, neutralizers, exposures, weights and targets; one error lists everything missing. */
function planColumns(header: string[], options: LoadSignalsDatasetOptions, name: string): Plan {
  const has = new Set(header);
  const warnings: string[] = [];
  const ids = signalsColumns.id.filter((c) => has.has(c));
  const id = options.idColumn ?? (has.has('numerai_ticker') ? 'numerai_ticker' : ids[0]);
  const date = signalsColumns.date.find((c) => has.has(c)) ?? 'date';
  const prepared = header.filter((c) => c.startsWith('neutralizer_'));
  const categorical = options.categorical ?? ['sector', 'country'].filter((c) => has.has(c));
  const factors = options.factors ?? header.filter((c) => c.startsWith('factor_'));
  const wanted = options.neutralizers ?? 'auto';
  const mode = wanted === 'auto' ? (prepared.length ? 'prepared' : 'exposures') : wanted;
  const sampleWeight = options.sampleWeight ?? ['sample_weight', 'sample_weights'].find((c) => has.has(c)) ?? null;
  let targets = options.targets ?? ['target'];
  if (!options.targets && !has.has('target')) {
    targets = [];
    const others = header.filter((c) => c.startsWith('target_'));
    warnings.push(`${name} has no "target" column, so no target was loaded${others.length ? ` (it has ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}: pass targets: [...] to load them)` : ''}; alpha and MPC need one.`);
  }
  const extra = options.columns ?? [];

  const hints: string[] = [];
  if (!id) hints.push(`A Signals file needs a ticker column: one of ${signalsColumns.id.join(', ')}.`);
  if (mode === 'prepared' && !prepared.length) hints.push('It has no neutralizer_* columns: load it with neutralizers: "exposures" to build them from sector, country and factor_* columns.');
  if (mode === 'exposures' && !categorical.length && !factors.length)
    hints.push('Alpha needs neutralizers: either neutralizer_* columns (Numerai\'s files) or raw exposures (sector, country, factor_* columns) to build them from.');
  const requested = [id ?? 'numerai_ticker', date, ...categorical, ...factors, ...(options.sampleWeight ? [options.sampleWeight] : []), ...targets, ...extra];
  const missing = [...new Set(requested.filter((c) => !has.has(c)))];
  if (missing.length || hints.length) {
    const similar = missing.map((m) => ({ m, s: similarNames(m, header) })).filter((x) => x.s.length);
    if (similar.length) hints.push(`Columns in the file with similar names: ${similar.map((x) => `${x.s.join(' or ')} (for ${x.m})`).join('; ')}.`);
    hints.push(`${name} has ${formatCount(header.length)} columns: ${header.slice(0, 8).map((h) => JSON.stringify(h)).join(', ')}${header.length > 8 ? ', …' : ''}.`);
    const what = missing.length ? `is missing ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ` and ${formatCount(missing.length - 8)} more` : ''}` : 'has no neutralizers';
    throw new PlaygroundError(`${name} is not a Signals data file it can score: it ${what}`, { hints });
  }
  return { id: id!, date, neutralizers: mode === 'prepared' ? prepared : [], categorical, factors, sampleWeight, targets, extra: extra.filter((c, k) => extra.indexOf(c) === k), warnings, mode };
}

function requests(plan: Plan): ColumnRequest[] {
  const out: ColumnRequest[] = [];
  const add = (name: string, kind: ColumnRequest['kind']) => out.some((r) => r.name === name) || out.push({ name, kind });
  add(plan.id, 'string');
  add(plan.date, 'string');
  for (const c of plan.categorical) add(c, 'string');
  for (const c of [...plan.factors, ...plan.neutralizers, ...(plan.sampleWeight ? [plan.sampleWeight] : []), ...plan.targets, ...plan.extra]) add(c, 'float64');
  return out;
}

/** A row filter on the date column for the requested range (parquet: also skips row groups by their date statistics). */
function dateFilter(range: LoadSignalsDatasetOptions['dates']): (column: string) => RowFilter[] {
  if (!range || (range.from === undefined && range.to === undefined)) return () => [];
  const from = range.from ?? '', to = range.to ?? '\uffff';
  return (column) => [
    {
      column,
      keep: (v) => {
        const d = signalsDate(v);
        return d >= from && d <= to;
      },
      mayContain: (lo, hi) => signalsDate(hi) >= from && signalsDate(lo) <= to
    }
  ];
}
