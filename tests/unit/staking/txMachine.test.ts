import { describe, expect, it } from 'vitest';
import type { ExplainedError } from '../../../src/lib/staking/explainError';
import { idleTx, isBusy, stepText, txReducer, type TxEvent, type TxState } from '../../../src/lib/staking/txMachine';

const HASH = `0x${'ab'.repeat(32)}` as const;
const HASH2 = `0x${'cd'.repeat(32)}` as const;
const failure: ExplainedError = { kind: 'reverted', sentence: 'The faucet is cooling down until 14:02.', hints: [], errorName: 'TestNMRFaucetCooldown', args: [1n] };
const cancel: ExplainedError = { kind: 'cancelled', sentence: 'You cancelled.', hints: [] };

const run = (events: TxEvent[], from: TxState = idleTx) => events.reduce(txReducer, from);

describe('txReducer', () => {
  it('txReducer walks checking → signing → pending → confirmed', () => {
    const states = [idleTx];
    for (const e of [
      { type: 'start', label: 'Faucet' },
      { type: 'sign' },
      { type: 'sent', hash: HASH, chainId: 31337 },
      { type: 'mined', blockNumber: 7n }
    ] as TxEvent[]) states.push(txReducer(states.at(-1)!, e));
    expect(states.map((s) => s.status)).toEqual(['idle', 'checking', 'signing', 'pending', 'confirmed']);
    expect(states[4]).toEqual({ status: 'confirmed', label: 'Faucet', hash: HASH, chainId: 31337, blockNumber: 7n });
  });

  it('txReducer ignores a second start while busy (no double submit)', () => {
    const busy = run([{ type: 'start', label: 'Stake' }, { type: 'sign' }]);
    expect(txReducer(busy, { type: 'start', label: 'Stake again' })).toBe(busy);
    expect(txReducer(busy, { type: 'reset' })).toBe(busy);
    expect(isBusy(busy)).toBe(true);
  });

  it('txReducer moves approve → stake through `next` with step names', () => {
    const steps = ['Approve 10 tNMR', 'Stake 10 tNMR on model_a'];
    let s = run([{ type: 'start', label: 'Stake', steps }, { type: 'sign' }, { type: 'sent', hash: HASH, chainId: 1 }]);
    expect(isBusy(s) && stepText(s)).toBe('Step 1 of 2: Approve 10 tNMR');
    s = txReducer(s, { type: 'next' });
    expect(s.status).toBe('checking');
    expect(isBusy(s) && stepText(s)).toBe('Step 2 of 2: Stake 10 tNMR on model_a');
    s = run([{ type: 'sign' }, { type: 'sent', hash: HASH2, chainId: 1 }, { type: 'mined', blockNumber: 9n }], s);
    expect(s).toMatchObject({ status: 'confirmed', hash: HASH2 });
  });

  it('txReducer treats a signed permit as a finished step', () => {
    const s = run([{ type: 'start', label: 'Stake', steps: ['Sign permit', 'Stake'] }, { type: 'sign', what: 'signature' }, { type: 'next' }]);
    expect(s).toMatchObject({ status: 'checking', index: 1 });
    // `next` on the last step does nothing
    const last = run([{ type: 'sign' }, { type: 'sent', hash: HASH, chainId: 1 }], s);
    expect(txReducer(last, { type: 'next' })).toBe(last);
  });

  it('txReducer turns a refusal before sending into cancelled, and errors into failed with the sentence', () => {
    expect(run([{ type: 'start', label: 'Stake' }, { type: 'sign' }, { type: 'error', error: cancel }])).toEqual({ status: 'cancelled', label: 'Stake' });
    expect(run([{ type: 'start', label: 'Faucet' }, { type: 'error', error: failure }])).toEqual({ status: 'failed', label: 'Faucet', error: failure });
    expect(run([{ type: 'start', label: 'Faucet' }, { type: 'sign' }, { type: 'sent', hash: HASH, chainId: 5 }, { type: 'error', error: failure }]))
      .toEqual({ status: 'failed', label: 'Faucet', error: failure, hash: HASH, chainId: 5 });
  });

  it('txReducer records a replaced transaction', () => {
    const s = run([{ type: 'start', label: 'Stake' }, { type: 'sign' }, { type: 'sent', hash: HASH, chainId: 1 }, { type: 'replaced', replacement: HASH2, reason: 'repriced' }]);
    expect(s).toEqual({ status: 'replaced', label: 'Stake', hash: HASH, chainId: 1, replacement: HASH2, reason: 'repriced' });
  });

  it('txReducer resumes a pending hash after a reload, and ignores events out of order', () => {
    const s = txReducer(idleTx, { type: 'resume', label: 'Stake', hash: HASH, chainId: 31337 });
    expect(s).toMatchObject({ status: 'pending', hash: HASH });
    expect(txReducer(s, { type: 'mined', blockNumber: 3n })).toMatchObject({ status: 'confirmed', blockNumber: 3n });
    expect(txReducer(idleTx, { type: 'mined', blockNumber: 1n })).toBe(idleTx);
    expect(txReducer(idleTx, { type: 'sent', hash: HASH, chainId: 1 })).toBe(idleTx);
    expect(txReducer(idleTx, { type: 'error', error: failure })).toBe(idleTx);
    const done = run([{ type: 'start', label: 'x' }, { type: 'error', error: failure }]);
    expect(txReducer(done, { type: 'reset' })).toBe(idleTx);
  });
});
