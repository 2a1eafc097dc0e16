import { PlaygroundError } from '../../errors';

/**
 * Neutralizer columns gathered once into a row-major n×k block, so that every signal of a date reuses the same
 * contiguous memory: the inner step of numerai-tools `generate_neutralized_weights`.
 */
export class NeutralizerBlock {
  private constructor(
    readonly n: number,
    readonly k: number,
    readonly data: Float64Array
  ) {}

  /** The block of the given rows (all rows when omitted) of column arrays; NaN is an error, as numerai-tools asserts. */
  static fromColumns(columns: readonly ArrayLike<number>[], rows?: ArrayLike<number>, offset = 0): NeutralizerBlock {
    const k = columns.length;
    const n = rows ? rows.length : (columns[0]?.length ?? 0) - offset;
    const data = new Float64Array(n * k);
    for (let j = 0; j < k; ++j) {
      const c = columns[j];
      for (let i = 0; i < n; ++i) {
        const v = c[(rows ? rows[i] : i) + offset];
        if (v !== v) throw new PlaygroundError(`Neutralizers contain NaN (column ${j}, row ${rows ? rows[i] : i}).`, { hints: ['Drop the rows whose neutralizers are missing before scoring, as Numerai\'s example notebook does.'] });
        data[i * k + j] = v;
      }
    }
    return new NeutralizerBlock(n, k, data);
  }

  /** w = (s − N(Nᵀ(v∘s)))∘v for one transformed signal s (numerai-tools `generate_neutralized_weights`, per column). */
  weights(s: Float64Array, v: Float64Array, out: Float64Array = new Float64Array(this.n), scratch: Float64Array = new Float64Array(this.k)): Float64Array {
    const { n, k, data } = this;
    const c = scratch.fill(0);
    for (let i = 0; i < n; ++i) {
      const x = v[i] * s[i];
      const row = i * k;
      for (let j = 0; j < k; ++j) c[j] += data[row + j] * x;
    }
    for (let i = 0; i < n; ++i) {
      const row = i * k;
      let p = 0;
      for (let j = 0; j < k; ++j) p += data[row + j] * c[j];
      out[i] = (s[i] - p) * v[i];
    }
    return out;
  }
}
