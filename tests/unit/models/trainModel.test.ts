import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../src/lib/data/generateDataset';
import { PlaygroundError } from '../../../src/lib/errors';
import { modelBuffers, predict, predictRidge, rankEnsemble, rankPerEra, splitEras, trainModel, trainRidge, type ModelSpec } from '../../../src/lib/models';
import { gather } from '../../../src/lib/scoring/filterOverlap';
import { scoreEras } from '../../../src/lib/scoring/scoreEras';

const { dataset, featuresJson } = generateDataset({ seed: 8, eras: 80, rowsPerEra: 600 });

describe('trainModel', () => {
  it('trainModel(dataset, { kind: "ridge" }) trains on the data_type "train" eras by default', () => {
    const m = trainModel(dataset, { kind: 'ridge', lambda: 10 });
    const trainRows = dataset.dataType!.filter((t) => t === 'train').length;
    expect(m).toMatchObject({ kind: 'ridge', target: 'target', n: trainRows, features: dataset.featureNames });
  });

  it('trainModel(dataset, spec) equals the kernel on the same rows (trainEras, every, features, target)', () => {
    const features = featuresJson.feature_sets.serenity;
    const spec: ModelSpec = { kind: 'ridge', lambda: 3, features, target: 'target_victor_20', trainEras: dataset.eras.slice(0, 20), every: 4 };
    const m = trainModel(dataset, spec);
    const eras = [0, 4, 8, 12, 16];
    const rows = Uint32Array.from(eras.flatMap((e) => Array.from({ length: dataset.eraStarts[e + 1] - dataset.eraStarts[e] }, (_, i) => dataset.eraStarts[e] + i)));
    const cols = features.map((f) => dataset.features[dataset.featureNames.indexOf(f)]);
    const ref = trainRidge({ features, columns: cols, target: dataset.targets.target_victor_20, rows }, { lambda: 3 });
    expect(m).toEqual({ ...ref, target: 'target_victor_20' });
  });

  it('trainModel(dataset, { kind: "gbdt", … }) passes the hyperparameters and the control callbacks through', () => {
    const done: number[] = [];
    const m = trainModel(dataset, { kind: 'gbdt', trees: 4, maxDepth: 2, learningRate: 0.2, seed: 3 }, { onProgress: (d) => done.push(d) });
    expect(m.kind).toBe('gbdt');
    if (m.kind !== 'gbdt') return;
    expect(m.params).toMatchObject({ trees: 4, maxDepth: 2, numLeaves: 4, learningRate: 0.2, seed: 3 });
    expect(done).toEqual([1, 2, 3, 4]);
    expect(m.target).toBe('target');
  });

  it('trainModel(dataset, spec) throws PlaygroundError for unknown features, targets and eras', () => {
    expect(() => trainModel(dataset, { kind: 'ridge', features: ['feature_nope'] })).toThrow(PlaygroundError);
    expect(() => trainModel(dataset, { kind: 'ridge', target: 'target_victor20' })).toThrow(/Did you mean target_victor_20/);
    expect(() => trainModel(dataset, { kind: 'ridge', trainEras: ['9999'] })).toThrow(/not in the data/);
    // the last eras have no resolved target
    expect(() => trainModel(dataset, { kind: 'gbdt', trainEras: [dataset.eras.at(-1)!] })).toThrow(/target is missing/);
  });

  it('predict(model, source, rows) dispatches on kind and models survive structuredClone with modelBuffers transfer', () => {
    const ridge = trainModel(dataset, { kind: 'ridge' });
    const gbdt = trainModel(dataset, { kind: 'gbdt', trees: 3, maxDepth: 2 });
    const rows = Uint32Array.of(5, 100, 2000);
    expect(Array.from(predict(ridge, dataset, rows))).toEqual(Array.from(predictRidge(ridge as never, dataset, rows)));
    for (const m of [ridge, gbdt]) {
      const want = Array.from(predict(m, dataset, rows));
      const moved = structuredClone(m, { transfer: modelBuffers(m) });
      expect(Array.from(predict(moved, dataset, rows))).toEqual(want);
    }
  });
});

describe('the notebook flow on generated data', () => {
  it('splitEras → trainModel → predict → rankPerEra → scoreEras gives positive validation CORR for ridge, GBDT and their rank ensemble', () => {
    const split = splitEras(dataset, { every: 1 });
    const v = split.validation;
    const target = gather(dataset.targets.target, v.rows);
    const ridge = rankPerEra(predict(trainModel(dataset, { kind: 'ridge', lambda: 10, rows: split.train.rows }), dataset, v.rows), v.eraStarts);
    const gbdt = rankPerEra(
      predict(trainModel(dataset, { kind: 'gbdt', trees: 40, maxDepth: 3, learningRate: 0.05, minDataInLeaf: 40, rows: split.train.rows }), dataset, v.rows),
      v.eraStarts
    );
    const ensemble = rankEnsemble([ridge, gbdt], v.eraStarts);
    const s = scoreEras({ eras: v.eras, eraStarts: v.eraStarts, target, predictions: { ridge, gbdt, ensemble }, metrics: ['corr'] });
    for (const name of ['ridge', 'gbdt', 'ensemble']) expect(s.models[name].summary.corr!.mean).toBeGreaterThan(0);
    for (const x of ensemble) expect(x > 0 && x < 1).toBe(true);
  });
});
