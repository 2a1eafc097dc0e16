import type { Summary } from '../scoring/summarize';
import { isEraScores } from './scoreDisplays';
import { eraChartTypes, type ChartSeries, type ChartSpec, type DisplayItem, type EraChartType, type TableValue } from './types';

/** Rows a displayed table keeps (the rest is counted in `total`). */
export const MAX_TABLE_ROWS = 200;
const chartTypes = new Set<string>([...eraChartTypes, 'exposure', 'tradeoff', 'payout']);

/** Markdown from a cell: md`# Hello ${name}` (shown sanitized). */
export interface Markdown {
  $md: string;
}

/** The `md` tagged template code cells get. */
export function md(strings: TemplateStringsArray | string, ...values: unknown[]): Markdown {
  if (typeof strings === 'string') return { $md: strings };
  let s = strings[0];
  for (let i = 0; i < values.length; ++i) s += String(values[i]) + strings[i + 1];
  return { $md: s };
}

const isTyped = (v: unknown): v is ArrayLike<number> & { constructor: { name: string } } => ArrayBuffer.isView(v) && !(v instanceof DataView);
const isArrayLike = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || isTyped(v);
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
};

/** True for values the structured clone keeps as they are: primitives, typed arrays, dates, and arrays/plain objects/maps/sets of them. */
export function isPlainData(v: unknown, depth = 0, budget = { n: 100_000 }): boolean {
  if (--budget.n < 0 || depth > 20) return false;
  if (v === null || v === undefined) return true;
  const t = typeof v;
  if (t === 'number' || t === 'string' || t === 'boolean' || t === 'bigint') return true;
  if (t !== 'object') return false;
  if (isTyped(v) || v instanceof ArrayBuffer || v instanceof Date || v instanceof RegExp) return true;
  if (Array.isArray(v)) {
    // long arrays of numbers are common; check a sample rather than every element
    const step = v.length > 1000 ? Math.ceil(v.length / 1000) : 1;
    for (let i = 0; i < v.length; i += step) if (!isPlainData(v[i], depth + 1, budget)) return false;
    return true;
  }
  if (v instanceof Map) return [...v].every(([k, x]) => isPlainData(k, depth + 1, budget) && isPlainData(x, depth + 1, budget));
  if (v instanceof Set) return [...v].every((x) => isPlainData(x, depth + 1, budget));
  if (!isPlainObject(v)) return false;
  return Object.values(v).every((x) => isPlainData(x, depth + 1, budget));
}

const fmtNumber = (n: number) => (Number.isInteger(n) ? String(n) : Math.abs(n) >= 1e-4 && Math.abs(n) < 1e6 ? String(+n.toPrecision(6)) : n.toExponential(4));

/** A short, readable preview of any value (an inspector in one string), at most `max` characters. */
export function inspect(v: unknown, max = 2000): string {
  const out = preview(v, 0, new Set());
  return out.length > max ? out.slice(0, max - 1) + '…' : out;
}

