import * as v from 'valibot';
import { PlaygroundError } from '../../errors';
import { defaultPayoutRule, simulatePayouts } from '../../scoring/payout';
import PayoutForm from '../PayoutForm.svelte';
import { isEraScores, payoutChart, payoutDownsideText, payoutTable, type PayoutResult } from '../scoreDisplays';
import type { CellKindModule, KindCell } from './kind';
import { name, real } from './schemaParts';

export const payoutSchema = v.object({
  name: name(),
  /** A score cell's output with CORR and MMC. */
  scores: name(),
  /** The model to pay out (default: the first of the scores). */
  model: name(),
  stake: real(0),
  corrWeight: real(),
  mmcWeight: real(),
  threshold: real(0),
  /** Total NMR at risk across all models, for the payout factor (0 = below the threshold). */
  totalAtRisk: real(0),
  compound: v.boolean()
});
export type PayoutConfig = v.InferOutput<typeof payoutSchema>;

/** Simulates payouts and burns per round from a score cell's CORR and MMC (pure maths, on the page). */
function simulate(cell: KindCell<'payout', PayoutConfig>, inputs: Record<string, unknown>): PayoutResult {
  const c = cell.config;
  const scores = inputs[c.scores];
  if (!isEraScores(scores)) throw new PlaygroundError(`"${c.scores}" is not the output of a score cell.`);
  const model = c.model || Object.keys(scores.models)[0];
  const m = scores.models[model];
  if (!m) throw new PlaygroundError(`The scores have no model "${model}".`, { hints: [`Models: ${Object.keys(scores.models).join(', ')}`] });
  const corr = m.perEra.corr;
  const mmc = m.perEra.mmc;
  if (!corr || !mmc) throw new PlaygroundError('Payouts need CORR and MMC per era.', { hints: ['Score with a meta model (numerai_meta_model) and keep the "corr" and "mmc" metrics.'] });
  const rounds = simulatePayouts({
    stake: c.stake,
    corr,
    mmc,
    totalAtRisk: c.totalAtRisk,
    compound: c.compound,
    rule: { corrWeight: c.corrWeight, mmcWeight: c.mmcWeight, threshold: c.threshold }
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
    eras: scores.eras,
    rounds,
    paid,
    burned,
    clipped,
    finalStake: last ? (c.compound ? last.stake + last.payout : c.stake) : c.stake,
    stake: c.stake,
    clip: defaultPayoutRule.clip
  };
}

/** A payout cell: what staking on a model's scores would have paid and burned, round by round. */
export const payoutKind: CellKindModule<'payout', PayoutConfig> = {
  kind: 'payout',
  label: 'Payout',
  icon: '¤',
  description: "Simulate payouts and burns of a stake on a score cell's CORR and MMC; propose it on the Stake page.",
  schema: payoutSchema,
  defaults: (ctx) => ({
    name: ctx.free('payouts'),
    scores: ctx.provided('scores').at(-1) ?? 'scores',
    model: '',
    stake: 100,
    corrWeight: 0.5,
    mmcWeight: 2,
    threshold: 72_000,
    totalAtRisk: 0,
    compound: true
  }),
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
