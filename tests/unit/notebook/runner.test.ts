// The page side of the code runner (Runner) against a host whose "worker" is this test, over a real MessageChannel:
// what the page sends, what it accepts back, restarts and start failures. The sandbox itself is tested in the
// browser (tests/e2e/sandbox.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { Runner, type RunnerHost } from '../../../src/lib/notebook/runner';
import type { RunRequest, ToRunner } from '../../../src/lib/notebook/runner.protocol';
import type { DisplayItem } from '../../../src/lib/notebook/types';

/** A host whose worker end is driven by the test: `received` collects what the page sent, `send` answers. */
class TestHost implements RunnerHost {
  onfail: ((message: string) => void) | null = null;
  port: MessagePort | null = null;
  received: ToRunner[] = [];
  terminated = false;
  connect(port: MessagePort): void {
    this.port = port;
    port.onmessage = (e: MessageEvent<ToRunner>) => this.received.push(e.data);
  }
  terminate(): void {
    this.terminated = true;
    this.port?.close();
  }
  send(msg: unknown): void {
    this.port!.postMessage(msg);
  }
  /** The run messages received so far. */
  runs() {
    return this.received.filter((m): m is Extract<ToRunner, { type: 'run' }> => m.type === 'run');
  }
}

const request = (js = 'const a = 1;', defines = ['a']): RunRequest => ({ cellId: 'c1', js, defines, inputs: {} });
const tick = () => new Promise((r) => setTimeout(r, 20));
/** Waits (up to 2 s) for a condition; hosts start asynchronously, so it may throw before they exist. */
const until = async (f: () => boolean) => {
  const ok = () => {
    try {
      return f();
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 100 && !ok(); i++) await tick();
  expect(ok()).toBe(true);
};
/** A run whose end the test does not wait for. */
const quiet = (p: Promise<unknown>) => void p.catch(() => undefined);

let runners: Runner[] = [];
afterEach(() => {
  for (const r of runners) r.dispose();
  runners = [];
});

function setup(options: { timeoutMs?: number } = {}) {
  const hosts: TestHost[] = [];
  const arquero: string[] = [];
  const runner = new Runner(() => (hosts.push(new TestHost()), hosts.at(-1)!), {
    timeoutMs: options.timeoutMs ?? 0,
    arquero: async () => (arquero.push('loaded'), 'export const table = 1;')
  });
  runners.push(runner);
  return { runner, hosts, arquero, host: () => hosts.at(-1)! };
}

describe('Runner (page side of the code runner)', () => {
  it('runs a cell: the display and progress of that run reach its handlers, done resolves with the values', async () => {
    const { runner, host } = setup();
    const displays: DisplayItem[] = [];
    const progress: number[] = [];
    const result = runner.run(request(), { onDisplay: (d) => displays.push(d), onProgress: (f) => progress.push(f) });
    await until(() => host().runs().length === 1);
    const { runId } = host().runs()[0];
    host().send({ type: 'ready' });
    host().send({ type: 'display', runId, item: { kind: 'text', text: 'hello' } });
    host().send({ type: 'progress', runId, fraction: 0.5 });
    host().send({ type: 'done', runId, values: { a: 1 } });
    expect(await result).toEqual({ a: 1 });
    expect(displays).toEqual([{ kind: 'text', text: 'hello' }]);
    expect(progress).toEqual([0.5]);
    expect(runner.dropped).toBe(0);
  });

  it('ignores a forged done or display for a run id it did not issue, or one already finished', async () => {
    const { runner, host } = setup();
    const displays: DisplayItem[] = [];
    const first = runner.run(request(), { onDisplay: (d) => displays.push(d) });
    await until(() => host().runs().length === 1);
    const old = host().runs()[0].runId;
    host().send({ type: 'done', runId: old, values: { a: 'real' } });
    await first;
    let settled = false;
    const second = runner.run(request('const b = 2;', ['b']), { onDisplay: (d) => displays.push(d) });
    void second.finally(() => (settled = true)).catch(() => undefined);
    await until(() => host().runs().length === 2);
    const current = host().runs()[1].runId;
    for (const runId of [old, current + 1, 12345]) {
      host().send({ type: 'done', runId, values: { b: 'forged' } });
      host().send({ type: 'display', runId, item: { kind: 'text', text: 'forged' } });
      host().send({ type: 'error', runId, message: 'forged' });
    }
    host().send({ type: 'html', runId: current, html: '<img src=x>' });
    host().send('done');
    await until(() => runner.dropped === 11);
    expect(settled).toBe(false);
    expect(displays).toEqual([]);
    host().send({ type: 'done', runId: current, values: { b: 'real' } });
    expect(await second).toEqual({ b: 'real' });
  });

  it('a malformed message for the running cell is shown in that cell and changes nothing else', async () => {
    const { runner, host } = setup();
    const displays: DisplayItem[] = [];
    const result = runner.run(request(), { onDisplay: (d) => displays.push(d) });
    await until(() => host().runs().length === 1);
    const { runId } = host().runs()[0];
    host().send({ type: 'display', runId, item: { kind: 'table', columns: 'x', rows: [], total: 0 } });
    host().send({ type: 'done', runId, values: { a: 1, notDefined: 2 } });
    await until(() => displays.length === 2);
    expect(displays.map((d) => d.kind === 'log' && d.level)).toEqual(['error', 'error']);
    expect(displays[1].kind === 'log' && displays[1].text).toContain('notDefined');
    host().send({ type: 'done', runId, values: { a: 1 } });
    expect(await result).toEqual({ a: 1 });
  });

  it('the watchdog terminates the host, rejects the run, and a new host gets the dataset again', async () => {
    const { runner, hosts, host } = setup({ timeoutMs: 100 });
    let respawned = 0;
    runner.onRespawn = () => respawned++;
    runner.setData('v1', { n: 0 } as never);
    await until(() => host().received.length === 1);
    await expect(runner.run(request())).rejects.toThrow(/Stopped by the watchdog after 0.1 s/);
    expect(hosts[0].terminated).toBe(true);
    expect(respawned).toBe(1);
    await until(() => hosts.length === 2 && hosts[1].received.length === 1);
    expect(hosts[1].received[0]).toMatchObject({ type: 'data', version: 'v1' });
    // a late answer from the old worker's run id reaches nobody
    expect(runner.generation).toBe(2);
  });

  it('a host that fails before the worker is ready fails the run; the next run starts a new host', async () => {
    const { runner, hosts, host } = setup();
    const first = runner.run(request());
    await until(() => host().runs().length === 1);
    host().onfail!('the sandbox page did not start it');
    await expect(first).rejects.toThrow('The code runner could not start: the sandbox page did not start it.');
    expect(hosts).toHaveLength(1);
    const second = runner.run(request());
    await until(() => hosts.length === 2 && hosts[1].runs().length === 1);
    hosts[1].send({ type: 'ready' });
    hosts[1].send({ type: 'done', runId: hosts[1].runs()[0].runId, values: { a: 2 } });
    expect(await second).toEqual({ a: 2 });
    // once ready, a failure (cell code broke the worker) restarts it at once
    const third = runner.run(request());
    await until(() => hosts[1].runs().length === 2);
    hosts[1].onfail!('Uncaught RangeError');
    await expect(third).rejects.toThrow('The code runner failed: Uncaught RangeError. It was restarted.');
    expect(hosts).toHaveLength(3);
    expect(hosts[1].terminated).toBe(true);
  });

  it('sends Arquero once per worker, before the first run that uses aq, keeping the order of runs', async () => {
    const { runner, host, arquero } = setup();
    quiet(runner.run(request('const a = aq.table({});')));
    quiet(runner.run(request('const a = 1;')));
    quiet(runner.run(request('const a = aq.from([]);')));
    await until(() => host().runs().length === 3);
    expect(host().received.map((m) => m.type)).toEqual(['arquero', 'run', 'run', 'run']);
    expect(host().received[0]).toEqual({ type: 'arquero', source: 'export const table = 1;' });
    expect(host().runs().map((r) => r.js)).toEqual(['const a = aq.table({});', 'const a = 1;', 'const a = aq.from([]);']);
    runner.restart();
    quiet(runner.run(request('const a = aq.table({});')));
    await until(() => host().runs().length === 1);
    expect(host().received.map((m) => m.type)).toEqual(['arquero', 'run']);
    expect(arquero).toHaveLength(2);
  });
});
