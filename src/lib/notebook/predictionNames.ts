import type { OutputTag } from './kinds/kind';
import { isBuiltinKind, kindModule } from './kinds/registry';
import type { Notebook } from './Notebook.svelte';
import { isDatasetRef, isSignalsRef } from './types';

/** Names defined by cells whose kind provides `tag` (registry `provides`): score cells for a chart's source, say. */
export const namesProviding = (notebook: Notebook, tag: OutputTag, selfId?: string) =>
  notebook.doc.cells.filter((c) => c.id !== selfId && isBuiltinKind(c.kind) && kindModule(c.kind).provides.includes(tag)).flatMap((c) => notebook.deps.get(c.id)?.defines ?? []);

/** Names defined by code cells whose value is an array of numbers, and (with `predicts`) by cells providing predictions. */
function arrayNames(notebook: Notebook, selfId: string, predicts: boolean): Set<string> {
  const names = new Set<string>();
  for (const c of notebook.doc.cells) {
    if (c.id === selfId) continue;
    const fromKind = predicts && isBuiltinKind(c.kind) && kindModule(c.kind).provides.includes('predictions');
    for (const d of notebook.deps.get(c.id)?.defines ?? []) {
      const v = c.kind === 'code' ? notebook.value(d) : undefined;
      if (fromKind || v instanceof Float64Array || v instanceof Float32Array) names.add(d);
    }
  }
  return names;
}

/**
 * Names a score or neutralize cell can use as predictions: outputs of cells providing predictions (model,
 * neutralize), code-cell values that are arrays of numbers, and the prediction columns of the dataset `dataName`.
 */
export function predictionNames(notebook: Notebook, selfId: string, dataName: string): string[] {
  const names = arrayNames(notebook, selfId, true);
  const data = notebook.value(dataName);
  if (isDatasetRef(data)) for (const col of data.columns) names.add(col);
  return [...names];
}

/** Names a Signals score cell can score: code-cell arrays (one value per row) and the submissions of the Signals data `dataName`. */
export function signalNames(notebook: Notebook, selfId: string, dataName: string): string[] {
  const names = arrayNames(notebook, selfId, false);
  const data = notebook.value(dataName);
  if (isSignalsRef(data)) for (const s of data.signals) names.add(s);
  return [...names];
}
