import { PlaygroundError } from '../errors';
import type { SignalsSubmissionRows } from '../scoring/signals/cleanSignalsSubmission';
import { signalsColumns } from '../scoring/signals/signalsColumns';
import { validateSignalsHeaders } from '../scoring/signals/validateSignalsHeaders';
import type { ByteSource } from './ByteSource';
import type { ColumnRequest, ColumnsRead, ReadProgress } from './ColumnRequest';
import { asPlaygroundError } from './asPlaygroundError';
import { detectFormat } from './detectFormat';
import { parseCsv } from './parseCsv';
import { readParquet } from './readParquet';
import { readParquetInfo } from './readParquetInfo';
import { signalsDate } from './signalsDate';
import { toByteSource, type FileInput } from './toByteSource';

/** A Signals submission file as read: its rows and the header's notes. */
export interface SignalsPredictions extends SignalsSubmissionRows {
  /** The signal column ("signal" or "prediction"). */
  signalColumn: string;
  /** The file name. */
  source: string;
  /** Header notes (a data_type column), as full sentences. */
  warnings: string[];
}

/**
 * Loads a Signals submission (CSV or parquet): the header is checked as Numerai checks it (a ticker column of an
 * accepted kind, then `signal`/`prediction`, an optional `date`/`friday_date`, `data_type` tolerated with a warning),
 * ids stay strings (leading zeros kept), dates become YYYY-MM-DD. Values are checked per date against the universe
 * later, by `cleanSignalsSubmission`. The result is named after the file without its extension.
 */
export async function loadSignalsPredictions(input: FileInput, options: { name?: string; onProgress?: (p: ReadProgress) => void } = {}): Promise<SignalsPredictions> {
  const source = toByteSource(input, options.name);
  try {
    return await load(source, options.onProgress);
  } catch (e) {
    throw asPlaygroundError(e, source.name ?? 'The file');
  }
}

async function load(source: ByteSource, onProgress?: (p: ReadProgress) => void): Promise<SignalsPredictions> {
  const file = source.name ?? 'the file';
  let headers!: ReturnType<typeof validateSignalsHeaders>;
  const choose = (header: string[], indexColumns: string[] = []): ColumnRequest[] => {
    // a pandas index saved with the frame (other than a ticker or date index) is not a column Numerai sees
    const named = [...signalsColumns.id, ...signalsColumns.date] as readonly string[];
    const index = new Set([...indexColumns, '__index_level_0__'].filter((c) => !named.includes(c)));
    headers = validateSignalsHeaders(header.filter((c) => !index.has(c)), { name: file });
    return [
      { name: headers.idColumn, kind: 'string' },
      ...(headers.dateColumn ? [{ name: headers.dateColumn, kind: 'string' as const }] : []),
      { name: headers.signalColumn, kind: 'float64' }
    ];
  };
  let read: ColumnsRead;
  if ((await detectFormat(source)) === 'parquet') {
    const info = await readParquetInfo(source);
    read = await readParquet(source, { info, columns: choose(info.columns.map((c) => c.name), info.indexColumns), onProgress });
  } else {
    read = await parseCsv(source, { name: file, columns: (header) => choose(header), onProgress });
  }
  if (read.n === 0) throw new PlaygroundError(`${file} has no rows`, { hints: ['The file has a header but no signals: did the export fail?'] });
  return {
    name: file.replace(/\.[^.]*$/, ''),
    source: file,
    idColumn: headers.idColumn,
    signalColumn: headers.signalColumn,
    ids: read.columns[headers.idColumn] as string[],
    dates: headers.dateColumn ? (read.columns[headers.dateColumn] as string[]).map(signalsDate) : null,
    values: read.columns[headers.signalColumn] as Float64Array,
    warnings: headers.warnings
  };
}
