import { parseArgs } from 'node:util';
import { PlaygroundError } from '../lib/errors';
import { metricNames, type MetricName } from '../lib/scoring/metrics';
import { progressWriter } from './progressWriter';
import { DEFAULT_FILES, download, NUMERAI_API } from './download';
import { score } from './score';
import { SIGNALS_USAGE, scoreSignalsMain } from './scoreSignals';

const USAGE = `Usage:
  numerai-playground score --data FILE --predictions FILE [FILE ...] [--meta-model FILE]
                           [--benchmark FILE [--benchmark-column NAME]]
                           [--features-json FILE --feature-set NAME] [--target NAME]
                           [--data-type TYPE] [--metrics corr,mmc,...] [--all-eras] [--json]

Scores prediction files era by era exactly as Numerai's numerai-tools does: CORR, MMC (with --meta-model),
BMC (with --benchmark), FNC and feature exposures (against --feature-set, or every feature), corr with the
meta model (--metrics picks some of ${metricNames.join(', ')}). FILE may be parquet or CSV; --predictions takes several files (or repeat the flag).
--data-type keeps only rows of that data_type (e.g. validation). When the data has "train" rows, only the eras
after the last train era and a 4-era embargo are scored, as in the app; --all-eras scores every era.
Any FILE may be an http(s) URL: a parquet file is then read with Range requests (footer and needed columns only).
With --json, prints one JSON object: { "<predictions name>": { "per_era": {...}, "summary": {...} } }.
Progress goes to stderr (not with --json when stderr is not a terminal).

  numerai-playground download [FILE ...] [--dataset-version v5.0] [--dir DIR] [--api URL]

Downloads Numerai's public dataset files (default: ${DEFAULT_FILES.join(', ')}) through Numerai's GraphQL API
(--api or NUMERAI_API_URL; default ${NUMERAI_API}), resuming an interrupted download, with progress on stderr.

${SIGNALS_USAGE}`;

const OPTIONS = {
  data: { type: 'string' },
  predictions: { type: 'string', multiple: true },
  'meta-model': { type: 'string' },
  benchmark: { type: 'string' },
  'benchmark-column': { type: 'string' },
  'features-json': { type: 'string' },
  'feature-set': { type: 'string' },
  target: { type: 'string' },
  'data-type': { type: 'string', multiple: true },
  metrics: { type: 'string' },
  'all-eras': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' }
} as const;

/**
 * Parses `score` arguments. `--predictions a.csv b.csv` takes every value up to the next option, as repeating the flag
 * does; any other stray value is an error.
 */
function parseScoreArgs(argv: string[]) {
  const { values, tokens } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true, tokens: true });
  const predictions: string[] = [];
  let owner: string | null = null;
  for (const t of tokens) {
    if (t.kind === 'option') {
      owner = t.name === 'predictions' ? 'predictions' : null;
      if (t.name === 'predictions' && t.value !== undefined) predictions.push(t.value);
    } else if (t.kind === 'positional') {
      if (owner !== 'predictions') throw new TypeError(`Unexpected argument "${t.value}": only --predictions takes several files.`);
      predictions.push(t.value);
    } else owner = null;
  }
  return { ...values, predictions };
}

/** Runs the CLI with the given arguments; returns the exit code. Errors go to stderr. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'score-signals') return scoreSignalsMain(rest);
  if (command === 'download') return runDownload(rest);
  if (command !== 'score') {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  let args;
  try {
    args = parseScoreArgs(rest);
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (!args.data) {
    console.error(`--data is required.\n\n${USAGE}`);
    return 2;
  }
  if (args['feature-set'] && !args['features-json']) {
    console.error('--feature-set needs --features-json (the features.json that defines the set).');
    return 2;
  }
  const metrics = args.metrics?.split(',').map((m) => m.trim());
  const unknown = metrics?.filter((m) => !(metricNames as string[]).includes(m));
  if (unknown?.length) {
    console.error(`Unknown metric ${unknown.map((m) => `"${m}"`).join(', ')}: --metrics takes a comma-separated list of ${metricNames.join(', ')}.`);
    return 2;
  }
  const progress = progressWriter(process.stderr, { quiet: args.json && !process.stderr.isTTY });
  try {
    const out = await score({
      data: args.data,
      predictions: args.predictions,
      metaModel: args['meta-model'],
      benchmark: args.benchmark,
      benchmarkColumn: args['benchmark-column'],
      featuresJson: args['features-json'],
      featureSet: args['feature-set'],
      target: args.target,
      dataTypes: args['data-type'],
      allEras: args['all-eras'],
      metrics: metrics as MetricName[] | undefined,
      json: args.json,
      log: (line) => progress.log(line),
      note: (line, important) => progress.note(line, important),
      progress: progress.write
    });
    progress.done();
    process.stdout.write(out);
    return 0;
  } catch (e) {
    progress.done();
    if (e instanceof PlaygroundError) {
      console.error(`error: ${e.message}`);
      return 1;
    }
    console.error(`error: ${(e as Error).stack ?? e}`);
    return 1;
  }
}

/** `numerai-playground download …` */
async function runDownload(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { 'dataset-version': { type: 'string', default: 'v5.0' }, dir: { type: 'string', default: '.' }, api: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const progress = progressWriter(process.stderr);
  try {
    await download({
      files: parsed.positionals.length ? parsed.positionals : DEFAULT_FILES,
      version: parsed.values['dataset-version']!,
      dir: parsed.values.dir!,
      api: parsed.values.api ?? process.env.NUMERAI_API_URL ?? NUMERAI_API,
      log: (line) => progress.log(line),
      progress: progress.write
    });
    progress.done();
    return 0;
  } catch (e) {
    progress.done();
    console.error(`error: ${e instanceof PlaygroundError ? e.message : ((e as Error).stack ?? e)}`);
    return 1;
  }
}
