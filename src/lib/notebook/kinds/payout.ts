import * as v from 'valibot';
import { simulatePayouts } from '../../scoring/payout';
import { tournamentIds, tournaments, type TournamentId } from '../../scoring/tournaments';
import PayoutForm from '../PayoutForm.svelte';
import { payoutScores, tournamentWeights } from '../payoutScores';
import { payoutChart, payoutDownsideText, payoutTable, type PayoutResult } from '../scoreDisplays';
import type { CellKindModule, KindCell } from './kind';
import { name, real } from './schemaParts';

export const payoutSchema = v.object({
  name: name(),
  /** The tournament whose rule applies (its payout scores and clip); absent = the Tournament (CORR, MMC, ±5 %). */
  tournament: v.optional(v.picklist(tournamentIds)),
  /** A score cell's output with the tournament's payout scores (CORR and MMC; Signals: alpha and MPC). */
  scores: name(),
  /** The model to pay out (default: the first of the scores). */
  model: name(),
  stake: real(0),
  /** Multiplier of the tournament's first payout score (CORR; Signals: alpha). */
  corrWeight: real(),
  /** Multiplier of its second payout score (MMC; Signals: MPC). */
  mmcWeight: real(),
  threshold: real(0),
  /** Total NMR at risk across all models, for the payout factor (0 = below the threshold). */
  totalAtRisk: real(0),
  compound: v.boolean()
});
export type PayoutConfig = v.InferOutput<typeof payoutSchema>;

/** Simulates payouts and burns per round from a score cell's two payout scores (pure maths, on the page). */
function simulate(cell: KindCell<'payout', PayoutConfig>, inputs: Record<string, unknown>): PayoutResult {
  const c = cell.config;
  const id = c.tournament ?? 'numerai';
  const clip = tournaments[id].clipBps / 10_000;
  const { model, labels, first, second } = payoutScores(inputs[c.scores], c.scores, c.model, id);
  const rounds = simulatePayouts({
    stake: c.stake,
    corr: first,
    mmc: second,
    totalAtRisk: c.totalAtRisk,
    compound: c.compound,
    rule: { corrWeight: c.corrWeight, mmcWeight: c.mmcWeight, threshold: c.threshold, clip }
  });
  let paid = 0;
  let burned = 0;
  let clipped = 0;
  for (const r of rounds) {
    if (r.payout > 0) paid += r.payout;
    else burned -= r.payout;
    if (r.clipped) clipped++;
  }
  const last = rounds.at(-1);
  return {
    model,
    tournament: id,
    eras: labels,
    rounds,
    paid,
    burned,
    clipped,
    finalStake: last ? (c.compound ? last.stake + last.payout : c.stake) : c.stake,
    stake: c.stake,
    clip
  };
}

/** A payout cell: what staking on a model's scores would have paid and burned, round by round. */
export const payoutKind: CellKindModule<'payout', PayoutConfig> = {
  kind: 'payout',
  label: 'Payout',
  icon: '¤',
  description: "Simulate payouts and burns of a stake on a score cell's CORR and MMC (Signals: alpha and MPC); propose it on the Stake page.",
  schema: payoutSchema,
  defaults: (ctx) => {
    // the newest scores of either tournament: a Signals score cell below a Tournament one gets a Signals payout
    const last = ctx.provided(['scores', 'signalsScores']).at(-1);
    const id: TournamentId = last !== undefined && ctx.provided('signalsScores').includes(last) ? 'signals' : 'numerai';
    return { name: ctx.free('payouts'), ...(id === 'signals' ? { tournament: id } : {}), scores: last ?? 'scores', model: '', stake: 100, ...tournamentWeights(id), totalAtRisk: 0, compound: true };
  },
  deps: (c) => ({ defines: [c.name], uses: [c.scores] }),
  provides: ['payouts'],
  form: PayoutForm,
  run: async (cell, inputs, ctx) => {
    const result = simulate(cell, inputs);
    ctx.display(payoutTable(result, cell.config.stake));
    ctx.display({ kind: 'text', text: payoutDownsideText(result, cell.config.stake) });
    ctx.display({ kind: 'chart', spec: payoutChart(result) });
    return { [cell.config.name]: result };
  }
};
