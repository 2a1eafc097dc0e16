import { PlaygroundError } from '../errors';

/** The error for a feature value outside Numerai's int8 bins 0..4; `row` counts data rows from 1. */
export function featureValueError(column: string, value: unknown, row: number, source?: string): PlaygroundError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new PlaygroundError(`${column} has values outside 0..4 (e.g. ${shown} at row ${row}): Numerai features are int8 bins`, {
    hints: [
      `${source ? `${source}: ` : ''}rows are counted from 1 in file order (a CSV header is not a row).`,
      'Numerai v4/v5 features are the integers 0–4 (missing = 2). Float features in [0, 1] come from older data versions: multiply by 4 and round, or use the int8 files.'
    ]
  });
}
