// A Worker look-alike for Node tests: the real scoring API (optionally wrapped) exposed with Comlink on one end of a
// MessageChannel; terminate() closes it. What ScoringClient and the notebook talk to in unit tests.
import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { createScoringApi, type ScoringApi } from '../../src/lib/workers/scoring.api';

const open: { close(): void }[] = [];

/** Spawns an in-process scoring "worker"; `wrap` may replace or instrument methods of the API it serves. */
export function inProcessWorker(wrap: (api: ScoringApi) => object = (api) => api, onTerminate?: () => void): Worker {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(wrap(createScoringApi()), port1 as unknown as Comlink.Endpoint);
  open.push(port1, port2);
  return Object.assign(port2, {
    terminate: () => {
      onTerminate?.();
      port1.close();
      port2.close();
    }
  }) as unknown as Worker;
}

/** Closes every channel opened by inProcessWorker (call in afterAll). */
export function closeInProcessWorkers(): void {
  for (const p of open.splice(0)) p.close();
}
