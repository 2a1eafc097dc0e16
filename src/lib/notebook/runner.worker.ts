/// <reference lib="webworker" />
// The code-cell runner: runs each cell's JavaScript as an async function of its inputs and returns what it defines.
// It runs inside the sandboxed runner page (static/notebook-runner.html: an opaque origin whose policy fetches
// nothing), started from a blob: URL, so it inherits that policy: every request cell code makes — fetch, WebSocket,
// import(), importScripts, fonts, nested workers — is refused by the browser, and there is no storage to read.
// It talks to the page only through a private MessagePort, bound (and its prototype frozen) before any cell runs,
// and the page checks every message it sends (runnerMessages.ts). The page bundles this file with what it imports
// into one classic script (scripts/notebookRunnerPlugin.js); Arquero comes from the page as source when a cell uses `aq`.
import * as numerai from '../scoring/index';
import { inspect, isPlainData, md, toDisplayItem } from './displayValue';
import { usesArquero, type FromRunner, type RunnerTable, type ToRunner } from './runner.protocol';
import type { DatasetRef, SignalsRef, WorkerRef } from './types';

declare const self: DedicatedWorkerGlobalScope;

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => AsyncFn;

let send: ((msg: FromRunner, transfer: Transferable[]) => void) | null = null;
let table: { version: string; data: RunnerTable } | null = null;
/** Values that cannot leave the worker (functions, class instances), by name. */
const kept = new Map<string, { cellId: string; value: unknown }>();
let currentRun = -1;
let aq: unknown = null;
/** Arquero's source, from the page (it reaches this worker only as text: the runner cannot fetch modules). */
let aqSource: string | null = null;

const post = (msg: FromRunner, transfer: Transferable[] = []) => send?.(msg, transfer);

// Lines that `new AsyncFunction(…)` puts before the body (measured, not assumed).
const lineOffset = (() => {
  try {
    new Function('"use strict";throw new Error("probe")\n//# sourceURL=probe.js')();
  } catch (e) {
    const m = /probe\.js:(\d+)/.exec((e as Error).stack ?? '');
    if (m) return +m[1] - 1;
  }
  return 2;
})();

function consoleTo(level: 'log' | 'info' | 'warn' | 'error') {
  return (...args: unknown[]) => {
    if (currentRun >= 0) post({ type: 'display', runId: currentRun, item: { kind: 'log', level, text: args.map((a) => inspect(a)).join(' ') } });
  };
}
const cellConsole = { log: consoleTo('log'), info: consoleTo('info'), warn: consoleTo('warn'), error: consoleTo('error'), debug: consoleTo('log') };
Object.assign(console, cellConsole);

// Errors thrown after a cell finished (in a timer, say) show in the cell that ran last, not in the page's console.
self.addEventListener('error', (e) => {
  e.preventDefault();
  cellConsole.error(e.message);
});
self.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  cellConsole.error(`Unhandled rejection: ${inspect(e.reason)}`);
});

function resolveInput(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const ref = v as Partial<DatasetRef & SignalsRef & WorkerRef>;
  const version = ref.$dataset ?? ref.$signals;
  if (typeof version === 'string') {
    if (table?.version !== version) throw new Error('The dataset has not reached the code runner; run the data cell again.');
    return table.data;
  }
  if (typeof ref.$worker === 'string') {
    const k = kept.get(ref.$worker);
    if (!k) throw new Error(`The value of "${ref.$worker}" was lost when the code runner restarted; run the cell that defines it again.`);
    return k.value;
  }
  return v;
}

function collectBuffers(v: unknown, out: Set<ArrayBuffer>, depth = 0): void {
  if (depth > 8 || typeof v !== 'object' || v === null) return;
  if (ArrayBuffer.isView(v)) {
    if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
    return;
  }
  if (v instanceof ArrayBuffer) return void out.add(v);
  for (const x of Array.isArray(v) ? v : v instanceof Map ? [...v.values()] : v instanceof Set ? [...v] : Object.values(v)) collectBuffers(x, out, depth + 1);
}

