// Reads the numerai-dev reference fixture (tests/fixtures) with a deliberately naive CSV reader (no project loader), so the
// scoring parity test does not depend on the data module it is not about.
import { readFileSync } from 'node:fs';
import { NUMERAI_DEV } from '../../helpers/fixtures';

export const FIXTURE = NUMERAI_DEV;

function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

const num = (s: string) => (s === '' ? NaN : Number(s));

export interface FixtureData {
  ids: string[];
  eras: string[];
  eraStarts: Uint32Array;
  featureNames: string[];
  features: Int8Array[];
  target: Float64Array;
  metaModel: Float64Array;
  benchmark: Float64Array;
  predictions: Record<string, Float64Array>;
}

/** The fixture rows stably sorted by era, with every file joined on id. */
export function loadFixture(): FixtureData {
  const data = readCsv(FIXTURE + 'data.csv');
  const featureNames = data.header.filter((h) => h.startsWith('feature_'));
  const col = (name: string) => data.header.indexOf(name);
  const order = data.rows.map((_, i) => i).sort((a, b) => Number(data.rows[a][col('era')]) - Number(data.rows[b][col('era')]) || a - b);
  const rows = order.map((i) => data.rows[i]);
  const ids = rows.map((r) => r[col('id')]);
  const eraOf = rows.map((r) => r[col('era')]);
  const eras: string[] = [];
  const starts: number[] = [];
  eraOf.forEach((e, i) => {
    if (eras[eras.length - 1] !== e) {
      eras.push(e);
      starts.push(i);
    }
  });
  starts.push(rows.length);
  const index = new Map(ids.map((id, i) => [id, i]));
  const joined = (file: string, column: string) => {
    const f = readCsv(FIXTURE + file);
    const out = new Float64Array(ids.length).fill(NaN);
    for (const r of f.rows) out[index.get(r[0])!] = num(r[f.header.indexOf(column)]);
    return out;
  };
  const predictions: Record<string, Float64Array> = {};
  for (const name of ['linear', 'risky', 'ties', 'noise']) predictions[name] = joined(`predictions/${name}.csv`, 'prediction');
  return {
    ids,
    eras,
    eraStarts: Uint32Array.from(starts),
    featureNames,
    features: featureNames.map((f) => Int8Array.from(rows, (r) => num(r[col(f)]))),
    target: Float64Array.from(rows, (r) => num(r[col('target')])),
    metaModel: joined('meta_model.csv', 'numerai_meta_model'),
    benchmark: joined('benchmark.csv', 'benchmark'),
    predictions
  };
}

export interface Expected {
  scores: Record<string, { per_era: Record<string, Record<string, number | null>>; summary: Record<string, Record<string, number | null>> }>;
  neutralize: Record<string, Record<string, number>>;
}

export const loadExpected = (): Expected => JSON.parse(readFileSync(FIXTURE + 'expected.json', 'utf8'));
