// `npm run bench`: speed and memory of the scoring engine and the data loader on a Numerai-sized dataset.
// Single thread in Node, as the issue's targets are stated. Options: --eras 200 --rows 5000 --features 42
// --repeat 3 --json (machine-readable output only). Results are also written to .bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateDataset } from '../src/lib/data/generateDataset';
import { scoreEras } from '../src/lib/scoring/scoreEras';
import type { MetricName } from '../src/lib/scoring/metrics';
import { benchMemory } from './memory';
import { benchModels } from './models';
import { benchParquet } from './parquet';
import { benchSignals } from './signals';
import { benchWholeJob } from './wholeJob';

const { values: args } = parseArgs({
  options: {
    eras: { type: 'string', default: '200' },
    rows: { type: 'string', default: '5000' },
    features: { type: 'string', default: '42' },
    repeat: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    'skip-parquet': { type: 'boolean', default: false },
    'skip-models': { type: 'boolean', default: false },
    'skip-whole-job': { type: 'boolean', default: false },
    'skip-signals': { type: 'boolean', default: false },
    /** Also time the wide file with these feature sets (comma-separated, e.g. medium,all: minutes each). */
    'wide-sets': { type: 'string', default: '' }
  }
});
const log = (...a: unknown[]) => {
  if (!args.json) console.log(...a);
};
const gc = () => (globalThis as { gc?: () => void }).gc?.();


const E = Number(args.eras);
const R = Number(args.rows);
const K = Number(args.features);
const repeat = Number(args.repeat);

let t0 = performance.now();
const { dataset } = generateDataset({ seed: 1, eras: E, rowsPerEra: R, features: K, unresolvedEras: 0 });
const genMs = performance.now() - t0;
const n = dataset.n;
const target = dataset.targets.target;
const model = dataset.columns.example_prediction;
const meta = dataset.columns.numerai_meta_model;
const bench = dataset.columns.v5_lgbm_ender20;
log(`dataset: ${n.toLocaleString()} rows, ${E} eras, ${K} features (generated in ${(genMs / 1000).toFixed(2)} s)`);

/** Median wall time of `repeat` runs of scoreEras restricted to `metrics`. */
function time(metrics: MetricName[]): number {
  const times: number[] = [];
  for (let i = 0; i < repeat; ++i) {
    gc();
    const t = performance.now();
    scoreEras({ eras: dataset.eras, eraStarts: dataset.eraStarts, target, predictions: { model }, metaModel: meta, benchmark: bench, features: dataset.features, metrics });
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const rows: [string, number, number | null][] = [];
const measure = (label: string, metrics: MetricName[], targetMs: number | null) => rows.push([label, time(metrics), targetMs]);
measure('CORR', ['corr'], null);
measure('MMC', ['mmc'], null);
measure('BMC', ['bmc'], null);
measure('CORR + MMC + BMC', ['corr', 'mmc', 'bmc'], 500);
measure('FNC (all features)', ['fnc'], 1500);
measure('exposures + max exposure', ['max_feature_exposure'], null);
measure('CORR + MMC + FNC', ['corr', 'mmc', 'fnc'], null);
measure('all metrics', ['corr', 'mmc', 'bmc', 'fnc', 'corr_meta', 'max_feature_exposure'], 2500);

const python12s = 12_000;
const corrMmcFnc = rows.find((r) => r[0] === 'CORR + MMC + FNC')![1];
const all = rows.find((r) => r[0] === 'all metrics')![1];
log('\nscoring, one model, single thread (median of ' + repeat + ')');
log('  metric                      time      rows/s      target');
for (const [label, ms, targetMs] of rows)
  log(`  ${label.padEnd(26)} ${(ms / 1000).toFixed(3).padStart(6)} s  ${Math.round((n / ms) * 1000).toLocaleString().padStart(11)}   ${targetMs ? `< ${(targetMs / 1000).toFixed(1)} s ${ms < targetMs ? 'ok' : 'MISSED'}` : ''}`);
log(`  CORR+MMC+FNC vs numerai-tools (~12 s here): ${(python12s / corrMmcFnc).toFixed(1)}× faster`);
const memory = await benchMemory(dataset, log);

const parquet = args['skip-parquet'] ? null : await benchParquet(dataset, { log });
if (!args['skip-models']) log('\nclient-side models (200,000 rows × 42 features; prediction of 1,000,000 rows)');
const models = args['skip-models'] ? null : await benchModels(log);
const wholeJob = args['skip-whole-job'] ? null : await benchWholeJob({ log, wideSets: args['wide-sets'] ? args['wide-sets'].split(',') : [] });
const signals = args['skip-signals'] ? null : await benchSignals({ log, repeat: Math.max(5, repeat) });

const results = {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  dataset: { rows: n, eras: E, features: K, generateMs: genMs },
  scoringMs: Object.fromEntries(rows.map(([l, ms]) => [l, ms])),
  speedupVsNumeraiTools: python12s / corrMmcFnc,
  allMetricsMs: all,
  memory,
  parquet,
  models,
  wholeJob,
  signals
};
mkdirSync('.bench', { recursive: true });
writeFileSync('.bench/results.json', JSON.stringify(results, null, 2));
if (args.json) console.log(JSON.stringify(results));
