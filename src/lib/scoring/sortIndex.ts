/**
 * Stable argsort: returns `index` reordered so that values[index[0]] ≤ values[index[1]] ≤ …, equal values
 * (−0 and 0 included) keeping their order in `index`. `values` must hold no NaN. Float64Array inputs of 256+
 * values use an LSD radix sort (below); others insertion-sorted runs of 16 and bottom-up merges. Both are
 * O(n log n) or better and beat `Uint32Array.prototype.sort` with a comparator by 2–4× on 5,000-row eras.
 */
export function sortIndex(values: ArrayLike<number>, index: Uint32Array, scratch?: Uint32Array): Uint32Array {
  if (index.length >= 256 && values instanceof Float64Array) return radixSortIndex(values, index);
  return mergeSortIndex(values, index, scratch);
}

const DIGIT = 11;
const MASK = (1 << DIGIT) - 1;
const word = new Float64Array(1);
const words = new Uint32Array(word.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // the high word's index: 1 on little-endian
/** Runs of equal keys longer than this are merge-sorted instead of insertion-sorted (clustered values stay O(n log n)). */
const SHORT_RUN = 32;

/** Work arrays reused across calls (a worker sorts one array at a time): a sort allocates nothing once warmed up. */
let pool = { keys: new Uint32Array(0), keysOut: new Uint32Array(0), idxOut: new Uint32Array(0), merge: new Uint32Array(0) };
const count = new Uint32Array(MASK + 1);

function buffers(n: number) {
  if (pool.keys.length < n) {
    const size = Math.max(n, 2 * pool.keys.length);
    pool = { keys: new Uint32Array(size), keysOut: new Uint32Array(size), idxOut: new Uint32Array(size), merge: new Uint32Array(size) };
  }
  return pool;
}

/**
 * Radix argsort on an unsigned key whose order is the values' order, in stable 11-bit LSD passes; runs of equal
 * keys are then put in full order by a stable insertion sort (a merge sort for long runs). Finite values get a
 * 22-bit key scaled from their range (two passes: values closer than a 4-millionth of the range share a key);
 * otherwise the key is the high 32 bits of the double (negative: all bits flipped; positive: sign bit set), in three
 * passes.
 */
function radixSortIndex(values: Float64Array, index: Uint32Array): Uint32Array {
  const n = index.length;
  const b = buffers(n);
  let keys: Uint32Array = b.keys.subarray(0, n);
  let keysOut: Uint32Array = b.keysOut.subarray(0, n);
  let idx: Uint32Array = index;
  let idxOut: Uint32Array = b.idxOut.subarray(0, n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; ++i) {
    const v = values[index[i]];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo;
  let bits: number;
  if (span > 0 && span < Infinity) {
    const scale = (2 ** (2 * DIGIT) - 1) / span;
    for (let i = 0; i < n; ++i) keys[i] = (values[index[i]] - lo) * scale;
    bits = 2 * DIGIT;
  } else {
    for (let i = 0; i < n; ++i) {
      const v = values[index[i]];
      word[0] = v === 0 ? 0 : v; // −0 sorts with 0
      const h = words[HI];
      keys[i] = h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    }
    bits = 32;
  }
  for (let shift = 0; shift < bits; shift += DIGIT) {
    count.fill(0);
    for (let i = 0; i < n; ++i) ++count[(keys[i] >>> shift) & MASK];
    for (let d = 0, sum = 0; d <= MASK; ++d) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; ++i) {
      const pos = count[(keys[i] >>> shift) & MASK]++;
      keysOut[pos] = keys[i];
      idxOut[pos] = idx[i];
    }
    [keys, keysOut] = [keysOut, keys];
    [idx, idxOut] = [idxOut, idx];
  }
  if (idx !== index) index.set(idx);
  // runs of equal keys, in full order
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && keys[j] === keys[i]) ++j;
    if (j - i > SHORT_RUN) mergeSortIndex(values, index.subarray(i, j), b.merge);
    else
      for (let k = i + 1; k < j; ++k) {
        const item = index[k];
        const v = values[item];
        let m = k;
        while (m > i && values[index[m - 1]] > v) {
          index[m] = index[m - 1];
          --m;
        }
        index[m] = item;
      }
    i = j;
  }
  return index;
}

function mergeSortIndex(values: ArrayLike<number>, index: Uint32Array, scratch: Uint32Array = new Uint32Array(index.length)): Uint32Array {
  const n = index.length;
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; ++i) {
      const item = index[i];
      const v = values[item];
      let j = i - 1;
      while (j >= lo && values[index[j]] > v) {
        index[j + 1] = index[j];
        --j;
      }
      index[j + 1] = item;
    }
  }
  let src = index;
  let dst = scratch.length >= n ? scratch : new Uint32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        // `<` (not `<=`) on the right run keeps equal values in their original order: stable
        if (values[src[j]] < values[src[i]]) dst[k++] = src[j++];
        else dst[k++] = src[i++];
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== index) index.set(src.subarray(0, n));
  return index;
}