function errorLine(e: unknown, cellId: string): number | undefined {
  const stack = (e as Error)?.stack ?? '';
  const m = new RegExp(`cell-${cellId}\\.js:(\\d+)`).exec(stack);
  return m ? Math.max(1, +m[1] - lineOffset) : undefined;
}

async function run(msg: Extract<ToRunner, { type: 'run' }>): Promise<void> {
  const { runId, cellId, js, defines, lastExpression, inputs } = msg;
  currentRun = runId;
  for (const [name, k] of kept) if (k.cellId === cellId) kept.delete(name);
  try {
    const names = Object.keys(inputs);
    const args = names.map((n) => resolveInput(inputs[n]));
    const guarded = new Set<ArrayBuffer>();
    for (const a of args) collectBuffers(a, guarded);
    if (table) collectBuffers(table.data, guarded);
    if (!aq && usesArquero(js)) aq = await loadArquero();
    let code = js;
    if (lastExpression) code = `${js.slice(0, lastExpression[0])}__value = (${js.slice(lastExpression[0], lastExpression[1])})${js.slice(lastExpression[1])}`;
    const returned = `{${defines.map((n) => `${JSON.stringify(n)}: ${n}`).join(', ')}}`;
    const body = `"use strict";let __value;${code}\n;return [${returned}, __value];\n//# sourceURL=cell-${cellId}.js`;
    const api = {
      display: (v: unknown) => void post({ type: 'display', runId, item: toDisplayItem(v) }),
      progress: (fraction: number, label?: string) => void post({ type: 'progress', runId, fraction: +fraction, ...(label === undefined ? {} : { label: String(label) }) }),
      md,
      numerai,
      aq
    };
    const fn = new AsyncFunction(...names, ...Object.keys(api), body);
    const [values, last] = (await fn(...args, ...Object.values(api))) as [Record<string, unknown>, unknown];
    if (last !== undefined) api.display(last);
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values)) {
      if (isPlainData(value)) out[name] = value;
      else {
        kept.set(name, { cellId, value });
        out[name] = { $worker: name, cellId, type: typeof value === 'function' ? 'function' : ((value as object)?.constructor?.name ?? typeof value) } satisfies WorkerRef;
      }
    }
    const moving = new Set<ArrayBuffer>();
    collectBuffers(out, moving);
    const transfer = [...moving].filter((b) => !guarded.has(b) && b.byteLength > 0);
    post({ type: 'done', runId, values: out }, transfer);
  } catch (e) {
    const err = e as Error;
    const message = err instanceof Error ? (err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message) : `Uncaught ${inspect(e)}`;
    const line = errorLine(e, cellId);
    post({ type: 'error', runId, message, ...(line ? { line } : {}) });
  }
}

async function loadArquero(): Promise<unknown> {
  if (!aqSource) throw new Error('Arquero has not reached the code runner; run the cell again.');
  const url = URL.createObjectURL(new Blob([aqSource], { type: 'text/javascript' }));
  try {
    return await import(/* @vite-ignore */ url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

let queue = Promise.resolve();
function onMessage(e: MessageEvent<ToRunner>): void {
  const msg = e.data;
  if (msg.type === 'data') table = { version: msg.version, data: { ...msg.table } };
  else if (msg.type === 'arquero') aqSource ??= msg.source;
  else if (msg.type === 'run') queue = queue.then(() => run(msg));
}

// The page's port arrives once, before any cell runs. Its postMessage is bound now and the prototypes it goes
// through are frozen, so cell code cannot swap MessagePort.prototype.postMessage (or the MessageEvent getters)
// to capture the port and post as the runner.
self.addEventListener(
  'message',
  (e: MessageEvent) => {
    const port = e.ports[0];
    if (send || !port) return;
    send = MessagePort.prototype.postMessage.bind(port) as (msg: FromRunner, transfer: Transferable[]) => void;
    port.onmessage = onMessage;
    for (const proto of [MessagePort.prototype, MessageEvent.prototype, EventTarget.prototype, Event.prototype]) Object.freeze(proto);
    post({ type: 'ready' });
  },
  { once: true }
);