function preview(v: unknown, depth: number, seen: Set<unknown>): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return depth ? JSON.stringify(v) : v;
  if (typeof v === 'number') return fmtNumber(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'boolean' || typeof v === 'symbol') return String(v);
  if (typeof v === 'function') return `ƒ ${v.name || 'anonymous'}()`;
  if (seen.has(v)) return '[circular]';
  seen.add(v);
  const items = (xs: unknown[], total: number) =>
    xs.map((x) => (depth > 2 ? '…' : preview(x, depth + 1, seen))).join(', ') + (total > xs.length ? `, … ${total - xs.length} more` : '');
  if (isTyped(v)) return `${v.constructor.name}(${v.length}) [${items(Array.from({ length: Math.min(v.length, 10) }, (_, i) => v[i]), v.length)}]`;
  if (Array.isArray(v)) return `Array(${v.length}) [${items(v.slice(0, 20), v.length)}]`;
  if (v instanceof Map) return `Map(${v.size}) {${[...v].slice(0, 20).map(([k, x]) => `${preview(k, depth + 1, seen)} => ${preview(x, depth + 1, seen)}`).join(', ')}}`;
  if (v instanceof Set) return `Set(${v.size}) {${items([...v].slice(0, 20), v.size)}}`;
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  const keys = Object.keys(v as object);
  const name = isPlainObject(v) ? '' : `${(v as object).constructor?.name ?? 'Object'} `;
  if (depth > 2) return `${name}{…}`;
  const body = keys.slice(0, 20).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${preview((v as Record<string, unknown>)[k], depth + 1, seen)}`);
  return `${name}{${body.join(', ')}${keys.length > 20 ? `, … ${keys.length - 20} more` : ''}}`;
}

const cellValue = (x: unknown): TableValue => {
  if (x === null || x === undefined) return null;
  if (typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') return x;
  return inspect(x, 200);
};

function tableFromRows(rows: Record<string, unknown>[], total: number): DisplayItem {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows.slice(0, MAX_TABLE_ROWS)) for (const k of Object.keys(r)) if (!seen.has(k)) seen.add(k), columns.push(k);
  return { kind: 'table', columns, rows: rows.slice(0, MAX_TABLE_ROWS).map((r) => columns.map((c) => cellValue(r[c]))), total };
}

function columnTable(v: Record<string, unknown>): DisplayItem | null {
  const cols = Object.entries(v);
  if (!cols.length || !cols.every(([, c]) => isArrayLike(c))) return null;
  const n = (cols[0][1] as ArrayLike<unknown>).length;
  if (n === 0 || !cols.every(([, c]) => (c as ArrayLike<unknown>).length === n)) return null;
  const k = Math.min(n, MAX_TABLE_ROWS);
  const rows: TableValue[][] = [];
  for (let i = 0; i < k; ++i) rows.push(cols.map(([, c]) => cellValue((c as ArrayLike<unknown>)[i])));
  return { kind: 'table', columns: cols.map(([name]) => name), rows, total: n };
}

const toValues = (v: unknown): Float64Array => Float64Array.from(isArrayLike(v) ? (v as ArrayLike<number>) : [], (x) => (typeof x === 'number' ? x : Number(x)));

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
const text = (v: unknown) => (typeof v === 'string' ? { title: v } : {});
const summaryOf = (v: unknown): Summary => {
  const o = (isPlainObject(v) ? v : {}) as Record<string, unknown>;
  const f = (k: string) => (o[k] === undefined ? NaN : num(o[k]));
  return { mean: f('mean'), std: f('std'), sharpe: f('sharpe'), max_drawdown: f('max_drawdown'), consistency: f('consistency'), n_eras: f('n_eras') } as Summary;
};

/**
 * A chart spec from what a cell passed (`data` may be nested or flat):
 * - `{ type: 'eraBars' | 'cumulative' | 'drawdown' | 'histogram', data: { eras | x, series: [{ label, values }] | values }, title?, yLabel? }`
 *   (eraBars also `threshold: { value, label }`: a dashed rule)
 * - `{ type: 'exposure', data: { features, exposures }, title? }`
 * - `{ type: 'tradeoff', data: { points: [{ proportion, summary: { corr: { mean, sharpe, max_drawdown }, … } }], metrics? }, current? }`
 * - `{ type: 'payout', data: { rounds: simulatePayouts(…), labels? }, clip? }`
 */
export function chartSpec(v: Record<string, unknown>): ChartSpec | null {
  const type = v.type as string;
  if (!chartTypes.has(type)) return null;
  const data = (isPlainObject(v.data) ? v.data : v) as Record<string, unknown>;
  if (type === 'exposure') {
    const features = data.features ?? data.featureNames;
    const exposures = data.exposures ?? data.values;
    if (!isArrayLike(features) || !isArrayLike(exposures)) return null;
    return { type, features: Array.from(features, String), exposures: toValues(exposures), ...text(v.title), ...(typeof data.subject === 'string' ? { subject: data.subject } : {}), ...(typeof v.limit === 'number' ? { limit: v.limit } : {}) };
  }
  if (type === 'tradeoff') {
    if (!Array.isArray(data.points)) return null;
    const points = data.points.filter(isPlainObject).map((p) => ({
      proportion: num(p.proportion),
      summary: Object.fromEntries(Object.entries(isPlainObject(p.summary) ? p.summary : {}).map(([k, s]) => [k, summaryOf(s)]))
    }));
    const metrics = Array.isArray(data.metrics) ? data.metrics.map(String) : [...new Set(points.flatMap((p) => Object.keys(p.summary)))];
    const current = v.current ?? data.current;
    return { type, points, metrics, ...text(v.title), ...(typeof current === 'number' ? { current } : {}) };
  }
  if (type === 'payout') {
    if (!Array.isArray(data.rounds)) return null;
    const rounds = data.rounds.filter(isPlainObject).map((r) => ({
      stake: num(r.stake),
      score: num(r.score),
      rate: num(r.rate),
      clipped: !!r.clipped,
      payout: num(r.payout),
      cumulative: num(r.cumulative)
    }));
    const labels = data.labels ?? data.eras;
    const clip = v.clip ?? data.clip;
    return { type, rounds, ...text(v.title), ...(isArrayLike(labels) ? { labels: Array.from(labels, String) } : {}), ...(typeof clip === 'number' ? { clip } : {}) };
  }
  const x = (data.eras ?? data.x ?? data.labels) as unknown;
  let series: ChartSeries[];
  if (Array.isArray(data.series)) series = data.series.map((s: unknown, i: number) => ({ label: String((s as { label?: unknown }).label ?? `series ${i + 1}`), values: toValues((s as { values?: unknown }).values) }));
  else if (isArrayLike(data.values)) series = [{ label: String(data.label ?? v.title ?? 'value'), values: toValues(data.values) }];
  else return null;
  const n = Math.max(0, ...series.map((s) => s.values.length));
  const labels = isArrayLike(x) ? Array.from(x as ArrayLike<unknown>, String) : Array.from({ length: n }, (_, i) => String(i + 1));
  const rule = isPlainObject(v.threshold) && Number.isFinite(num(v.threshold.value)) ? { threshold: { value: num(v.threshold.value), label: String(v.threshold.label ?? 'threshold') } } : {};
  return { type: type as EraChartType, x: labels, series, ...text(v.title), ...(typeof v.yLabel === 'string' ? { yLabel: v.yLabel } : {}), ...(type === 'eraBars' ? rule : {}) };
}

/**
 * What `display(value)` shows: text for strings and numbers, markdown for md`…`, a table for an array of
 * objects, a column object or an Arquero table, a chart for a chart spec, the score charts for a score cell's value
 * (`display(scores)`), and an inspector preview otherwise.
 */
export function toDisplayItem(v: unknown): DisplayItem {
  if (typeof v === 'string') return { kind: 'text', text: v };
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === null || v === undefined) return { kind: 'value', text: inspect(v) };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$md === 'string') return { kind: 'markdown', text: o.$md };
    if (typeof o.objects === 'function' && typeof o.numRows === 'function') {
      const total = (o.numRows as () => number).call(o);
      return tableFromRows((o.objects as (opt: object) => Record<string, unknown>[]).call(o, { limit: MAX_TABLE_ROWS }), total);
    }
    if (Array.isArray(v) && v.length && v.every((r) => isPlainObject(r))) return tableFromRows(v as Record<string, unknown>[], v.length);
    if (isEraScores(v) && Object.values(v.models).every((m) => isPlainObject(m) && isPlainObject(m.perEra))) return { kind: 'scores', scores: v };
    if (isPlainObject(v)) {
      const spec = chartSpec(o);
      if (spec) return { kind: 'chart', spec };
      const t = columnTable(o);
      if (t) return t;
    }
  }
  return { kind: 'value', text: inspect(v) };
}
