import { describe, expect, it } from 'vitest';
import { alignToDataset } from '../../../src/lib/data/alignToDataset';
import type { Predictions } from '../../../src/lib/data/loadPredictions';
import { IdColumn } from '../../../src/lib/data/IdColumn';
import { tinyDataset } from '../../helpers/tinyDataset';

const preds = (ids: string[], values: number[] | ((i: number) => number), kind: Predictions['kind'] = 'predictions'): Predictions => ({
  ids: IdColumn.fromStrings(ids),
  values: Float64Array.from(ids, (_, i) => (typeof values === 'function' ? values(i) : values[i])),
  column: 'prediction',
  source: 'preds.csv',
  kind
});

describe('alignToDataset', () => {
  it('alignToDataset(pred, ds) puts each value on its id\'s row, NaN where absent', () => {
    const ds = tinyDataset(2, 3); // ids r0..r5
    const a = alignToDataset(preds(['r5', 'r0', 'r2', 'r1', 'r4', 'r3'], [0.5, 0.0, 0.2, 0.1, 0.4, 0.3]), ds);
    expect(Array.from(a.values)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(a.matched).toBe(6);
    expect(a.coverage).toBe(1);
    expect(a.warnings).toEqual([]);
  });

  it('alignToDataset(pred with foreign ids) warns "1,204 of 6,720 prediction ids are not in the data"', () => {
    const ds = tinyDataset(10, 600); // 6,000 rows
    const ids = [...Array.from({ length: 5516 }, (_, i) => `r${i}`), ...Array.from({ length: 1204 }, (_, i) => `x${i}`)];
    const a = alignToDataset(preds(ids, (i) => (i % 100) / 100), ds);
    expect(a.warnings).toEqual([
      '1,204 of 6,720 prediction ids are not in the data and were ignored.',
      '484 of 6,000 scored rows (rows with a target) have no prediction (91.9% covered); they are left out of the scores.'
    ]);
    expect(a.matched).toBe(5516);
    expect(Number.isNaN(a.values[5516])).toBe(true);
  });

  it('alignToDataset(pred covering < 80% of scored rows) is an error with the counts', () => {
    const ds = tinyDataset(10, 600, 2); // last 2 eras unresolved: 4,800 scored rows
    const ids = Array.from({ length: 3800 }, (_, i) => `r${i}`); // covers 3,800 scored rows = 79.2 %
    expect(() => alignToDataset(preds(ids, (i) => (i % 7) / 7), ds)).toThrowError(
      /^preds\.csv covers only 3,800 of 4,800 scored rows \(rows with a target\) of the data \(79\.2%\): at least 80\.0% are needed/
    );
    // The unresolved rows do not count: 3,840 of 4,800 = 80 % passes.
    const ok = alignToDataset(preds(Array.from({ length: 3840 }, (_, i) => `r${i}`), (i) => (i % 7) / 7), ds);
    expect(ok.coverage).toBe(0.8);
  });

  it('alignToDataset(pred with no matching id) says none match and shows an id from each side', () => {
    const ds = tinyDataset(2, 5);
    expect(() => alignToDataset(preds(['live1', 'live2'], [0.1, 0.9]), ds)).toThrowError(
      /^None of the 2 prediction ids in preds\.csv are in the data \(tiny, 10 rows\)\n- e\.g\. preds\.csv has "live1", the data has "r0"\./
    );
  });

  it('alignToDataset(meta model with NaN eras) only warns: NaN means not available', () => {
    const ds = tinyDataset(3, 100);
    const mm = preds(ds.ids.toArray(), (i) => (i < 100 ? NaN : 0.5 + (i % 3) / 10), 'meta_model');
    mm.column = 'numerai_meta_model';
    const a = alignToDataset(mm, ds);
    expect(a.matched).toBe(200);
    expect(a.warnings).toEqual([
      'The meta model (numerai_meta_model) has no value for 100 of 300 scored rows (rows with a target) (66.7% covered); scores that need it skip those rows.'
    ]);
    expect(() => alignToDataset(mm, ds, { minCoverage: 0.8 })).toThrowError(/covers only 200 of 300/);
  });

  it('alignToDataset(pred, ds, { target }) rejects an unknown target', () => {
    expect(() => alignToDataset(preds(['r0'], [0.5]), tinyDataset(1, 2), { target: 'target_x' })).toThrowError('The dataset has no target "target_x"');
  });
});
