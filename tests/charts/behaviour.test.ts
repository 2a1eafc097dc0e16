// @vitest-environment jsdom
// What the charts promise, checked on their SVG and tables: sign colours, NaN eras, in-place updates,
// text alternatives, exact table numbers, CSV escaping, drawdown = the engine's max_drawdown, the trade-off
// marker, the payout clip bounds, tooltips by pointer and keyboard, the brush, exports and the theme.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  chartWarnings,
  csvField,
  cumulativeLines,
  cumulativeSum,
  drawdown,
  drawdownSeries,
  eraBars,
  eraBrush,
  eraSeries,
  dateTicks,
  eraTicks,
  eraWindow,
  isDateLabels,
  exposureBars,
  featureExposures,
  interpolateAt,
  payoutChart,
  scoreHistogram,
  shortFeatureName,
  shortFeatureNames,
  snap,
  themeVariables,
  toCsv,
  toPngBlob,
  toSvgString,
  tradeoff,
  update,
  type ChartBuilder,
  type EraChartData,
  type TooltipDetail
} from '../../src/lib/charts';
import { maxDrawdown, summarize } from '../../src/lib/scoring/summarize';
import { simulatePayouts } from '../../src/lib/scoring/payout';
import { metrics } from '../../src/lib/scoring/metrics';
import { eraLabels, featureNames, seededEraScores, seededScores } from './data';
import { attr, axisScale, pathPoints } from './readChart';

const scores = seededEraScores(['model_a', 'model_b'], 40, 3, 5);
const corr = eraSeries(scores);
const mmc = eraSeries(scores, { metrics: ['mmc'] });
const childCount = (data: EraChartData) => eraBars(data).children.length;
const bars = (svg: SVGSVGElement) => [...svg.querySelectorAll<SVGRectElement>('rect.np-bar')];

