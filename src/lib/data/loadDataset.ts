import { formatCount, PlaygroundError } from '../errors';
import type { ByteSource } from './ByteSource';
import type { ColumnRequest, ColumnsRead, ColumnValues, ReadProgress, RowFilter } from './ColumnRequest';
import type { Dataset } from './Dataset';
import { asPlaygroundError } from './asPlaygroundError';
import { checkIds } from './checkIds';
import { detectFormat } from './detectFormat';
import { eraNumber } from './eraNumber';
import { findIdColumn } from './findIdColumn';
import type { IdColumn } from './IdColumn';
import { resolveFeatureSet, type FeaturesJson } from './featureSets';
import { parseCsv } from './parseCsv';
import { readParquet } from './readParquet';
import { readParquetInfo, type ParquetInfo } from './readParquetInfo';
import { similarNames } from './similarNames';
import { compareEras, sortByEra } from './sortByEra';
import { takeRows } from './takeRows';
import { toByteSource, type FileInput } from './toByteSource';

export interface EraRange {
  /** First era to keep (label or number, inclusive). */
  from?: string | number;
  /** Last era to keep (inclusive). */
  to?: string | number;
  /**
   * Keep eras numbered from + j·k, counting from `from` (or from the first era left by the other filters); the same as
   * the notebooks' `eras[::k]` when no era number is missing.
   */
  every?: number;
}

export interface LoadDatasetOptions {
  /** Feature columns to load (default: `featureSet` from `featuresJson`, else every `feature_*` column). */
  features?: string[];
  /** Name of a feature set in `featuresJson` ("small", "medium", "all", "serenity", …). */
  featureSet?: string;
  featuresJson?: FeaturesJson;
  /** Target columns (default ["target"]; if the file has no `target` column and none were asked for, none are loaded). */
  targets?: string[];
  /** Extra numeric columns: predictions, `numerai_meta_model`, benchmark models. */
  columns?: string[];
  /** Keep only rows with these `data_type` values, e.g. ["validation"] (rows whose targets are resolved). */
  dataTypes?: string[];
  /** Keep only these eras. */
  eras?: EraRange;
  /** Reading progress (parquet: per row group; CSV: per chunk). */
  onProgress?: (progress: ReadProgress) => void;
  /** File name for messages (default: the File's name). */
  name?: string;
}

/** Which file columns hold the id, era, data_type, features, targets and extra columns. */
export interface Plan {
  id: string;
  era: string;
  dataType: string | null;
  features: string[];
  targets: string[];
  extra: string[];
  warnings: string[];
}

/**
 * Loads a Numerai data file (parquet or CSV, detected by content) into a Dataset: rows stably sorted by era in
 * numeric order (no copy when already sorted), int8 features (missing → 2, with a warning), float targets (NaN where
 * unknown), filtered by data_type and eras while reading. Every failure is a PlaygroundError with a specific message.
 * @example const ds = await loadDataset(file, { featureSet: 'small', featuresJson, dataTypes: ['validation'], eras: { every: 4 } });
 */
export async function loadDataset(input: FileInput, options: LoadDatasetOptions = {}): Promise<Dataset> {
  const source = toByteSource(input, options.name);
  try {
    return await load(source, options);
  } catch (e) {
    throw asPlaygroundError(e, source.name ?? 'The file');
  }
}

