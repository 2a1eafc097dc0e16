import { formatCount, PlaygroundError } from '../errors';
import type { Dataset } from './Dataset';
import { joinIds } from './joinIds';
import { DUPLICATE_PREDICTIONS_HINT, type Predictions } from './loadPredictions';
import { duplicateIdsError } from './checkIds';

export interface AlignOptions {
  /**
   * Least share of the dataset's scored rows (rows with a known target) that must get a value; default 0.8 for
   * user predictions (Numerai's 80 % overlap rule in filter_sort_index), 0 for the meta model and benchmarks.
   */
  minCoverage?: number;
  /** Target that defines the scored rows (default "target", else the first target; all rows if there is none). */
  target?: string;
}

export interface Aligned {
  /** One value per dataset row, in the dataset's row order; NaN where the file has no value for the row. */
  values: Float64Array;
  /** Dataset rows that got a non-NaN value. */
  matched: number;
  /** matched scored rows / scored rows. */
  coverage: number;
  /** Full sentences about ids that did not line up (empty when everything matched). */
  warnings: string[];
}

/**
 * Aligns a prediction-like file to a dataset's rows by id: values[i] = value of id ds.ids.at(i), NaN if absent.
 * PlaygroundError when no id matches or coverage of the scored rows is below minCoverage; warnings with counts otherwise.
 */
export function alignToDataset(pred: Predictions, ds: Dataset, options: AlignOptions = {}): Aligned {
  const strict = pred.kind === 'predictions';
  const minCoverage = options.minCoverage ?? (strict ? 0.8 : 0);
  const what = strict ? 'prediction' : pred.kind === 'meta_model' ? 'meta model' : 'benchmark';
  // The join (same order → identity, both sorted → merge, otherwise the data's hash index over packed ids, built once
  // by its own duplicate check); the file's duplicate ids are found on the way.
  const { fileRowOf: rowOf, found, duplicates } = joinIds(ds.ids, pred.ids);
  if (duplicates) throw duplicateIdsError(pred.source, duplicates, DUPLICATE_PREDICTIONS_HINT);
  const values = new Float64Array(ds.n);
  const targetName = options.target ?? ('target' in ds.targets ? 'target' : Object.keys(ds.targets)[0]);
  const target = targetName === undefined ? undefined : ds.targets[targetName];
  if (options.target !== undefined && !target) throw new PlaygroundError(`The dataset has no target "${options.target}"`);
  let matched = 0, scored = 0, scoredMatched = 0;
  const pv = pred.values;
  for (let i = 0; i < ds.n; ++i) {
    const k = rowOf[i];
    const v = k < 0 ? NaN : pv[k];
    values[i] = v;
    const isScored = !target || target[i] === target[i];
    if (isScored) scored++;
    if (v === v) {
      matched++;
      if (isScored) scoredMatched++;
    }
  }
  const np = pred.ids.length;
  const foreign = np - found;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  if (found === 0) {
    throw new PlaygroundError(`None of the ${formatCount(np)} ${what} ids in ${pred.source} are in the data (${ds.info.source}, ${formatCount(ds.n)} rows)`, {
      hints: [
        `e.g. ${pred.source} has "${pred.ids.at(0)}", the data has "${ds.ids.at(0)}".`,
        'Predictions must come from the same file as the data: live predictions do not match validation rows, and ids change between data versions.'
      ]
    });
  }
  const coverage = scored ? scoredMatched / scored : 0;
  const rowsWord = target ? 'scored rows (rows with a target)' : 'rows';
  if (coverage < minCoverage) {
    throw new PlaygroundError(
      `${pred.source} covers only ${formatCount(scoredMatched)} of ${formatCount(scored)} ${rowsWord} of the data (${pct(coverage)}): at least ${pct(minCoverage)} are needed`,
      {
        hints: [
          `Numerai scores a submission only when it covers at least 80% of the ids (numerai-tools filter_sort_index).`,
          foreign ? `${formatCount(foreign)} of ${formatCount(np)} ${what} ids are not in the data: were they made for another split or data version?` : 'Predict every row of the data (after the same filters).'
        ]
      }
    );
  }
  const warnings: string[] = [];
  if (foreign) {
    warnings.push(`${formatCount(foreign)} of ${formatCount(np)} ${what} ids are not in the data and were ignored.`);
  }
  const missing = scored - scoredMatched;
  if (missing) {
    warnings.push(
      strict
        ? `${formatCount(missing)} of ${formatCount(scored)} ${rowsWord} have no ${what} (${pct(coverage)} covered); they are left out of the scores.`
        : `The ${what} (${pred.column}) has no value for ${formatCount(missing)} of ${formatCount(scored)} ${rowsWord} (${pct(coverage)} covered); scores that need it skip those rows.`
    );
  }
  return { values, matched, coverage, warnings };
}
