// The worker API through real Comlink message passing (Node's MessageChannel), as the page uses it.
import * as Comlink from 'comlink';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { createScoringApi, type ScoringApi } from '../../../src/lib/workers/scoring.api';
import { Workspace } from '../../../src/lib/workers/Workspace';
import { scoreEras } from '../../../src/lib/scoring/scoreEras';
import { generateDataset } from '../../../src/lib/data/generateDataset';
import { NUMERAI_DEV } from '../../helpers/fixtures';

const { port1, port2 } = new MessageChannel();
// node's MessagePort speaks the same postMessage protocol Comlink's Endpoint needs
Comlink.expose(createScoringApi(), port1 as unknown as Comlink.Endpoint);
const remote = Comlink.wrap<ScoringApi>(port2 as unknown as Comlink.Endpoint);
afterAll(() => {
  port1.close();
  port2.close();
});

describe('scoring API over Comlink', () => {
  it('loadGenerated(options) returns a summary of the seeded dataset', async () => {
    const s = await remote.loadGenerated({ seed: 3, eras: 12, rowsPerEra: 200 });
    expect(s.eras).toHaveLength(12);
    expect(s.rowsPerEra.reduce((a, b) => a + b, 0)).toBe(s.n);
    expect(s.columns).toContain('numerai_meta_model');
    expect(s.featureSets.all).toEqual(s.featureNames);
  });

  it('score(request) moves typed arrays back and equals scoreEras on the same data', async () => {
    const progress: number[] = [];
    const result = await remote.score({ models: ['example_prediction'] }, Comlink.proxy((done: number) => void progress.push(done)));
    const { dataset } = generateDataset({ seed: 3, eras: 12, rowsPerEra: 200 });
    const direct = scoreEras({
      eras: dataset.eras,
      eraStarts: dataset.eraStarts,
      target: dataset.targets.target,
      predictions: { example_prediction: dataset.columns.example_prediction },
      metaModel: dataset.columns.numerai_meta_model,
      benchmark: dataset.columns.v5_lgbm_ender20,
      features: dataset.features
    });
    const got = result.models.example_prediction;
    expect(got.perEra.corr).toBeInstanceOf(Float64Array);
    expect(Array.from(got.perEra.corr!)).toEqual(Array.from(direct.models.example_prediction.perEra.corr!));
    expect(Array.from(got.perEra.bmc!)).toEqual(Array.from(direct.models.example_prediction.perEra.bmc!));
    // progress travels on the proxy's own channel, so it may land just after the result
    await vi.waitFor(() => expect(progress.at(-1)).toBe(12));
  });

  it('setColumn then score scores the new column; a wrong length is a clear error', async () => {
    const ws = new Workspace();
    ws.loadGenerated({ seed: 3, eras: 12, rowsPerEra: 200 });
    const n = ws.data().n;
    await remote.setColumn('mine', Float64Array.from({ length: n }, (_, i) => (i % 7) / 7));
    const r = await remote.score({ models: ['mine'], metrics: ['corr'] });
    expect(r.models.mine.n.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await expect(remote.setColumn('bad', new Float64Array(3))).rejects.toThrow(/has 3 values; the data has/);
  });

  it('score with an unknown feature set names the sets that exist', async () => {
    await expect(remote.score({ models: ['mine'], featureSet: 'nope' })).rejects.toThrow(/There is no feature set "nope"/);
  });
});

describe('scoring API: files, tables and neutralization', () => {
  const fixture = NUMERAI_DEV;
  const file = async (path: string) => {
    const { readFile } = await import('node:fs/promises');
    return new File([await readFile(fixture + path)], path.split('/').pop()!);
  };

  it('loadData(File) reads a Numerai parquet file with a feature set from features.json', async () => {
    const { readFile } = await import('node:fs/promises');
    const s = await remote.loadData(await file('validation.parquet'), { featureSet: 'small', featuresJson: await readFile(fixture + 'features.json', 'utf8') });
    expect(s.n).toBe(15061);
    expect(s.featureNames).toHaveLength(8);
    expect(s.eras[0]).toBe('0001');
    expect(s.featureSets.small).toHaveLength(8);
  });

  it('loadColumn(File) joins predictions and the meta model on id; score uses them', async () => {
    const p = await remote.loadColumn(await file('predictions/linear.csv'), { fileName: 'linear.csv' });
    expect(p).toMatchObject({ name: 'linear', warnings: [] });
    const m = await remote.loadColumn(await file('meta_model.csv'), { kind: 'meta_model', fileName: 'meta_model.csv' });
    expect(m.name).toBe('numerai_meta_model');
    const r = await remote.score({ models: ['linear'], metrics: ['corr', 'mmc'] });
    // era 0001 of the fixture: numerai-tools gives CORR 0.09304964077643536 and MMC −0.003555409443022444
    expect(r.models.linear.perEra.corr![0]).toBeCloseTo(0.09304964077643536, 9);
    expect(r.models.linear.perEra.mmc![0]).toBeCloseTo(-0.003555409443022444, 9);
  });

  it('loadColumn of an unreadable file is a clear error', async () => {
    await expect(remote.loadColumn(new File([new Uint8Array([1, 2, 3, 4, 5])], 'junk.parquet'), { fileName: 'junk.parquet' })).rejects.toThrow(/junk\.parquet/);
  });

  it('getTable() copies the rows for another worker', async () => {
    const t = await remote.getTable({ columns: ['linear'] });
    expect(t.n).toBe(15061);
    expect(t.features).toHaveLength(8);
    expect(t.columns.linear).toBeInstanceOf(Float64Array);
    expect(Object.keys(t.columns)).toEqual(['linear']);
  });

  it('neutralizePrepare + neutralizeScores + neutralizeSweep + neutralizeApply work without refitting', async () => {
    const { id, featureNames } = await remote.neutralizePrepare({ model: 'linear' });
    expect(featureNames).toHaveLength(8);
    const s0 = await remote.neutralizeScores(id, 0);
    const s1 = await remote.neutralizeScores(id, 1, { fnc: true });
    expect(s0.corr[0]).toBeCloseTo(0.09304964077643536, 9); // proportion 0 is the model itself
    expect(s1.maxExposure[0]).toBeLessThan(1e-9);
    const sweep = await remote.neutralizeSweep(id, [0, 0.5, 1]);
    expect(sweep.corr).toHaveLength(3);
    expect(sweep.maxExposure[2]).toBeLessThan(sweep.maxExposure[0]);
    await remote.neutralizeApply(id, 0.5, 'linear_n50');
    expect((await remote.describe()).columns).toContain('linear_n50');
    await expect(remote.neutralizeScores('n999', 0.5)).rejects.toThrow(/is not prepared/);
  });
});

describe('scoring API: models', () => {
  it('train(ridge) adds a prediction column; scoring its validation eras gives a positive mean CORR on generated data', async () => {
    await remote.loadGenerated({ seed: 1, eras: 80, rowsPerEra: 800 });
    const progress: number[] = [];
    const r = await remote.train({ kind: 'ridge', lambda: 1 }, { name: 'ridge' }, Comlink.proxy((d: number) => void progress.push(d)));
    expect(r.info.trainEras.length).toBe(40); // the generator labels the first half "train"
    expect(r.info.validationEras[0]).toBe('0045'); // 4-era embargo after 0040
    expect((await remote.describe()).columns).toContain('ridge');
    const s = await remote.score({ models: ['ridge'], eras: r.info.validationEras, metrics: ['corr'] });
    expect(s.eras).toEqual(r.info.validationEras);
    expect(s.models.ridge.summary.corr!.mean).toBeGreaterThan(0.01);
  });

  it('train(gbdt) and ensemble(columns) combine into a rank-averaged column in [0, 1]', async () => {
    await remote.train({ kind: 'gbdt', trees: 20, maxDepth: 3, learningRate: 0.1, featureSet: 'small' } as never, { name: 'gbdt' });
    await remote.ensemble(['ridge', 'gbdt'], 'ens');
    const col = await remote.getColumn('ens');
    const finite = Array.from(col).filter((v) => !Number.isNaN(v));
    expect(Math.min(...finite)).toBeGreaterThan(0);
    expect(Math.max(...finite)).toBeLessThan(1);
    await expect(remote.ensemble(['ridge'], 'x')).rejects.toThrow(/at least two columns/);
  });
});

describe('scoring API: validation eras', () => {
  it('describe() names the eras after the training eras and a 4-era embargo; neutralizePrepare can fit only those', async () => {
    const s = await remote.loadGenerated({ seed: 2, eras: 30, rowsPerEra: 200 });
    expect(s.validationEras![0]).toBe('0020'); // 15 training eras, embargo 0016–0019
    expect(s.validationEras!.at(-1)).toBe('0030');
    const { id } = await remote.neutralizePrepare({ model: 'example_prediction', eras: s.validationEras });
    const r = await remote.neutralizeScores(id, 0.5);
    expect(r.eras).toEqual(s.validationEras);
    await expect(remote.neutralizePrepare({ model: 'example_prediction', eras: ['0003', '0007'] })).rejects.toThrow(/consecutive eras/);
  });
});
