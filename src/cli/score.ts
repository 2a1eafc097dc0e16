import { basename, extname } from 'node:path';
import { alignToDataset } from '../lib/data/alignToDataset';
import { parseFeaturesJson, resolveFeatureSet } from '../lib/data/featureSets';
import { loadDataset } from '../lib/data/loadDataset';
import { loadPredictions, type PredictionKind } from '../lib/data/loadPredictions';
import { openFileSource } from '../lib/data/node/openFileSource';
import { PlaygroundError } from '../lib/errors';
import { scoreEras, type EraScores } from '../lib/scoring/scoreEras';
import { formatScoresJson, formatScoresTable } from './formatScores';

export interface ScoreOptions {
  data: string;
  predictions: string[];
  metaModel?: string;
  benchmark?: string;
  benchmarkColumn?: string;
  featuresJson?: string;
  featureSet?: string;
  target?: string;
  dataTypes?: string[];
  json?: boolean;
  /** Warnings and notes (stderr). */
  log?: (line: string) => void;
  /** Transient progress line (stderr on a terminal). */
  progress?: (line: string) => void;
}

async function readText(path: string): Promise<string> {
  const file = await open(path);
  try {
    return new TextDecoder().decode(await file.slice(0));
  } finally {
    await file.close();
  }
}

/** Opens a local file for ranged reads; a missing or unreadable file is a PlaygroundError naming it. */
async function open(path: string) {
  try {
    return await openFileSource(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new PlaygroundError(`Cannot read ${path}: ${why}.`, { cause: e });
  }
}

/** The name a predictions file is reported under: its base name without extension. */
export const predictionName = (path: string) => basename(path, extname(path));

/**
 * `numerai-playground score`: loads the data (only the columns needed), joins each predictions file, the meta
 * model and the benchmark on id, scores with the engine and returns the text to print (JSON or a table).
 */
export async function score(options: ScoreOptions): Promise<string> {
  const log = options.log ?? (() => {});
  const target = options.target ?? 'target';
  const featuresJson = options.featuresJson ? parseFeaturesJson(await readText(options.featuresJson), basename(options.featuresJson)) : undefined;
  const features = featuresJson && options.featureSet ? resolveFeatureSet(featuresJson, options.featureSet) : undefined;

  const names = options.predictions.map(predictionName);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new PlaygroundError(`Two predictions files are both named "${dup}".`, { hints: ['Rename one: results are keyed by file name.'] });

  const source = await open(options.data);
  let dataset;
  try {
    dataset = await loadDataset(source, {
      features,
      targets: [target],
      dataTypes: options.dataTypes,
      onProgress: options.progress ? (p) => options.progress!(`reading ${source.name}: ${Math.round(100 * p.fraction)}%`) : undefined
    });
  } finally {
    await source.close();
  }
  options.progress?.('');
  for (const w of dataset.info.warnings) log(`warning: ${w}`);

  const load = async (path: string, kind: PredictionKind, column?: string) => {
    const file = await open(path);
    try {
      const pred = await loadPredictions(file, { kind, column });
      const aligned = alignToDataset(pred, dataset, { target });
      for (const w of aligned.warnings) log(`warning: ${w}`);
      return aligned.values;
    } finally {
      await file.close();
    }
  };
  const predictions: Record<string, Float64Array> = {};
  for (const [i, path] of options.predictions.entries()) predictions[names[i]] = await load(path, 'predictions');
  const metaModel = options.metaModel ? await load(options.metaModel, 'meta_model') : null;
  const benchmark = options.benchmark ? await load(options.benchmark, 'benchmark', options.benchmarkColumn) : null;
  if (!options.predictions.length) throw new PlaygroundError('No --predictions file was given.', { hints: ['Pass one or more: --predictions preds.csv --predictions other.parquet'] });

  const result: EraScores = scoreEras({
    eras: dataset.eras,
    eraStarts: dataset.eraStarts,
    target: dataset.targets[target],
    predictions,
    metaModel,
    benchmark,
    features: dataset.features,
    onProgress: options.progress ? (d, t) => options.progress!(`scoring era ${d} of ${t}`) : undefined
  });
  options.progress?.('');
  return options.json ? formatScoresJson(result) + '\n' : formatScoresTable(result);
}
