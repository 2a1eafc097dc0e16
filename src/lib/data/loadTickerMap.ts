import { formatCount, PlaygroundError } from '../errors';
import type { TickerMap } from '../scoring/signals/cleanSignalsSubmission';
import { signalsColumns } from '../scoring/signals/signalsColumns';
import { asPlaygroundError } from './asPlaygroundError';
import { detectFormat } from './detectFormat';
import { parseCsv } from './parseCsv';
import { readParquet } from './readParquet';
import { readParquetInfo } from './readParquetInfo';
import { toByteSource, type FileInput } from './toByteSource';

/**
 * Loads a ticker map (CSV or parquet) pairing two Signals id kinds, e.g. `bloomberg_ticker,numerai_ticker`: `to` is
 * the universe's id kind (default numerai_ticker), `from` the other id column (default: the only other one).
 */
export async function loadTickerMap(input: FileInput, options: { from?: string; to?: string; name?: string } = {}): Promise<TickerMap> {
  const source = toByteSource(input, options.name);
  const name = source.name ?? 'the ticker map';
  try {
    let pair: [string, string] | null = null;
    const choose = (header: string[]) => {
      const ids = header.filter((c) => (signalsColumns.id as readonly string[]).includes(c));
      const to = options.to ?? (ids.includes('numerai_ticker') ? 'numerai_ticker' : undefined);
      const others = ids.filter((c) => c !== to);
      const from = options.from ?? (others.length === 1 ? others[0] : undefined);
      if (!to || !from || !header.includes(from) || !header.includes(to)) {
        throw new PlaygroundError(`${name} is not a ticker map: it needs two id columns (of ${signalsColumns.id.join(', ')}), it has ${ids.length ? ids.join(', ') : 'none'}`, {
          hints: [`Its columns: ${header.map((h) => JSON.stringify(h)).join(', ')}.`, 'Name the two columns after their id kinds, e.g. bloomberg_ticker,numerai_ticker.']
        });
      }
      pair = [from, to];
      return [{ name: from, kind: 'string' as const }, { name: to, kind: 'string' as const }];
    };
    const read =
      (await detectFormat(source)) === 'parquet'
        ? await (async () => {
            const info = await readParquetInfo(source);
            return readParquet(source, { info, columns: choose(info.columns.map((c) => c.name)) });
          })()
        : await parseCsv(source, { name, columns: choose });
    const [from, to] = pair!;
    if (read.n === 0) throw new PlaygroundError(`${name} has no rows`);
    const map = { from, to, source: read.columns[from] as string[], target: read.columns[to] as string[] };
    const usable = map.source.reduce((k, s, i) => k + (s && map.target[i] ? 1 : 0), 0);
    if (usable === 0) throw new PlaygroundError(`${name} has ${formatCount(read.n)} rows but no row with both a ${from} and a ${to}`);
    return map;
  } catch (e) {
    throw asPlaygroundError(e, name);
  }
}
