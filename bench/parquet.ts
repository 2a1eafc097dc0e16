// Data loader throughput for `npm run bench`: writes the generated dataset as Numerai ships it (parquet, zstd,
// float32 targets) with DuckDB, reads it back with loadDataset, does the same through CSV, and times the id join.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { alignToDataset } from '../src/lib/data/alignToDataset';
import type { Dataset } from '../src/lib/data/Dataset';
import { loadDataset } from '../src/lib/data/loadDataset';
import { openFileSource } from '../src/lib/data/node/openFileSource';
import { writeDatasetParquet } from '../tests/helpers/writeParquet';

export interface ParquetBench {
  rows: number;
  features: number;
  parquetBytes: number;
  writeMs: number;
  parquetReadMs: number;
  parquetRowsPerSec: number;
  parquetMBPerSec: number;
  parquetSmallSetMs: number;
  csvBytes: number;
  csvReadMs: number;
  csvRowsPerSec: number;
  csvMBPerSec: number;
  alignMs: number;
}

/** Times parquet write/read, CSV read and the id join on `dataset`; returns the numbers (also logged). */
export async function benchParquet(dataset: Dataset, opts: { log: (...a: unknown[]) => void }): Promise<ParquetBench> {
  const { log } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'numerai-bench-'));
  try {
    const pq = join(dir, 'validation.parquet');
    let t = performance.now();
    await writeDatasetParquet(pq, dataset, { compression: 'zstd', index: 'pandas', columns: [] });
    const writeMs = performance.now() - t;
    const parquetBytes = statSync(pq).size;
    const targets = Object.keys(dataset.targets);

    const read = async (path: string, features?: string[]) => {
      const src = await openFileSource(path);
      const t0 = performance.now();
      const ds = await loadDataset(src, { targets, features });
      const ms = performance.now() - t0;
      await src.close();
      if (ds.n !== dataset.n) throw new Error(`read ${ds.n} rows, wrote ${dataset.n}`);
      return ms;
    };
    const parquetReadMs = await read(pq);
    const parquetSmallSetMs = await read(pq, dataset.featureNames.slice(0, 5));

    // CSV written by DuckDB (fast, and independent of our reader).
    const csv = join(dir, 'validation.csv');
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    const db = await instance.connect();
    await db.run(`COPY (SELECT * FROM read_parquet('${pq}')) TO '${csv}' (HEADER, DELIMITER ',')`);
    db.closeSync();
    instance.closeSync();
    const csvBytes = statSync(csv).size;
    const csvReadMs = await read(csv);

    // Join a shuffled prediction file onto the rows.
    const order = Uint32Array.from({ length: dataset.n }, (_, i) => i);
    for (let i = order.length - 1; i > 0; --i) {
      const j = (Math.imul(i, 2654435761) >>> 0) % (i + 1);
      const x = order[i];
      order[i] = order[j];
      order[j] = x;
    }
    const pred = {
      ids: Array.from(order, (i) => dataset.ids[i]),
      values: Float64Array.from(order, (i) => (i % 997) / 997),
      column: 'prediction',
      source: 'bench',
      kind: 'predictions' as const
    };
    t = performance.now();
    alignToDataset(pred, dataset);
    const alignMs = performance.now() - t;

    const mb = (b: number) => b / 2 ** 20;
    const r: ParquetBench = {
      rows: dataset.n,
      features: dataset.featureNames.length,
      parquetBytes,
      writeMs,
      parquetReadMs,
      parquetRowsPerSec: (dataset.n / parquetReadMs) * 1000,
      parquetMBPerSec: (mb(parquetBytes) / parquetReadMs) * 1000,
      parquetSmallSetMs,
      csvBytes,
      csvReadMs,
      csvRowsPerSec: (dataset.n / csvReadMs) * 1000,
      csvMBPerSec: (mb(csvBytes) / csvReadMs) * 1000,
      alignMs
    };
    const cols = 3 + r.features + targets.length;
    log('\ndata loader');
    log(`  write parquet (DuckDB, zstd)        ${(writeMs / 1000).toFixed(2)} s   ${mb(parquetBytes).toFixed(1)} MiB`);
    log(`  loadDataset(parquet), ${cols} columns   ${(parquetReadMs / 1000).toFixed(2)} s   ${Math.round(r.parquetRowsPerSec).toLocaleString()} rows/s   ${r.parquetMBPerSec.toFixed(1)} MiB/s`);
    log(`  loadDataset(parquet), 5 features     ${(parquetSmallSetMs / 1000).toFixed(2)} s`);
    log(`  loadDataset(CSV), ${cols} columns      ${(csvReadMs / 1000).toFixed(2)} s   ${Math.round(r.csvRowsPerSec).toLocaleString()} rows/s   ${r.csvMBPerSec.toFixed(1)} MiB/s (${mb(csvBytes).toFixed(0)} MiB)`);
    log(`  alignToDataset (Map join on id)      ${(alignMs / 1000).toFixed(2)} s`);
    return r;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
