import { readFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { columnNameOf } from '../lib/data/columnNameOf';
import type { ByteSource } from '../lib/data/ByteSource';
import { openFileSource } from '../lib/data/node/openFileSource';
import { isUrl, openUrlSource } from '../lib/data/urlSource';
import { PlaygroundError } from '../lib/errors';
import { describeEstimate, estimateWarning, formatBytes } from '../lib/scorefiles/describeEstimate';
import { formatScoresJson } from '../lib/scorefiles/formatScoresJson';
import { formatScoresTable } from '../lib/scorefiles/formatScoresTable';
import { progressText } from '../lib/scorefiles/progressText';
import type { PredictionKind } from '../lib/data/loadPredictions';
import type { MetricName } from '../lib/scoring/metrics';
import { META_MODEL, Workspace } from '../lib/workers/Workspace';

export interface ScoreOptions {
  /** A local path or an http(s) URL (as every file below). */
  data: string;
  predictions: string[];
  metaModel?: string;
  benchmark?: string;
  benchmarkColumn?: string;
  featuresJson?: string;
  featureSet?: string;
  target?: string;
  dataTypes?: string[];
  /** Score every era, not only the eras after the last "train" era and the embargo (when the data has train rows). */
  allEras?: boolean;
  /** Metrics to compute (default: every metric the inputs allow). */
  metrics?: MetricName[];
  json?: boolean;
  /** Warnings (stderr, always). */
  log?: (line: string) => void;
  /** Notes such as the estimate (stderr, unless quiet); `important` ones (a long job) also go to a pipe. */
  note?: (line: string, important: boolean) => void;
  /** Progress lines (stderr); `transient` lines may be overwritten by the next one (on a terminal). */
  progress?: (line: string, transient: boolean) => void;
}

/** Opens a local file for ranged reads; a missing or unreadable file is a PlaygroundError naming it. */
async function open(path: string) {
  try {
    return await openFileSource(path);
  } catch (e) {
    throw cannotRead(path, e);
  }
}

export function cannotRead(path: string, e: unknown): PlaygroundError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
  return new PlaygroundError(`Cannot read ${path}: ${why}.`, { cause: e });
}

/** A local file or an http(s) URL opened for ranged reads (a URL: only the byte ranges needed are fetched). */
export type Opened = ByteSource & { name: string; close?: () => Promise<void> };

/**
 * Runs `work` on a file opened for ranged reads, closing it afterwards; a URL is read with Range requests, with
 * progress, and how much was fetched is noted.
 */
export async function withFile<T>(path: string, work: (file: Opened) => Promise<T>, options: Pick<ScoreOptions, 'progress' | 'note'> = {}): Promise<T> {
  if (isUrl(path)) {
    const label = path.replace(/[?#].*$/, '');
    const file = await openUrlSource(path, { onFetch: (b, t) => options.progress?.(`fetching ${label}: ${formatBytes(b)} of ${formatBytes(t)}`, true) });
    const out = await work(file as Opened);
    options.note?.(`${file.name}: fetched ${formatBytes(file.bytesFetched)} of ${formatBytes(file.byteLength)} with HTTP range requests`, true);
    return out;
  }
  const file = await open(path);
  try {
    return await work(file as Opened);
  } finally {
    await file.close();
  }
}

/**
 * `numerai-playground score`: the same pipeline as the app's scoring worker — a Workspace loads the data (only the
 * columns needed), joins each predictions file, the meta model and the benchmark on id, and scores — then returns the
 * text to print (JSON or a table).
 */
export async function score(options: ScoreOptions): Promise<string> {
  const log = options.log ?? (() => {});
  const progress = options.progress;
  const target = options.target ?? 'target';
  if (!options.predictions.length) throw new PlaygroundError('No --predictions file was given.', { hints: ['Pass one or more: --predictions preds.csv other.parquet'] });
  const names = options.predictions.map(columnNameOf);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new PlaygroundError(`Two predictions files are both named "${dup}".`, { hints: ['Rename one: results are keyed by file name.'] });

  let featuresJson: string | undefined;
  if (options.featuresJson) {
    try {
      featuresJson = isUrl(options.featuresJson) ? await (await fetch(options.featuresJson)).text() : await readFile(options.featuresJson, 'utf8');
    } catch (e) {
      throw cannotRead(options.featuresJson, e);
    }
  }
  const ws = new Workspace();
  const summary = await withFile(options.data, async (file) => {
    const loadOptions = { name: file.name, featuresJson, featureSet: options.featureSet, targets: [target], dataTypes: options.dataTypes };
    // Before reading: what it will take (from the parquet footer), and a warning for a job of minutes or too big.
    const estimate = await ws.estimate(file, loadOptions, names.length);
    options.note?.(`estimate: ${describeEstimate(estimate)}`, estimate.scoringMs > 5000 || estimate.bytesToRead > 1e8);
    const warning = estimateWarning(estimate, totalmem(), 'this machine');
    if (warning) log(`warning: ${warning.message}${warning.level === 'slow' ? ' Ctrl-C stops it.' : ''}`);
    return ws.loadData(file, loadOptions, progress ? (f) => progress(`reading ${file.name}: ${Math.round(100 * f)}%`, true) : undefined);
  }, options);
  for (const w of summary.warnings) log(`warning: ${w}`);

  const join = (path: string, kind: PredictionKind, name?: string, column?: string) =>
    withFile(path, async (file) => {
      progress?.(`joining ${file.name} on id`, true);
      const r = await ws.loadColumn(file, { kind, name, column, fileName: file.name });
      for (const w of r.warnings) log(`warning: ${w}`);
      return r.name;
    }, options);
  for (const [i, path] of options.predictions.entries()) await join(path, 'predictions', names[i]);
  const metaModel = options.metaModel ? await join(options.metaModel, 'meta_model', META_MODEL) : null;
  const benchmark = options.benchmark ? await join(options.benchmark, 'benchmark', undefined, options.benchmarkColumn) : null;

  const eras = options.allEras ? undefined : summary.validationEras;
  if (eras) log(`note: scoring the ${eras.length} eras after the last "train" era and the embargo (${eras[0]}–${eras[eras.length - 1]}); --all-eras scores all ${summary.eras.length}.`);
  const started = performance.now();
  const result = ws.score(
    { models: names, target, metaModel, benchmark, eras, metrics: options.metrics },
    progress ? (done, total) => progress(progressText('scoring eras', done, total, performance.now() - started), done < total) : undefined
  );
  return options.json ? formatScoresJson(result) + '\n' : formatScoresTable(result);
}
