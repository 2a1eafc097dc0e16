import { describe, expect, it } from 'vitest';
import { PROPOSAL_KEY, ProposalError, clearProposal, readProposal, writeProposal } from '../../../src/lib/staking/proposal';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

describe('writeProposal / readProposal', () => {
  it('writeProposal(p) stores it and returns /stake?proposal=1; readProposal() gives it back', () => {
    const storage = memoryStorage();
    const url = writeProposal({ model: 'model_a', amount: '10', scores: [{ round: 3, corr: 0.02, mmc: -0.005 }] }, { storage, now: 1000 });
    expect(url).toBe('/stake?proposal=1');
    expect(readProposal({ storage, now: 2000 })).toEqual({ model: 'model_a', amount: '10', scores: [{ round: 3, corr: 0.02, mmc: -0.005 }], createdAt: 1000 });
    clearProposal({ storage });
    expect(readProposal({ storage })).toBeNull();
  });

  it('readProposal() ignores proposals older than a day or from the future', () => {
    const storage = memoryStorage();
    writeProposal({ model: 'm', amount: '1' }, { storage, now: 0 });
    expect(readProposal({ storage, now: 24 * 3600e3 + 1 })).toBeNull();
    expect(readProposal({ storage, now: -120_000 })).toBeNull();
  });

  it.each([
    [{ model: 'bad name', amount: '1' }, 'The proposal\'s model "bad name" is not a model name.'],
    [{ model: 'm', amount: 10 }, 'The proposal amount must be a decimal string such as "10", never a number.'],
    [{ model: 'm', amount: '-5' }, 'The proposal amount is invalid: The amount must be positive, got "-5".'],
    [{ model: 'm', amount: '1.1234567890123456789' }, 'The proposal amount is invalid: tNMR has 18 decimals; "1.1234567890123456789" has 19.'],
    [{ model: 'm', amount: 'ten' }, 'The proposal amount is invalid: "ten" is not a number of tNMR.'],
    [{ model: 'm', amount: '1', scores: [{ round: 1.5, corr: 0, mmc: 0 }] }, 'Score 0: round must be a whole number ≥ 0, got 1.5.'],
    [{ model: 'm', amount: '1', scores: [{ round: 1, corr: NaN, mmc: 0 }] }, 'Score 0 (round 1): CORR and MMC must be finite numbers.'],
    [{ model: 'm', amount: '1', scores: 'nope' }, 'The proposal scores must be an array of at most 1000 { round, corr, mmc }.']
  ])('writeProposal(%j) refuses with a clear message', (proposal, message) => {
    const storage = memoryStorage();
    expect(() => writeProposal(proposal as never, { storage })).toThrowError(ProposalError);
    try {
      writeProposal(proposal as never, { storage });
    } catch (e) {
      expect((e as ProposalError).shortMessage).toBe(message);
    }
    expect(storage.map.size).toBe(0);
  });

  it('readProposal() validates what user code put in storage', () => {
    const storage = memoryStorage();
    storage.setItem(PROPOSAL_KEY, '{not json');
    expect(() => readProposal({ storage })).toThrow('The stored proposal is not valid JSON.');
    storage.setItem(PROPOSAL_KEY, JSON.stringify({ model: '<script>', amount: '1', createdAt: Date.now() }));
    expect(() => readProposal({ storage })).toThrowError(ProposalError);
  });

  it('writeProposal() reports a storage that refuses to write', () => {
    const storage = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => writeProposal({ model: 'm', amount: '1' }, { storage })).toThrow('The proposal could not be stored.');
  });
});
