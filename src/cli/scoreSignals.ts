import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatCount, PlaygroundError } from '../lib/errors';
import { columnNameOf } from '../lib/data/columnNameOf';
import { formatPeriodJson } from '../lib/scorefiles/formatPeriodJson';
import { formatPeriodTable } from '../lib/scorefiles/formatPeriodTable';
import { progressText } from '../lib/scorefiles/progressText';
import { signalsPeriodScores } from '../lib/scorefiles/signalsPeriodScores';
import { SignalsSubmissionError } from '../lib/scoring/signals/SignalsSubmissionError';
import { SignalsWorkspace } from '../lib/workers/SignalsWorkspace';
import { progressWriter } from './progressWriter';
import { cannotRead, withFile } from './score';

export interface ScoreSignalsOptions {
  data: string;
  predictions: string[];
  /** A JSON file { "<model name>": stake } naming models among the predictions files: enables MPC. */
  stakes?: string;
  /** A CSV/parquet ticker map for submissions keyed by another id kind than the data. */
  tickerMap?: string;
  target?: string;
  /** `prepared` (the file's neutralizer_* columns) or `exposures` (built from sector, country, factor_*); default: prepared when present. */
  neutralizers?: 'prepared' | 'exposures';
  /** The date to score files without a date column on (default: the data's last date). */
  date?: string;
  json?: boolean;
  /** Warnings and notes (stderr). */
  log?: (line: string) => void;
  /** Progress lines (stderr); `transient` lines may be overwritten by the next one (on a terminal). */
  progress?: (line: string, transient: boolean) => void;
}

/**
 * `numerai-playground score-signals`: loads the Signals data, checks and cleans each submission date by date as
 * Numerai does, and scores alpha, MPC (with --stakes), churn and turnover per date with summaries; returns the text
 * to print (JSON or a table).
 */
export async function scoreSignalsCommand(options: ScoreSignalsOptions): Promise<string> {
  const log = options.log ?? (() => {});
  const progress = options.progress;
  if (!options.predictions.length) throw new PlaygroundError('No --predictions file was given.', { hints: ['Pass one or more: --predictions quality.csv momentum.parquet'] });
  const names = options.predictions.map(columnNameOf);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new PlaygroundError(`Two predictions files are both named "${dup}".`, { hints: ['Rename one: results and stakes are keyed by file name.'] });
  let stakes: Record<string, number> | null = null;
  if (options.stakes) {
    let text: string;
    try {
      text = await readFile(options.stakes, 'utf8');
    } catch (e) {
      throw cannotRead(options.stakes, e);
    }
    stakes = parseStakes(text, basename(options.stakes), names);
  }

  const ws = new SignalsWorkspace();
  const summary = await withFile(options.data, (file) =>
    ws.loadData(
      file,
      { name: file.name, neutralizers: options.neutralizers ?? 'auto', targets: options.target ? [options.target] : undefined },
      progress ? (f) => progress(`reading ${file.name}: ${Math.round(100 * f)}%`, true) : undefined
    )
  );
  for (const w of summary.warnings) log(`warning: ${w}`);
  if (options.tickerMap) await withFile(options.tickerMap, (file) => ws.loadTickerMap(file, { name: file.name }));
  for (const [i, path] of options.predictions.entries()) {
    const info = await withFile(path, (file) => {
      progress?.(`checking ${file.name} against each date's universe`, true);
      return ws.loadSubmission(file, { name: names[i], fileName: file.name, date: options.date });
    });
    for (const w of info.warnings) log(`warning: ${w}`);
  }
  const started = performance.now();
  const result = ws.score(
    { models: names, target: options.target, stakes },
    progress ? (done, total) => progress(progressText('scoring dates', done, total, performance.now() - started), done < total) : undefined
  );
  const printable = signalsPeriodScores(result);
  return options.json ? formatPeriodJson(printable) + '\n' : formatPeriodTable(printable);
}