describe('eraBars', () => {
  it('eraBars(data) colours each bar by the sign of its era score and draws one bar per scored era', () => {
    const svg = eraBars(mmc);
    const panels = [...svg.querySelectorAll('g.np-panel')];
    expect(panels).toHaveLength(2);
    panels.forEach((panel, k) => {
      const v = mmc.series[k].values;
      const rects = [...panel.querySelectorAll('rect.np-bar')];
      const scored = Array.from(v).filter((x) => x === x);
      expect(rects).toHaveLength(scored.length);
      rects.forEach((r, j) => expect(r.classList.contains(scored[j] < 0 ? 'np-neg' : 'np-pos')).toBe(true));
      expect(panel.querySelector('line.np-zero')).not.toBeNull();
    });
  });

  it('eraBars(data) gives NaN eras no bar, and says how many in the description', () => {
    const svg = eraBars(mmc);
    const first = svg.querySelector('g.np-panel')!;
    expect(first.querySelectorAll('rect.np-bar')).toHaveLength(35);
    expect(svg.querySelector('desc')!.textContent).toContain('5 without a score');
  });

  it('eraBars.update(svg, data) keeps the SVG and the bars of kept eras, changes them, and drops removed eras', () => {
    const svg = eraBars(corr);
    const before = bars(svg);
    const classes = before.map((r) => r.getAttribute('class')!);
    const flipped: EraChartData = { eras: corr.eras, series: corr.series.map((s) => ({ ...s, values: Float64Array.from(s.values, (v) => -v) })) };
    expect(eraBars.update(svg, flipped)).toBe(svg);
    const after = bars(svg);
    expect(after).toHaveLength(before.length);
    after.forEach((r, i) => expect(r).toBe(before[i]));
    expect(after.map((r) => r.getAttribute('class'))).toEqual(classes.map((c) => (c.includes('np-pos') ? 'np-bar np-neg' : 'np-bar np-pos')));
    expect(svg.children).toHaveLength(childCount(corr));
    eraBars.update(svg, flipped, { range: [10, 19] });
    const zoomed = bars(svg);
    expect(zoomed).toHaveLength(20);
    expect(zoomed.every((r) => before.includes(r))).toBe(true);
  });

  it('update(svg, data) re-renders any chart by the builder that made it, reusing its nodes; another builder refuses it', () => {
    const svg = cumulativeLines(corr);
    const nodes = [...svg.querySelectorAll('*')];
    const moved: EraChartData = { eras: corr.eras, series: corr.series.map((s) => ({ ...s, values: Float64Array.from(s.values, (v) => v * 2) })) };
    expect(update(svg, moved)).toBe(svg);
    const after = [...svg.querySelectorAll('*')];
    expect(after.filter((n) => !nodes.includes(n)).every((n) => n.closest('.tick'))).toBe(true); // only new axis ticks
    expect(svg.querySelector('path.np-line')).toBe(nodes.find((n) => n.matches('path.np-line')));
    update(svg, mmc);
    expect(svg.getAttribute('aria-label')).toContain(metrics.mmc.label);
    expect(() => eraBars.update(svg, mmc)).toThrow('this SVG was not built by era-bars');
  });

  it('eraBars.table(data) returns the exact values per era and respects the range', () => {
    const t = eraBars.table(mmc);
    expect(t.columns.map((c) => c.label)).toEqual(['Era', 'model_a', 'model_b']);
    expect(t.rows).toHaveLength(40);
    t.rows.forEach((row, i) => {
      expect(row[0]).toBe(scores.eras[i]);
      expect(Object.is(row[1], mmc.series[0].values[i])).toBe(true);
      expect(Object.is(row[2], mmc.series[1].values[i])).toBe(true);
    });
    expect(eraBars.table(mmc, { range: [38, 99] }).rows.map((r) => r[0])).toEqual(['0039', '0040']);
    expect(t.caption).toBe(`${metrics.mmc.label} per era`);
  });

  it('eraBars copes with 500 eras × 10 series: 5,000 bars, updated in place', () => {
    const big = seededEraScores(Array.from({ length: 10 }, (_, k) => `m${k}`), 500, 11);
    const svg = eraBars(eraSeries(big));
    expect(bars(svg)).toHaveLength(5000);
    const first = bars(svg)[0];
    eraBars.update(svg, eraSeries(big, { metrics: ['fnc'] }));
    expect(bars(svg)[0]).toBe(first);
    expect(svg.querySelectorAll('g.np-panel')).toHaveLength(10);
    for (const chart of [cumulativeLines, drawdown, scoreHistogram] as ChartBuilder<EraChartData>[]) expect(chartWarnings(chart(eraSeries(big)))).toEqual([]);
  });
});

describe('cumulative lines and drawdown', () => {
  it('cumulativeSum(s) runs flat through NaN eras and is NaN before the first scored era', () => {
    expect(Array.from(cumulativeSum([NaN, 0.02, NaN, -0.01, 0.03]))).toEqual([NaN, 0.02, 0.02, 0.02 + -0.01, 0.02 + -0.01 + 0.03]);
  });

  it('cumulativeLines(data) draws one unbroken path per series starting at the first scored era', () => {
    const svg = cumulativeLines(mmc);
    const paths = [...svg.querySelectorAll('path.np-line')];
    expect(paths).toHaveLength(2);
    for (const p of paths) {
      const d = p.getAttribute('d')!;
      expect(d).not.toContain('NaN');
      expect(d.match(/M/g)).toHaveLength(1);
      expect(pathPoints(d)).toHaveLength(35);
    }
    const t = cumulativeLines.table(mmc);
    expect(t.rows.map((r) => r[1])).toEqual(Array.from(cumulativeSum(mmc.series[0].values)));
    expect(svg.querySelectorAll('.np-legend-item')).toHaveLength(2);
  });

  it('drawdownSeries(s) bottoms at −max_drawdown of the numerai-rules example (0.04)', () => {
    const d = drawdownSeries([0.02, -0.01, 0.03, -0.04, 0.01]);
    expect(Math.min(...d)).toBeCloseTo(-0.04, 15);
    expect(-Math.min(...d)).toBe(maxDrawdown([0.02, -0.01, 0.03, -0.04, 0.01]));
  });

  it("drawdown(data) values equal the engine's maxDrawdown / summarize().max_drawdown per series, NaN eras included", () => {
    for (const data of [corr, mmc]) {
      const t = drawdown.table(data);
      data.series.forEach((s, k) => {
        const col = t.rows.map((r) => r[k + 1] as number).filter((v) => v === v);
        const scored = Array.from(s.values).filter((v) => v === v);
        expect(-Math.min(...col)).toBe(maxDrawdown(scored));
        expect(-Math.min(...col)).toBe(summarize(s.values).max_drawdown);
        expect(col.every((v) => v <= 0)).toBe(true);
      });
    }
    const svg = drawdown(mmc);
    const y = axisScale(svg.querySelector('g.np-y-axis')!, 'y');
    const deepest = Math.min(...pathPoints(svg.querySelector('g.np-series path.np-line')!.getAttribute('d')!).map((p) => p[1]).map((py) => -py));
    expect(-deepest).toBeCloseTo(y(-summarize(mmc.series[0].values).max_drawdown), 1);
    expect(svg.querySelector('desc')!.textContent).toContain(`max drawdown`);
  });
});

