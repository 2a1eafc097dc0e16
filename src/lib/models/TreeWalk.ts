/** Adds every tree's output for rows 0..m of a row-major int8 block (F bins per row) to out[at..at+m). */
export type TreeWalk = (block: Int8Array, F: number, m: number, out: Float64Array, at: number) => void;
