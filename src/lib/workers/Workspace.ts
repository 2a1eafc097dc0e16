import type { Dataset } from '../data/Dataset';
import type { FeaturesJson } from '../data/featureSets';
import { generateDataset, type GenerateDatasetOptions } from '../data/generateDataset';
import { PlaygroundError } from '../errors';
import { scoreEras, type EraScores } from '../scoring/scoreEras';
import type { MetricName } from '../scoring/metrics';

/** What a page or a CLI needs to know about the loaded data, without the rows. */
export interface DatasetSummary {
  n: number;
  eras: string[];
  /** Rows per era, in era order. */
  rowsPerEra: number[];
  featureNames: string[];
  featureSets: Record<string, string[]>;
  targets: string[];
  /** Numeric columns that can be scored or used as meta model / benchmark. */
  columns: string[];
  source: string;
  warnings: string[];
}

export interface ScoreRequest {
  /** Columns to score as models (default: every column that is not a reference model). */
  models?: string[];
  /** Target column (default `target`). */
  target?: string;
  /** Meta model column for MMC and corr_meta (default `numerai_meta_model` when present; null for none). */
  metaModel?: string | null;
  /** Benchmark column for BMC (default: the first column starting with `v5`/`v4` or containing `benchmark`; null for none). */
  benchmark?: string | null;
  /** Feature set for FNC and exposures (default: every feature of the dataset). */
  featureSet?: string;
  /** Explicit feature names (wins over featureSet). */
  features?: string[];
  metrics?: MetricName[];
}

export const META_MODEL = 'numerai_meta_model';

/**
 * The loaded data and every column derived from it, with the operations the scoring worker and the CLI share.
 * Plain TypeScript: no worker globals, so Node (CLI, tests) uses it directly.
 */
export class Workspace {
  dataset: Dataset | null = null;
  featuresJson: FeaturesJson | null = null;

  /** Generates the built-in, seeded Numerai-shaped dataset. */
  loadGenerated(options: GenerateDatasetOptions = {}): DatasetSummary {
    const { dataset, featuresJson } = generateDataset(options);
    this.dataset = dataset;
    this.featuresJson = featuresJson;
    return this.describe();
  }

  setDataset(dataset: Dataset, featuresJson: FeaturesJson | null = null): DatasetSummary {
    this.dataset = dataset;
    this.featuresJson = featuresJson;
    return this.describe();
  }

  /** The dataset, or a clear error when nothing is loaded yet. */
  data(): Dataset {
    if (!this.dataset) throw new PlaygroundError('No data is loaded.', { hints: ['Load the built-in dataset or a Numerai parquet/CSV file first.'] });
    return this.dataset;
  }

  describe(): DatasetSummary {
    const d = this.data();
    const featureSets: Record<string, string[]> = { ...(this.featuresJson?.feature_sets ?? {}) };
    if (!featureSets.all) featureSets.all = d.featureNames;
    return {
      n: d.n,
      eras: d.eras,
      rowsPerEra: Array.from({ length: d.eras.length }, (_, k) => d.eraStarts[k + 1] - d.eraStarts[k]),
      featureNames: d.featureNames,
      featureSets,
      targets: Object.keys(d.targets),
      columns: Object.keys(d.columns),
      source: d.info.source,
      warnings: d.info.warnings
    };
  }

  /** Adds or replaces a numeric column aligned to the rows (a model's predictions, say). */
  setColumn(name: string, values: Float64Array): void {
    const d = this.data();
    if (values.length !== d.n) throw new PlaygroundError(`Column "${name}" has ${values.length} values; the data has ${d.n} rows.`);
    d.columns[name] = values;
  }

  column(name: string): Float64Array {
    const d = this.data();
    const c = d.columns[name] ?? d.targets[name];
    if (!c) throw new PlaygroundError(`There is no column "${name}".`, { hints: [`Columns: ${[...Object.keys(d.columns), ...Object.keys(d.targets)].join(', ')}`] });
    return c;
  }

  /** Feature columns of a named set, or of the given names. */
  featureColumns(featureSet?: string, names?: string[]): { names: string[]; columns: Int8Array[] } {
    const d = this.data();
    const wanted = names ?? (featureSet ? this.describe().featureSets[featureSet] : d.featureNames);
    if (!wanted) throw new PlaygroundError(`There is no feature set "${featureSet}".`, { hints: [`Feature sets: ${Object.keys(this.describe().featureSets).join(', ')}`] });
    const index = new Map(d.featureNames.map((f, i) => [f, i]));
    const missing = wanted.filter((f) => !index.has(f));
    if (missing.length) throw new PlaygroundError(`${missing.length} features of the set are not in the data, e.g. ${missing.slice(0, 3).join(', ')}.`, { hints: ['Load the data with this feature set, or pick another set.'] });
    return { names: wanted, columns: wanted.map((f) => d.features[index.get(f)!]) };
  }

  /** Scores models era by era with the Numerai-exact engine. */
  score(request: ScoreRequest = {}, onProgress?: (done: number, total: number) => void): EraScores {
    const d = this.data();
    const meta = request.metaModel === undefined ? (d.columns[META_MODEL] ? META_MODEL : null) : request.metaModel;
    const bench = request.benchmark === undefined ? defaultBenchmark(Object.keys(d.columns)) : request.benchmark;
    const models = request.models ?? Object.keys(d.columns).filter((c) => c !== meta && c !== bench);
    if (!models.length) throw new PlaygroundError('There is nothing to score.', { hints: ['Add predictions (a model, or a predictions file) first.'] });
    const target = this.column(request.target ?? 'target');
    const features = this.featureColumns(request.featureSet, request.features);
    return scoreEras({
      eras: d.eras,
      eraStarts: d.eraStarts,
      target,
      predictions: Object.fromEntries(models.map((m) => [m, this.column(m)])),
      metaModel: meta ? this.column(meta) : null,
      benchmark: bench ? this.column(bench) : null,
      features: features.columns,
      metrics: request.metrics,
      onProgress
    });
  }
}

/** The benchmark column a Numerai file names like `v52_lgbm_ender20`, or one called `benchmark`. */
export function defaultBenchmark(columns: string[]): string | null {
  return columns.find((c) => /^v\d+.*lgbm/.test(c)) ?? columns.find((c) => c.includes('benchmark')) ?? null;
}
