import type { GbdtTrees } from './GbdtModel';

/** Growable node arrays; `finish` trims them to a GbdtTrees. */
export class TreeBuffer {
  size = 0;
  #starts: number[] = [0];
  feature: Int32Array;
  threshold: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  gain: Float64Array;
  count: Int32Array;
  constructor(capacity: number) {
    this.feature = new Int32Array(capacity);
    this.threshold = new Uint8Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.gain = new Float64Array(capacity);
    this.count = new Int32Array(capacity);
  }
  /** A new leaf node's index. */
  add(): number {
    if (this.size === this.feature.length) this.#grow();
    const k = this.size++;
    this.feature[k] = -1;
    this.left[k] = -1;
    this.right[k] = -1;
    return k;
  }
  endTree(): void {
    this.#starts.push(this.size);
  }
  finish(): GbdtTrees {
    const k = this.size;
    return {
      start: Int32Array.from(this.#starts),
      feature: this.feature.slice(0, k),
      threshold: this.threshold.slice(0, k),
      left: this.left.slice(0, k),
      right: this.right.slice(0, k),
      value: this.value.slice(0, k),
      gain: this.gain.slice(0, k),
      count: this.count.slice(0, k)
    };
  }
  #grow(): void {
    const cap = this.feature.length * 2;
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.feature = grow(this.feature);
    this.threshold = grow(this.threshold);
    this.left = grow(this.left);
    this.right = grow(this.right);
    this.value = grow(this.value);
    this.gain = grow(this.gain);
    this.count = grow(this.count);
  }
}
