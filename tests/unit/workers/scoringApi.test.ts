// The worker API through real Comlink message passing (Node's MessageChannel), as the page uses it.
import * as Comlink from 'comlink';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { createScoringApi, type ScoringApi } from '../../../src/lib/workers/scoring.api';
import { Workspace } from '../../../src/lib/workers/Workspace';
import { scoreEras } from '../../../src/lib/scoring/scoreEras';
import { generateDataset } from '../../../src/lib/data/generateDataset';

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
