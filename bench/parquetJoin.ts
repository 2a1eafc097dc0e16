// Measures the id join behind alignToDataset: a Map index against Arquero's join_left and lookup, on 1,000,000 rows.
// Run: node --import tsx bench/parquetJoin.ts [rows]   (numbers quoted in src/lib/data/alignToDataset.ts)
import { table } from 'arquero';
import { alignToDataset } from '../src/lib/data/alignToDataset';
import { generateDataset } from '../src/lib/data/generateDataset';

const rowsPerEra = Math.round(Number(process.argv[2] ?? 1_000_000) / 200);
const { dataset: ds } = generateDataset({ seed: 5, eras: 200, rowsPerEra, unresolvedEras: 0 });
const n = ds.n;
// A prediction file: 95 % of the data's ids in shuffled order plus 5 % ids from elsewhere.
const order = Array.from({ length: n }, (_, i) => i);
for (let i = n - 1; i > 0; --i) {
  const j = (Math.imul(i, 2654435761) >>> 0) % (i + 1);
  [order[i], order[j]] = [order[j], order[i]];
}
const m = Math.floor(n * 0.95);
const ids = order.slice(0, m).map((i) => ds.ids[i]).concat(Array.from({ length: n - m }, (_, k) => `nforeign${k}`));
const values = Float64Array.from(ids, (_, k) => (k % 1000) / 1000);
const pred = { ids, values, column: 'prediction', source: 'bench', kind: 'predictions' as const };

function time(label: string, fn: () => Float64Array) {
  const ms: number[] = [];
  let out: Float64Array = new Float64Array(0);
  for (let r = 0; r < 3; ++r) {
    const t = performance.now();
    out = fn();
    ms.push(performance.now() - t);
  }
  const matched = out.reduce((s, v) => s + (v === v ? 1 : 0), 0);
  console.log(`${label.padEnd(34)} ${ms.map((x) => (x / 1000).toFixed(2)).join(' / ')} s   (${matched.toLocaleString()} matched)`);
}

console.log(`${n.toLocaleString()} data rows, ${ids.length.toLocaleString()} prediction ids`);
time('alignToDataset (Map index)', () => alignToDataset(pred, ds, { minCoverage: 0 }).values);
time('Arquero join_left', () => {
  const left = table({ id: ds.ids, row: Int32Array.from({ length: n }, (_, i) => i) });
  const joined = left.join_left(table({ id: ids, value: values }), 'id');
  const rows = joined.array('row') as ArrayLike<number>, vals = joined.array('value') as ArrayLike<number | undefined>;
  const out = new Float64Array(n);
  for (let i = 0; i < rows.length; ++i) out[rows[i]] = vals[i] ?? NaN;
  return out;
});
time('Arquero lookup', () => {
  const joined = table({ id: ds.ids }).lookup(table({ id: ids, value: values }), 'id', 'value');
  return Float64Array.from(joined.array('value') as ArrayLike<number | undefined>, (v) => v ?? NaN);
});
