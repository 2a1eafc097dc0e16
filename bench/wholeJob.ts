// `npm run bench` part: the whole job as a user runs it — a cold `numerai-playground score` process per run (Node
// start-up, reading, joining on id, scoring, printing) on Numerai-shaped files — side by side with the Python stack
// (pandas + pyarrow read, join, numerai-tools) doing the same job, when python3 has those packages.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { existsSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { benchFiles, JOB_1M, WIDE_248K } from './wholeJobFiles';

export interface WholeJobRow {
  job: string;
  /** Median wall time of the cold CLI runs, ms. */
  cliMs: number;
  runs: number[];
  /** Median CPU time (user + system) of those runs, ms (NaN without /usr/bin/time). */
  cliCpuMs: number;
  targetMs: number | null;
  /** Median wall time of the Python script, ms (null when not run). */
  pythonMs: number | null;
  /** The Python time measured in issue 9 on this machine, quoted as the reference when the script cannot run. */
  pythonReferenceMs: number | null;
}

export interface WholeJobBench {
  rows: WholeJobRow[];
  python: string;
  loadAverage: number[];
}

const BIN = 'bin/numerai-playground.js';
const PYTHON = 'bench/python/whole_job.py';

const TIME = '/usr/bin/time';

/**
 * Wall times (ms) of `runs` cold runs of `cmd args`, and their CPU times (user + system, ms; through /usr/bin/time
 * when installed, else NaN): on a busy machine the CPU time says more than the wall time. Throws when a run fails.
 */
function coldRuns(cmd: string, args: string[], runs: number): { wall: number[]; cpu: number[] } {
  const wall: number[] = [], cpu: number[] = [];
  const timed = existsSync(TIME);
  for (let r = 0; r < runs; ++r) {
    const t = performance.now();
    const p = timed ? spawnSync(TIME, ['-f', '__cpu %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }) : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    wall.push(performance.now() - t);
    if (p.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${p.status}):\n${p.stderr}`);
    const m = /__cpu ([\d.]+) ([\d.]+)/.exec(p.stderr ?? '');
    cpu.push(m ? 1000 * (Number(m[1]) + Number(m[2])) : NaN);
  }
  return { wall, cpu };
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Whether python3 can import pandas, pyarrow and numerai_tools (the reference stack); the reason when not. */
function pythonStack(): string | null {
  const p = spawnSync('python3', ['-c', 'import pandas, pyarrow, numerai_tools'], { encoding: 'utf8' });
  if (p.error) return 'python3 is not installed';
  return p.status === 0 ? null : (p.stderr.trim().split('\n').pop() ?? 'python3 cannot import the stack');
}

/**
 * Times the jobs of issue 9: the 1M-row job (CORR + MMC + FNC, then the CLI's full output) and the v5-shaped wide file
 * with the small set; with `wideSets` (e.g. ["medium", "all"]) also the larger sets, once each (they take minutes).
 */
export async function benchWholeJob(opts: { log: (...a: unknown[]) => void; runs?: number; wideSets?: string[] }): Promise<WholeJobBench> {
  const { log } = opts;
  const runs = opts.runs ?? 5;
  log('\nwhole job, cold CLI processes (Node start-up included), median of ' + runs + ' runs');
  const job = await benchFiles('job1m', JOB_1M, log);
  const wide = await benchFiles('wide248k', WIDE_248K, log);
  const missingPython = pythonStack();

  const jobArgs = ['--data', job.data, '--predictions', job.predictionsCsv!, '--meta-model', job.metaModel!];
  const wideArgs = (set: string) => [
    '--data', wide.data, '--features-json', wide.featuresJson, '--feature-set', set,
    '--predictions', wide.predictionsCsv!, wide.predictionsParquet!, '--meta-model', wide.metaModel!,
    '--benchmark', wide.benchmark!, '--benchmark-column', 'v52_lgbm_ender20'
  ];
  const jobs: { job: string; args: string[]; targetMs: number | null; pythonReferenceMs: number | null; runs: number }[] = [
    { job: '1M rows × 42 features, parquet + CSV predictions + parquet meta model: CORR, MMC, FNC', args: [...jobArgs, '--metrics', 'corr,mmc,fnc'], targetMs: 2500, pythonReferenceMs: 18_000, runs },
    { job: 'the same with max feature exposure and corr with the meta model (the CLI\'s full output)', args: jobArgs, targetMs: 2500, pythonReferenceMs: 49_000, runs },
    { job: `v5-shaped 248k rows × 2,376 int8 features, ${(statSync(wide.data).size / 2 ** 20).toFixed(0)} MiB: --feature-set small, two models + meta model + benchmark`, args: wideArgs('small'), targetMs: 3000, pythonReferenceMs: 20_400, runs },
    ...(opts.wideSets ?? []).map((set) => ({
      job: `the same with --feature-set ${set} (${wide.featureSets[set]?.length.toLocaleString('en-US')} features), one run`,
      args: wideArgs(set),
      targetMs: null,
      pythonReferenceMs: null,
      runs: 1
    }))
  ];

  const rows: WholeJobRow[] = [];
  for (const j of jobs) {
    const times = coldRuns(process.execPath, [BIN, 'score', ...j.args, '--json'], j.runs);
    const pythonMs = missingPython ? null : median(coldRuns('python3', [PYTHON, ...j.args], Math.min(3, j.runs)).wall);
    rows.push({ job: j.job, cliMs: median(times.wall), runs: times.wall, cliCpuMs: median(times.cpu), targetMs: j.targetMs, pythonMs, pythonReferenceMs: j.pythonReferenceMs });
  }
  const load = loadavg();
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  log('  job                                                                     Python stack      this CLI (CPU)   ratio   target');
  for (const r of rows) {
    const py = r.pythonMs ?? r.pythonReferenceMs;
    const pyText = r.pythonMs !== null ? s(r.pythonMs) : r.pythonReferenceMs !== null ? `${s(r.pythonReferenceMs)} (issue 9)` : '—';
    const target = r.targetMs ? `< ${s(r.targetMs)} ${r.cliMs < r.targetMs ? 'ok' : 'MISSED'}` : '';
    const cpu = r.cliCpuMs === r.cliCpuMs ? ` (${s(r.cliCpuMs)})` : '';
    log(`  ${r.job.slice(0, 72).padEnd(72)} ${pyText.padStart(17)} ${(s(r.cliMs) + cpu).padStart(17)} ${py ? `${(py / r.cliMs).toFixed(1)}×`.padStart(7) : '      —'}   ${target}`);
  }
  log(`  runs (s): ${rows.map((r) => r.runs.map((m) => (m / 1000).toFixed(2)).join(' ')).join(' | ')}`);
  log(`  load average during the runs: ${load.map((x) => x.toFixed(2)).join(', ')} (${(await import('node:os')).cpus().length} CPUs)`);
  const python = missingPython
    ? `Python side not run here (${missingPython}): the Python figures are the ones measured in issue 9 on this machine (pandas + pyarrow + numerai-tools), quoted as the reference.`
    : `Python side: ${PYTHON} (pandas + pyarrow + numerai-tools), median of up to 3 cold runs.`;
  log(`  ${python}`);
  return { rows, python, loadAverage: load };
}

// Alone: node --import tsx bench/wholeJob.ts [--runs 5] [--wide-sets medium,all]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'wide-sets': { type: 'string', default: '' } } });
  await benchWholeJob({ log: console.log, runs: Number(values.runs), wideSets: values['wide-sets'] ? values['wide-sets'].split(',') : [] });
}
