import { line, scaleLinear, select } from 'd3';
import { drawYAxis, drawZero } from './axes';
import { defineChart, type BaseOptions } from './chart';
import { child } from './dom';
import { drawEraAxis, eraWindow, eraX } from './eraAxis';
import { formatValue } from './format';
import { legendAbove } from './legend';
import { defaultPayoutRule, type PayoutRound } from '../scoring/payout';
import type { ChartTable, EraRange } from './types';

export interface PayoutData {
  /** simulatePayouts() output, one per round. */
  rounds: readonly PayoutRound[];
  /** Round (or era) labels; 1, 2, … by default. */
  labels?: readonly string[];
  /** The clip as a share of stake (default the payout rule's 0.05). */
  clip?: number;
}

export interface PayoutChartOptions extends BaseOptions {
  /** Window of round indices (shared with an era brush when rounds are eras). */
  range?: EraRange | null;
}

const labelsOf = (d: PayoutData) => d.labels ?? d.rounds.map((_, i) => String(i + 1));
const pct = (r: number) => `${formatValue(100 * r)}%`;
const nmr = (v: number) => formatValue(v, 'NMR');
const signed = (v: number) => (v > 0 ? '+' : '') + nmr(v);

/**
 * Payout per round as bars (gain green, burn red) between the clip bounds ±clip × stake (dashed steps), above a
 * panel with the stake and the cumulative payout. Bars are keyed by round label; clipped rounds are outlined.
 */
