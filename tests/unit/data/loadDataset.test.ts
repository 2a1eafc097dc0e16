import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlaygroundError } from '../../../src/lib/errors';
import { loadDataset } from '../../../src/lib/data/loadDataset';
import { parseFeaturesJson } from '../../../src/lib/data/featureSets';
import { Rng } from '../../../src/lib/data/Rng';
import { memorySource } from '../../helpers/memorySource';
import { writeParquet } from '../../helpers/writeParquet';
import { NUMERAI_DEV } from '../../helpers/fixtures';

const fixture = NUMERAI_DEV;
const dir = mkdtempSync(join(tmpdir(), 'numerai-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csv = (text: string, name = 'data.csv') => memorySource(new TextEncoder().encode(text), name);
const header = 'id,era,data_type,feature_a_b_c,feature_d_e_f,target';

describe('loadDataset errors', () => {
  it('loadDataset(random bytes) says the file is not a parquet or CSV file', async () => {
    const rng = new Rng(1);
    const bytes = Uint8Array.from({ length: 5000 }, () => rng.int(256));
    await expect(loadDataset(memorySource(bytes, 'upload.bin'))).rejects.toThrowError(/^upload\.bin is not a parquet or CSV file: /);
    await expect(loadDataset(memorySource(new TextEncoder().encode('hello world\nno commas here\n'), 'notes.txt'))).rejects.toThrowError(
      'notes.txt is not a parquet or CSV file: its first line has no commas, so it is not a CSV header'
    );
    await expect(loadDataset(memorySource(Uint8Array.of(0x50, 0x4b, 3, 4, 20, 0), 'data.zip'))).rejects.toThrowError(/ZIP archive \(unzip it first\)/);
    await expect(loadDataset(memorySource(new Uint8Array(0), 'empty.csv'))).rejects.toThrowError('empty.csv is empty (0 bytes)');
  });

  it('loadDataset(truncated parquet) says the file is truncated', async () => {
    const whole = readFileSync(fixture + 'validation.parquet');
    for (const keep of [0.5, 0.999]) {
      const cut = new Uint8Array(whole.subarray(0, Math.floor(whole.length * keep)));
      await expect(loadDataset(memorySource(cut, 'validation.parquet'))).rejects.toThrowError(
        /^validation\.parquet is a truncated or damaged parquet file: it does not end with the parquet footer/
      );
    }
  });

  it('loadDataset(parquet with a damaged column chunk) fails with a PlaygroundError, not a crash', async () => {
    const bytes = new Uint8Array(readFileSync(fixture + 'validation.parquet'));
    for (let i = 200; i < 30_000; i += 3) bytes[i] ^= 0x5a; // scramble the first column chunks, keep the footer
    const err = await loadDataset(memorySource(bytes, 'validation.parquet')).catch((e) => e);
    expect(err).toBeInstanceOf(PlaygroundError);
    expect(err.message).toMatch(/^validation\.parquet is a damaged parquet file: reading rows/);
  });

  it('loadDataset(file, { features }) lists the missing columns and similar names in the file', async () => {
    const err = await loadDataset(memorySource(fixture + 'validation.parquet'), {
      features: ['feature_buckshee_antipathetic_concav', 'feature_concave_thermal_ironfisted', 'feature_nothing_like_it'],
      targets: ['target', 'target_alt']
    }).catch((e) => e);
    expect(err).toBeInstanceOf(PlaygroundError);
    expect(err.shortMessage).toBe(
      'validation.parquet is missing 3 of 7 requested columns: feature_buckshee_antipathetic_concav, feature_nothing_like_it, target_alt'
    );
    expect(err.message).toMatch(/similar names: feature_buckshee_antipathetic_concave \(for feature_buckshee_antipathetic_concav\); target_alt_20 \(for target_alt\)/);
    expect(err.message).toMatch(/Check the feature names, or pick a named set with \{ featureSet: "small", featuresJson \}/);
  });

  it('loadDataset(file, { featureSet, featuresJson }) loads the set, and names the set when its features are missing', async () => {
    const fj = parseFeaturesJson(readFileSync(fixture + 'features.json', 'utf8'));
    const ds = await loadDataset(memorySource(fixture + 'validation.parquet'), { featureSet: 'small', featuresJson: fj });
    expect(ds.featureNames).toEqual(fj.feature_sets.small);
    const other = { feature_sets: { small: ['feature_from_v4_1', ...fj.feature_sets.small] }, targets: [] };
    await expect(loadDataset(memorySource(fixture + 'data.csv'), { featureSet: 'small', featuresJson: other })).rejects.toThrowError(
      /missing 1 of 12 requested columns: feature_from_v4_1\n(.|\n)*feature set "small" of features.json: use the features.json of the same data version as data\.csv/
    );
    await expect(loadDataset(memorySource(fixture + 'data.csv'), { featureSet: 'medium', featuresJson: fj })).rejects.toThrowError(
      /There is no feature set "medium" in features.json\n- Available sets: small \(8\), all \(16\)\./
    );
    await expect(loadDataset(memorySource(fixture + 'data.csv'), { featureSet: 'small' })).rejects.toThrowError(/featureSet "small" needs featuresJson/);
  });

  it('loadDataset(file without id) explains how to save the id', async () => {
    await expect(loadDataset(csv('era,feature_a_b_c\n0001,1\n'))).rejects.toThrowError(/missing 1 of 3 requested columns: id\n(.|\n)*indexed by "id"/);
  });

  it('loadDataset(CSV with a feature value 7) names the column, value and row', async () => {
    const rows = [header, 'n1,0001,validation,1,2,0.5', 'n2,0001,validation,4,7,0.5'];
    await expect(loadDataset(csv(rows.join('\n')))).rejects.toThrowError(
      'feature_d_e_f has values outside 0..4 (e.g. 7 at row 2): Numerai features are int8 bins'
    );
  });

  it('loadDataset(parquet with a feature value 7) names the column, value and row', async () => {
    const path = join(dir, 'bad-feature.parquet');
    const f = Int8Array.from({ length: 30 }, (_, i) => (i === 11 ? 7 : i % 5));
    await writeParquet(path, [
      { name: 'id', type: 'varchar', values: Array.from({ length: 30 }, (_, i) => `n${i}`) },
      { name: 'era', type: 'varchar', values: Array(30).fill('0001') },
      { name: 'feature_x', type: 'tinyint', values: f }
    ]);
    await expect(loadDataset(memorySource(path))).rejects.toThrowError(
      'feature_x has values outside 0..4 (e.g. 7 at row 12): Numerai features are int8 bins'
    );
  });

  it('loadDataset(CSV with empty feature values) fills them with 2 and warns with the count', async () => {
    const rows = [header, 'n1,0001,validation,,2,0.5', 'n2,0001,validation,,,0.5', 'n3,0002,validation,3,NaN,'];
    const ds = await loadDataset(csv(rows.join('\r\n')));
    expect(Array.from(ds.features[0])).toEqual([2, 2, 3]);
    expect(Array.from(ds.features[1])).toEqual([2, 2, 2]);
    expect(Array.from(ds.targets.target)).toEqual([0.5, 0.5, NaN]);
    expect(ds.info.warnings).toEqual([
      "4 feature values were missing (empty or NaN) and set to 2, Numerai's fill for missing, in 2 columns (feature_a_b_c 2, feature_d_e_f 2)."
    ]);
  });

  it('loadDataset(file with duplicate ids) gives the count and an example', async () => {
    const rows = [header, 'n1,0001,validation,1,2,0.5', 'n2,0001,validation,1,2,0.5', 'n1,0002,validation,1,2,0.5', 'n2,0002,validation,1,2,0.5', 'n2,0003,validation,1,2,0.5'];
    await expect(loadDataset(csv(rows.join('\n')))).rejects.toThrowError('data.csv has 3 duplicate ids (e.g. "n1" appears 2 times)');
  });

  it('loadDataset(file, { dataTypes, eras }) with nothing left says what the file has', async () => {
    const err = await loadDataset(memorySource(fixture + 'validation.parquet'), { dataTypes: ['train'], eras: { from: 5 } }).catch((e) => e);
    expect(err.shortMessage).toBe('No rows of validation.parquet are left after filtering (data_type in ["train"], eras 5–last)');
    expect(err.hints).toEqual(['validation.parquet has 15,061 rows in 60 eras (0001–0060).', 'Its data_type values: "validation".']);
    await expect(loadDataset(memorySource(fixture + 'data.csv'), { eras: { from: 61 } })).rejects.toThrowError(/No rows of data\.csv are left/);
  });

  it('loadDataset(header-only CSV) and bad era options fail with specific messages', async () => {
    await expect(loadDataset(csv(header + '\n'))).rejects.toThrowError('data.csv has a header but no rows');
    await expect(loadDataset(csv(header + '\nn1,0001,validation,1,2,0.5'), { eras: { every: 0 } })).rejects.toThrowError(/eras.every must be a whole number/);
    await expect(loadDataset(csv(header + '\nn1,0001,validation,1,2,0.5'), { eras: { from: 'latest' } })).rejects.toThrowError(/eras.from must be an era number/);
  });

  it('loadDataset(file without target) loads no target and warns, unless targets were asked for', async () => {
    const text = 'id,era,feature_a_b_c,target_x_20\nn1,0001,1,0.5\n';
    const ds = await loadDataset(csv(text));
    expect(ds.targets).toEqual({});
    expect(ds.info.warnings[0]).toMatch(/has no "target" column, so no target was loaded \(it has target_x_20: pass targets/);
    await expect(loadDataset(csv(text), { targets: ['target'] })).rejects.toThrowError(/missing 1 of 4 requested columns: target/);
  });

  it('loadDataset(pandas CSV with an unnamed index column) uses it as the id', async () => {
    const ds = await loadDataset(csv(',era,feature_a_b_c,target\nn9,0002,1,0.5\nn8,0001,4,0\n'));
    expect(ds.ids.toArray()).toEqual(['n8', 'n9']);
    expect(ds.eras).toEqual(['0001', '0002']);
  });
});

describe('loadDataset and loadPredictions never crash', () => {
  it('loadDataset(source whose reads fail) wraps the I/O error as a PlaygroundError', async () => {
    const failing = { byteLength: 1000, name: 'gone.parquet', slice: () => Promise.reject(new Error('NotReadableError: the file changed')) };
    const err = await loadDataset(failing).catch((e) => e);
    expect(err).toBeInstanceOf(PlaygroundError);
    expect(err.shortMessage).toBe('gone.parquet could not be read: NotReadableError: the file changed');
    const { loadPredictions } = await import('../../../src/lib/data/loadPredictions');
    await expect(loadPredictions(failing)).rejects.toThrowError(/^gone\.parquet could not be read/);
  });

  it('loadDataset(200 corrupted copies of the fixture) always fails with a PlaygroundError or loads', async () => {
    const whole = new Uint8Array(readFileSync(fixture + 'validation.parquet'));
    const rng = new Rng(77);
    for (let t = 0; t < 200; ++t) {
      const bytes = whole.slice();
      const hits = 1 + rng.int(20);
      for (let k = 0; k < hits; ++k) bytes[rng.int(bytes.length)] = rng.int(256);
      const r = await loadDataset(memorySource(bytes, 'x.parquet')).then(() => null, (e) => e);
      if (r) expect(r).toBeInstanceOf(PlaygroundError);
    }
  });
});

describe('loadDataset era filters', () => {
  it('loadDataset(CSV with a gap in the eras, { eras: { every: 2 } }) counts by era number, like the parquet path', async () => {
    const rows = ['id,era,feature_a_b_c'];
    ['0001', '0002', '0003', '0005', '0006', '0007'].forEach((e, k) => rows.push(`n${k},${e},1`));
    const ds = await loadDataset(csv(rows.join('\n')), { eras: { every: 2 } });
    expect(ds.eras).toEqual(['0001', '0003', '0005', '0007']);
    const path = join(dir, 'gap.parquet');
    await writeParquet(path, [
      { name: 'id', type: 'varchar', values: rows.slice(1).map((r) => r.split(',')[0]) },
      { name: 'era', type: 'varchar', values: rows.slice(1).map((r) => r.split(',')[1]) },
      { name: 'feature_a_b_c', type: 'tinyint', values: rows.slice(1).map(() => 1) }
    ]);
    expect((await loadDataset(memorySource(path), { eras: { every: 2 } })).eras).toEqual(ds.eras);
  });
});
