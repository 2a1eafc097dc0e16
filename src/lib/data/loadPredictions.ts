import { formatCount, PlaygroundError } from '../errors';
import type { ByteSource } from './ByteSource';
import type { ColumnRequest, ColumnsRead, ReadProgress } from './ColumnRequest';
import { asPlaygroundError } from './asPlaygroundError';
import { checkIds } from './checkIds';
import { detectFormat } from './detectFormat';
import { findIdColumn } from './findIdColumn';
import type { IdColumn } from './IdColumn';
import { parseCsv } from './parseCsv';
import { readParquet } from './readParquet';
import { readParquetInfo } from './readParquetInfo';
import { toByteSource, type FileInput } from './toByteSource';

/** What a prediction-like file is: a user's predictions (strict: no NaN), the meta model, or benchmark models (NaN = not available). */
export type PredictionKind = 'predictions' | 'meta_model' | 'benchmark';

export interface LoadPredictionsOptions {
  /** Default "predictions". */
  kind?: PredictionKind;
  /** The value column; default: "prediction" or "probability" (predictions), "numerai_meta_model" (meta model), the only numeric column. */
  column?: string;
  /** File name for messages (default: the File's name). */
  name?: string;
  onProgress?: (progress: ReadProgress) => void;
  /**
   * Check that ids are unique (default true). alignToDataset finds duplicates while joining, so a caller that joins
   * next (the Workspace) passes false and saves a pass over the ids.
   */
  checkDuplicates?: boolean;
}

/** What to do about duplicate ids in a prediction-like file. */
export const DUPLICATE_PREDICTIONS_HINT = 'Numerai rejects submissions with duplicate ids: keep one prediction per id (e.g. df[~df.index.duplicated()]).';

/** A loaded prediction-like file: one value per id, in file order. */
export interface Predictions {
  ids: IdColumn;
  values: Float64Array;
  /** The column the values came from. */
  column: string;
  /** File name. */
  source: string;
  kind: PredictionKind;
  /** Per-row era labels when the file has an `era` column. */
  eras?: string[];
}

const NOT_VALUES = new Set(['era', 'data_type']);
/** np.isclose(x, 0 or 1) tolerance of Numerai's submission check (atol 1e-8 + rtol 1e-5). */
const EDGE_TOL = 1e-8 + 1e-5;

/**
 * Loads `id` + one value column from a CSV or parquet file and checks it the way Numerai checks a submission: ids
 * present and unique, values in [0, 1], not constant, and (for user predictions) no NaN. PlaygroundError otherwise.
 * Source: numerai/numerai-tools numerai_tools/submissions.py (validate_submission checks).
 * @example const p = await loadPredictions(file); const { values } = alignToDataset(p, ds);
 */
export async function loadPredictions(input: FileInput, options: LoadPredictionsOptions = {}): Promise<Predictions> {
  const source = toByteSource(input, options.name);
  try {
    return await load(source, options);
  } catch (e) {
    throw asPlaygroundError(e, source.name ?? 'The file');
  }
}

async function load(source: ByteSource, options: LoadPredictionsOptions): Promise<Predictions> {
  const kind = options.kind ?? 'predictions';
  const name = source.name ?? 'the file';
  const format = await detectFormat(source);
  let read: ColumnsRead;
  let id = '', column = '', hasEra = false;
  const choose = (header: string[], numeric: (c: string) => boolean, indexColumns: string[] = []): ColumnRequest[] => {
    id = findIdColumn(header, indexColumns) ?? '';
    if (!id) {
      throw new PlaygroundError(`${name} has no "id" column`, {
        hints: [
          `Its columns: ${header.slice(0, 8).map((h) => JSON.stringify(h)).join(', ')}${header.length > 8 ? ', …' : ''}.`,
          'A predictions file needs the columns id and prediction: df[["prediction"]].to_csv(path) with the id index, or df.reset_index()[["id", "prediction"]].to_csv(path, index=False).'
        ]
      });
    }
    column = chooseColumn(header.filter((c) => c !== id && !NOT_VALUES.has(c) && numeric(c)), header, kind, options.column, name);
    hasEra = header.includes('era') && id !== 'era';
    return [{ name: id, kind: 'id' }, ...(hasEra ? [{ name: 'era', kind: 'string' as const }] : []), { name: column, kind: 'float64' }];
  };
  if (format === 'parquet') {
    const info = await readParquetInfo(source);
    const types = new Map(info.columns.map((c) => [c.name, c.type]));
    const numeric = (c: string) => !['STRING', 'UTF8', 'BYTE_ARRAY', 'ENUM', 'JSON', 'GROUP'].includes(String(types.get(c)));
    read = await readParquet(source, { info, columns: choose(info.columns.map((c) => c.name), numeric, info.indexColumns), onProgress: options.onProgress });
  } else {
    read = await parseCsv(source, { name, columns: (header) => choose(header, () => true), onProgress: options.onProgress });
  }
  if (read.n === 0) throw new PlaygroundError(`${name} has no rows`, { hints: ['The file has a header but no predictions: did the export fail?'] });
  const ids = read.columns[id] as IdColumn;
  const values = read.columns[column] as Float64Array;
  checkIds(ids, name, DUPLICATE_PREDICTIONS_HINT, { duplicates: options.checkDuplicates !== false });
  checkValues(values, column, kind, name);
  const out: Predictions = { ids, values, column, source: name, kind };
  if (hasEra) out.eras = read.columns.era as string[];
  return out;
}

