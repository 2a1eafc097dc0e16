import * as v from 'valibot';
import { PlaygroundError } from '../../errors';
import { signalsMetricNames } from '../../scoring/signals/signalsMetrics';
import type { ScoringClient } from '../../workers/ScoringClient';
import { cancellable, report, type BuiltinRunContext } from '../builtinRun';
import { signalsScoreCharts, signalsScoreTable } from '../signalsDisplays';
import SignalsScoreForm from '../SignalsScoreForm.svelte';
import { isColumnRef, isSignalsRef, type SignalsRef } from '../types';
import type { CellKindModule, KindCell } from './kind';
import { int, name, names, real } from './schemaParts';

export const signalsScoreSchema = v.object({
  name: name(),
  /** A Signals data cell's name. */
  data: name(),
  /** Signals: submission files of the data cell, or code-cell arrays (one value in [0, 1] per row, NaN where not submitted). */
  predictions: names(100),
  target: name(),
  /** Metrics to compute; empty = all the inputs allow (MPC needs stakes). */
  metrics: v.pipe(v.array(v.picklist(signalsMetricNames)), v.maxLength(signalsMetricNames.length)),
  /** The meta portfolio: a stake per signal (NMR); MPC is computed when some stake is positive. */
  stakes: v.pipe(v.array(v.object({ model: name(), stake: real(0) })), v.maxLength(100)),
  /** k of the top/bottom churn (0 or absent: not computed). */
  churnTopBottom: v.optional(int(0, 10_000))
});
export type SignalsScoreConfig = v.InferOutput<typeof signalsScoreSchema>;

/** The Signals data a cell uses (input `name`) and the worker holding it. */
export function needSignals(ctx: BuiltinRunContext, name: string, inputs: Record<string, unknown>): { data: SignalsRef; client: ScoringClient } {
  const data = inputs[name];
  if (!isSignalsRef(data)) throw new PlaygroundError(`There is no Signals data "${name}".`, { hints: ['Add a Signals data cell, or pick the name its data has.'] });
  return { data, client: ctx.workers.for(data.owner) };
}

/**
 * The worker's signal for a notebook name: a submission file of the data cell as it is, or a code cell's per-row array
 * stored as a column and submitted on every date it has values (checked and cleaned as Numerai does: values in
 * [0, 1], ≥ 100 tickers, no duplicates…, then ranked with 0.5 for the tickers it lacks).
 */
async function signalFor(client: ScoringClient, name: string, value: unknown, data: SignalsRef): Promise<string> {
  if (value instanceof Float64Array || value instanceof Float32Array || Array.isArray(value)) {
    const values = Float64Array.from(value as ArrayLike<number>);
    if (values.length !== data.n) throw new PlaygroundError(`"${name}" has ${values.length} values; the Signals data has ${data.n} rows (one per ticker and date).`, { hints: ['Build it with one value per row of signals, in row order.'] });
    await client.remember(async (w) => {
      await w.signalsSetColumn(name, values);
      return w.signalsSubmitColumn(name);
    }, `signal:${name}`);
    return name;
  }
  if (isColumnRef(value)) throw new PlaygroundError(`"${name}" is a column of Tournament predictions, not a Signals signal.`, { hints: ['Score it in a Tournament score cell.'] });
  if (value === undefined && data.signals.includes(name)) return name;
  if (value === undefined && data.columns.includes(name)) {
    // a data column (outside data) as it is: the checks say why raw data is not a submission
    await client.remember((w) => w.signalsSubmitColumn(name), `signal:${name}`);
    return name;
  }
  throw new PlaygroundError(`"${name}" is not a signal.`, {
    hints: [`Signals of the data: ${data.signals.join(', ') || 'none'} (submission files of the Signals data cell). A code cell can define one: a Float64Array with one value in [0, 1] per row.`]
  });
}

/** Scores signals per date in the Signals data's worker: a summary table, alpha and MPC charts. */
async function runSignalsScore(cell: KindCell<'signalsScore', SignalsScoreConfig>, inputs: Record<string, unknown>, ctx: BuiltinRunContext) {
  const c = cell.config;
  const { data, client } = needSignals(ctx, c.data, inputs);
  const scores = await cancellable(client, ctx, async () => {
    const models: string[] = [];
    for (const p of c.predictions) models.push(await signalFor(client, p, inputs[p], data));
    const staked = c.stakes.filter((s) => c.predictions.includes(s.model));
    const stakes = staked.length ? Object.fromEntries(staked.map((s) => [s.model, s.stake])) : null;
    return client.run((w) =>
      w.signalsScore(
        { models, target: c.target || 'target', stakes, ...(c.metrics.length ? { metrics: c.metrics } : {}), ...(c.churnTopBottom ? { churnTopBottom: c.churnTopBottom } : {}) },
        report(ctx, 'scoring dates')
      )
    );
  });
  ctx.display(signalsScoreTable(scores));
  for (const item of signalsScoreCharts(scores)) ctx.display(item);
  return { [c.name]: scores };
}

/** A Signals score cell: alpha, MPC (with a meta portfolio of stakes), churn and turnover per date. */
export const signalsScoreKind: CellKindModule<'signalsScore', SignalsScoreConfig> = {
  kind: 'signalsScore',
  label: 'Signals score',
  icon: 'α',
  description: 'Score signals per date as Numerai Signals does: alpha, MPC with a meta portfolio of stakes, churn and turnover.',
  schema: signalsScoreSchema,
  defaults: (ctx) => ({ name: ctx.free('signalScores'), data: ctx.provided('signalsDataset').at(-1) ?? 'signals', predictions: [], target: 'target', metrics: [], stakes: [] }),
  deps: (c) => {
    const unknownStake = c.stakes.find((s) => !c.predictions.includes(s.model));
    return {
      defines: [c.name],
      uses: [c.data, ...c.predictions],
      ...(c.predictions.length === 0
        ? { error: 'Pick at least one signal to score: a submission file of the Signals data cell, or a code cell\'s array of values in [0, 1].' }
        : unknownStake
          ? { error: `The stakes name "${unknownStake.model}", which is not scored here: tick it as a signal, or remove its stake.` }
          : {})
    };
  },
  provides: ['signalsScores'],
  form: SignalsScoreForm,
  run: runSignalsScore
};
