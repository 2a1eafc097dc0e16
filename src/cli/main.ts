import { parseArgs } from 'node:util';
import { PlaygroundError } from '../lib/errors';
import { score } from './score';

const USAGE = `Usage:
  numerai-playground score --data FILE [--predictions FILE]... [--meta-model FILE]
                           [--benchmark FILE [--benchmark-column NAME]]
                           [--features-json FILE --feature-set NAME] [--target NAME]
                           [--data-type TYPE] [--json]

Scores prediction files era by era exactly as Numerai's numerai-tools does: CORR, MMC (with --meta-model),
BMC (with --benchmark), FNC and feature exposures (against --feature-set, or every feature), corr with the
meta model. FILE may be parquet or CSV. --data-type keeps only rows of that data_type (e.g. validation).
With --json, prints one JSON object: { "<predictions name>": { "per_era": {...}, "summary": {...} } }.`;

/** Runs the CLI with the given arguments; returns the exit code. Errors go to stderr. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'score') {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  let args;
  try {
    args = parseArgs({
      args: rest,
      options: {
        data: { type: 'string' },
        predictions: { type: 'string', multiple: true },
        'meta-model': { type: 'string' },
        benchmark: { type: 'string' },
        'benchmark-column': { type: 'string' },
        'features-json': { type: 'string' },
        'feature-set': { type: 'string' },
        target: { type: 'string' },
        'data-type': { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true
    }).values;
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
  try {
    const out = await score({
      data: args.data,
      predictions: args.predictions ?? [],
      metaModel: args['meta-model'],
      benchmark: args.benchmark,
      benchmarkColumn: args['benchmark-column'],
      featuresJson: args['features-json'],
      featureSet: args['feature-set'],
      target: args.target,
      dataTypes: args['data-type'],
      json: args.json,
      log: (line) => process.stderr.write(line + '\n'),
      progress: process.stderr.isTTY ? (line) => process.stderr.write(`\r${line}\x1b[K`) : undefined
    });
    process.stdout.write(out);
    return 0;
  } catch (e) {
    if (e instanceof PlaygroundError) {
      console.error(`error: ${e.message}`);
      return 1;
    }
    console.error(`error: ${(e as Error).stack ?? e}`);
    return 1;
  }
}
