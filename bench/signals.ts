// Numerai Signals in `npm run bench`: scoring 5,000 tickers × 104 dates (alpha, MPC over 20 staked models, churn,
// turnover) in one thread, the cleaning of 20 submissions, and the seeded generator at its default size (the app's
// embedded data), cold in fresh processes and warm. Run alone: node --expose-gc --import tsx bench/signals.ts [--repeat 5] [--json]
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSignalsDataset } from '../src/lib/data/generateSignalsDataset';
import { Rng } from '../src/lib/data/Rng';
import { rankAverage } from '../src/lib/scoring/rankAverage';
import { cleanSignalsSubmission } from '../src/lib/scoring/signals/cleanSignalsSubmission';
import { scoreSignals } from '../src/lib/scoring/signals/scoreSignals';
import type { SignalsMetricName } from '../src/lib/scoring/signals/signalsMetrics';
import { submissionFromColumn } from '../src/lib/scoring/signals/submissionFromColumn';

export interface SignalsBench {
  data: { tickersPerDate: number; dates: number; datesWithTarget: number; neutralizers: number; models: number };
  /** The generator at its default size, cold (a fresh process per run: first load, JIT included), median wall and CPU ms. */
  generateCold: { wallMs: number; cpuMs: number; rows: number };
  /** Median wall time (ms) of each measured job. */
  medianMs: Record<string, number>;
  /** Every run's wall time (ms), for the spread. */
  runsMs: Record<string, number[]>;
  /** CPU time (ms, user + system) of the median run of the full scoring job. */
  scoreAllCpuMs: number;
  targetMs: number;
  numeraiTools: string;
  loadAverage: number[];
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs the Signals benchmarks; `log` prints the report. */
export async function benchSignals(options: { log?: (...a: unknown[]) => void; repeat?: number } = {}): Promise<SignalsBench> {
  const log = options.log ?? console.log;
  const repeat = options.repeat ?? 5;
  const runsMs: Record<string, number[]> = {};
  const time = (label: string, job: () => unknown): number => {
    const runs: number[] = [];
    for (let i = 0; i < repeat; ++i) {
      gc();
      const t = performance.now();
      job();
      runs.push(performance.now() - t);
    }
    runsMs[label] = runs;
    return median(runs);
  };

  // The app's embedded default, generated on first load: cold runs, each in a fresh process.
  const script = fileURLToPath(new URL('./signalsGenerateCold.ts', import.meta.url));
  const cold = Array.from({ length: repeat }, () => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' })) as SignalsBench['generateCold']);
  const generateCold = { wallMs: median(cold.map((c) => c.wallMs)), cpuMs: median(cold.map((c) => c.cpuMs)), rows: cold[0].rows };
  runsMs['generate default, cold'] = cold.map((c) => c.wallMs);
  const generateWarm = time('generate default, warm', () => generateSignalsDataset());

  // 5,000 tickers per date × 104 dates with a target (+5 recent dates whose target is not known yet).
  const { dataset: ds } = generateSignalsDataset({ seed: 1, tickers: 5700, dates: 109 });
  const perDate = Array.from({ length: ds.dates.length }, (_, k) => ds.dateStarts[k + 1] - ds.dateStarts[k]);
  const withTarget = ds.dates.filter((_, k) => !Number.isNaN(ds.targets.target[ds.dateStarts[k]])).length;
  const momentum = ds.exposures!.numeric.find((f) => f.name === 'factor_momentum')!.values;

  // 20 models: mixtures of outside data, momentum and noise, ranked per date into [0, 1] (a full submission each date).
  const rng = new Rng(7);
  const raw = Array.from({ length: 20 }, (_, m) => {
    const a = rng.float(), b = rng.float(), c = 0.5 + rng.float();
    const x = Float64Array.from(ds.columns.outside_quality, (q, i) => a * q + b * momentum[i] + c * rng.normal());
    for (let k = 0; k < ds.dates.length; ++k) x.set(rankAverage(x.subarray(ds.dateStarts[k], ds.dateStarts[k + 1])), ds.dateStarts[k]);
    return submissionFromColumn(ds, x, `model_${String(m).padStart(2, '0')}`);
  });
  let predictions: Record<string, Float64Array> = {};
  time('clean 20 submissions (validate + rank + fill, per date)', () => {
    predictions = Object.fromEntries(raw.map((r) => [r.name, cleanSignalsSubmission(ds, r).values]));
  });
  const stakes = Object.fromEntries(raw.map((r, m) => [r.name, 10 + 5 * m]));
  const input = { dates: ds.dates, dateStarts: ds.dateStarts, tickers: ds.ticker, neutralizers: ds.neutralizers, sampleWeight: ds.sampleWeight, target: ds.targets.target, predictions, stakes };
  const score = (metrics: SignalsMetricName[]) => () => scoreSignals({ ...input, metrics });

  const jobs: [string, SignalsMetricName[]][] = [
    ['alpha', ['alpha']],
    ['alpha + MPC', ['alpha', 'mpc']],
    ['churn + turnover', ['churn', 'turnover']],
    ['alpha + MPC + churn + turnover (20 staked models)', ['alpha', 'mpc', 'churn', 'turnover']]
  ];
  const medianMs: Record<string, number> = { 'generate default, cold (fresh process)': generateCold.wallMs, 'generate default, warm': generateWarm };
  medianMs['clean 20 submissions (validate + rank + fill, per date)'] = median(runsMs['clean 20 submissions (validate + rank + fill, per date)']);
  for (const [label, metrics] of jobs) medianMs[label] = time(label, score(metrics));
  // CPU time of the full job, to set the wall time against a busy machine
  const all = jobs[jobs.length - 1];
  const cpuRuns: number[] = [];
  for (let i = 0; i < repeat; ++i) {
    gc();
    const c = cpuMs();
    score(all[1])();
    cpuRuns.push(cpuMs() - c);
  }
  const result: SignalsBench = {
    data: { tickersPerDate: Math.round(perDate.reduce((a, b) => a + b, 0) / perDate.length), dates: ds.dates.length, datesWithTarget: withTarget, neutralizers: ds.neutralizers.length, models: 20 },
    generateCold,
    medianMs,
    runsMs,
    scoreAllCpuMs: median(cpuRuns),
    targetMs: 1000,
    numeraiTools: 'not measured here (numerai-tools cannot be installed: no PyPI access)',
    loadAverage: loadavg()
  };
  log(`\nNumerai Signals, single thread (median of ${repeat}; load average ${result.loadAverage.map((x) => x.toFixed(2)).join(' ')})`);
  log(`  default data: ${generateCold.rows.toLocaleString('en-US')} rows (2,000 tickers × 105 dates); cold CPU ${(generateCold.cpuMs / 1000).toFixed(3)} s`);
  log(`  scoring data: ${result.data.tickersPerDate.toLocaleString('en-US')} tickers per date (mean), ${result.data.dates} dates (${withTarget} with a target), ${result.data.neutralizers} neutralizer columns, 20 models`);
  for (const [label, ms] of Object.entries(medianMs)) {
    const goal = label === all[0] ? `   target < 1.0 s ${ms < result.targetMs ? 'ok' : 'MISSED'} (CPU ${(result.scoreAllCpuMs / 1000).toFixed(3)} s)` : '';
    log(`  ${label.padEnd(52)} ${(ms / 1000).toFixed(3).padStart(7)} s${goal}`);
  }
  log(`  numerai-tools on the same data: ${result.numeraiTools}`);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { repeat: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } } });
  const r = await benchSignals({ repeat: Number(values.repeat), log: values.json ? () => {} : console.log });
  if (values.json) console.log(JSON.stringify(r));
}
