import * as v from 'valibot';
import { PlaygroundError } from '../../errors';
import { signalsMetricNames } from '../../scoring/signals/signalsMetrics';
import type { BuiltinRunContext } from '../builtinRun';
import { isSignalsScores, signalsChart } from '../signalsDisplays';
import SignalsChartForm from '../SignalsChartForm.svelte';
import { eraChartTypes } from '../types';
import type { CellKindModule, KindCell } from './kind';
import { name, names } from './schemaParts';

export const signalsChartSchema = v.object({
  /** A Signals score cell's output. */
  source: name(),
  /** Bars per date (churn and turnover with their stake-zeroing limit), cumulative, drawdown or histogram. */
  type: v.picklist(eraChartTypes),
  metric: v.picklist(signalsMetricNames),
  /** Signals to plot (empty = all). */
  models: names(100)
});
export type SignalsChartConfig = v.InferOutput<typeof signalsChartSchema>;

/** Draws one metric of a Signals score cell per date. */
async function runSignalsChart(cell: KindCell<'signalsChart', SignalsChartConfig>, inputs: Record<string, unknown>, ctx: BuiltinRunContext) {
  const c = cell.config;
  const src = inputs[c.source];
  if (!isSignalsScores(src)) throw new PlaygroundError(`"${c.source}" is not the output of a Signals score cell.`, { hints: ['Pick the name of a Signals score cell (a Tournament score cell draws in a Chart cell).'] });
  ctx.display({ kind: 'chart', spec: signalsChart(src, c.metric, c.type, c.models) });
  return {};
}

/** A Signals chart cell: alpha, MPC, churn or turnover per date, cumulative, drawdown or histogram. */
export const signalsChartKind: CellKindModule<'signalsChart', SignalsChartConfig> = {
  kind: 'signalsChart',
  label: 'Signals chart',
  icon: '📊',
  description: "Chart a Signals score cell's alpha, MPC, churn or turnover per date (with the churn and turnover limits), cumulative or as a drawdown.",
  schema: signalsChartSchema,
  defaults: (ctx) => ({ source: ctx.provided('signalsScores').at(-1) ?? 'signalScores', type: 'eraBars', metric: 'alpha', models: [] }),
  deps: (c) => ({ defines: [], uses: [c.source] }),
  provides: [],
  form: SignalsChartForm,
  run: runSignalsChart
};