describe('scoreHistogram', () => {
  it('scoreHistogram(data) counts every scored era once and marks mean and ±1 std from summarize', () => {
    const one: EraChartData = { eras: mmc.eras, series: [mmc.series[0]] };
    const t = scoreHistogram.table(one);
    expect(t.rows.reduce((n, r) => n + (r[2] as number), 0)).toBe(35);
    const svg = scoreHistogram(one);
    const s = summarize(one.series[0].values);
    const x = axisScale(svg.querySelector('g.np-x-axis')!, 'x');
    const marks = [...svg.querySelectorAll('g.np-stat')].map((g) => Number(/translate\(([-\d.e]+)/.exec(g.getAttribute('transform')!)![1]));
    [s.mean, s.mean - s.std, s.mean + s.std].forEach((v, i) => expect(marks[i]).toBeCloseTo(x(v), 6));
    expect([...svg.querySelectorAll('g.np-stat text')].map((t) => t.textContent)).toEqual(['mean', '−1 std', '+1 std']);
  });
});

describe('exposureBars', () => {
  const features = featureNames(50, 2);
  const exposures = seededScores(8, 50, 0, 0.05);

  it('exposureBars(data, { limit }) shows the largest |exposure| sorted by value, coloured by sign', () => {
    const svg = exposureBars({ features, exposures }, { limit: 12 });
    const rects = bars(svg);
    expect(rects).toHaveLength(12);
    const top = Array.from(exposures).sort((a, b) => Math.abs(b) - Math.abs(a)).slice(0, 12).sort((a, b) => b - a);
    const ys = rects.map((r) => attr(r, 'y'));
    const byY = rects.map((r, i) => ({ r, y: ys[i] })).sort((a, b) => a.y - b.y);
    byY.forEach(({ r }, i) => expect(r.classList.contains(top[i] < 0 ? 'np-neg' : 'np-pos')).toBe(true));
    const t = exposureBars.table({ features, exposures });
    expect(t.rows).toHaveLength(50);
    expect(t.rows.map((r) => r[1])).toEqual(Array.from(exposures).sort((a, b) => b - a));
  });

  it('exposureBars(data) of all-positive values (mean |exposure|) starts its axis at 0; signed values get a symmetric one', () => {
    const abs = Float64Array.from(exposures, Math.abs);
    const positive = exposureBars({ features, exposures: abs }, { limit: 12 });
    const firstTick = (svg: SVGSVGElement) => Number(svg.querySelector('.np-x-axis .tick text')!.textContent!.replace('−', '-'));
    expect(firstTick(positive)).toBe(0);
    const signed = exposureBars({ features, exposures }, { limit: 12 });
    expect(firstTick(signed)).toBeLessThan(0);
  });

  it('featureExposures(model, k, era?) averages the engine matrix over eras, skipping NaN, or takes one era', () => {
    const X = Float64Array.of(0.1, NaN, -0.2, 0.3, 0.5, -0.4);
    expect(Array.from(featureExposures({ exposures: X }, 3))).toEqual([0.2, 0.5, (-0.2 + -0.4) / 2]);
    expect(Array.from(featureExposures({ exposures: X }, 3, 1))).toEqual([0.3, 0.5, -0.4]);
    expect(() => featureExposures({ exposures: X }, 3, 2)).toThrow(RangeError);
  });

  it('shortFeatureName(name) drops the prefix and cuts the longest words first; shortFeatureNames keeps labels unique', () => {
    expect(shortFeatureName('feature_unwitty_lusty_orchardist')).toBe('unwitty lusty orchardist');
    expect(shortFeatureName('feature_insurrectional_antiperiodic_geostrophic')).toBe('insurre. antiper. geostro.');
    expect(shortFeatureName('feature_intelligence1')).toBe('intelligence1');
    expect(shortFeatureName('feature_insurrectional_antiperiodic_geostrophic', 10).length).toBeLessThanOrEqual(10);
    const twins = ['feature_insurrectional_antiperiodic_geostrophicA', 'feature_insurrectional_antiperiodic_geostrophicB'];
    const short = shortFeatureNames(twins, 20);
    expect(new Set(short).size).toBe(2);
  });
});

describe('tradeoff', () => {
  const points = [0, 0.25, 0.5, 0.75, 1].map((p) => ({
    proportion: p,
    summary: { corr: summarize(seededScores(20 + p * 4, 30, 0.02 - 0.01 * p)), fnc: summarize(seededScores(30 + p * 4, 30, 0.01)) }
  }));

  it('tradeoff(data, { current }) puts the marker at the current proportion in every panel', () => {
    const svg = tradeoff({ points, metrics: ['corr', 'fnc'] }, { current: 0.4 });
    const panels = [...svg.querySelectorAll('g.np-panel')];
    expect(panels.map((p) => p.querySelector('.np-panel-label')!.textContent)).toEqual(['Mean', 'Sharpe', 'Max drawdown']);
    for (const panel of panels) {
      const x = axisScale(panel.querySelector('g.np-axis-x')!, 'x');
      const line = panel.querySelector('line.np-marker-line')!;
      expect(attr(line, 'x1')).toBeCloseTo(x(0.4), 6);
      expect(attr(line, 'x2')).toBeCloseTo(x(0.4), 6);
      expect(panel.querySelector('g.np-marker')!.getAttribute('data-proportion')).toBe('0.4');
    }
    const y = axisScale(panels[0].querySelector('g.np-axis-y')!, 'y');
    const dot = panels[0].querySelector('g.np-marker circle')!;
    const expected = interpolateAt([0, 0.25, 0.5, 0.75, 1], points.map((p) => p.summary.corr.mean), 0.4);
    expect(attr(dot, 'cy')).toBeCloseTo(y(expected), 4);
    tradeoff.update(svg, { points, metrics: ['corr', 'fnc'] }, { current: null });
    expect(svg.querySelector('g.np-marker')).toBeNull();
    expect(chartWarnings(svg)).toEqual([]);
  });

  it('interpolateAt(xs, ys, x) is linear between points and clamps at the ends', () => {
    expect(interpolateAt([0, 0.5, 1], [1, 2, 4], 0.75)).toBe(3);
    expect(interpolateAt([0, 0.5, 1], [1, 2, 4], 2)).toBe(4);
    expect(interpolateAt([0, 0.5, 1], [1, 2, 4], 0.5)).toBe(2);
  });

  it('tradeoff.table(data) has one row per proportion with each metric × statistic', () => {
    const t = tradeoff.table({ points, metrics: ['corr', 'fnc'] });
    expect(t.columns.map((c) => c.label)).toEqual(['Proportion', 'CORR mean', 'CORR sharpe', 'CORR max drawdown', 'FNC mean', 'FNC sharpe', 'FNC max drawdown']);
    expect(t.rows[2]).toEqual([0.5, ...(['corr', 'fnc'] as const).flatMap((m) => [points[2].summary[m].mean, points[2].summary[m].sharpe, points[2].summary[m].max_drawdown])]);
  });
});

describe('payoutChart', () => {
  const corr = Float64Array.from(seededScores(5, 24, 0.01, 0.04));
  const mmcv = Float64Array.from(seededScores(6, 24, 0.002, 0.015));
  mmcv[3] = NaN;
  const rounds = simulatePayouts({ stake: 250, corr, mmc: mmcv });

  it('payoutChart clip bounds are ±5% of each round’s stake, in the table and on the chart', () => {
    const t = payoutChart.table({ rounds });
    t.rows.forEach((r, i) => {
      expect(r[6]).toBe(-0.05 * rounds[i].stake);
      expect(r[7]).toBe(0.05 * rounds[i].stake);
    });
    const svg = payoutChart({ rounds });
    const y = axisScale(svg.querySelector('g.np-lower > g.np-axis-y')!, 'y');
    for (const [sign, cls] of [[1, 'upper'], [-1, 'lower']] as const) {
      const pts = pathPoints(svg.querySelector(`g.np-clip-${cls} path`)!.getAttribute('d')!);
      expect(pts).toHaveLength(2 * rounds.length);
      rounds.forEach((r, i) => {
        // d3 paths keep 3 decimals
        expect(pts[2 * i][1]).toBeCloseTo(y(sign * 0.05 * r.stake), 2);
        expect(pts[2 * i + 1][1]).toBeCloseTo(y(sign * 0.05 * r.stake), 2);
      });
    }
  });

  it('payoutChart colours gains and burns, outlines clipped rounds and leaves unscored rounds empty', () => {
    const svg = payoutChart({ rounds });
    const rects = bars(svg);
    const paid = rounds.filter((r) => r.score === r.score && r.payout !== 0);
    expect(rects).toHaveLength(paid.length);
    rects.forEach((rect, i) => {
      expect(rect.classList.contains(paid[i].payout < 0 ? 'np-burn' : 'np-gain')).toBe(true);
      expect(rect.classList.contains('np-clipped')).toBe(paid[i].clipped);
    });
    expect(rounds.some((r) => r.clipped)).toBe(true);
    expect(svg.querySelectorAll('path.np-stake, path.np-cumulative')).toHaveLength(2);
  });
});

describe('accessibility and tooltips', () => {
  const all: [string, SVGSVGElement][] = [
    ['eraBars', eraBars(corr)],
    ['cumulativeLines', cumulativeLines(corr)],
    ['drawdown', drawdown(corr)],
    ['scoreHistogram', scoreHistogram(corr)],
    ['exposureBars', exposureBars({ features: featureNames(10), exposures: seededScores(1, 10) })],
    ['tradeoff', tradeoff({ points: [{ proportion: 0, summary: { corr: summarize([0.1, 0.2]) } }], metrics: ['corr'] })],
    ['payoutChart', payoutChart({ rounds: simulatePayouts({ stake: 10, corr: [0.01], mmc: [0.01] }) })]
  ];

  it.each(all)('%s has role="img", an aria-label equal to its <title>, and a <desc> linked by aria-describedby', (_, svg) => {
    expect(svg.getAttribute('role')).toBe('img');
    const label = svg.getAttribute('aria-label')!;
    expect(label.length).toBeGreaterThan(5);
    expect(svg.querySelector(':scope > title')!.textContent).toBe(label);
    const desc = svg.querySelector(':scope > desc')!;
    expect(desc.textContent!.length).toBeGreaterThan(20);
    expect(svg.getAttribute('aria-describedby')).toBe(desc.id);
    expect(svg.getAttribute('tabindex')).toBe('0');
    expect(chartWarnings(svg)).toEqual([]);
  });

  it('the tooltip follows keyboard focus: focus shows the first era, arrows step, Escape hides; each move is announced', () => {
    const svg = eraBars(corr);
    document.body.appendChild(svg);
    const seen: TooltipDetail[] = [];
    svg.addEventListener('charttooltip', (e) => seen.push((e as CustomEvent<TooltipDetail>).detail));
    svg.focus();
    const box = () => svg.querySelector('g.np-tooltip')!;
    expect(box().getAttribute('display')).toBeNull();
    expect(box().textContent).toContain('Era 0001');
    const key = (k: string) => svg.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowRight');
    key('ArrowRight');
    expect(seen.at(-1)!.lines).toEqual(['Era 0003', `model_a: ${fmt(corr.series[0].values[2])}`, `model_b: ${fmt(corr.series[1].values[2])}`]);
    key('End');
    expect(seen.at(-1)!.index).toBe(39);
    key('ArrowRight');
    expect(seen.at(-1)!.index).toBe(39);
    key('Escape');
    expect(box().getAttribute('display')).toBe('none');
    svg.remove();
  });

  it('the tooltip follows the pointer to the nearest era and hides when it leaves', () => {
    const svg = eraBars(corr, { range: [0, 9] });
    document.body.appendChild(svg);
    // jsdom has no layout: the SVG's client rect is at 0,0 so client coordinates are SVG coordinates
    const x = (i: number) => 64 + ((720 - 64 - 14) * (i + 0.5)) / 10;
    svg.dispatchEvent(new PointerEvent('pointermove', { clientX: x(6) + 3, clientY: 60, bubbles: true }));
    expect(svg.querySelector('g.np-tooltip')!.textContent).toContain('Era 0007');
    svg.dispatchEvent(new PointerEvent('pointerleave'));
    expect(svg.querySelector('g.np-tooltip')!.getAttribute('display')).toBe('none');
    svg.remove();
  });

  it('the exposure tooltip moves down the feature list with ArrowDown and shows the full name', () => {
    const features = featureNames(6, 4);
    const svg = exposureBars({ features, exposures: seededScores(2, 6) });
    document.body.appendChild(svg);
    svg.focus();
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
    const order = exposureBars.table({ features, exposures: seededScores(2, 6) }).rows.map((r) => r[0]);
    expect(svg.querySelector('g.np-tooltip')!.textContent).toContain(order[1]);
    svg.remove();
  });
});

const fmt = (v: number) => Number(v.toPrecision(6)).toString().replace('-', '−');

describe('brush and era axis', () => {
  it('eraBrush keys move and zoom the window, call onRange and dispatch erarange', () => {
    const onRange = vi.fn();
    const svg = eraBrush(corr, { range: [10, 19], onRange });
    expect(svg.getAttribute('role')).toBe('group');
    const events: unknown[] = [];
    svg.addEventListener('erarange', (e) => events.push((e as CustomEvent).detail.range));
    const key = (k: string) => svg.dispatchEvent(new KeyboardEvent('keydown', { key: k }));
    key('ArrowRight');
    expect(onRange).toHaveBeenLastCalledWith([11, 20]);
    key('+');
    expect(onRange).toHaveBeenLastCalledWith([12, 19]);
    key('-');
    key('-');
    expect(onRange).toHaveBeenLastCalledWith([10, 21]);
    key('Home');
    expect(onRange).toHaveBeenLastCalledWith([0, 11]);
    key('Escape');
    expect(onRange).toHaveBeenLastCalledWith(null);
    expect(events).toEqual([[11, 20], [12, 19], [11, 20], [10, 21], [0, 11], null]);
    expect(svg.querySelector<SVGRectElement>('.np-brush .selection')!.style.display).toBe('none');
  });

  it('eraBrush.update(svg, data, { range }) moves the brush without reporting a user choice', () => {
    const onRange = vi.fn();
    const svg = eraBrush(corr, { onRange });
    const nodes = svg.querySelectorAll('*').length;
    eraBrush.update(svg, corr, { range: [0, 9] });
    eraBrush.update(svg, corr, { range: [0, 9] });
    expect(svg.querySelectorAll('*').length).toBe(nodes);
    expect(onRange).not.toHaveBeenCalled();
    const sel = svg.querySelector('.np-brush .selection')!;
    expect(attr(sel, 'width')).toBeCloseTo((10 / 40) * (720 - 64 - 14), 6);
  });

  it('snap(u0, u1) keeps the eras whose centres are inside, or the nearest one', () => {
    expect(snap(2.4, 7.6)).toEqual([3, 7]);
    expect(snap(2.1, 2.3)).toEqual([2, 2]);
    expect(eraWindow(40, [45, -3])).toEqual([0, 39]);
  });

  it('eraTicks(eras, window, width) lands on the first era at or after round era numbers when only every 4th era is present', () => {
    const eras = eraLabels(150, 1, 4); // 0001, 0005, …, 0597
    expect(eraTicks(eras, [0, 149], 640).map((i) => eras[i])).toEqual(['0101', '0201', '0301', '0401', '0501']);
    expect(eraTicks(eras, [0, 149], 1400).map((i) => eras[i])).toEqual(['0053', '0101', '0153', '0201', '0253', '0301', '0353', '0401', '0453', '0501', '0553']);
  });

  it('dates (YYYY-MM-DD Fridays) tick on the first date of each month, or of every few months / years when narrow', () => {
    const fridays = (first: string, n: number) => Array.from({ length: n }, (_, i) => new Date(Date.parse(first) + i * 7 * 864e5).toISOString().slice(0, 10));
    const dates = fridays('2024-01-05', 36); // 2024-01-05 … 2024-09-06
    expect(isDateLabels(dates)).toBe(true);
    expect(isDateLabels(['0001', '2024-01-05'])).toBe(false);
    expect(eraTicks(dates, [0, 35], 720).map((i) => dates[i])).toEqual(['2024-01-05', '2024-02-02', '2024-03-01', '2024-04-05', '2024-05-03', '2024-06-07', '2024-07-05', '2024-08-02', '2024-09-06']);
    // 200 px: at most 3 ticks, so every 3rd month from January
    expect(dateTicks(dates, [0, 35], 200).map((i) => dates[i])).toEqual(['2024-01-05', '2024-04-05', '2024-07-05']);
    // a window starting mid-month ticks from the next month
    expect(dateTicks(dates, [2, 10], 720).map((i) => dates[i])).toEqual(['2024-02-02', '2024-03-01']);
    const years = fridays('2019-01-04', 52 * 6); // six years: yearly ticks
    expect(dateTicks(years, [0, years.length - 1], 500).map((i) => years[i].slice(0, 7))).toEqual(['2019-01', '2020-01', '2021-01', '2022-01', '2023-01', '2024-01']);
    // each tick is the first date of its month
    for (const i of dateTicks(years, [0, years.length - 1], 2000)) expect(i === 0 || years[i - 1].slice(0, 7) !== years[i].slice(0, 7)).toBe(true);
  });

  it('era bars draw a dashed threshold rule in every panel, inside the value axis, and say so', () => {
    const values = Float64Array.from({ length: 12 }, (_, i) => 0.01 * i);
    const data: EraChartData = { eras: eraLabels(12), series: [{ key: 'a', label: 'a', values }, { key: 'b', label: 'b', values }] };
    const svg = eraBars(data, { width: 600, threshold: { value: 0.15, label: '15 % limit' } });
    const rules = [...svg.querySelectorAll<SVGLineElement>('line.np-threshold-line')];
    expect(rules).toHaveLength(2);
    const panel = svg.querySelector('g.np-panel')!;
    const y = axisScale(panel.querySelector('.np-axis-y')!, 'y');
    expect(Math.abs(y(0.15) - attr(rules[0], 'y1'))).toBeLessThan(0.01);
    expect(svg.querySelector('.np-threshold-label')?.textContent).toBe('15 % limit');
    expect(svg.querySelector('desc')?.textContent).toMatch(/A dashed line marks 15 % limit at 0\.15/);
    // options merge on update: threshold null removes the rule
    eraBars.update(svg, data, { threshold: null });
    expect(svg.querySelectorAll('line.np-threshold-line')).toHaveLength(0);
  });

  it('an era chart over dates labels its axis "Date" with month ticks', () => {
    const dates = ['2024-01-05', '2024-01-12', '2024-01-19', '2024-01-26', '2024-02-02', '2024-02-09', '2024-02-16', '2024-02-23', '2024-03-01'];
    const svg = eraBars({ eras: dates, series: [{ key: 'a', label: 'alpha', values: Float64Array.from(dates, (_, i) => (i % 3) - 1) }] }, { width: 720 });
    const axis = svg.querySelector('.np-axis-x')!;
    expect(axis.querySelector('.np-axis-label')?.textContent).toBe('Date');
    expect([...axis.querySelectorAll('.tick text')].map((t) => t.textContent)).toEqual(['2024-01', '2024-02', '2024-03']);
  });
});

describe('tables, CSV and export', () => {
  it('csvField quotes separators, quotes and newlines, doubles quotes, empties NaN and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField(-0.0123)).toBe('-0.0123');
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(NaN)).toBe('');
    expect(csvField(Infinity)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField('a;b', ';')).toBe('"a;b"');
  });

  it('toCsv(table) writes the labels, then the rows, with CRLF line ends', () => {
    const csv = toCsv({ caption: 'x', columns: [{ key: 'e', label: 'Era' }, { key: 'm', label: 'model, "a"' }], rows: [['0001', 0.5], ['0002', NaN]] });
    expect(csv).toBe('Era,"model, ""a"""\r\n0001,0.5\r\n0002,\r\n');
    expect(toCsv(eraBars.table(mmc)).split('\r\n')[6]).toBe(`0006,${mmc.series[0].values[5]},${mmc.series[1].values[5]}`);
  });

  it('toSvgString(svg) gives a standalone file without the tooltip, with the page theme resolved when attached', () => {
    const svg = eraBars(corr);
    document.body.appendChild(svg);
    svg.focus();
    document.documentElement.style.setProperty('--np-chart-pos', '#123456');
    svg.style.setProperty('--np-chart-neg', '#abcdef');
    const text = toSvgString(svg);
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text).not.toContain('np-tooltip"');
    expect(text).toContain('--np-chart-neg:#abcdef');
    expect(new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror')).toBeNull();
    svg.remove();
    document.documentElement.style.removeProperty('--np-chart-pos');
  });

  it('toPngBlob(svg) rejects with a clear message where there is no browser canvas', async () => {
    await expect(toPngBlob(eraBars(corr))).rejects.toThrow('needs a browser canvas');
  });

  it('charts.css defines every theme variable for light (with the fallbacks of theme.ts) and for data-theme="dark"', () => {
    const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../src/lib/charts/charts.css'), 'utf8');
    const blocks = css.split(/(?=:root|@media)/).filter((b) => b.includes('--np-chart-bg:'));
    expect(blocks).toHaveLength(2);
    expect(blocks[1]).toMatch(/^:root\[data-theme='dark'\]/);
    for (const [name, light] of Object.entries(themeVariables)) {
      expect(blocks[0]).toContain(`${name}: ${light};`);
      for (const dark of blocks.slice(1)) expect(dark).toMatch(new RegExp(`${name}: #[0-9a-f]{6};`));
    }
  });
});

describe('warnings', () => {
  it('warns when a series has more or fewer values than eras, or infinite values', () => {
    const svg = eraBars({ eras: eraLabels(5), series: [{ key: 'a', label: 'a', values: [0.1, Infinity, 0.2] }] });
    expect(chartWarnings(svg)).toEqual([
      'Warning: series "a" has 3 values for 5 eras; the missing eras are drawn as unscored.',
      'Warning: series "a" has 1 infinite values; they are drawn as unscored.'
    ]);
    expect(bars(svg)).toHaveLength(2);
    eraBars.update(svg, { eras: eraLabels(3), series: [{ key: 'a', label: 'a', values: [0.1, 0.3, 0.2] }] });
    expect(chartWarnings(svg)).toEqual([]);
  });

  it('warns on proportions outside [0, 1] and exposures that do not match the features', () => {
    const t = tradeoff({ points: [{ proportion: 1.5, summary: {} }], metrics: ['corr'] }, { current: 2 });
    expect(chartWarnings(t)).toHaveLength(2);
    const e = exposureBars({ features: ['feature_a_b_c'], exposures: [0.1, 0.2] });
    expect(chartWarnings(e)).toEqual(['Warning: 2 exposures for 1 features; the extra ones are ignored.']);
  });
});