async function load(source: ByteSource, options: LoadDatasetOptions): Promise<Dataset> {
  const name = source.name ?? 'the file';
  const format = await detectFormat(source);
  let read: ColumnsRead;
  let plan!: Plan;
  const eras = checkEraRange(options.eras);

  if (format === 'parquet') {
    const info = await readParquetInfo(source);
    if (info.numRows === 0) throw new PlaygroundError(`${name} has no rows`);
    plan = planColumns(info.columns.map((c) => c.name), info.indexColumns, options, name);
    let base = eras.from;
    if (eras.every > 1 && base === undefined) base = await firstEra(source, info, plan, options, eras);
    read = await readParquet(source, { info, columns: requests(plan), where: filters(plan, options, eras, base), onProgress: options.onProgress });
  } else {
    read = await parseCsv(source, {
      name,
      columns: (header) => requests((plan = planColumns(header, [], options, name))),
      where: filters(null, options, eras, eras.from),
      onProgress: options.onProgress
    });
    if (read.rowsInFile === 0) throw new PlaygroundError(`${name} has a header but no rows`);
    if (eras.every > 1 && eras.from === undefined) read = everyKthEra(read, plan.era, eras.every);
  }
  if (read.n === 0) throw await noRowsError(source, format, plan, options, read.rowsInFile);

  // Sort by era (Numerai's files already are: then nothing is copied).
  const eraOfRow = read.columns[plan.era] as string[];
  const { eras: eraLabels, eraStarts, order } = sortByEra(eraOfRow);
  const col = <T extends ColumnValues>(c: string): T => (order ? takeRows(read.columns[c] as T, order) : (read.columns[c] as T));
  const ids = col<IdColumn>(plan.id);
  checkIds(ids, name, 'Each Numerai id is one stock in one era and appears once: was the same data appended twice (e.g. train and validation with overlapping eras)?');

  const warnings = plan.warnings.slice();
  const filled = Object.entries(read.filledFeatureValues);
  if (filled.length) {
    const total = filled.reduce((s, [, k]) => s + k, 0);
    const worst = filled.sort((a, b) => b[1] - a[1]).slice(0, 3).map(([c, k]) => `${c} ${formatCount(k)}`);
    warnings.push(
      `${formatCount(total)} feature value${total === 1 ? ' was' : 's were'} missing (empty or NaN) and set to 2, Numerai's fill for missing, in ${filled.length} column${filled.length === 1 ? '' : 's'} (${worst.join(', ')}${filled.length > 3 ? ', …' : ''}).`
    );
  }
  const targets: Record<string, Float64Array> = {};
  for (const t of plan.targets) targets[t] = col<Float64Array>(t);
  const columns: Record<string, Float64Array> = {};
  for (const c of plan.extra) columns[c] = col<Float64Array>(c);
  const dataset: Dataset = {
    n: read.n,
    ids,
    eras: eraLabels,
    eraStarts,
    featureNames: plan.features,
    features: plan.features.map((f) => col<Int8Array>(f)),
    targets,
    columns,
    info: { source: name, warnings }
  };
  if (plan.dataType) dataset.dataType = col<string[]>(plan.dataType);
  return dataset;
}

/** Decides which file columns hold the id, era, features, targets and extras; one error lists everything missing. */
export function planColumns(header: string[], indexColumns: string[], options: LoadDatasetOptions, name: string): Plan {
  const has = new Set(header);
  const warnings: string[] = [];
  const id = findIdColumn(header, indexColumns) ?? 'id';
  let features: string[];
  let featureSource: 'list' | 'set' | 'all';
  if (options.features) {
    features = options.features;
    featureSource = 'list';
  } else if (options.featureSet !== undefined) {
    if (!options.featuresJson) {
      throw new PlaygroundError(`featureSet "${options.featureSet}" needs featuresJson`, {
        hints: ['Pass the parsed features.json of the same data version: loadDataset(file, { featureSet, featuresJson }).']
      });
    }
    features = resolveFeatureSet(options.featuresJson, options.featureSet);
    featureSource = 'set';
  } else {
    features = header.filter((c) => c.startsWith('feature_'));
    featureSource = 'all';
  }
  let targets = options.targets ?? ['target'];
  if (!options.targets && !has.has('target')) {
    targets = [];
    const others = header.filter((c) => c.startsWith('target_'));
    warnings.push(
      `${name} has no "target" column, so no target was loaded${others.length ? ` (it has ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}: pass targets: [...] to load them)` : ''}.`
    );
  }
  const extra = options.columns ?? [];
  const dataType = has.has('data_type') ? 'data_type' : null;
  const dupFeatures = features.filter((f, k) => features.indexOf(f) !== k);
  if (dupFeatures.length) throw new PlaygroundError(`The feature list names ${dupFeatures[0]} twice`);

  const requested: { col: string; role: string }[] = [
    { col: id, role: 'id' },
    { col: 'era', role: 'era' },
    ...(options.dataTypes ? [{ col: 'data_type', role: 'data_type' }] : []),
    ...features.map((col) => ({ col, role: 'feature' })),
    ...targets.map((col) => ({ col, role: 'target' })),
    ...extra.map((col) => ({ col, role: 'column' }))
  ];
  const missing = requested.filter((r) => !has.has(r.col));
  if (missing.length) throw missingColumnsError(name, header, missing, requested.length, featureSource, options.featureSet);
  if (features.length === 0) {
    throw new PlaygroundError(`${name} has no feature columns (none starts with "feature_")`, {
      hints: ['Pass features: [...] or a featureSet with featuresJson to choose the feature columns by name.']
    });
  }
  const roles = new Map<string, string>();
  for (const r of requested) {
    const prev = roles.get(r.col);
    if (prev && prev !== r.role) throw new PlaygroundError(`Column ${r.col} is asked for both as ${prev} and as ${r.role}`);
    roles.set(r.col, r.role);
  }
  return { id, era: 'era', dataType, features, targets, extra: extra.filter((c, k) => extra.indexOf(c) === k), warnings };
}

