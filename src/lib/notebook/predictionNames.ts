import type { Notebook } from './Notebook.svelte';
import { isDatasetRef } from './types';

/**
 * Names a score or neutralize cell can use as predictions: outputs of model and neutralize cells, code-cell
 * values that are arrays of numbers, and the prediction columns of the dataset `dataName`.
 */
export function predictionNames(notebook: Notebook, selfId: string, dataName: string): string[] {
  const names = new Set<string>();
  for (const c of notebook.doc.cells) {
    if (c.id === selfId) continue;
    for (const d of notebook.deps.get(c.id)?.defines ?? []) {
      if (c.kind === 'model' || c.kind === 'neutralize') names.add(d);
      else if (c.kind === 'code') {
        const v = notebook.value(d);
        if (v instanceof Float64Array || v instanceof Float32Array) names.add(d);
      }
    }
  }
  const data = notebook.value(dataName);
  if (isDatasetRef(data)) for (const col of data.columns) names.add(col);
  return [...names];
}

/** Names defined by cells of a kind (score cells for a chart's source, say). */
export const namesOfKind = (notebook: Notebook, kinds: string[]) =>
  notebook.doc.cells.filter((c) => kinds.includes(c.kind)).flatMap((c) => notebook.deps.get(c.id)?.defines ?? []);
