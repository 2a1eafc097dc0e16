import * as v from 'valibot';
import { PlaygroundError } from '../../errors';
import { metricNames } from '../../scoring/metrics';
import { cancellable, report, type BuiltinRunContext } from '../builtinRun';
import ChartForm from '../ChartForm.svelte';
import { neutralizerOf, sweepOf, type NeutralizeCellLike } from '../neutralizer';
import { exposureChart, isEraScores, isPayoutResult, payoutChart, scoreChart, tradeoffChart } from '../scoreDisplays';
import { chartTypes, isColumnRef } from '../types';
import type { CellKindModule, KindCell } from './kind';
import { name, names } from './schemaParts';

export const chartSchema = v.object({
  /** A score cell's output (EraScores), a neutralize cell's output (trade-off) or a payout cell's output. */
  source: name(),
  /**
   * Era kinds and "exposure" need scores; "tradeoff" a neutralize cell's output; "payout" a payout cell's output.
   * A payout or neutralize source draws its own kind whatever this says (older configs said eraBars/cumulative).
   */
  type: v.picklist(chartTypes),
  metric: v.picklist(metricNames),
  /** Models to plot (empty = all); "exposure" draws the first of them. */
  models: names(100),
  /** "exposure": one era's exposures (its label); absent or "" = the mean over eras. */
  era: v.optional(name())
});
export type ChartConfig = v.InferOutput<typeof chartSchema>;

/** Draws scores (per era, cumulative, drawdown, histogram, exposures), a neutralization's trade-off or payouts. */
async function runChart(cell: KindCell<'chart', ChartConfig>, inputs: Record<string, unknown>, ctx: BuiltinRunContext) {
  const c = cell.config;
  const src = inputs[c.source];
  if (isPayoutResult(src)) ctx.display({ kind: 'chart', spec: payoutChart(src) });
  else if (isColumnRef(src)) {
    const owner = ctx.notebook.definer(c.source);
    const ncell = owner ? ctx.notebook.cell(owner) : undefined;
    if (ncell?.kind !== 'neutralize') throw new PlaygroundError(`"${c.source}" is a column of predictions, not scores.`, { hints: ['Score it in a score cell and chart the scores, or pick a neutralize cell for its trade-off.'] });
    const snapshot = JSON.parse(JSON.stringify(ncell)) as NeutralizeCellLike; // plain data for the worker
    const data = ctx.notebook.dataset(snapshot.config.data);
    if (!data) throw new PlaygroundError(`The neutralize cell of "${c.source}" has not run yet.`);
    const client = ctx.workers.for(data.owner);
    const sweep = await cancellable(
      client,
      ctx,
      async () => {
        const fit = await neutralizerOf(ctx.workers, ctx.session, ctx.notebook, snapshot);
        if (!fit) throw new PlaygroundError(`The neutralize cell of "${c.source}" has not run yet.`);
        return sweepOf(client, fit, report(ctx, 'sweeping proportions'));
      },
      ctx.session
    );
    const p = Number(src.info.proportion);
    ctx.display({ kind: 'chart', spec: tradeoffChart(sweep, Number.isFinite(p) ? p : null, snapshot.config.model) });
  } else if (isEraScores(src)) {
    if (c.type === 'tradeoff' || c.type === 'payout')
      throw new PlaygroundError(`A ${c.type === 'tradeoff' ? 'trade-off' : 'payout'} chart needs the output of a ${c.type === 'tradeoff' ? 'neutralize' : 'payout'} cell, and "${c.source}" is scores.`, {
        hints: ["Pick that cell's name as the data, or another kind of chart."]
      });
    if (c.type === 'exposure') ctx.display({ kind: 'chart', spec: exposureChart(src, c.models[0], c.era) });
    else ctx.display({ kind: 'chart', spec: scoreChart(src, c.metric, c.type, c.models) });
  } else throw new PlaygroundError(`"${c.source}" is not scores, a neutralization or payouts.`, { hints: ['Pick the name of a score, neutralize or payout cell.'] });
  return {};
}

/** A chart cell: draws another cell's scores, trade-off or payouts. */
export const chartKind: CellKindModule<'chart', ChartConfig> = {
  kind: 'chart',
  label: 'Chart',
  icon: '📈',
  description: "Chart a score cell's scores per era, a neutralization's trade-off or a payout cell's rounds.",
  schema: chartSchema,
  defaults: (ctx) => ({ source: ctx.provided('scores').at(-1) ?? 'scores', type: 'eraBars', metric: 'corr', models: [] }),
  deps: (c) => ({ defines: [], uses: [c.source] }),
  provides: [],
  form: ChartForm,
  run: runChart
};
