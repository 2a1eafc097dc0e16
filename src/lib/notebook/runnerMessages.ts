// What the page accepts from the code runner. Cell code shares the runner's worker, so anything the runner can send
// cell code might send too: every message is checked here before the page uses it — a known type, a run id the page
// issued and is still waiting on, and a payload of the right shape (display items the page's views can draw, the
// names the cell defines). Anything else is dropped.
import * as v from 'valibot';
import { metricNames } from '../scoring/metrics';
import { MAX_TABLE_ROWS } from './displayValue';
import type { FromFrame, FromRunner } from './runner.protocol';
import { eraChartTypes, type DisplayItem } from './types';

const text = v.string();
/** Any number, NaN and ±Infinity included (scores have NaN where an era cannot be scored). */
const num = v.custom<number>((x) => typeof x === 'number', 'Invalid type: Expected a number');
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const floats = v.union([v.instance(Float64Array), v.pipe(v.array(num), v.transform((a) => Float64Array.from(a)))]);
const summary = v.object({ mean: num, std: num, sharpe: num, max_drawdown: num, consistency: num, n_eras: num, delta: v.optional(num) });
const tableValue = v.nullable(v.union([text, num, v.boolean()]));
const title = v.optional(text);

const chartSpec = v.variant('type', [
  v.object({
    type: v.picklist(eraChartTypes),
    title,
    yLabel: v.optional(text),
    x: v.array(text),
    series: v.array(v.object({ label: text, values: floats, metric: v.optional(text) })),
    threshold: v.optional(v.object({ value: num, label: text }))
  }),
  v.object({ type: v.literal('exposure'), title, features: v.array(text), exposures: floats, subject: v.optional(text), limit: v.optional(num) }),
  v.object({ type: v.literal('tradeoff'), title, points: v.array(v.object({ proportion: num, summary: v.record(text, summary) })), metrics: v.array(text), current: v.optional(v.nullable(num)) }),
  v.object({
    type: v.literal('payout'),
    title,
    rounds: v.array(v.object({ stake: num, score: num, rate: num, clipped: v.boolean(), payout: num, cumulative: num })),
    labels: v.optional(v.array(text)),
    clip: v.optional(num)
  })
]);

const modelScores = v.object({
  n: v.optional(v.instance(Int32Array)),
  perEra: v.record(v.picklist(metricNames), floats),
  summary: v.record(v.picklist(metricNames), summary),
  exposures: v.optional(floats)
});

/** A display item a code cell may send: everything the runner's `toDisplayItem` makes, nothing else. */
export const displayItemSchema = v.variant('kind', [
  v.object({ kind: v.literal('text'), text }),
  v.object({ kind: v.literal('value'), text }),
  v.object({ kind: v.literal('markdown'), text }),
  v.object({ kind: v.literal('log'), level: v.picklist(['log', 'info', 'warn', 'error']), text }),
  v.object({
    kind: v.literal('table'),
    columns: v.array(text),
    rows: v.pipe(v.array(v.array(tableValue)), v.maxLength(MAX_TABLE_ROWS)),
    total: count,
    caption: v.optional(text)
  }),
  v.object({ kind: v.literal('chart'), spec: chartSpec }),
  v.object({
    kind: v.literal('scores'),
    scores: v.object({ eras: v.array(text), metrics: v.array(v.picklist(metricNames)), models: v.record(text, modelScores), featureNames: v.optional(v.array(text)) })
  })
]);

const runId = v.pipe(v.number(), v.integer(), v.minValue(1));
const payloads = {
  display: v.object({ type: v.literal('display'), runId, item: displayItemSchema }),
  progress: v.object({ type: v.literal('progress'), runId, fraction: v.pipe(num, v.transform((f) => (f >= 0 ? Math.min(f, 1) : 0))), label: v.optional(text) }),
  done: v.object({ type: v.literal('done'), runId, values: v.record(text, v.unknown()) }),
  error: v.object({ type: v.literal('error'), runId, message: text, line: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))) })
};
const envelope = v.object({ type: v.picklist(['ready', ...(Object.keys(payloads) as (keyof typeof payloads)[])]), runId: v.optional(runId) });

/** What the page knows about a run it issued and still waits on. */
export interface PendingRun {
  /** The names the cell defines: a `done` may carry only these. */
  defines: readonly string[];
}

export type Checked =
  | { ok: true; msg: FromRunner }
  /** Dropped. `runId` is set when the message named a pending run but was malformed (the page tells that cell). */
  | { ok: false; reason: string; runId?: number };

const issues = (r: { issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]] }) =>
  r.issues.slice(0, 3).map((i) => `${v.getDotPath(i) ?? 'message'}: ${i.message}`).join('; ');

/** Checks one message from the runner against the runs the page is waiting on (`pending`). */
export function checkRunnerMessage(data: unknown, pending: (runId: number) => PendingRun | undefined): Checked {
  const head = v.safeParse(envelope, data);
  if (!head.success) return { ok: false, reason: `not a runner message (${issues(head)})` };
  const { type, runId: id } = head.output;
  if (type === 'ready') return { ok: true, msg: { type: 'ready' } };
  const run = id === undefined ? undefined : pending(id);
  if (id === undefined || !run) return { ok: false, reason: `run ${id ?? '(none)'} is not one the page is waiting on` };
  const body = v.safeParse(payloads[type], data);
  if (!body.success) return { ok: false, reason: `a malformed "${type}" (${issues(body)})`, runId: id };
  const msg = body.output as FromRunner;
  if (msg.type === 'done') {
    const extra = Object.keys(msg.values).filter((name) => !run.defines.includes(name));
    if (extra.length) return { ok: false, reason: `a "done" with names the cell does not define: ${extra.join(', ')}`, runId: id };
  }
  if (msg.type === 'display') return { ok: true, msg: { ...msg, item: msg.item as DisplayItem } };
  return { ok: true, msg };
}

const fromFrame = v.variant('type', [v.object({ type: v.literal('started') }), v.object({ type: v.literal('failed'), message: v.pipe(text, v.transform((m) => m.slice(0, 300))) })]);

/** Checks a message from the sandbox frame's control port; null when it is not one. */
export function checkFrameMessage(data: unknown): FromFrame | null {
  const r = v.safeParse(fromFrame, data);
  return r.success ? r.output : null;
}
