/** Rows of whole eras: `rows` (dataset row indices, ascending) with era k at rows[eraStarts[k] .. eraStarts[k + 1]). */
export interface EraRows {
  /** Era labels, in dataset order. */
  eras: string[];
  /** Offsets into `rows`; length `eras.length + 1`. Ready for `scoreEras` on columns gathered at `rows`. */
  eraStarts: Uint32Array;
  /** Dataset row indices. */
  rows: Uint32Array;
}

/** The rows of the eras at the given positions (ascending) of `eraStarts`, with their offsets in the row list. */
export function eraRows(data: { eras: string[]; eraStarts: Uint32Array }, positions: ArrayLike<number>): EraRows {
  const { eraStarts } = data;
  const k = positions.length;
  const starts = new Uint32Array(k + 1);
  for (let j = 0; j < k; ++j) {
    const e = positions[j];
    if (j > 0 && e <= positions[j - 1]) throw new RangeError(`eraRows: era positions must ascend (${positions[j - 1]} then ${e})`);
    starts[j + 1] = starts[j] + eraStarts[e + 1] - eraStarts[e];
  }
  const rows = new Uint32Array(starts[k]);
  for (let j = 0, o = 0; j < k; ++j) for (let r = eraStarts[positions[j]], end = eraStarts[positions[j] + 1]; r < end; ++r) rows[o++] = r;
  return { eras: Array.from(positions, (e) => data.eras[e]), eraStarts: starts, rows };
}
