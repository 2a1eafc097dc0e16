import { describe, expect, it } from 'vitest';
import { scoreEras } from '../../../src/lib/scoring/scoreEras';
import { neutralize } from '../../../src/lib/scoring/neutralize';
import { loadExpected, loadFixture } from './fixture';

const data = loadFixture();
const expected = loadExpected();
const TOL = 1e-6;

/** Compares a computed value with a reference one: null must be NaN, a number must be within TOL. */
function close(actual: number, ref: number | null): boolean {
  if (ref === null) return Number.isNaN(actual);
  return Math.abs(actual - ref) <= TOL;
}

describe('scoreEras on the numerai-dev fixture (numerai-tools 0.6.0 reference)', () => {
  const result = scoreEras({
    eras: data.eras,
    eraStarts: data.eraStarts,
    target: data.target,
    predictions: data.predictions,
    metaModel: data.metaModel,
    benchmark: data.benchmark,
    features: data.features
  });

  for (const model of Object.keys(expected.scores)) {
    it(`scoreEras matches every per-era metric of "${model}" within 1e-6, null where the reference is null`, () => {
      const ref = expected.scores[model].per_era;
      const out = result.models[model];
      let checked = 0;
      const bad: string[] = [];
      data.eras.forEach((era, e) => {
        for (const [metric, value] of Object.entries(ref[era])) {
          const actual = metric === 'n' ? out.n[e] : out.perEra[metric as keyof typeof out.perEra]![e];
          checked++;
          if (metric === 'n' ? actual !== value : !close(actual, value)) bad.push(`${era} ${metric}: ${actual} vs ${value}`);
        }
      });
      expect(bad).toEqual([]);
      expect(checked).toBe(60 * 7);
    });

    it(`summarize matches every summary of "${model}"`, () => {
      const ref = expected.scores[model].summary;
      const bad: string[] = [];
      for (const [metric, s] of Object.entries(ref)) {
        const actual = result.models[model].summary[metric as keyof (typeof result.models)[string]['summary']]!;
        for (const [key, value] of Object.entries(s)) {
          const a = actual[key as keyof typeof actual];
          if (!close(a, value)) bad.push(`${metric}.${key}: ${a} vs ${value}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }
});

describe('neutralize on the numerai-dev fixture', () => {
  for (const [key, values] of Object.entries(expected.neutralize)) {
    it(`neutralize(${key.replace('@', ', all features, ')}) matches numerai-tools per row within 1e-6`, () => {
      const [model, proportion] = key.split('@');
      const ids = new Set(Object.keys(values));
      let checked = 0;
      const bad: string[] = [];
      for (let e = 0; e < data.eras.length; ++e) {
        const s = data.eraStarts[e];
        const end = data.eraStarts[e + 1];
        if (!ids.has(data.ids[s])) continue;
        const out = neutralize(
          data.predictions[model].subarray(s, end),
          data.features.map((f) => f.subarray(s, end)),
          Number(proportion)
        );
        for (let i = s; i < end; ++i) {
          checked++;
          if (!close(out[i - s], values[data.ids[i]])) bad.push(`${data.ids[i]}: ${out[i - s]} vs ${values[data.ids[i]]}`);
        }
      }
      expect(bad.slice(0, 5)).toEqual([]);
      expect(checked).toBe(ids.size);
    });
  }
});
