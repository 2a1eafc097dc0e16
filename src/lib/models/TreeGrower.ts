import { bestSplit, type Split } from './bestSplit';
import { buildGradientHistogram, buildHistogram, jointHistogram, type JointHistogram } from './buildHistogram';
import type { GbdtParams } from './GbdtModel';
import { packBins } from './packBins';
import type { TreeBuffer } from './TreeBuffer';

/**
 * Grows one tree at a time over the rows index[0..m), best-first. Slot q (< leaves) is a current leaf: its rows
 * are index[begin[q]..end[q]), its gradient sum and count sumG[q], sumH[q], its histogram hg[q]/hc[q] (only while it
 * may still split) and its best split best[q]. Hot loops live in small functions below so V8 optimises each alone.
 */
export class TreeGrower {
  readonly grad: Float64Array;
  readonly index: Uint32Array;
  readonly #scratch: Uint32Array;
  readonly #codes: Uint8Array;
  readonly #joint: JointHistogram;
  readonly #pool: HistogramPool;
  #sel: Int32Array = new Int32Array(0);
  #groups = 0;
  readonly #begin: Int32Array;
  readonly #end: Int32Array;
  readonly #depth: Int32Array;
  readonly #node: Int32Array;
  readonly #sumG: Float64Array;
  readonly #sumH: Float64Array;
  readonly #hg: (Float64Array | null)[];
  readonly #hc: (Float64Array | null)[];
  readonly #best: Split[];
  #leaves = 0;
  /** Count histogram of all n rows for the current features: the same at the root of every unbagged tree. */
  #rootCounts: Float64Array | null = null;

  constructor(
    readonly bins: Uint8Array[],
    readonly n: number,
    readonly k: number,
    readonly p: Required<GbdtParams>
  ) {
    const L = p.numLeaves;
    this.grad = new Float64Array(n);
    this.index = new Uint32Array(n);
    this.#scratch = new Uint32Array(n);
    const groups = Math.ceil(k / 3);
    this.#codes = new Uint8Array(n * groups);
    this.#joint = jointHistogram(groups);
    this.#pool = new HistogramPool(k * 5);
    this.#begin = new Int32Array(L);
    this.#end = new Int32Array(L);
    this.#depth = new Int32Array(L);
    this.#node = new Int32Array(L);
    this.#sumG = new Float64Array(L);
    this.#sumH = new Float64Array(L);
    this.#hg = new Array<Float64Array | null>(L).fill(null);
    this.#hc = new Array<Float64Array | null>(L).fill(null);
    this.#best = Array.from({ length: L }, () => ({ gain: -Infinity, feature: -1, threshold: 0, gradLeft: 0, countLeft: 0 }));
  }

  selectFeatures(sel: Int32Array): void {
    this.#sel = sel;
    this.#groups = packBins(this.bins, sel, this.n, this.#codes);
    this.#rootCounts = null;
  }

