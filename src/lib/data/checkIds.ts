import { formatCount, PlaygroundError } from '../errors';
import type { Duplicates, IdColumn } from './IdColumn';

/** "<name> has 3 duplicate ids (e.g. "a" appears 2 times)", with a hint saying what to do. */
export function duplicateIdsError(name: string, dup: Duplicates, hint: string): PlaygroundError {
  return new PlaygroundError(`${name} has ${formatCount(dup.rows)} duplicate id${dup.rows === 1 ? '' : 's'} (e.g. "${dup.example}" appears ${dup.times} times)`, {
    hints: [hint]
  });
}

/**
 * Ids must be present and (unless the caller finds duplicates while joining) unique: PlaygroundError with the count and
 * the first example otherwise. The uniqueness check is the column's sort order or its hash index, which joins reuse.
 */
export function checkIds(ids: IdColumn, name: string, duplicateHint: string, options: { duplicates?: boolean } = {}): void {
  const empty = ids.countEmpty();
  if (empty) throw new PlaygroundError(`${name} has ${formatCount(empty)} row${empty === 1 ? '' : 's'} without an id`);
  const dup = options.duplicates === false ? null : ids.duplicates();
  if (dup) throw duplicateIdsError(name, dup, duplicateHint);
}
