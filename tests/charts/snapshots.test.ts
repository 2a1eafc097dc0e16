// @vitest-environment jsdom
// Golden SVGs of every chart on seeded data (open tests/charts/__snapshots__/*.svg to review them). A changed
// chart writes <name>-changed.svg beside the golden file; `npx vitest run tests/charts -u` accepts it.
import { describe, expect, it } from 'vitest';
import {
  chartWarnings,
  cumulativeLines,
  drawdown,
  eraBars,
  eraBrush,
  eraSeries,
  exposureBars,
  payoutChart,
  scoreHistogram,
  showTooltip,
  tradeoff,
  type TradeoffPoint
} from '../../src/lib/charts';
import { simulatePayouts } from '../../src/lib/scoring/payout';
import { summarize } from '../../src/lib/scoring/summarize';
import { randomLcg, randomNormal } from 'd3';
import { featureNames, seededEraScores, seededScores } from './data';
import { expectSvgSnapshot } from './snapshot';

const scores = seededEraScores(['model_a', 'model_b'], 60, 7, 6);

describe('chart snapshots', () => {
  it('eraBars: CORR per era of one model', async () => {
    await expectSvgSnapshot(eraBars(eraSeries(scores, { models: ['model_a'] })), 'era-bars');
  });

  it('eraBars: MMC of two models as small multiples, unscored first eras, zoomed to eras 4–40', async () => {
    await expectSvgSnapshot(eraBars(eraSeries(scores, { metrics: ['mmc'] }), { range: [3, 39] }), 'era-bars-multiples');
  });

  it('cumulativeLines: CORR and MMC of two models, NaN eras run flat', async () => {
    await expectSvgSnapshot(cumulativeLines(eraSeries(scores, { metrics: ['corr', 'mmc'] })), 'cumulative-lines');
  });

  it('cumulativeLines with the tooltip shown at era 0030', async () => {
    const svg = cumulativeLines(eraSeries(scores));
    showTooltip(svg, 29);
    await expectSvgSnapshot(svg, 'cumulative-lines-tooltip');
  });

  it('drawdown: CORR of two models', async () => {
    await expectSvgSnapshot(drawdown(eraSeries(scores)), 'drawdown');
  });

  it('scoreHistogram: CORR of one model with mean and ±1 std', async () => {
    await expectSvgSnapshot(scoreHistogram(eraSeries(scores, { models: ['model_a'] })), 'score-histogram');
  });

  it('scoreHistogram: two models side by side', async () => {
    await expectSvgSnapshot(scoreHistogram(eraSeries(scores), { bins: 12 }), 'score-histogram-two');
  });

  it('exposureBars: top 20 of 60 features by |exposure|', async () => {
    const features = featureNames(60, 5);
    const exposures = seededScores(3, 60, 0, 0.05);
    await expectSvgSnapshot(exposureBars({ features, exposures, subject: 'model_a, mean over 60 eras' }, { limit: 20 }), 'exposure-bars');
  });

  it('tradeoff: CORR and FNC against the neutralization proportion, current 0.5', async () => {
    const points: TradeoffPoint[] = [0, 0.25, 0.5, 0.75, 1].map((p, k) => ({
      proportion: p,
      summary: {
        corr: summarize(seededScores(40 + k, 60, 0.014 - 0.006 * p, 0.02 - 0.008 * p)),
        fnc: summarize(seededScores(50 + k, 60, 0.008 - 0.001 * p, 0.012 - 0.004 * p))
      }
    }));
    await expectSvgSnapshot(tradeoff({ points, metrics: ['corr', 'fnc'] }, { current: 0.5 }), 'tradeoff');
  });

  it('payoutChart: 40 rounds at 100 NMR, compounding, some clipped', async () => {
    const normal = randomNormal.source(randomLcg(9));
    const corr = Float64Array.from({ length: 40 }, normal(0.01, 0.035));
    const mmc = Float64Array.from({ length: 40 }, normal(0.002, 0.012));
    mmc[5] = NaN;
    const rounds = simulatePayouts({ stake: 100, corr, mmc });
    await expectSvgSnapshot(payoutChart({ rounds, labels: Array.from({ length: 40 }, (_, i) => String(900 + i)) }), 'payout');
  });

  it('warn: eraBars with a series shorter than the eras and an infinite value (drawn as unscored)', async () => {
    const svg = eraBars({ eras: scores.eras.slice(0, 12), series: [{ key: 'x', label: 'model_x', metric: 'corr', values: [0.01, -0.02, Infinity, 0.03, 0.005, -0.01] }] });
    expect(chartWarnings(svg)).toHaveLength(2);
    await expectSvgSnapshot(svg, 'warn-era-bars-short-series');
  });

  it('at a phone width (340 px): eraBars, scoreHistogram and the trade-off stacked in rows, same type size, fewer ticks', async () => {
    await expectSvgSnapshot(eraBars(eraSeries(scores, { models: ['model_a'] }), { width: 340 }), 'narrow-era-bars');
    await expectSvgSnapshot(scoreHistogram(eraSeries(scores, { models: ['model_a'] }), { width: 340 }), 'narrow-score-histogram');
    const points: TradeoffPoint[] = [0, 0.25, 0.5, 0.75, 1].map((p, k) => ({
      proportion: p,
      summary: { corr: summarize(seededScores(40 + k, 60, 0.014 - 0.006 * p, 0.02 - 0.008 * p)), fnc: summarize(seededScores(50 + k, 60, 0.008 - 0.001 * p, 0.012 - 0.004 * p)) }
    }));
    await expectSvgSnapshot(tradeoff({ points, metrics: ['corr', 'fnc'] }, { current: 1, width: 340 }), 'narrow-tradeoff');
  });

  it('eraBrush: context strip with eras 0011–0030 selected', async () => {
    await expectSvgSnapshot(eraBrush(eraSeries(scores), { range: [10, 29] }), 'era-brush');
  });
});
