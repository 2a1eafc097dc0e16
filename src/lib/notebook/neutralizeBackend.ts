import type { BuiltinSession } from './builtinRun';
import type { DataWorkers } from './DataWorkers';
import { neutralizerKey, neutralizerOf, type NeutralizeCellLike } from './neutralizer';
import type { Notebook } from './Notebook.svelte';
import type { NeutralizeBackend } from './NeutralizeLive.svelte';
import { isColumnRef } from './types';

/**
 * The live view's access to a neutralize cell's fit in the scoring worker of its dataset. The fit is the one the
 * cell prepared for its current inputs (model, features, data): a proportion never changes it, so moving the slider
 * never refits. With no fit for the current inputs it waits for the cell to run (which prepares it), except after a
 * worker restart, when a cell that is done prepares it again here.
 */
export function neutralizeBackend(notebook: () => Notebook | null, workers: () => DataWorkers | null, session: BuiltinSession, cellId: string): NeutralizeBackend {
  /** The worker holding the cell's dataset. */
  const worker = () => {
    const nb = notebook();
    const cell = nb?.cell(cellId);
    const data = cell?.kind === 'neutralize' ? nb!.dataset(cell.config.data) : null;
    const w = workers();
    if (!w || !data) throw new Error('The scoring worker is not running.');
    return w.for(data.owner);
  };
  return {
    async fit() {
      const nb = notebook();
      const w = workers();
      const cell = nb?.cell(cellId);
      if (!nb || !w || cell?.kind !== 'neutralize') return null;
      const snapshot = { id: cellId, config: JSON.parse(JSON.stringify(cell.config)) } as NeutralizeCellLike; // plain data for the worker
      const data = nb.dataset(snapshot.config.data);
      if (!data) return null;
      const m = nb.value(snapshot.config.model);
      const known = session.neutralizers.get(cellId);
      if (known && known.key === neutralizerKey(snapshot.config, isColumnRef(m) ? m.$column : snapshot.config.model, m, data)) return known;
      if (nb.runtime(cellId).status !== 'done') return null;
      return neutralizerOf(w, session, nb, snapshot);
    },
    scores: (id, proportion, fnc) => worker().run((w) => w.neutralizeScores(id, proportion, { fnc })),
    sweep: (id, proportions) => worker().run((w) => w.neutralizeSweep(id, proportions))
  };
}
