// What loading a file will take, from its parquet footer alone (the CLI and the Score page say it before reading).
import { describe, expect, it } from 'vitest';
import { estimateDataset } from '../../../src/lib/data/estimateDataset';
import { parseFeaturesJson } from '../../../src/lib/data/featureSets';
import { loadDataset } from '../../../src/lib/data/loadDataset';
import { openFileSource } from '../../../src/lib/data/node/openFileSource';
import { readFileSync } from 'node:fs';
import { estimateScoringMs, type ScoringCalibration } from '../../../src/lib/scoring/estimateScoring';
import { describeEstimate, estimateWarning } from '../../../src/lib/scorefiles/describeEstimate';
import { memoryBudget } from '../../../src/lib/scorefiles/memoryBudget';
import { NUMERAI_DEV } from '../../helpers/fixtures';

describe('estimateDataset', () => {
  it('counts rows, eras (from the era statistics) and the bytes of exactly the chosen column chunks', async () => {
    const src = await openFileSource(`${NUMERAI_DEV}validation.parquet`);
    const featuresJson = parseFeaturesJson(readFileSync(`${NUMERAI_DEV}features.json`, 'utf8'));
    const all = await estimateDataset(src, {});
    const small = await estimateDataset(src, { featureSet: 'small', featuresJson });
    const ds = await loadDataset(src, {});
    await src.close();
    expect(all).toMatchObject({ format: 'parquet', rows: 15061, eras: 60, features: 16, featuresInFile: 16, fileBytes: src.byteLength });
    expect(small.features).toBe(8);
    expect(small.bytesToRead).toBeLessThan(all.bytesToRead);
    expect(all.bytesToRead).toBeLessThan(src.byteLength);
    expect(ds.n).toBe(all.rows);
    // int8 features + float64 target + packed id + era and data_type references per row
    expect(all.loadedBytes).toBe(15061 * (16 + 8 + 16 + 8));
  });

  it('a CSV is read whole; its rows are estimated from the first lines', async () => {
    const src = await openFileSource(`${NUMERAI_DEV}data.csv`);
    const e = await estimateDataset(src, {});
    await src.close();
    expect(e.format).toBe('csv');
    expect(e.bytesToRead).toBe(e.fileBytes);
    expect(Math.abs(e.rows - 15061) / 15061).toBeLessThan(0.05);
  });

  it('an unknown feature set fails before reading, as loadDataset would', async () => {
    const src = await openFileSource(`${NUMERAI_DEV}validation.parquet`);
    const featuresJson = parseFeaturesJson(readFileSync(`${NUMERAI_DEV}features.json`, 'utf8'));
    await expect(estimateDataset(src, { featureSet: 'medium', featuresJson })).rejects.toThrow(/no feature set "medium"/);
    await src.close();
  });
});

describe('estimateScoringMs and the warnings', () => {
  const cal: ScoringCalibration = { gram: 1e-7, cholesky: 1e-6, dot: 1e-6, row: 1e-3 };
  it('grows with features² per row and features³ per era, and linearly with models', () => {
    const shape = { rows: 248_000, eras: 40, features: 42, models: 1 };
    const small = estimateScoringMs(shape, cal);
    const medium = estimateScoringMs({ ...shape, features: 714 }, cal);
    expect(small).toBeCloseTo(40 * (1e-7 * 42 * 42 * 6200 + 1e-6 * 42 ** 3) + 248_000 * (1e-3 + 4e-6 * 42), 6);
    expect(medium / small).toBeGreaterThan(50);
    expect(estimateScoringMs({ ...shape, features: 0, models: 2 }, cal)).toBeCloseTo(2 * 248_000 * 1e-3, 6);
  });

  it('warns before minutes of scoring and refuses what does not fit the memory budget', () => {
    const base = { source: 'v.parquet', format: 'parquet' as const, fileBytes: 231e6, bytesToRead: 5e6, rows: 248_000, eras: 40, features: 42, featuresInFile: 2376, loadedBytes: 20e6, readingBytes: 1e6, models: 1 };
    expect(estimateWarning({ ...base, scoringMs: 2000, memoryBytes: 30e6 }, 2e9)).toBeNull();
    expect(estimateWarning({ ...base, scoringMs: 600_000, memoryBytes: 30e6 }, 2e9)).toMatchObject({ level: 'slow', message: expect.stringMatching(/^Scoring will take about 10 min 00 s here/) });
    expect(estimateWarning({ ...base, scoringMs: 2000, memoryBytes: 3e9 }, 2e9)).toMatchObject({ level: 'too-big', message: expect.stringMatching(/needs about 3\.0 GB, more than this tab can hold \(about 2\.0 GB\)/) });
    expect(describeEstimate({ ...base, scoringMs: 2000, memoryBytes: 30e6 })).toBe(
      'v.parquet: 248,000 rows in about 40 eras; 42 of 2,376 features; reads 5.0 MB of 231 MB; needs about 30 MB; scoring one model takes about 2 s here.'
    );
    expect(memoryBudget(8)).toBe(4e9);
    expect(memoryBudget(2)).toBe(1e9);
    expect(memoryBudget(undefined)).toBe(2e9);
  });
});