  #splittable(q: number): boolean {
    const maxDepth = this.p.maxDepth > 0 ? this.p.maxDepth : Infinity;
    return this.#depth[q] < maxDepth && this.#sumH[q] >= 2 * this.p.minDataInLeaf;
  }

  #leafValue(q: number): number {
    return (-this.p.learningRate * this.#sumG[q]) / (this.#sumH[q] + this.p.lambdaL2);
  }

  /** Fills hg/hc of slot q from its rows and finds its best split. */
  #histogram(q: number, hg: Float64Array, hc: Float64Array): void {
    buildHistogram(this.#codes, this.#groups, this.k, this.index, this.#begin[q], this.#end[q], this.grad, this.#joint, hg, hc);
    this.#hg[q] = hg;
    this.#hc[q] = hc;
  }

  #findSplit(q: number): void {
    bestSplit(this.#hg[q]!, this.#hc[q]!, this.k, this.#sumG[q], this.#sumH[q], this.p.lambdaL2, this.p.minDataInLeaf, this.#best[q]);
  }

  #release(q: number): void {
    const hg = this.#hg[q];
    if (hg) this.#pool.give(hg, this.#hc[q]!);
    this.#hg[q] = this.#hc[q] = null;
  }

  grow(m: number, out: TreeBuffer, importance: Float64Array): void {
    const L = this.p.numLeaves;
    const begin = this.#begin;
    const end = this.#end;
    const node = this.#node;
    const sumG = this.#sumG;
    const sumH = this.#sumH;
    const best = this.#best;
    begin[0] = 0;
    end[0] = m;
    this.#depth[0] = 0;
    node[0] = out.add();
    sumH[0] = m;
    sumG[0] = sumRows(this.grad, this.index, 0, m);
    best[0].gain = -Infinity;
    this.#leaves = 1;
    if (L > 1 && this.#splittable(0)) {
      const hg = this.#pool.take();
      const hc = this.#pool.take();
      if (m === this.n && this.#rootCounts) {
        buildGradientHistogram(this.#codes, this.#groups, this.k, this.index, 0, m, this.grad, this.#joint, hg);
        hc.set(this.#rootCounts);
        this.#hg[0] = hg;
        this.#hc[0] = hc;
      } else {
        this.#histogram(0, hg, hc);
        if (m === this.n) this.#rootCounts = Float64Array.from(hc);
      }
      this.#findSplit(0);
    }
    out.count[node[0]] = m;
    out.value[node[0]] = this.#leafValue(0);

    while (this.#leaves < L) {
      let s = -1;
      for (let q = 0; q < this.#leaves; ++q) if (best[q].gain > this.p.minGainToSplit && (s < 0 || best[q].gain > best[s].gain)) s = q;
      if (s < 0) break;
      const split = best[s];
      const f = this.#sel[split.feature];
      const thr = split.threshold;
      const mid = partitionRows(this.index, this.#scratch, begin[s], end[s], this.bins[f], thr);
      const parent = node[s];
      const leftNode = out.add();
      const rightNode = out.add();
      out.feature[parent] = f;
      out.threshold[parent] = thr;
      out.left[parent] = leftNode;
      out.right[parent] = rightNode;
      out.gain[parent] = split.gain;
      importance[f] += split.gain;

      // The larger child keeps the parent's slot: its histogram is the parent's minus the smaller's, in place.
      const parentG = this.#hg[s]!;
      const parentC = this.#hc[s]!;
      this.#hg[s] = this.#hc[s] = null;
      const gl = split.gradLeft;
      const gr = sumG[s] - gl;
      const b0 = begin[s];
      const e0 = end[s];
      const d = this.#depth[s] + 1;
      const leftSmaller = mid - b0 <= e0 - mid;
      const big = s;
      const small = this.#leaves++;
      begin[small] = leftSmaller ? b0 : mid;
      end[small] = leftSmaller ? mid : e0;
      node[small] = leftSmaller ? leftNode : rightNode;
      sumG[small] = leftSmaller ? gl : gr;
      begin[big] = leftSmaller ? mid : b0;
      end[big] = leftSmaller ? e0 : mid;
      node[big] = leftSmaller ? rightNode : leftNode;
      sumG[big] = leftSmaller ? gr : gl;
      for (let c = 0; c < 2; ++c) {
        const q = c === 0 ? small : big;
        sumH[q] = end[q] - begin[q];
        this.#depth[q] = d;
        best[q].gain = -Infinity;
        out.value[node[q]] = this.#leafValue(q);
        out.count[node[q]] = sumH[q];
      }
      const more = this.#leaves < L;
      const smallOk = more && this.#splittable(small);
      const bigOk = more && this.#splittable(big);
      if (smallOk || bigOk) {
        this.#histogram(small, this.#pool.take(), this.#pool.take());
        if (bigOk) {
          subtractHistogram(parentG, parentC, this.#hg[small]!, this.#hc[small]!, this.k * 5);
          this.#hg[big] = parentG;
          this.#hc[big] = parentC;
          this.#findSplit(big);
        }
        if (smallOk) this.#findSplit(small);
        else this.#release(small);
      }
      if (this.#hg[big] !== parentG) this.#pool.give(parentG, parentC);
    }
  }

  /** Adds each leaf's value to the predictions of its in-bag rows and frees the leaves' histograms. */
  addLeafValues(out: TreeBuffer, pred: Float64Array): void {
    for (let q = 0; q < this.#leaves; ++q) {
      addToRows(pred, this.index, this.#begin[q], this.#end[q], out.value[this.#node[q]]);
      this.#release(q);
    }
  }
}

function sumRows(grad: Float64Array, index: Uint32Array, begin: number, end: number): number {
  let s = 0;
  for (let i = begin; i < end; ++i) s += grad[index[i]];
  return s;
}

/**
 * Stable partition of index[begin..end) by bin ≤ thr; returns the first position of the right part. Branch-free
 * (each row is written to both sides and only one cursor moves): the side is a coin flip the CPU cannot predict.
 */
function partitionRows(index: Uint32Array, scratch: Uint32Array, begin: number, end: number, col: Uint8Array, thr: number): number {
  let li = begin;
  let ri = 0;
  for (let i = begin; i < end; ++i) {
    const r = index[i];
    const right = (thr - col[r]) >>> 31; // 1 when col[r] > thr
    index[li] = r; // li ≤ i: never overwrites a row not yet read
    scratch[ri] = r;
    li += 1 - right;
    ri += right;
  }
  for (let i = 0; i < ri; ++i) index[li + i] = scratch[i];
  return li;
}

/** parent −= child, with bins the child emptied set to exactly 0 (no rounding residue). */
function subtractHistogram(pg: Float64Array, pc: Float64Array, cg: Float64Array, cc: Float64Array, len: number): void {
  for (let i = 0; i < len; ++i) {
    const c = pc[i] - cc[i];
    pc[i] = c;
    pg[i] = c === 0 ? 0 : pg[i] - cg[i];
  }
}

function addToRows(pred: Float64Array, index: Uint32Array, begin: number, end: number, v: number): void {
  for (let i = begin; i < end; ++i) pred[index[i]] += v;
}

/** Reusable per-leaf histogram buffers. */
class HistogramPool {
  #free: Float64Array[] = [];
  constructor(readonly size: number) {}
  take(): Float64Array {
    return this.#free.pop() ?? new Float64Array(this.size);
  }
  give(...buffers: Float64Array[]): void {
    this.#free.push(...buffers);
  }
}
