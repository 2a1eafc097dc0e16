import type { ScoringClient } from '../workers/ScoringClient';
import type { DataTable } from './runner.protocol';
import { ext } from './scoringExtensions';
import type { DatasetRef } from './types';

/**
 * The loaded dataset's columns as typed arrays, copied out of the scoring worker for the code runner (`data` in
 * code cells). Uses `getTable`; while the scoring worker does not have it yet, falls back to `describe` +
 * `getColumn` for targets and prediction columns (no feature columns then).
 */
export async function fetchTable(client: ScoringClient, ref: DatasetRef): Promise<DataTable> {
  try {
    const t = await client.run((w) => ext(w).getTable({}));
    return { ...t, featureSets: ref.featureSets };
  } catch (e) {
    if (!/getTable|not a function|undefined/i.test(String((e as Error)?.message))) throw e;
  }
  const s = await client.run((w) => w.describe());
  const eraStarts = new Uint32Array(s.eras.length + 1);
  s.rowsPerEra.forEach((n, k) => (eraStarts[k + 1] = eraStarts[k] + n));
  const targets: Record<string, Float64Array> = {};
  for (const t of s.targets) targets[t] = await client.run((w) => w.getColumn(t));
  const columns: Record<string, Float64Array> = {};
  for (const c of s.columns) columns[c] = await client.run((w) => w.getColumn(c));
  return { n: s.n, eras: s.eras, eraStarts, featureNames: s.featureNames, features: [], targets, columns, featureSets: s.featureSets };
}
