import { describe, expect, it } from 'vitest';
import { NeutralizationSession, featureCorrelations, featureNeutralCorr, maxFeatureCorrelation, neutralize, numeraiCorr } from '../../../src/lib/scoring';
import { generateDataset } from '../../../src/lib/data/generateDataset';

const { dataset: d } = generateDataset({ seed: 5, eras: 8, rowsPerEra: 300, features: 10 });
const p = Float64Array.from(d.columns.example_prediction);
for (let i = 0; i < p.length; i += 37) p[i] = NaN; // some rows without a prediction
const target = d.targets.target;

describe('NeutralizationSession', () => {
  const session = new NeutralizationSession({ eras: d.eras, eraStarts: d.eraStarts, target, prediction: p, features: d.features, featureNames: d.featureNames });

  for (const a of [0, 0.25, 0.5, 1]) {
    it(`scores(${a}) equals neutralize + numeraiCorr / featureNeutralCorr / featureCorrelations per era, without refitting`, () => {
      const got = session.scores(a, { fnc: true });
      let eraChecked = 0;
      d.eras.forEach((_, e) => {
        const rows: number[] = [];
        for (let i = d.eraStarts[e]; i < d.eraStarts[e + 1]; ++i) if (!Number.isNaN(target[i]) && !Number.isNaN(p[i])) rows.push(i);
        if (rows.length < 2) {
          expect(got.corr[e]).toBeNaN();
          return;
        }
        const F = d.features.map((f) => Int8Array.from(rows, (i) => f[i]));
        const t = rows.map((i) => target[i]);
        const q = neutralize(rows.map((i) => p[i]), F, a);
        expect(got.corr[e]).toBeCloseTo(numeraiCorr(q, t), 10);
        expect(got.fnc![e]).toBeCloseTo(featureNeutralCorr(q, F, t), 9);
        const rho = featureCorrelations(q, F);
        for (let j = 0; j < F.length; ++j) expect(got.exposures[e * F.length + j]).toBeCloseTo(rho[j], 9);
        expect(got.maxExposure[e]).toBeCloseTo(maxFeatureCorrelation(rho).value, 9);
        eraChecked++;
      });
      expect(eraChecked).toBeGreaterThanOrEqual(4); // the last eras of generated data have no targets yet
    });
  }

  it('scores(1) leaves no exposure to any feature', () => {
    const got = session.scores(1);
    for (const v of got.exposures) if (!Number.isNaN(v)) expect(Math.abs(v)).toBeLessThan(1e-9);
  });

  it('neutralized(a) returns the full column, NaN where the model or the target is missing', () => {
    const col = session.neutralized(0.5);
    expect(col.length).toBe(p.length);
    expect(Number.isNaN(col[0])).toBe(true); // p[0] is NaN
    const e = 0;
    const i = d.eraStarts[e] + 1;
    expect(Number.isNaN(col[i])).toBe(Number.isNaN(target[i]));
  });
});