export const payoutChart = defineChart<PayoutData, PayoutChartOptions>(
  'payout',
  { width: 720, height: 380 },
  (data, o, ctx) => {
    const m = { top: 10, right: 96, bottom: 42, left: 64 };
    const labels = labelsOf(data);
    const clip = data.clip ?? defaultPayoutRule.clip;
    const R = data.rounds;
    if (labels.length !== R.length) ctx.warn(`${labels.length} labels for ${R.length} rounds.`);
    const win = eraWindow(R.length, o.range);
    const [i0, i1] = win;
    const idx = Array.from({ length: Math.max(0, i1 - i0 + 1) }, (_, j) => i0 + j);
    const legendH = legendAbove(
      ctx,
      [
        { key: 'stake', label: 'Stake', cls: 'np-stake', shape: 'line' },
        { key: 'cumulative', label: 'Cumulative payout', cls: 'np-marker', shape: 'line' },
        { key: 'gain', label: 'Payout', cls: 'np-pos', shape: 'rect' },
        { key: 'burn', label: 'Burn', cls: 'np-neg', shape: 'rect' },
        { key: 'clip', label: `Clip ±${pct(clip)} of stake`, cls: 'np-muted', shape: 'line', dash: '4 3' }
      ],
      m
    );
    const top = m.top + legendH + 10;
    const height = ctx.height;
    const split = top + (height - m.bottom - top) * 0.42;
    const x = eraX(win, [m.left, ctx.width - m.right]);
    const band = x(1) - x(0);
    const pad = band >= 4 ? band * 0.15 : 0;

    // Upper panel: stake and cumulative payout, NMR.
    let lo = 0;
    let hi = 0;
    for (const i of idx) {
      lo = Math.min(lo, R[i].cumulative, R[i].stake);
      hi = Math.max(hi, R[i].cumulative, R[i].stake);
    }
    const yTop = scaleLinear()
      .domain(lo === hi ? [0, 1] : [lo, hi])
      .nice()
      .range([split - 18, top]);
    const upper = ctx.layer('upper');
    drawYAxis(child(upper, 'g', 'np-axis-y'), yTop, { x: m.left, gridWidth: ctx.width - m.left - m.right, label: 'NMR', ticks: 4 });
    const lines = [
      { key: 'stake', cls: 'np-stake', v: (i: number) => R[i].stake },
      { key: 'cumulative', cls: 'np-marker', v: (i: number) => R[i].cumulative }
    ];
    select(child(upper, 'g', 'np-lines'))
      .selectAll<SVGPathElement, (typeof lines)[number]>('path')
      .data(lines, (d) => d.key)
      .join('path')
      .attr('class', (d) => `np-line np-${d.key} ${d.cls}`)
      .attr('fill', 'none')
      .attr('stroke', 'currentColor')
      .attr('stroke-width', 1.75)
      .attr('d', (d) =>
        line<number>()
          .x((i) => x(i))
          .y((i) => yTop(d.v(i)))(idx)
      );

    // Lower panel: payout bars and the clip bounds, NMR.
    let blo = 0;
    let bhi = 0;
    for (const i of idx) {
      blo = Math.min(blo, R[i].payout, -clip * R[i].stake);
      bhi = Math.max(bhi, R[i].payout, clip * R[i].stake);
    }
    const y = scaleLinear()
      .domain(blo === bhi ? [-1, 1] : [blo, bhi])
      .nice()
      .range([height - m.bottom, split + 6]);
    const lower = ctx.layer('lower');
    drawYAxis(child(lower, 'g', 'np-axis-y'), y, { x: m.left, gridWidth: ctx.width - m.left - m.right, label: 'Payout per round (NMR)', ticks: 5 });
    const scored = idx.filter((i) => R[i].score === R[i].score && R[i].payout !== 0);
    select(child(lower, 'g', 'np-bars'))
      .selectAll<SVGRectElement, number>('rect')
      .data(scored, (i) => labels[i])
      .join('rect')
      .attr('class', (i) => `np-bar ${R[i].payout < 0 ? 'np-burn np-neg' : 'np-gain np-pos'}${R[i].clipped ? ' np-clipped' : ''}`)
      .attr('fill', 'currentColor')
      .attr('stroke', (i) => (R[i].clipped ? 'currentColor' : null))
      .attr('stroke-width', (i) => (R[i].clipped ? 1.5 : null))
      .attr('fill-opacity', (i) => (R[i].clipped ? 0.55 : null))
      .attr('x', (i) => x(i - 0.5) + pad)
      .attr('width', Math.max(0.5, band - 2 * pad))
      .attr('y', (i) => y(Math.max(0, R[i].payout)))
      .attr('height', (i) => Math.abs(y(R[i].payout) - y(0)));
    const step = (sign: 1 | -1) => idx.flatMap((i) => [[x(i - 0.5), y(sign * clip * R[i].stake)] as [number, number], [x(i + 0.5), y(sign * clip * R[i].stake)] as [number, number]]);
    const bounds = [
      { key: 'upper', sign: 1 as const, text: `+${pct(clip)} of stake` },
      { key: 'lower', sign: -1 as const, text: `−${pct(clip)} of stake` }
    ];
    const b = select(child(lower, 'g', 'np-clip-bounds'))
      .selectAll<SVGGElement, (typeof bounds)[number]>('g')
      .data(idx.length ? bounds : [], (d) => d.key)
      .join((enter) => {
        const e = enter.append('g');
        e.append('path').attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-width', 1.25).attr('stroke-dasharray', '4 3');
        e.append('text').attr('dy', '0.32em');
        return e;
      })
      .attr('class', (d) => `np-clip-bound np-clip-${d.key} np-muted`);
    b.select('path').attr('d', (d) => line()(step(d.sign)));
    b.select('text')
      .attr('x', ctx.width - m.right + 6)
      .attr('y', (d) => y(d.sign * clip * (R[i1]?.stake ?? 0)))
      .text((d) => d.text);
    drawZero(child(lower, 'g', 'np-zero-line'), m.left, ctx.width - m.right, y(0));
    drawEraAxis(ctx.layer('x-axis'), x, labels, win, height - m.bottom, 'Round');

    let paid = 0;
    let burned = 0;
    let clipped = 0;
    for (const i of idx) {
      if (R[i].payout > 0) paid += R[i].payout;
      else burned -= R[i].payout;
      if (R[i].clipped) ++clipped;
    }
    const first = R[i0];
    const last = R[i1];
    return {
      title: `Payout and burn per round${idx.length ? `, rounds ${labels[i0]} to ${labels[i1]}` : ''}`,
      description: idx.length
        ? `Bars show each round's payout in NMR (green paid, red burned) between dashed clip bounds at ±${pct(clip)} of the stake; ` +
          `the upper panel shows the stake and the cumulative payout. ${idx.length} rounds: ${nmr(paid)} paid, ${nmr(burned)} burned, ` +
          `${clipped} rounds clipped; stake ${nmr(first.stake)} at the first round, ${nmr(last.stake + last.payout)} after the last; cumulative payout ${signed(last.cumulative)}.`
        : 'No rounds.',
      tooltip: {
        axis: 'x',
        positions: Float64Array.from(idx, (i) => x(i)),
        half: band / 2,
        area: [m.left, top, ctx.width - m.right, height - m.bottom],
        lines: (j) => {
          const r = R[i0 + j];
          const scoredRound = r.score === r.score;
          return [
            `Round ${labels[i0 + j]}`,
            `Stake: ${nmr(r.stake)}`,
            scoredRound ? `${r.payout < 0 ? 'Burn' : 'Payout'}: ${signed(r.payout)} (${pct(r.rate)} of stake${r.clipped ? ', clipped' : ''})` : 'Not scored: nothing paid or burned',
            `Clip bounds: ±${nmr(clip * r.stake)}`,
            `Cumulative: ${signed(r.cumulative)}`
          ];
        }
      }
    };
  },
  (data, o): ChartTable => {
    const labels = labelsOf(data);
    const clip = data.clip ?? defaultPayoutRule.clip;
    const [i0, i1] = eraWindow(data.rounds.length, o.range);
    const rows = [];
    for (let i = i0; i <= i1; ++i) {
      const r = data.rounds[i];
      rows.push([labels[i] ?? String(i + 1), r.stake, r.score, r.rate, r.payout, r.cumulative, -clip * r.stake, clip * r.stake, r.clipped]);
    }
    return {
      caption: 'Payout and burn per round (NMR)',
      columns: [
        { key: 'round', label: 'Round' },
        { key: 'stake', label: 'Stake (NMR)' },
        { key: 'score', label: 'Payout score (before clip)' },
        { key: 'rate', label: 'Rate (share of stake)' },
        { key: 'payout', label: 'Payout (NMR)' },
        { key: 'cumulative', label: 'Cumulative payout (NMR)' },
        { key: 'lower', label: 'Lower clip bound (NMR)' },
        { key: 'upper', label: 'Upper clip bound (NMR)' },
        { key: 'clipped', label: 'Clipped' }
      ],
      rows
    };
  }
);
