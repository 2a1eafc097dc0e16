// Model training and prediction speed on a Numerai-sized slice: ridge and GBDT on 200,000 generated rows × 42
// features, prediction of 1,000,000 rows. Single thread. `node --import tsx bench/models.ts [--json]`, or through
// `benchModels(log)` from bench/run.ts.
import { pathToFileURL } from 'node:url';
import { generateDataset } from '../src/lib/data/generateDataset';
import type { GbdtParams } from '../src/lib/models/GbdtModel';
import { predictGbdt } from '../src/lib/models/predictGbdt';
import { predictRidge } from '../src/lib/models/predictRidge';
import { trainGbdt } from '../src/lib/models/trainGbdt';
import { trainRidge } from '../src/lib/models/trainRidge';

export interface ModelTiming {
  label: string;
  /** Wall-clock and CPU (user + system) milliseconds of one run. */
  wallMs: number;
  cpuMs: number;
  /** Rows per second (wall) for predictions. */
  rowsPerSecond?: number;
}

export interface ModelBenchResult {
  trainRows: number;
  features: number;
  predictRows: number;
  timings: ModelTiming[];
}

function measure<T>(label: string, run: () => T): [ModelTiming, T] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = run();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [{ label, wallMs, cpuMs: (c.user + c.system) / 1000 }, out];
}

/** Trains ridge and GBDT on 200k generated rows (42 features) and predicts 1M rows; logs a table and returns the timings. */
export async function benchModels(log: (...a: unknown[]) => void = console.log, options: { rows?: number; predictRows?: number; trees?: number } = {}): Promise<ModelBenchResult> {
  const trainRows = options.rows ?? 200_000;
  const predictRows = options.predictRows ?? 1_000_000;
  const trees = options.trees ?? 200;
  const eras = 100;
  const { dataset } = generateDataset({ seed: 1, eras, rowsPerEra: Math.round(trainRows / eras), features: 42, unresolvedEras: 0 });
  const set = { features: dataset.featureNames, columns: dataset.features, target: dataset.targets.target };
  const F = dataset.featureNames.length;
  log(`models: ${dataset.n.toLocaleString()} training rows × ${F} features; predicting ${predictRows.toLocaleString()} rows`);

  // 1M prediction rows: the training columns tiled
  const big: Record<string, Int8Array> = {};
  dataset.featureNames.forEach((name, j) => {
    const src = dataset.features[j];
    const out = new Int8Array(predictRows);
    for (let o = 0; o < predictRows; o += src.length) out.set(src.subarray(0, Math.min(src.length, predictRows - o)), o);
    big[name] = out;
  });

  const timings: ModelTiming[] = [];
  const [ridgeTime, ridge] = measure('ridge train (λ = 1)', () => trainRidge(set, { lambda: 1 }));
  timings.push(ridgeTime);
  const [ridgePredict] = measure('ridge predict', () => predictRidge(ridge, big));
  timings.push({ ...ridgePredict, rowsPerSecond: predictRows / (ridgePredict.wallMs / 1000) });

  const configs: [string, GbdtParams][] = [
    [`GBDT train: ${trees} trees, depth 5, lr 0.05`, { trees, maxDepth: 5, learningRate: 0.05 }],
    [`GBDT train: ${trees} trees, depth 5, colsample 0.1 (notebooks)`, { trees, maxDepth: 5, numLeaves: 31, learningRate: 0.05, colsampleBytree: 0.1 }]
  ];
  let model = null;
  for (const [label, params] of configs) {
    const [t, m] = measure(label, () => trainGbdt(set, params));
    timings.push(t);
    model ??= m;
  }
  const [gbdtPredict] = measure(`GBDT predict (${trees} trees, depth 5)`, () => predictGbdt(model!, big));
  timings.push({ ...gbdtPredict, rowsPerSecond: predictRows / (gbdtPredict.wallMs / 1000) });

  log(`  ${'step'.padEnd(60)} wall s    cpu s     rows/s`);
  for (const t of timings)
    log(`  ${t.label.padEnd(60)} ${(t.wallMs / 1000).toFixed(2).padStart(6)}   ${(t.cpuMs / 1000).toFixed(2).padStart(6)}   ${t.rowsPerSecond ? Math.round(t.rowsPerSecond).toLocaleString().padStart(10) : ''}`);
  return { trainRows: dataset.n, features: F, predictRows, timings };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const json = process.argv.includes('--json');
  const result = await benchModels(json ? () => {} : console.log);
  if (json) console.log(JSON.stringify(result));
}
