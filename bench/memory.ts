// Peak memory of loading a 1M-row parquet file and scoring it, measured in a fresh process (bench/memoryChild.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '../src/lib/data/Dataset';
import { writeDatasetParquet } from '../tests/helpers/writeParquet';

export interface MemoryBench {
  rows: number;
  rawBytes: number;
  loadedBytes: number;
  peakBytes: number;
  maxRssBytes: number;
  ratio: number;
}

export async function benchMemory(dataset: Dataset, log: (...a: unknown[]) => void): Promise<MemoryBench> {
  const dir = mkdtempSync(join(tmpdir(), 'numerai-mem-'));
  try {
    const file = join(dir, 'validation.parquet');
    await writeDatasetParquet(file, dataset, { compression: 'zstd', index: 'pandas', columns: ['example_prediction', 'numerai_meta_model', 'v5_lgbm_ender20'] });
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/memoryChild.ts', file], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop()!);
    const mb = (b: number) => (b / 2 ** 20).toFixed(0);
    const ratio = r.peakBytes / r.rawBytes;
    log('\nmemory (fresh process: load parquet with 42 features, target, model, meta model, benchmark; score all metrics)');
    log(`  raw column bytes (16-byte ids, int8 features, 4 float64 columns)  ${mb(r.rawBytes)} MiB`);
    log(`  held after loading (heap + array buffers)                          ${mb(r.loadedBytes)} MiB`);
    log(`  peak while loading and scoring                                     ${mb(r.peakBytes)} MiB = ${ratio.toFixed(2)}× raw (target < 3×) ${ratio < 3 ? 'ok' : 'MISSED'}`);
    log(`  process max RSS                                                    ${mb(r.maxRssBytes)} MiB`);
    return { ...r, ratio };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
