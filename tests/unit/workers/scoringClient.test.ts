// ScoringClient's cancel: terminate the worker, reject what was running, start a new worker and replay the
// state-building calls. The "worker" here is a Comlink endpoint on a MessageChannel running the real API.
import { describe, expect, it } from 'vitest';
import { inProcessWorker } from '../../helpers/inProcessWorker';
import { CancelledError, ScoringClient } from '../../../src/lib/workers/ScoringClient';

/** The real API plus a job that never finishes (what a runaway loop looks like from the page); logs spawns and ends. */
function fakeWorker(log: string[]): Worker {
  log.push('spawn');
  return inProcessWorker((api) => ({ ...api, hang: () => new Promise<never>(() => {}) }), () => log.push('terminate'));
}

describe('ScoringClient', () => {
  it('cancel() rejects the running call with CancelledError, replaces the worker and replays remembered state', async () => {
    const log: string[] = [];
    const client = new ScoringClient(() => fakeWorker(log));
    const first = await client.remember((w) => w.loadGenerated({ seed: 5, eras: 6, rowsPerEra: 100 }));
    await client.remember((w) => w.setColumn('mine', new Float64Array(first.n).fill(0.5)), 'mine');
    await client.remember((w) => w.setColumn('mine', Float64Array.from({ length: first.n }, (_, i) => (i % 10) / 10)), 'mine');

    const outcome = client.run((w) => (w as unknown as { hang(): Promise<never> }).hang()).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    await client.cancel();
    expect(await outcome).toBeInstanceOf(CancelledError);
    expect(log).toEqual(['spawn', 'terminate', 'spawn']);

    // the new worker has the same data and the latest version of the keyed column, replayed once
    const after = await client.run((w) => w.describe());
    expect(after.n).toBe(first.n);
    expect(after.columns).toContain('mine');
    const mine = await client.run((w) => w.getColumn('mine'));
    expect(mine[3]).toBe(0.3);
    client.dispose();
  });

  it('resetState() forgets what to replay', async () => {
    const log: string[] = [];
    const client = new ScoringClient(() => fakeWorker(log));
    await client.remember((w) => w.loadGenerated({ seed: 5, eras: 6, rowsPerEra: 100 }));
    client.resetState();
    await client.cancel();
    await expect(client.run((w) => w.describe())).rejects.toThrow(/No data is loaded/);
    client.dispose();
  });
});
