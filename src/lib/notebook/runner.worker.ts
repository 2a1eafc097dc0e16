/// <reference lib="webworker" />
// The code-cell runner: runs each cell's JavaScript as an async function of its inputs and returns what it defines.
// The wallet lives only in the page (window.ethereum and the connector state); a worker has no window and can never
// reach it. As defence in depth, before any cell runs, this worker removes the globals that reach storage or the
// network (IndexedDB, Cache Storage, OPFS, fetch/XHR/WebSocket, BroadcastChannel, nested workers, importScripts)
// and talks to the page only through a private MessagePort that cell code has no reference to. Cells need no
// network: their data comes from the scoring worker through the page.
import * as numerai from '../scoring/index';
import { inspect, isPlainData, md, toDisplayItem } from './displayValue';
import type { FromRunner, RunnerTable, ToRunner } from './runner.protocol';
import type { DatasetRef, SignalsRef, WorkerRef } from './types';

declare const self: DedicatedWorkerGlobalScope;

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => AsyncFn;

let port: MessagePort | null = null;
let table: { version: string; data: RunnerTable } | null = null;
/** Values that cannot leave the worker (functions, class instances), by name. */
const kept = new Map<string, { cellId: string; value: unknown }>();
let currentRun = -1;
let aq: unknown = null;

const post = (msg: FromRunner, transfer: Transferable[] = []) => port?.postMessage(msg, transfer);

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

const blocked = [
  'indexedDB', 'caches', 'fetch', 'XMLHttpRequest', 'WebSocket', 'WebTransport', 'EventSource', 'BroadcastChannel', 'importScripts',
  'Worker', 'SharedWorker', 'postMessage', 'onmessage', 'onmessageerror', 'close', 'RTCPeerConnection', 'cookieStore', 'webkitRequestFileSystem',
  'webkitResolveLocalFileSystemURL'
];

function remove(target: object, name: string): void {
  for (let o: object | null = target; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d?.configurable) delete (o as Record<string, unknown>)[name];
  }
  try {
    Object.defineProperty(target, name, { value: undefined, writable: false, configurable: false });
  } catch {
    // not configurable: left as it is
  }
}

function lockdown(): void {
  for (const name of blocked) remove(self, name);
  remove(self.navigator, 'storage'); // navigator.storage.getDirectory() is the origin's private file system
}

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
    if (!aq && /\baq\b/.test(js)) aq = await import('arquero');
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

let queue = Promise.resolve();
function onMessage(e: MessageEvent<ToRunner>): void {
  const msg = e.data;
  if (msg.type === 'data') table = { version: msg.version, data: { ...msg.table } };
  else if (msg.type === 'run') queue = queue.then(() => run(msg));
}

self.addEventListener(
  'message',
  (e: MessageEvent) => {
    if (port || !e.ports[0]) return;
    port = e.ports[0];
    port.onmessage = onMessage;
    lockdown();
    post({ type: 'ready' });
  },
  { once: true }
);
