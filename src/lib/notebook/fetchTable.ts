import type { ScoringClient } from '../workers/ScoringClient';
import type { DataTable, SignalsTable } from './runner.protocol';
import type { DatasetRef, SignalsRef } from './types';

/** The loaded dataset's columns as typed arrays, copied out of the scoring worker for the code runner (`data` in code cells). */
export async function fetchTable(client: ScoringClient, ref: DatasetRef): Promise<DataTable> {
  const t = await client.run((w) => w.getTable({}));
  return { ...t, featureSets: ref.featureSets };
}

/** The Signals data's rows (with neutralizers) and, for the built-in data, its daily prices, for the code runner. */
export async function fetchSignalsTable(client: ScoringClient, ref: SignalsRef): Promise<SignalsTable> {
  const t = await client.run((w) => w.signalsGetTable({ neutralizers: true }));
  const prices = ref.prices ? await client.run((w) => w.signalsGetPrices()) : null;
  return { ...t, prices };
}
