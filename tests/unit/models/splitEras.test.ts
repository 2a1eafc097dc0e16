import { describe, expect, it } from 'vitest';
import { PlaygroundError } from '../../../src/lib/errors';
import { eraRows } from '../../../src/lib/models/eraRows';
import { splitEras } from '../../../src/lib/models/splitEras';

/** Eras numbered first..last with `size(e)` rows each; optional data_type "train" up to trainLast. */
function layout(first: number, last: number, size = (e: number) => 2 + (e % 3), trainLast?: number) {
  const eras: string[] = [];
  const starts = [0];
  const dataType: string[] = [];
  for (let e = first; e <= last; ++e) {
    eras.push(String(e).padStart(4, '0'));
    starts.push(starts[starts.length - 1] + size(e));
    for (let i = 0; i < size(e); ++i) dataType.push(trainLast !== undefined && e <= trainLast ? 'train' : 'validation');
  }
  return { eras, eraStarts: Uint32Array.from(starts), ...(trainLast !== undefined ? { dataType } : {}) };
}

describe('splitEras', () => {
  it('splitEras(data, { trainEnd, embargo: 4 }) drops the 4 eras after the last train era', () => {
    const data = layout(1, 20);
    const { train, validation } = splitEras(data, { trainEnd: '0010' });
    expect(train.eras).toEqual(['0001', '0002', '0003', '0004', '0005', '0006', '0007', '0008', '0009', '0010']);
    expect(validation.eras).toEqual(['0015', '0016', '0017', '0018', '0019', '0020']);
  });

  it('splitEras(data, { trainEnd }) returns the rows of exactly those eras, with offsets per era', () => {
    const data = layout(1, 20);
    const { train, validation } = splitEras(data, { trainEnd: 10 });
    expect(Array.from(train.rows)).toEqual(Array.from({ length: data.eraStarts[10] }, (_, i) => i));
    expect(validation.rows[0]).toBe(data.eraStarts[14]);
    expect(validation.rows.length).toBe(data.eraStarts[20] - data.eraStarts[14]);
    for (let k = 0; k < validation.eras.length; ++k)
      expect(validation.eraStarts[k + 1] - validation.eraStarts[k]).toBe(data.eraStarts[14 + k + 1] - data.eraStarts[14 + k]);
  });

  it('splitEras(data, { every: 4 }) reproduces hello_numerai: train ..0573, validation from 0579', () => {
    // v5 file boundary: train ends at 0574, validation starts at 0575
    const data = layout(561, 600);
    const { train, validation } = splitEras(data, { trainEnd: '0574', every: 4 });
    expect(train.eras).toEqual(['0561', '0565', '0569', '0573']);
    // every 4th validation era counted from 0575 (0575, 0579, …), minus eras ≤ 0573 + 4
    expect(validation.eras).toEqual(['0579', '0583', '0587', '0591', '0595', '0599']);
  });

  it('splitEras(data, { embargo: 0 }) starts validation right after training', () => {
    expect(splitEras(layout(1, 8), { trainEnd: 4, embargo: 0 }).validation.eras[0]).toBe('0005');
  });

  it('splitEras(data) takes the training range from data_type "train"', () => {
    const { train, validation } = splitEras(layout(1, 12, undefined, 6));
    expect(train.eras.at(-1)).toBe('0006');
    expect(validation.eras[0]).toBe('0011');
  });

  it('splitEras(data, { trainStart, validationEnd }) bounds both ranges', () => {
    const { train, validation } = splitEras(layout(1, 30), { trainStart: 3, trainEnd: 10, validationEnd: '0020' });
    expect(train.eras[0]).toBe('0003');
    expect(validation.eras.at(-1)).toBe('0020');
  });

  it('splitEras(data, options) compares eras by number, not position, when eras are missing', () => {
    const data = layout(1, 20);
    // keep every other era only: 1, 3, 5, …, 19
    const keep = eraRows(data, Array.from({ length: 10 }, (_, j) => 2 * j));
    const sparse = { eras: keep.eras, eraStarts: keep.eraStarts };
    expect(splitEras(sparse, { trainEnd: 9 }).validation.eras[0]).toBe('0015');
  });

  it('splitEras(data, options) throws PlaygroundError for an empty training or validation set', () => {
    const data = layout(5, 20);
    expect(() => splitEras(data, { trainEnd: 3 })).toThrow(PlaygroundError);
    expect(() => splitEras(data, { trainEnd: 3 })).toThrow(/No training eras/);
    expect(() => splitEras(data, { trainEnd: 17 })).toThrow(/No validation eras left after the 4-era embargo/);
    expect(() => splitEras(layout(1, 5))).toThrow(/data_type "train"/);
    expect(() => splitEras(data, { trainEnd: 'era_x' })).toThrow(PlaygroundError);
  });

  it('eraRows(data, positions) lists the rows of the chosen eras with their offsets', () => {
    const data = { eras: ['a1', 'a2', 'a3'], eraStarts: Uint32Array.of(0, 2, 3, 6) };
    const r = eraRows(data, [0, 2]);
    expect(r.eras).toEqual(['a1', 'a3']);
    expect(Array.from(r.rows)).toEqual([0, 1, 3, 4, 5]);
    expect(Array.from(r.eraStarts)).toEqual([0, 2, 5]);
  });
});
