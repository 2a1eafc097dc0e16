// Test helper: a small hand-built Dataset with predictable ids, for alignment and error tests.
import type { Dataset } from '../../src/lib/data/Dataset';
import { IdColumn } from '../../src/lib/data/IdColumn';

/** A Dataset of `eras` eras × `perEra` rows, ids "r0", "r1", …, one feature, target = (i % 5) / 4 (NaN in `unresolved` last eras). */
export function tinyDataset(eras: number, perEra: number, unresolved = 0): Dataset {
  const n = eras * perEra;
  const target = new Float64Array(n);
  for (let i = 0; i < n; ++i) target[i] = Math.floor(i / perEra) >= eras - unresolved ? NaN : (i % 5) / 4;
  return {
    n,
    ids: IdColumn.fromStrings(Array.from({ length: n }, (_, i) => `r${i}`)),
    eras: Array.from({ length: eras }, (_, e) => String(e + 1).padStart(4, '0')),
    eraStarts: Uint32Array.from({ length: eras + 1 }, (_, e) => e * perEra),
    featureNames: ['feature_a_b_c'],
    features: [Int8Array.from({ length: n }, (_, i) => i % 5)],
    targets: { target },
    columns: {},
    info: { source: 'tiny', warnings: [] }
  };
}