function missingColumnsError(
  name: string,
  header: string[],
  missing: { col: string; role: string }[],
  total: number,
  featureSource: 'list' | 'set' | 'all',
  featureSet?: string
): PlaygroundError {
  const shown = missing.slice(0, 8).map((m) => m.col);
  const more = missing.length > 8 ? ` and ${formatCount(missing.length - 8)} more` : '';
  const hints: string[] = [];
  const similar = missing
    .slice(0, 8)
    .map((m) => ({ m, s: similarNames(m.col === '' ? 'id' : m.col, header) }))
    .filter((x) => x.s.length)
    .map((x) => `${x.s.join(' or ')} (for ${x.m.col})`);
  if (similar.length) hints.push(`Columns in the file with similar names: ${similar.join('; ')}.`);
  const roles = new Set(missing.map((m) => m.role));
  if (roles.has('id')) {
    hints.push('Numerai files are indexed by "id": save with df.to_parquet(path) (the index is kept) or df.reset_index().to_csv(path, index=False).');
  }
  if (roles.has('feature')) {
    hints.push(
      featureSource === 'set'
        ? `The names come from feature set "${featureSet}" of features.json: use the features.json of the same data version as ${name} (feature names change between versions).`
        : 'Check the feature names, or pick a named set with { featureSet: "small", featuresJson } using the features.json of the same data version.'
    );
  }
  if (roles.has('target')) hints.push(`Target columns in the file: ${header.filter((c) => c === 'target' || c.startsWith('target_')).slice(0, 10).join(', ') || 'none'}.`);
  if (roles.has('data_type')) hints.push('The dataTypes filter needs a "data_type" column; drop the filter for files without one.');
  hints.push(`${name} has ${formatCount(header.length)} columns: ${header.slice(0, 6).map((h) => JSON.stringify(h)).join(', ')}${header.length > 6 ? ', …' : ''}.`);
  return new PlaygroundError(
    `${name} is missing ${formatCount(missing.length)} of ${formatCount(total)} requested columns: ${shown.join(', ')}${more}`,
    { hints }
  );
}

function requests(plan: Plan): ColumnRequest[] {
  const out: ColumnRequest[] = [
    { name: plan.id, kind: 'id' },
    { name: plan.era, kind: 'string' }
  ];
  if (plan.dataType) out.push({ name: plan.dataType, kind: 'string' });
  for (const f of plan.features) out.push({ name: f, kind: 'feature' });
  for (const c of [...plan.targets, ...plan.extra]) if (!out.some((r) => r.name === c)) out.push({ name: c, kind: 'float64' });
  return out;
}

interface CheckedEras {
  from?: number;
  to?: number;
  every: number;
}

function checkEraRange(range: EraRange | undefined): CheckedEras {
  const num = (v: string | number | undefined, key: string) => {
    if (v === undefined) return undefined;
    const n = typeof v === 'number' ? v : eraNumber(v);
    if (!Number.isFinite(n)) throw new PlaygroundError(`eras.${key} must be an era number or label like "0575", not ${JSON.stringify(v)}`);
    return n;
  };
  const every = range?.every ?? 1;
  if (!Number.isInteger(every) || every < 1) throw new PlaygroundError(`eras.every must be a whole number ≥ 1, not ${every}`);
  return { from: num(range?.from, 'from'), to: num(range?.to, 'to'), every };
}

