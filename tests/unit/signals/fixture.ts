// Reads the signals-dev reference fixture (tests/fixtures) with hyparquet's plain row reader and a naive CSV split (no
// project loader), so the Signals parity test does not depend on the data module it is not about.
import { readFileSync } from 'node:fs';
import { parquetReadObjects } from 'hyparquet';
import { SIGNALS_DEV } from '../../helpers/fixtures';

export const FIXTURE = SIGNALS_DEV;
export const MODELS = ['quality', 'momentum', 'sector_bet', 'noise'] as const;

export interface SignalsFixture {
  dates: string[];
  dateStarts: Uint32Array;
  tickers: string[];
  ticker: Uint32Array;
  neutralizerNames: string[];
  neutralizers: Float64Array[];
  factors: Record<string, Float64Array>;
  sector: string[];
  country: string[];
  sampleWeight: Float64Array;
  target: Float64Array;
}

type Row = Record<string, string | number | null>;

/** The fixture rows (already sorted by date, then ticker) as typed columns. */
export async function loadSignalsFixture(): Promise<SignalsFixture> {
  const buf = readFileSync(FIXTURE + 'signals.parquet');
  const rows = (await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer })) as Row[];
  const cols = Object.keys(rows[0]);
  const dates: string[] = [];
  const starts: number[] = [];
  rows.forEach((r, i) => {
    if (dates[dates.length - 1] !== r.date) {
      dates.push(r.date as string);
      starts.push(i);
    }
  });
  starts.push(rows.length);
  const tickers = [...new Set(rows.map((r) => r.numerai_ticker as string))].sort();
  const code = new Map(tickers.map((t, i) => [t, i]));
  const num = (c: string) => Float64Array.from(rows, (r) => (r[c] === null ? NaN : (r[c] as number)));
  const neutralizerNames = cols.filter((c) => c.startsWith('neutralizer_'));
  return {
    dates,
    dateStarts: Uint32Array.from(starts),
    tickers,
    ticker: Uint32Array.from(rows, (r) => code.get(r.numerai_ticker as string)!),
    neutralizerNames,
    neutralizers: neutralizerNames.map(num),
    factors: Object.fromEntries(cols.filter((c) => c.startsWith('factor_')).map((c) => [c, num(c)])),
    sector: rows.map((r) => r.sector as string),
    country: rows.map((r) => r.country as string),
    sampleWeight: num('sample_weight'),
    target: num('target')
  };
}

/** One predictions CSV of the fixture: numerai_ticker,date,signal. */
export function readFixturePredictions(model: string): { ids: string[]; dates: string[]; values: Float64Array } {
  const lines = readFileSync(`${FIXTURE}predictions/${model}.csv`, 'utf8').trim().split(/\r?\n/).slice(1);
  const parts = lines.map((l) => l.split(','));
  return { ids: parts.map((p) => p[0]), dates: parts.map((p) => p[1]), values: Float64Array.from(parts, (p) => Number(p[2])) };
}

export interface SignalsExpected {
  dates: string[];
  scores: Record<string, { per_era: Record<string, Record<string, number | null>>; summary: Record<string, Record<string, number | null>> }>;
}

export function loadSignalsExpected(): SignalsExpected {
  return JSON.parse(readFileSync(FIXTURE + 'expected.json', 'utf8'));
}

export const fixtureStakes = (): Record<string, number> => JSON.parse(readFileSync(FIXTURE + 'stakes.json', 'utf8'));
