// A stand-in for the code-cell runner in Node tests: each cell's JavaScript runs as an async function of its inputs,
// as runner.worker.ts runs it (a dataset input becomes the table sent with setData, functions stay here by name),
// without the worker, its lockdown or its watchdog. Lets a whole notebook (a tutorial) run in Vitest.
import * as aq from 'arquero';
import { md, toDisplayItem } from '../../src/lib/notebook/displayValue';
import type { Runner } from '../../src/lib/notebook/runner';
import type { RunnerTable, RunRequest } from '../../src/lib/notebook/runner.protocol';
import * as numerai from '../../src/lib/scoring/index';

type AsyncFn = (...args: unknown[]) => Promise<[Record<string, unknown>, unknown]>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => AsyncFn;

/** A Runner look-alike (hasData, setData, run) for createExecutor. */
export function nodeRunner(): Runner {
  let table: { version: string; data: RunnerTable } | null = null;
  const kept = new Map<string, unknown>();
  const resolve = (v: unknown) => {
    const ref = v as { $dataset?: string; $signals?: string; $worker?: string } | null;
    const version = ref?.$dataset ?? ref?.$signals;
    if (version !== undefined) {
      if (table?.version !== version) throw new Error('The dataset has not reached the code runner; run the data cell again.');
      return table.data;
    }
    return ref?.$worker !== undefined ? kept.get(ref.$worker) : v;
  };
  const runner = {
    hasData: (version: string) => table?.version === version,
    setData: (version: string, data: RunnerTable) => void (table = { version, data }),
    async run(request: RunRequest, handlers: { onDisplay?: (item: ReturnType<typeof toDisplayItem>) => void } = {}) {
      const { js, defines, lastExpression, inputs } = request;
      const code = lastExpression ? `${js.slice(0, lastExpression[0])}__value = (${js.slice(lastExpression[0], lastExpression[1])})${js.slice(lastExpression[1])}` : js;
      const body = `"use strict";let __value;${code}\n;return [{${defines.map((n) => `${JSON.stringify(n)}: ${n}`).join(', ')}}, __value];`;
      const api = { display: (v: unknown) => handlers.onDisplay?.(toDisplayItem(v)), progress: () => {}, md, numerai, aq };
      const names = Object.keys(inputs);
      const fn = new AsyncFunction(...names, ...Object.keys(api), body);
      const [values, last] = await fn(...names.map((n) => resolve(inputs[n])), ...Object.values(api));
      if (last !== undefined) api.display(last);
      for (const [name, value] of Object.entries(values)) {
        if (typeof value !== 'function') continue;
        kept.set(name, value);
        values[name] = { $worker: name, cellId: request.cellId, type: 'function' };
      }
      return values;
    }
  };
  return runner as unknown as Runner;
}