/** Row filters for data_type and eras; `base` anchors `every` (undefined: applied after reading). */
function filters(plan: Plan | null, options: LoadDatasetOptions, eras: CheckedEras, base: number | undefined): RowFilter[] {
  const out: RowFilter[] = [];
  if (options.dataTypes) {
    const types = new Set(options.dataTypes);
    out.push({ column: 'data_type', keep: (v) => types.has(v), mayContain: (lo, hi) => [...types].some((t) => t >= lo && t <= hi) });
  }
  const { from = -Infinity, to = Infinity, every } = eras;
  const stepped = every > 1 && base !== undefined;
  if (eras.from !== undefined || eras.to !== undefined || stepped) {
    out.push({
      column: plan?.era ?? 'era',
      keep: (v) => {
        const e = eraNumber(v);
        return e >= from && e <= to && (!stepped || (e - base!) % every === 0);
      },
      // Row-group statistics are string min/max: only meaningful for zero-padded labels of one width ("0575").
      mayContain: (lo, hi) =>
        !(/^\d+$/.test(lo) && /^\d+$/.test(hi) && lo.length === hi.length) || (Number(hi) >= from && Number(lo) <= to)
    });
  }
  return out;
}

/** The first era left by the data_type / from / to filters (a cheap pass over the era column), anchoring `every`. */
async function firstEra(source: ByteSource, info: ParquetInfo, plan: Plan, options: LoadDatasetOptions, eras: CheckedEras): Promise<number | undefined> {
  const cols: ColumnRequest[] = [{ name: plan.era, kind: 'string' }];
  const r = await readParquet(source, { info, columns: cols, where: filters(plan, options, { ...eras, every: 1 }, undefined) });
  let first = Infinity;
  for (const label of new Set(r.columns[plan.era] as string[])) first = Math.min(first, eraNumber(label));
  return Number.isFinite(first) ? first : undefined;
}

/** Keeps eras whose number is first + j·every (first = the smallest era read), as the parquet path does while reading. */
function everyKthEra(read: ColumnsRead, eraColumn: string, every: number): ColumnsRead {
  const eraOfRow = read.columns[eraColumn] as string[];
  let first = Infinity;
  for (const label of new Set(eraOfRow)) first = Math.min(first, eraNumber(label));
  const rows: number[] = [];
  for (let i = 0; i < read.n; ++i) if ((eraNumber(eraOfRow[i]) - first) % every === 0) rows.push(i);
  const index = Uint32Array.from(rows);
  const columns: Record<string, ColumnValues> = {};
  for (const [c, v] of Object.entries(read.columns)) columns[c] = takeRows(v, index);
  return { ...read, n: index.length, columns };
}

/** Explains an empty result: which filters were applied and which eras / data types the file has. */
async function noRowsError(source: ByteSource, format: 'parquet' | 'csv', plan: Plan, options: LoadDatasetOptions, rowsInFile: number): Promise<PlaygroundError> {
  const name = source.name ?? 'the file';
  const asked: string[] = [];
  if (options.dataTypes) asked.push(`data_type in [${options.dataTypes.map((t) => JSON.stringify(t)).join(', ')}]`);
  if (options.eras) {
    const { from, to, every } = options.eras;
    asked.push(`eras ${from ?? 'first'}–${to ?? 'last'}${every && every > 1 ? ` every ${every}` : ''}`);
  }
  const cols: ColumnRequest[] = [{ name: plan.era, kind: 'string' }];
  if (plan.dataType) cols.push({ name: plan.dataType, kind: 'string' });
  const all = format === 'parquet' ? await readParquet(source, { columns: cols }) : await parseCsv(source, { name, columns: cols });
  const eras = [...new Set(all.columns[plan.era] as string[])].sort(compareEras);
  const hints = [`${name} has ${formatCount(rowsInFile)} rows in ${formatCount(eras.length)} eras (${eras[0]}–${eras[eras.length - 1]}).`];
  if (plan.dataType) hints.push(`Its data_type values: ${[...new Set(all.columns[plan.dataType] as string[])].map((t) => JSON.stringify(t)).join(', ')}.`);
  return new PlaygroundError(`No rows of ${name} are left after filtering (${asked.join(', ') || 'no filter'})`, { hints });
}
