// Seeded chart data: d3's LCG only, no Math.random and no clock, so every golden SVG is reproducible.
import { randomLcg, randomNormal } from 'd3';
import type { EraScores, ModelScores } from '../../src/lib/scoring/scoreEras';
import { summarize } from '../../src/lib/scoring/summarize';
import type { MetricName } from '../../src/lib/scoring/metrics';

export const eraLabels = (n: number, first = 1, step = 1) => Array.from({ length: n }, (_, i) => String(first + i * step).padStart(4, '0'));

/** n per-era scores ~ N(mean, sd) from the seed. */
export function seededScores(seed: number, n: number, mean = 0.01, sd = 0.02): Float64Array {
  const normal = randomNormal.source(randomLcg(seed))(mean, sd);
  return Float64Array.from({ length: n }, () => normal());
}

/** A scoring-engine result for `models` over n eras with CORR, MMC (NaN in the first `mmcGap` eras) and FNC. */
export function seededEraScores(models: string[], n: number, seed = 1, mmcGap = 0): EraScores {
  const metrics: MetricName[] = ['corr', 'mmc', 'fnc'];
  const out: Record<string, ModelScores> = {};
  models.forEach((name, k) => {
    const corr = seededScores(seed * 100 + k, n, 0.012 - 0.004 * k, 0.02);
    const mmc = seededScores(seed * 100 + k + 50, n, 0.004, 0.012);
    for (let i = 0; i < mmcGap; ++i) mmc[i] = NaN;
    const fnc = seededScores(seed * 100 + k + 70, n, 0.008, 0.012);
    const perEra = { corr, mmc, fnc };
    out[name] = {
      n: new Int32Array(n).fill(500),
      perEra,
      summary: Object.fromEntries(metrics.map((m) => [m, summarize(perEra[m as 'corr'])]))
    };
  });
  return { eras: eraLabels(n), metrics, models: out };
}

const WORDS = ('unwitty lusty orchardist bimanual crinkled escapist fragrant hardback intrastate jovial ' +
  'ungoverned unprotected exposition palatial shaggy tawdry sapphirine coccal reverable flawed ' +
  'elegiac dialectic prideful stelliform ribald insurrectional wombed antiperiodic geostrophic').split(' ');

/** n distinct `feature_<three_words>` names picked with the seed. */
export function featureNames(n: number, seed = 1): string[] {
  const rnd = randomLcg(seed);
  const out = new Set<string>();
  while (out.size < n) out.add(`feature_${[0, 1, 2].map(() => WORDS[Math.floor(rnd() * WORDS.length)]).join('_')}`);
  return [...out];
}
