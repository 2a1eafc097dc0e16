import type { ScoringClient } from '../workers/ScoringClient';
import type { DataTable } from './runner.protocol';
import type { DatasetRef } from './types';

/** The loaded dataset's columns as typed arrays, copied out of the scoring worker for the code runner (`data` in code cells). */
export async function fetchTable(client: ScoringClient, ref: DatasetRef): Promise<DataTable> {
  const t = await client.run((w) => w.getTable({}));
  return { ...t, featureSets: ref.featureSets };
}
