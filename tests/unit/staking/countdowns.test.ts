import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/lib/staking/formatDuration';
import { chainNow } from '../../../src/lib/staking/readStakingState';

describe('formatDuration / chainNow', () => {
  it('formatDuration(s) reads as a countdown', () => {
    expect([0, -3, 0.2, 45, 60, 243, 3600, 7500, 86_400 * 3 + 4 * 3600].map(formatDuration)).toEqual([
      'now', 'now', '1 s', '45 s', '1 min 00 s', '4 min 03 s', '1 h 00 min', '2 h 05 min', '3 d 4 h'
    ]);
  });

  it('chainNow follows the wall clock, or the chain when it is ahead (anvil after evm_increaseTime)', () => {
    const readAt = 1_000_000_000;
    expect(chainNow(undefined, readAt)).toBe(1_000_000);
    // an old latest block (no activity): wall time
    expect(chainNow({ blockTime: 999_000n, readAt }, readAt + 5_000)).toBe(1_000_005);
    // the chain is 61 s ahead: keep the offset as the wall clock runs
    expect(chainNow({ blockTime: 1_000_061n, readAt }, readAt + 5_000)).toBe(1_000_066);
  });
});
