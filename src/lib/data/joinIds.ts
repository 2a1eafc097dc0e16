import type { Duplicates, IdColumn } from './IdColumn';

export interface IdJoin {
  /** For each data row, the row of the file with the same id, or −1. */
  fileRowOf: Int32Array;
  /** Data rows that found their id in the file. */
  found: number;
  /** Ids the file holds more than once (found while joining: no separate pass), or null. */
  duplicates: Duplicates | null;
}

/**
 * Joins a file's ids onto the data's (whose ids are unique): the file's ids are looked up in the data's index (or
 * matched by order when identical, or merged when both are sorted); a data row met twice is a duplicate in the file,
 * and only the file's ids that are not in the data get a duplicate check of their own.
 */
export function joinIds(data: IdColumn, file: IdColumn): IdJoin {
  const dataRowOf = data.rowsOf(file);
  const fileRowOf = new Int32Array(data.length).fill(-1);
  let found = 0, dupRows = 0, firstRepeat = -1;
  const foreign: number[] = [];
  for (let k = 0; k < dataRowOf.length; ++k) {
    const r = dataRowOf[k];
    if (r < 0) foreign.push(k);
    else if (fileRowOf[r] >= 0) {
      dupRows++;
      if (firstRepeat < 0) firstRepeat = k;
    } else {
      fileRowOf[r] = k;
      found++;
    }
  }
  let duplicates: Duplicates | null = null;
  const outside = foreign.length ? file.take(Uint32Array.from(foreign)).duplicates() : null;
  if (dupRows || outside) {
    const example = firstRepeat >= 0 ? file.at(firstRepeat) : outside!.example;
    duplicates = { rows: dupRows + (outside?.rows ?? 0), example, times: firstRepeat >= 0 ? file.occurrences(firstRepeat) : outside!.times };
  }
  return { fileRowOf, found, duplicates };
}
