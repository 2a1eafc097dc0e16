// Parquet read throughput, filled in once the data loader lands.
import type { Dataset } from '../src/lib/data/Dataset';
export async function benchParquet(_dataset: Dataset, _opts: { log: (...a: unknown[]) => void }): Promise<null> {
  return null;
}