/** A stakes file: a JSON object of model name → stake (NMR ≥ 0), every name one of the predictions files. */
function parseStakes(text: string, file: string, names: string[]): Record<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new PlaygroundError(`${file} is not valid JSON: ${(e as Error).message}`, { hints: ['A stakes file looks like {"my_model": 100, "other_model": 25}.'] });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new PlaygroundError(`${file} must be a JSON object of model name → stake, like {"my_model": 100}.`);
  const stakes = parsed as Record<string, unknown>;
  const bad = Object.entries(stakes).filter(([, v]) => typeof v !== 'number' || !Number.isFinite(v) || v < 0);
  if (bad.length) throw new PlaygroundError(`${file} has ${formatCount(bad.length)} stake${bad.length === 1 ? '' : 's'} that ${bad.length === 1 ? 'is' : 'are'} not a number ≥ 0 (${bad.slice(0, 3).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')})`);
  const missing = Object.keys(stakes).filter((k) => !names.includes(k));
  if (missing.length) {
    throw new SignalsSubmissionError(
      'stakes',
      `${file} names ${formatCount(missing.length)} model${missing.length === 1 ? '' : 's'} without a --predictions file: ${missing.map((m) => JSON.stringify(m)).join(', ')}`,
      [`MPC needs the signal of every staked model. Files given: ${names.map((n) => JSON.stringify(n)).join(', ')} (a file's name without its extension is its model name).`]
    );
  }
  if (!Object.values(stakes).some((v) => (v as number) > 0)) throw new PlaygroundError(`${file} has no positive stake: the meta portfolio would be empty.`);
  return stakes as Record<string, number>;
}

export const SIGNALS_USAGE = `  numerai-playground score-signals --data FILE --predictions FILE [--predictions FILE]...
                           [--stakes stakes.json] [--ticker-map FILE] [--target NAME]
                           [--neutralizers prepared|exposures] [--date YYYY-MM-DD] [--json]

Scores Numerai Signals submissions date by date exactly as numerai-tools does: each file is checked and cleaned
against each date's universe (ranked, missing tickers 0.5), then alpha, MPC (with --stakes: a JSON object of
model name → stake, naming predictions files by their name without extension), churn and turnover against the
previous date. --data is a Signals parquet/CSV file (date, numerai_ticker, neutralizer_* or sector/country/factor_*
exposures, sample_weight, target). --ticker-map pairs the submissions' id kind with the data's (e.g.
bloomberg_ticker,numerai_ticker). Files without a date column are scored on --date (default: the last date).
With --json: { "<name>": { "per_era": { "<date>": {alpha, mpc, churn, turnover, n} }, "summary": {...} } }.`;

/** `score-signals` argument parsing; returns the exit code (2: usage error). */
export async function scoreSignalsMain(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        predictions: { type: 'string', multiple: true },
        stakes: { type: 'string' },
        'ticker-map': { type: 'string' },
        target: { type: 'string' },
        neutralizers: { type: 'string' },
        date: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n\nUsage:\n${SIGNALS_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(`Usage:\n${SIGNALS_USAGE}`);
    return 0;
  }
  const usage = (why: string) => (console.error(`${why}\n\nUsage:\n${SIGNALS_USAGE}`), 2);
  if (!args.data) return usage('--data is required.');
  if (!args.predictions?.length) return usage('--predictions is required (one or more files).');
  if (args.neutralizers !== undefined && args.neutralizers !== 'prepared' && args.neutralizers !== 'exposures') return usage(`--neutralizers must be "prepared" or "exposures", not "${args.neutralizers}".`);
  const progress = progressWriter(process.stderr, { quiet: args.json && !process.stderr.isTTY });
  try {
    const out = await scoreSignalsCommand({
      data: args.data,
      predictions: args.predictions,
      stakes: args.stakes,
      tickerMap: args['ticker-map'],
      target: args.target,
      neutralizers: args.neutralizers as 'prepared' | 'exposures' | undefined,
      date: args.date,
      json: args.json,
      log: (line) => progress.log(line),
      progress: progress.write
    });
    progress.done();
    process.stdout.write(out);
    return 0;
  } catch (e) {
    progress.done();
    console.error(`error: ${e instanceof PlaygroundError ? e.message : ((e as Error).stack ?? e)}`);
    return 1;
  }
}
