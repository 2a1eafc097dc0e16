import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPredictions } from '../../../src/lib/data/loadPredictions';
import { memorySource } from '../../helpers/memorySource';
import { naiveColumn, naiveCsv } from '../../helpers/naiveCsv';
import { writeParquet, writePredictionsParquet } from '../../helpers/writeParquet';
import { NUMERAI_DEV } from '../../helpers/fixtures';

const fixture = NUMERAI_DEV;
const dir = mkdtempSync(join(tmpdir(), 'numerai-pred-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csv = (text: string, name = 'predictions.csv') => memorySource(new TextEncoder().encode(text), name);

describe('loadPredictions', () => {
  it('loadPredictions(predictions/linear.csv) returns ids and values in file order', async () => {
    const p = await loadPredictions(memorySource(fixture + 'predictions/linear.csv'));
    const ref = naiveCsv(fixture + 'predictions/linear.csv');
    expect(p.column).toBe('prediction');
    expect(p.source).toBe('linear.csv');
    expect(p.ids.toArray()).toEqual(naiveColumn(ref, 'id'));
    expect(Array.from(p.values)).toEqual(naiveColumn(ref, 'prediction').map(Number));
  });

  it('loadPredictions(meta_model.parquet and .csv, { kind: "meta_model" }) agree and keep the eras', async () => {
    const a = await loadPredictions(memorySource(fixture + 'meta_model.parquet'), { kind: 'meta_model' });
    const b = await loadPredictions(memorySource(fixture + 'meta_model.csv'), { kind: 'meta_model' });
    expect(a.column).toBe('numerai_meta_model');
    expect(a.ids.toArray()).toEqual(b.ids.toArray());
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(a.eras).toEqual(b.eras);
    expect(a.eras?.[0]).toBe('0033');
  });

  it('loadPredictions(benchmark.csv, { kind: "benchmark" }) takes the only value column', async () => {
    const p = await loadPredictions(memorySource(fixture + 'benchmark.csv'), { kind: 'benchmark' });
    expect(p.column).toBe('benchmark');
    expect(p.values.length).toBe(15061);
  });

  it('loadPredictions(file) accepts "probability" and a single unnamed-value column', async () => {
    expect((await loadPredictions(csv('id,probability\na,0.1\nb,0.9\n'))).column).toBe('probability');
    expect((await loadPredictions(csv('id,era,my_model\na,0001,0.1\nb,0001,0.9\n'))).column).toBe('my_model');
  });

  it('loadPredictions(parquet with a pandas index) reads the id from __index_level_0__', async () => {
    const path = join(dir, 'preds.parquet');
    await writePredictionsParquet(path, ['x', 'y', 'z'], [0.2, 0.5, 0.8], { index: 'pandas-unnamed' });
    const p = await loadPredictions(memorySource(path));
    expect(p.ids.toArray()).toEqual(['x', 'y', 'z']);
    expect(Array.from(p.values)).toEqual([0.2, 0.5, 0.8]);
  });

  it('loadPredictions(file without id or prediction) says which column is missing', async () => {
    await expect(loadPredictions(csv('row,prediction\na,0.5\n'))).rejects.toThrowError(/^predictions\.csv has no "id" column\n- Its columns: "row", "prediction"\./);
    await expect(loadPredictions(csv('id,era\na,0001\n'))).rejects.toThrowError(/^predictions\.csv has no "prediction" \(or "probability"\) column/);
    await expect(loadPredictions(csv('id,a,b\nx,0.1,0.2\n'))).rejects.toThrowError(
      'predictions.csv has 2 value columns and no "prediction" (or "probability") column: say which one to use\n- Pass { column: … } with one of "a", "b".'
    );
    await expect(loadPredictions(csv('id,a\nx,0.1\ny,0.2\n'), { kind: 'meta_model', name: 'mm.csv' })).resolves.toMatchObject({ column: 'a', source: 'mm.csv' });
    await expect(loadPredictions(csv('id,a,b\nx,0.1,0.2\n'), { kind: 'meta_model', name: 'mm.csv' })).rejects.toThrowError(/mm\.csv has 2 value columns and no "numerai_meta_model" column/);
    await expect(loadPredictions(csv('id,a,b\nx,0.1,0.2\n'), { kind: 'benchmark', column: 'c' })).rejects.toThrowError(
      'predictions.csv has no column "c"\n- Value columns in the file: "a", "b".'
    );
  });

  it('loadPredictions(parquet benchmark file with several models) lists the numeric columns only', async () => {
    const path = join(dir, 'bench.parquet');
    await writeParquet(path, [
      { name: 'id', type: 'varchar', values: ['a', 'b'] },
      { name: 'era', type: 'varchar', values: ['0001', '0001'] },
      { name: 'note', type: 'varchar', values: ['x', 'y'] },
      { name: 'v52_lgbm_ender20', type: 'double', values: [0.1, 0.9] },
      { name: 'v53_lgbm_ender20', type: 'float', values: [0.2, 0.8] }
    ]);
    await expect(loadPredictions(memorySource(path), { kind: 'benchmark' })).rejects.toThrowError(/one of "v52_lgbm_ender20", "v53_lgbm_ender20"\.$/);
    const p = await loadPredictions(memorySource(path), { kind: 'benchmark', column: 'v53_lgbm_ender20' });
    expect(Array.from(p.values)).toEqual([Math.fround(0.2), Math.fround(0.8)]);
  });

  it('loadPredictions(file with duplicate ids) gives the count and the first example', async () => {
    await expect(loadPredictions(csv('id,prediction\na,0.1\nb,0.2\na,0.3\nb,0.4\nc,0.5\nb,0.6\n'))).rejects.toThrowError(
      'predictions.csv has 3 duplicate ids (e.g. "a" appears 2 times)'
    );
  });

  it('loadPredictions(file with NaN) is an error for predictions and allowed for the meta model', async () => {
    const text = 'id,prediction\na,0.1\nb,\nc,NaN\nd,0.7\n';
    await expect(loadPredictions(csv(text))).rejects.toThrowError(/^predictions\.csv has 2 missing \(NaN or empty\) values in prediction\n- Numerai rejects submissions with NaN/);
    const mm = await loadPredictions(csv(text), { kind: 'meta_model' });
    expect(Array.from(mm.values)).toEqual([0.1, NaN, NaN, 0.7]);
  });

  it('loadPredictions(values outside [0, 1]) counts them, gives min/max and suggests ranking', async () => {
    await expect(loadPredictions(csv('id,prediction\na,-0.5\nb,0.2\nc,1.7\nd,1.00000001\n'))).rejects.toThrowError(
      'predictions.csv has 2 values in prediction outside [0, 1] (min -0.5000, max 1.700)\n- Numerai needs predictions in [0, 1]: rank your predictions per era, e.g. rank(pct=True).'
    );
  });

  it('loadPredictions(constant predictions) is an error, as in Numerai\'s submission check', async () => {
    await expect(loadPredictions(csv('id,prediction\na,0.5\nb,0.5\nc,0.5\n'))).rejects.toThrowError(
      /^predictions\.csv: every value in prediction is 0\.5000, so the predictions are constant/
    );
  });

  it('loadPredictions(empty file or header only) says it is empty', async () => {
    await expect(loadPredictions(csv('id,prediction\n'))).rejects.toThrowError(/^predictions\.csv has no rows/);
    await expect(loadPredictions(csv(''))).rejects.toThrowError('predictions.csv is empty (0 bytes)');
    await expect(loadPredictions(csv('id,prediction\na,\n'), { kind: 'meta_model' })).rejects.toThrowError(/every row is NaN or empty/);
  });

  it('loadPredictions(a features file read as predictions) points at the column choice', async () => {
    const err = await loadPredictions(memorySource(readFileSync(fixture + 'data.csv'), 'data.csv')).catch((e) => e);
    expect(err.shortMessage).toBe('data.csv has 18 value columns and no "prediction" (or "probability") column: say which one to use');
  });
});
