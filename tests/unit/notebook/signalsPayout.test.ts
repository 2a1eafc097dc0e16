// The payout cell under Signals' rule: alpha and MPC per date, 0.3/0.8, ±1.7 % clip, 36,000 NMR threshold.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { BuiltinRunContext } from '../../../src/lib/notebook/builtinRun';
import { builtinRegistry } from '../../../src/lib/notebook/kinds/registry';
import { newCellContext } from '../../../src/lib/notebook/newCell';
import { payoutDownsideText, type PayoutResult } from '../../../src/lib/notebook/scoreDisplays';
import type { DisplayItem, PayoutConfig } from '../../../src/lib/notebook/types';
import { roundPayout, simulatePayouts } from '../../../src/lib/scoring/payout';
import type { SignalsScores } from '../../../src/lib/scoring/signals/scoreSignals';
import { summarize } from '../../../src/lib/scoring/summarize';

const payoutKind = builtinRegistry.payout;
const payoutSchema = payoutKind.schema;
const dates = ['2024-01-05', '2024-01-12', '2024-01-19', '2024-01-26'];
const alpha = Float64Array.from([0.01, -0.004, 0.05, NaN]);
const mpc = Float64Array.from([0.005, 0.001, 0.02, NaN]);
const signals: SignalsScores = {
  dates,
  metrics: ['alpha', 'mpc'],
  models: { quality: { n: new Int32Array(4).fill(600), perDate: { alpha, mpc }, summary: { alpha: summarize(alpha), mpc: summarize(mpc) } } }
};

const run = async (config: PayoutConfig, scores: unknown = signals) => {
  const displays: DisplayItem[] = [];
  const ctx = { display: (d: DisplayItem) => displays.push(d) } as unknown as BuiltinRunContext;
  const values = await payoutKind.run({ id: 'p', kind: 'payout', config }, { scores }, ctx);
  return { result: values[config.name] as PayoutResult, displays };
};
const config: PayoutConfig = { name: 'payouts', tournament: 'signals', scores: 'scores', model: '', stake: 100, corrWeight: 0.3, mmcWeight: 0.8, threshold: 36_000, totalAtRisk: 0, compound: false };

describe('a Signals payout cell', () => {
  it("pays stake × clip(0.3·alpha + 0.8·MPC, ±1.7 %) per date: the doc's worked example (+0.7 NMR) and a clipped round (+1.7 NMR)", async () => {
    const { result, displays } = await run(config);
    expect(result.tournament).toBe('signals');
    expect(result.eras).toEqual(dates);
    expect(result.clip).toBe(0.017);
    expect(result.rounds[0].payout).toBeCloseTo(0.7, 12); // 100 × (0.3·0.01 + 0.8·0.005)
    expect(result.rounds[2]).toMatchObject({ clipped: true, rate: 0.017 });
    expect(result.rounds[2].payout).toBeCloseTo(1.7, 12); // 0.3·0.05 + 0.8·0.02 = 0.031 → clipped
    expect(result.rounds[3]).toMatchObject({ payout: 0, clipped: false }); // no score yet: nothing paid or burned
    expect(result.rounds).toEqual(simulatePayouts({ stake: 100, corr: alpha, mmc: mpc, compound: false, rule: { corrWeight: 0.3, mmcWeight: 0.8, threshold: 36_000, clip: 0.017 } }));
    expect(result.rounds[1].payout).toBeCloseTo(roundPayout(100, -0.004, 0.001, 0, { corrWeight: 0.3, mmcWeight: 0.8, clip: 0.017 }), 12);
    expect(displays.map((d) => d.kind)).toEqual(['table', 'text', 'chart']);
    expect(displays[2]).toMatchObject({ kind: 'chart', spec: { type: 'payout', clip: 0.017, labels: dates } });
    expect(payoutDownsideText(result, 100)).toMatch(/\(date 2024-01-12, /);
  });

  it('the payout factor uses the 36,000 NMR threshold: 72,000 at risk halves every payout', async () => {
    const { result } = await run({ ...config, totalAtRisk: 72_000 });
    expect(result.rounds[0].payout).toBeCloseTo(0.35, 12);
  });

  it('says what is missing: Tournament scores under the Signals rule, no MPC, and the other way round', async () => {
    const tournamentScores = { eras: ['0001'], metrics: ['corr'], models: { a: { perEra: { corr: Float64Array.of(0.1) }, n: Int32Array.of(1), summary: {} } } };
    await expect(run(config, tournamentScores)).rejects.toThrow(/"scores" is not the output of a Signals score cell/);
    const noMpc = { ...signals, metrics: ['alpha'], models: { quality: { ...signals.models.quality, perDate: { alpha } } } };
    await expect(run(config, noMpc)).rejects.toThrow(/Payouts need Alpha and MPC per date/);
    await expect(run({ ...config, tournament: undefined }, signals)).rejects.toThrow(/"scores" is not the output of a score cell/);
  });

  it('schema: the tournament is optional (older payout cells are the Tournament), unknown tournaments are refused', () => {
    expect(v.safeParse(payoutSchema, config).success).toBe(true);
    const { tournament: _, ...old } = config;
    expect(v.safeParse(payoutSchema, old).success).toBe(true);
    expect(v.safeParse(payoutSchema, { ...config, tournament: 'crypto' }).success).toBe(false);
  });

  it("a new payout cell below Signals scores gets Signals' rule; below Tournament scores the Tournament's", () => {
    const ctx = (provided: { name: string; tags: string[] }[]) => newCellContext({ names: provided.map((p) => p.name), provided });
    const signalsBelow = payoutKind.defaults(ctx([{ name: 'scores', tags: ['scores'] }, { name: 'signalScores', tags: ['signalsScores'] }]));
    expect(signalsBelow).toMatchObject({ tournament: 'signals', scores: 'signalScores', corrWeight: 0.3, mmcWeight: 0.8, threshold: 36_000 });
    const tournamentBelow = payoutKind.defaults(ctx([{ name: 'signalScores', tags: ['signalsScores'] }, { name: 'scores', tags: ['scores'] }]));
    expect(tournamentBelow).toMatchObject({ scores: 'scores', corrWeight: 0.5, mmcWeight: 2, threshold: 72_000 });
    expect(tournamentBelow).not.toHaveProperty('tournament');
  });
});
