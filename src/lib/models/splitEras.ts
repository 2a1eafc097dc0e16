import { eraNumber } from '../data/eraNumber';
import { EMBARGO_ERAS } from '../data/embargo';
import { PlaygroundError } from '../errors';
import { eraRows, type EraRows } from './eraRows';

export interface SplitErasOptions {
  /** Last era of the training range (label like "0574", or era number); default: the last era whose rows are data_type "train". */
  trainEnd?: string | number;
  /** First era of the training range (default: the first era). */
  trainStart?: string | number;
  /** Last era of the validation range (default: the last era). */
  validationEnd?: string | number;
  /** Eras dropped after the last *used* training era (default EMBARGO_ERAS, 4: 20-day targets overlap the next 4 weekly eras). */
  embargo?: number;
  /** Keep every k-th era of each range, counting from its first era (default 1; the notebooks use 4). */
  every?: number;
}

export interface EraSplit {
  train: EraRows;
  validation: EraRows;
}

/**
 * Train and validation eras with an embargo, as Numerai's notebooks do: train = every `every`-th era of
 * [trainStart, trainEnd]; validation = every `every`-th era of (trainEnd, validationEnd], counted from the first era
 * after trainEnd, minus the eras numbered ≤ lastUsedTrainEra + embargo. On v5 (train ends 0574, every 4, embargo 4)
 * that gives train 0001..0573 and validation from 0579, as hello_numerai. (The notebook drops lastTrainEra + 0..3,
 * which is the same there; without downsampling this drops one era more, the 4 full eras after the last train era.)
 * Eras are compared by number ("0575" → 575; positions when labels have no digits). PlaygroundError when either side
 * is empty.
 * Source: numerai/example-scripts hello_numerai.ipynb (downsampling, embargo cells).
 */
export function splitEras(data: { eras: string[]; eraStarts: Uint32Array; dataType?: string[] }, options: SplitErasOptions = {}): EraSplit {
  const { eras } = data;
  const E = eras.length;
  const embargo = options.embargo ?? EMBARGO_ERAS;
  const every = options.every ?? 1;
  if (!(Number.isInteger(every) && every >= 1)) throw new RangeError(`splitEras: every must be a positive integer, got ${every}`);
  if (!(Number.isInteger(embargo) && embargo >= 0)) throw new RangeError(`splitEras: embargo must be a non-negative integer, got ${embargo}`);
  const byNumber = eras.every((e) => Number.isFinite(eraNumber(e)));
  const num = (e: number) => (byNumber ? eraNumber(eras[e]) : e);
  const toNumber = (v: string | number, what: string): number => {
    if (typeof v === 'number') return v;
    if (byNumber) {
      const x = eraNumber(v);
      if (Number.isFinite(x)) return x;
    }
    const at = eras.indexOf(v);
    if (at < 0) throw new PlaygroundError(`${what} era "${v}" is not in the data.`, { hints: [`Eras run from ${eras[0]} to ${eras[E - 1]}.`] });
    return num(at);
  };

  let trainEnd: number;
  if (options.trainEnd !== undefined) trainEnd = toNumber(options.trainEnd, 'The last training');
  else {
    const last = lastTrainEra(data);
    if (last < 0)
      throw new PlaygroundError('Which eras are for training? The data has no data_type "train" rows.', {
        hints: ['Pass trainEnd, the last era of the training range (e.g. "0574").']
      });
    trainEnd = num(last);
  }
  const trainStart = options.trainStart !== undefined ? toNumber(options.trainStart, 'The first training') : -Infinity;
  const validationEnd = options.validationEnd !== undefined ? toNumber(options.validationEnd, 'The last validation') : Infinity;

  const train: number[] = [];
  const afterTrain: number[] = [];
  for (let e = 0; e < E; ++e) {
    const x = num(e);
    if (x >= trainStart && x <= trainEnd) train.push(e);
    else if (x > trainEnd && x <= validationEnd) afterTrain.push(e);
  }
  const trainKept = train.filter((_, j) => j % every === 0);
  if (!trainKept.length)
    throw new PlaygroundError(`No training eras: none of the ${E} eras lies in the training range.`, {
      hints: [`Eras run from ${eras[0]} to ${eras[E - 1]}; check trainStart and trainEnd.`]
    });
  const lastUsed = num(trainKept[trainKept.length - 1]);
  const validation = afterTrain.filter((e, j) => j % every === 0 && num(e) > lastUsed + embargo);
  if (!validation.length)
    throw new PlaygroundError(`No validation eras left after the ${embargo}-era embargo.`, {
      hints: [
        `The last training era used is ${eras[trainKept[trainKept.length - 1]]}; validation needs eras after ${lastUsed + embargo}${byNumber ? '' : ' (by position)'}.`,
        'End training earlier (trainEnd), or lower the embargo.'
      ]
    });
  return { train: eraRows(data, trainKept), validation: eraRows(data, validation) };
}

/** Position of the last era whose first row is data_type "train"; −1 without data_type. */
function lastTrainEra(data: { eraStarts: Uint32Array; dataType?: string[] }): number {
  const t = data.dataType;
  if (!t) return -1;
  for (let e = data.eraStarts.length - 2; e >= 0; --e) if (data.eraStarts[e + 1] > data.eraStarts[e] && t[data.eraStarts[e]] === 'train') return e;
  return -1;
}
