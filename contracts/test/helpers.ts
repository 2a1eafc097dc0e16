/** Small helpers the NMRStaking test files share, bound to one file's {@link StakingChain}. */
import { expect } from 'vitest';
import type { Hex, LocalAccount } from 'viem';
import { accounts, NUMERAI, type StakingChain } from './fixture';

/** One `resolveRound` entry: staker, model, payout in basis points. */
export type Entry = readonly [LocalAccount, Hex, bigint];

export function stakingHelpers(chain: StakingChain) {
  return {
    /** approve + stake, asserting both succeed; `tournament` defaults to the Numerai Tournament. */
    async stake(account: LocalAccount, model: Hex, amount: bigint, tournament = NUMERAI) {
      await chain.mined(chain.token(account).write.approve([chain.deployment.contracts.nmrStaking, amount]));
      return chain.mined(chain.staking(account).write.stake([tournament, model, amount]));
    },

    /** requestRelease, asserting it succeeds. */
    release(account: LocalAccount, model: Hex, amount: bigint, tournament = NUMERAI) {
      return chain.mined(chain.staking(account).write.requestRelease([tournament, model, amount], { gas: 300_000n }));
    },

    /** A positionOf() read as a plain object. */
    position(model: Hex, account: LocalAccount, tournament = NUMERAI) {
      return chain.staking(account).read.positionOf([tournament, model, account.address]);
    },

    /** totalStaked(), checked against Σ of the given positions' active + pending and the contract's token balance. */
    async totals() {
      const [staked, balance] = await Promise.all([
        chain.staking(accounts.alice).read.totalStaked(),
        chain.token(accounts.alice).read.balanceOf([chain.deployment.contracts.nmrStaking])
      ]);
      expect(staked).toBe(balance);
      return staked;
    },

    /** `resolveRound(round, batch, entries)` by `as` (default the resolver), to write or to simulate. */
    resolve(round: bigint, batch: bigint, entries: readonly Entry[], as = accounts.resolver) {
      const args = [round, batch, entries.map((e) => e[0].address), entries.map((e) => e[1]), entries.map((e) => e[2])] as const;
      return {
        write: () => chain.staking(as).write.resolveRound(args, { gas: 5_000_000n }),
        simulate: () => chain.staking(as).simulate.resolveRound(args)
      };
    },

    /** The block time of a receipt's block. */
    async timeOf(receipt: { blockNumber: bigint }) {
      return (await chain.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp;
    }
  };
}
