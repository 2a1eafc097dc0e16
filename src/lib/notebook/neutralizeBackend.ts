import type { ScoringClient } from '../workers/ScoringClient';
import { neutralizerKey, neutralizerOf, type BuiltinSession } from './executeBuiltin';
import type { Notebook } from './Notebook.svelte';
import type { NeutralizeBackend } from './NeutralizeLive.svelte';
import { isColumnRef, isDatasetRef, type CellOf } from './types';

/**
 * The live view's access to a neutralize cell's fit in the scoring worker. The fit is the one the cell prepared for
 * its current inputs (model, features, data): a proportion never changes it, so moving the slider never refits.
 * With no fit for the current inputs it waits for the cell to run (which prepares it), except after a worker
 * restart, when a cell that is done prepares it again here.
 */
export function neutralizeBackend(notebook: () => Notebook | null, client: () => ScoringClient | null, session: BuiltinSession, cellId: string): NeutralizeBackend {
  const worker = () => {
    const c = client();
    if (!c) throw new Error('The scoring worker is not running.');
    return c;
  };
  return {
    async fit() {
      const nb = notebook();
      const c = client();
      const cell = nb?.cell(cellId);
      if (!nb || !c || cell?.kind !== 'neutralize') return null;
      const config = JSON.parse(JSON.stringify(cell.config)) as CellOf<'neutralize'>['config']; // plain data for the worker
      const data = nb.value(config.data);
      if (!isDatasetRef(data)) return null;
      const m = nb.value(config.model);
      const known = session.neutralizers.get(cellId);
      if (known && known.key === neutralizerKey(config, isColumnRef(m) ? m.$column : config.model, m, data)) return known;
      if (nb.runtime(cellId).status !== 'done') return null;
      return neutralizerOf(c, session, nb, { id: cellId, kind: 'neutralize', config });
    },
    scores: (id, proportion, fnc) => worker().run((w) => w.neutralizeScores(id, proportion, { fnc })),
    sweep: (id, proportions) => worker().run((w) => w.neutralizeSweep(id, proportions))
  };
}
