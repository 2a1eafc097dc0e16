import type { ScoringClient } from '../workers/ScoringClient';
import { executeBuiltin, type BuiltinSession } from './executeBuiltin';
import { fetchTable } from './fetchTable';
import type { Executor } from './Notebook.svelte';
import type { Runner } from './runner';
import { isColumnRef, isDatasetRef } from './types';

/**
 * The notebook's executor: code cells run in the runner worker with their inputs by value (a dataset input
 * becomes the table the runner holds, a model's column is fetched as a Float64Array); built-in cells call the
 * scoring worker.
 */
export function createExecutor(deps: { runner: Runner; client: ScoringClient; session: BuiltinSession }): Executor {
  const { runner, client, session } = deps;
  return async (cell, inputs, ctx) => {
    if (cell.kind === 'markdown') return {};
    if (cell.kind !== 'code') return executeBuiltin(cell, inputs, ctx, client, session);
    const resolved: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(inputs)) {
      if (isDatasetRef(v)) {
        if (!runner.hasData(v.$dataset)) {
          ctx.progress(0, 'copying the data to the code runner');
          runner.setData(v.$dataset, await fetchTable(client, v));
        }
        resolved[name] = v;
      } else if (isColumnRef(v)) resolved[name] = await client.run((w) => w.getColumn(v.$column));
      else resolved[name] = v;
    }
    const { js, defines, lastExpression } = ctx.deps;
    return runner.run(
      { cellId: cell.id, js: js ?? '', defines, inputs: resolved, ...(lastExpression ? { lastExpression } : {}) },
      { signal: ctx.signal, onDisplay: ctx.display, onProgress: ctx.progress }
    );
  };
}