function chooseColumn(candidates: string[], header: string[], kind: PredictionKind, asked: string | undefined, name: string): string {
  const list = (cs: string[]) => cs.map((c) => JSON.stringify(c)).join(', ');
  if (asked !== undefined) {
    if (header.includes(asked)) return asked;
    throw new PlaygroundError(`${name} has no column "${asked}"`, { hints: [`Value columns in the file: ${list(candidates) || 'none'}.`] });
  }
  const preferred = kind === 'meta_model' ? ['numerai_meta_model'] : kind === 'predictions' ? ['prediction', 'probability'] : [];
  const found = preferred.find((c) => header.includes(c));
  if (found) return found;
  if (candidates.length === 1) return candidates[0];
  const what = kind === 'meta_model' ? '"numerai_meta_model"' : kind === 'predictions' ? '"prediction" (or "probability")' : 'a single value column';
  if (candidates.length === 0) {
    throw new PlaygroundError(`${name} has no ${what} column`, {
      hints: [`Its columns: ${list(header)}.`, 'A prediction-like file needs an id column and one numeric column of values.']
    });
  }
  throw new PlaygroundError(`${name} has ${candidates.length} value columns and no ${what} column: say which one to use`, {
    hints: [`Pass { column: … } with one of ${list(candidates.slice(0, 12))}${candidates.length > 12 ? ', …' : ''}.`]
  });
}

function checkValues(values: Float64Array, column: string, kind: PredictionKind, name: string): void {
  let nan = 0, out = 0, min = Infinity, max = -Infinity, sum = 0, m = 0;
  for (let i = 0; i < values.length; ++i) {
    const v = values[i];
    if (v !== v) {
      nan++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    if (v < -EDGE_TOL || v > 1 + EDGE_TOL) out++;
    sum += v;
    m++;
  }
  if (nan && kind === 'predictions') {
    throw new PlaygroundError(`${name} has ${formatCount(nan)} missing (NaN or empty) value${nan === 1 ? '' : 's'} in ${column}`, {
      hints: ['Numerai rejects submissions with NaN: predict every row, or fill the gaps (e.g. with 0.5, as Numerai does before scoring).']
    });
  }
  if (m === 0) throw new PlaygroundError(`${name} has no values in ${column}: every row is NaN or empty`);
  if (out) {
    throw new PlaygroundError(
      `${name} has ${formatCount(out)} value${out === 1 ? '' : 's'} in ${column} outside [0, 1] (min ${fmt(min)}, max ${fmt(max)})`,
      { hints: ['Numerai needs predictions in [0, 1]: rank your predictions per era, e.g. rank(pct=True).'] }
    );
  }
  const mean = sum / m;
  let ss = 0;
  for (let i = 0; i < values.length; ++i) {
    const v = values[i];
    if (v === v) ss += (v - mean) * (v - mean);
  }
  // Numerai's check: np.isclose(0, predictions.std()) (atol 1e-8).
  if (Math.sqrt(ss / m) <= 1e-8) {
    throw new PlaygroundError(`${name}: every value in ${column} is ${fmt(mean)}, so the predictions are constant`, {
      hints: ['A constant prediction cannot be ranked or scored, and Numerai rejects it: check that the model was trained and applied.']
    });
  }
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(4));
