import { describe, expect, it } from 'vitest';
import { clearPendingTx, loadPendingTx, savePendingTx } from '../../../src/lib/staking/pendingTx';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}
const HASH = `0x${'ab'.repeat(32)}` as const;
const ACCOUNT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;

describe('pendingTx', () => {
  it('keeps where a transaction was started (place and row), so a reload shows it there again', () => {
    const storage = memoryStorage();
    savePendingTx({ hash: HASH, chainId: 31337, account: ACCOUNT, label: 'Withdraw', place: 'position', subject: 'numerai:0x01' }, storage);
    expect(loadPendingTx(storage)).toEqual({ hash: HASH, chainId: 31337, account: ACCOUNT, label: 'Withdraw', place: 'position', subject: 'numerai:0x01' });
    clearPendingTx(storage);
    expect(loadPendingTx(storage)).toBeUndefined();
  });

  it('drops an unknown place and reads an entry written before places existed', () => {
    const storage = memoryStorage();
    storage.setItem('numerai-playground:pending-tx', JSON.stringify({ hash: HASH, chainId: 1, account: ACCOUNT, label: 'Stake', place: 'nowhere' }));
    expect(loadPendingTx(storage)).toEqual({ hash: HASH, chainId: 1, account: ACCOUNT, label: 'Stake' });
    storage.setItem('numerai-playground:pending-tx', '{broken');
    expect(loadPendingTx(storage)).toBeUndefined();
  });
});
