// The files of the whole-job benchmark, made once with DuckDB (tests/helpers/writeNumeraiFiles) and kept in
// .bench/files/<name>/ (a spec.json beside them says what they are; a different spec makes them again).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeNumeraiFiles, type NumeraiFiles, type NumeraiFilesSpec } from '../tests/helpers/writeNumeraiFiles';

/** The 1M-row job of issue 9: 200 eras × 5,000 rows, 42 features (data parquet, CSV predictions, parquet meta model). */
export const JOB_1M: NumeraiFilesSpec = { eras: 200, rowsPerEra: 5000, features: 42, targets: 1, write: { predictionsParquet: false, benchmark: false } };

/** A Numerai-v5-shaped validation file: 248,000 rows (40 eras × 6,200), 2,376 int8 features, 10 float32 targets. */
export const WIDE_248K: NumeraiFilesSpec = { eras: 40, rowsPerEra: 6200, features: 2376, targets: 10 };

/** The files for `spec` under .bench/files/<name>, written now unless already there. */
export async function benchFiles(name: string, spec: NumeraiFilesSpec, log: (...a: unknown[]) => void): Promise<NumeraiFiles> {
  const dir = join('.bench', 'files', name);
  const stamp = join(dir, 'spec.json');
  const wanted = JSON.stringify(spec);
  if (existsSync(stamp)) {
    const kept = JSON.parse(readFileSync(stamp, 'utf8')) as { spec: string; files: NumeraiFiles };
    if (kept.spec === wanted) return kept.files;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`  writing ${name} (${(spec.eras * spec.rowsPerEra).toLocaleString('en-US')} rows × ${spec.features.toLocaleString('en-US')} features) with DuckDB…`);
  const files = await writeNumeraiFiles(dir, spec);
  writeFileSync(stamp, JSON.stringify({ spec: wanted, files }));
  return files;
}
