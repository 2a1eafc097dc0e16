// Run by bench/memory.ts in a fresh process: loads a Numerai-shaped parquet file (features, target, a model, the
// meta model, a benchmark) and scores every metric, sampling memory; prints one JSON line.
import { loadDataset } from '../src/lib/data/loadDataset';
import { openFileSource } from '../src/lib/data/node/openFileSource';
import { scoreEras } from '../src/lib/scoring/scoreEras';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
gc();
const base = process.memoryUsage();
let peak = base.heapUsed + base.arrayBuffers;
const sample = () => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.heapUsed + m.arrayBuffers);
};
const timer = setInterval(sample, 2);
const src = await openFileSource(process.argv[2]);
const ds = await loadDataset(src, { targets: ['target'], columns: ['example_prediction', 'numerai_meta_model', 'v5_lgbm_ender20'], onProgress: sample });
await src.close();
gc();
sample();
const loaded = process.memoryUsage();
scoreEras({
  eras: ds.eras,
  eraStarts: ds.eraStarts,
  target: ds.targets.target,
  predictions: { model: ds.columns.example_prediction },
  metaModel: ds.columns.numerai_meta_model,
  benchmark: ds.columns.v5_lgbm_ender20,
  features: ds.features,
  onProgress: sample
});
clearInterval(timer);
sample();
const k = ds.features.length;
// raw column bytes as the file describes them: 16-byte ids, int8 features, float64 target and three models
const rawBytes = ds.n * (16 + k + 4 * 8);
console.log(JSON.stringify({
  rows: ds.n,
  rawBytes,
  baseBytes: base.heapUsed + base.arrayBuffers,
  loadedBytes: loaded.heapUsed + loaded.arrayBuffers - base.heapUsed - base.arrayBuffers,
  peakBytes: peak - base.heapUsed - base.arrayBuffers,
  maxRssBytes: process.resourceUsage().maxRSS * 1024
}));
