import type { BuiltinSession } from './builtinRun';
import type { DataWorkers } from './DataWorkers';
import { fetchSignalsTable, fetchTable } from './fetchTable';
import { isBuiltinKind, kindModule } from './kinds/registry';
import type { Executor } from './Notebook.svelte';
import type { Runner } from './runner';
import { isColumnRef, isDatasetRef, isSignalsRef } from './types';

/**
 * The notebook's executor: code cells run in the runner worker with their inputs by value (a dataset or Signals
 * input becomes the table the runner holds, a model's column is fetched as a Float64Array); built-in cells run their
 * kind's `run` (registry) against the scoring worker of the dataset they use.
 */
export function createExecutor(deps: { runner: Runner; workers: DataWorkers; session: BuiltinSession }): Executor {
  const { runner, workers, session } = deps;
  return async (cell, inputs, ctx) => {
    if (cell.kind === 'markdown') return {};
    if (cell.kind !== 'code') {
      if (!isBuiltinKind(cell.kind)) throw new Error(`Unknown cell kind "${String(cell.kind)}".`);
      return kindModule(cell.kind).run(cell, inputs, { ...ctx, workers, session });
    }
    const resolved: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(inputs)) {
      if (isDatasetRef(v)) {
        if (!runner.hasData(v.$dataset)) {
          ctx.progress(0, 'copying the data to the code runner');
          runner.setData(v.$dataset, await fetchTable(workers.for(v.owner), v));
        }
        resolved[name] = v;
      } else if (isSignalsRef(v)) {
        if (!runner.hasData(v.$signals)) {
          ctx.progress(0, 'copying the Signals data to the code runner');
          runner.setData(v.$signals, await fetchSignalsTable(workers.for(v.owner), v));
        }
        resolved[name] = v;
      } else if (isColumnRef(v) && v.owner) resolved[name] = await workers.for(v.owner).run((w) => w.getColumn(v.$column));
      else resolved[name] = v;
    }
    const { js, defines, lastExpression } = ctx.deps;
    return runner.run(
      { cellId: cell.id, js: js ?? '', defines, inputs: resolved, ...(lastExpression ? { lastExpression } : {}) },
      { signal: ctx.signal, onDisplay: ctx.display, onProgress: ctx.progress }
    );
  };
}
