/**
 * NMRStaking rounds: openRound timing, when a round can be resolved, the stake as it was when the round opened
 * (checkpoints), each tournament's clip at its boundary, batches, order and finalization.
 */
import { describe, expect, it } from 'vitest';
import { maxInt256, minInt256, zeroAddress } from 'viem';
import { nmrStakingAbi, testNmrAbi } from '../../src/lib/staking/generated/contracts';
import { ROLES } from '../../src/lib/staking/roles';
import { accounts, eventsOf, expectRevert, modelId, NUMERAI, SIGNALS, TEST_TIMING, TNMR, useStakingChain } from './fixture';
import { stakingHelpers } from './helpers';

const chain = useStakingChain();
const { stake, release, position, totals, resolve, timeOf } = stakingHelpers(chain);
const { admin, resolver, pauser, alice, bob, carol, mallory } = accounts;
const { roundPeriod: PERIOD, resolutionDelay: RESOLUTION_DELAY, releaseDelay: RELEASE_DELAY } = TEST_TIMING;
const M1 = modelId('model-one');
const M2 = modelId('model-two');

/** Opens a round of `tournament` and moves the clock to the moment it becomes resolvable. */
async function openResolvable(tournament = NUMERAI) {
  const round = await chain.openRound(tournament);
  await chain.mineAt(round.resolvableAt);
  return round;
}

describe('NMRStaking openRound(tournament)', () => {
  it('openRound(t) by the resolver returns ids 1, 2, 3… in order across tournaments and emits RoundOpened(roundId, tournament, resolvableAt, deadline)', async () => {
    const staking = chain.staking(resolver);
    expect((await staking.simulate.openRound([NUMERAI])).result).toBe(1n);
    const receipt = await chain.mined(staking.write.openRound([NUMERAI]));
    const openedAt = await timeOf(receipt);
    const resolvableAt = openedAt + RESOLUTION_DELAY;
    expect(eventsOf(receipt, nmrStakingAbi, 'RoundOpened')).toEqual([
      { roundId: 1n, tournament: NUMERAI, resolvableAt, deadline: resolvableAt + TEST_TIMING.resolutionWindow }
    ]);
    expect((await chain.openRound(SIGNALS)).roundId).toBe(2n);
    expect(await staking.read.roundOf([1n])).toEqual({ tournament: NUMERAI, openedAt: Number(openedAt), resolvedBatches: 0, resolvedStakes: 0n, finalized: false });
    expect((await staking.read.roundOf([2n])).tournament).toBe(SIGNALS);
    expect([await staking.read.latestRoundId(), await staking.read.latestRoundOf([NUMERAI]), await staking.read.latestRoundOf([SIGNALS])]).toEqual([2n, 1n, 2n]);
    expect(await staking.read.nextRoundAt([NUMERAI])).toBe(openedAt + PERIOD);
  });

  it('openRound(t) less than roundPeriod() after the previous round of t reverts with NMRStakingRoundTooSoon(t, nextOpenAt); at nextOpenAt it opens', async () => {
    const first = await chain.openRound(NUMERAI);
    const nextOpenAt = first.openedAt + PERIOD;
    await chain.mineAt(nextOpenAt - 1n);
    await expectRevert(chain.staking(resolver).simulate.openRound([NUMERAI]), 'NMRStakingRoundTooSoon', [NUMERAI, nextOpenAt]);
    expect((await chain.openRound(SIGNALS)).roundId).toBe(2n); // the other tournament has its own period
    await chain.nextBlockAt(nextOpenAt);
    const second = await chain.openRound(NUMERAI);
    expect(second).toMatchObject({ roundId: 3n, openedAt: nextOpenAt });
  });

  it('openRound(t) by anyone without RESOLVER_ROLE, the admin included, reverts with AccessControlUnauthorizedAccount', async () => {
    for (const who of [mallory, admin, pauser]) {
      await expectRevert(chain.staking(who).simulate.openRound([NUMERAI]), 'AccessControlUnauthorizedAccount', [who.address, ROLES.RESOLVER]);
    }
  });
});

describe('NMRStaking resolveRound(…) timing', () => {
  it('resolveRound(roundId, …) of a round never opened (0, or above the latest id) reverts with NMRStakingRoundNotOpened(roundId)', async () => {
    await stake(alice, M1, 1_000n);
    for (const id of [0n, 1n, 90n]) await expectRevert(resolve(id, 0n, [[alice, M1, -500n]]).simulate(), 'NMRStakingRoundNotOpened', [id]);
    await openResolvable();
    await expectRevert(resolve(2n, 0n, [[alice, M1, -500n]]).simulate(), 'NMRStakingRoundNotOpened', [2n]);
    await chain.mined(resolve(1n, 0n, [[alice, M1, -500n]]).write());
  });

  it('resolveRound(…) before openedAt + resolutionDelay() reverts with NMRStakingRoundNotResolvable(roundId, resolvableAt); at resolvableAt it resolves', async () => {
    await stake(alice, M1, 1_000n);
    const round = await chain.openRound();
    await expectRevert(resolve(1n, 0n, [[alice, M1, 500n]]).simulate(), 'NMRStakingRoundNotResolvable', [1n, round.resolvableAt]);
    await chain.mineAt(round.resolvableAt - 1n);
    await expectRevert(resolve(1n, 0n, [[alice, M1, 500n]]).simulate(), 'NMRStakingRoundNotResolvable', [1n, round.resolvableAt]);
    await chain.nextBlockAt(round.resolvableAt);
    const receipt = await chain.mined(resolve(1n, 0n, [[alice, M1, 500n]]).write());
    expect(await timeOf(receipt)).toBe(round.resolvableAt);
  });

  it('resolveRound(…) after the deadline reverts with NMRStakingRoundExpired(roundId, deadline); at the deadline it still resolves', async () => {
    await stake(alice, M1, 1_000n);
    await stake(bob, M1, 1_000n);
    const round = await chain.openRound();
    await chain.nextBlockAt(round.deadline);
    await chain.mined(resolve(1n, 0n, [[alice, M1, 500n]]).write());
    await chain.mineAt(round.deadline + 1n);
    await expectRevert(resolve(1n, 1n, [[bob, M1, 500n]]).simulate(), 'NMRStakingRoundExpired', [1n, round.deadline]);
  });
});

describe('NMRStaking resolveRound(…) on the stake as it was when the round opened', () => {
  it('+500 bps mints 5% of the base onto active; StakeResolved carries the base as atRisk; RoundBatchResolved counts the batch', async () => {
    await stake(alice, M1, 1_000n * TNMR);
    await openResolvable();
    const supply = await chain.token(alice).read.totalSupply();
    const receipt = await chain.mined(resolve(1n, 0n, [[alice, M1, 500n]]).write());
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeResolved')).toEqual([
      { roundId: 1n, staker: alice.address, modelId: M1, atRisk: 1_000n * TNMR, delta: 50n * TNMR }
    ]);
    expect(eventsOf(receipt, nmrStakingAbi, 'RoundBatchResolved')).toEqual([{ roundId: 1n, batch: 0n, count: 1n }]);
    expect(eventsOf(receipt, testNmrAbi, 'Transfer')).toEqual([{ from: zeroAddress, to: chain.deployment.contracts.nmrStaking, value: 50n * TNMR }]);
    expect(await position(M1, alice)).toMatchObject({ active: 1_050n * TNMR, lastResolvedRound: 1n });
    expect(await chain.token(alice).read.totalSupply()).toBe(supply + 50n * TNMR);
    expect(await totals()).toBe(1_050n * TNMR);
  });

  it('−500 bps burns 5% of the base and lowers the token supply', async () => {
    await stake(alice, M1, 1_000n * TNMR);
    await openResolvable();
    const supply = await chain.token(alice).read.totalSupply();
    const receipt = await chain.mined(resolve(1n, 0n, [[alice, M1, -500n]]).write());
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeResolved')[0]).toMatchObject({ atRisk: 1_000n * TNMR, delta: -50n * TNMR });
    expect(eventsOf(receipt, testNmrAbi, 'Transfer')).toEqual([{ from: chain.deployment.contracts.nmrStaking, to: zeroAddress, value: 50n * TNMR }]);
    expect((await position(M1, alice)).active).toBe(950n * TNMR);
    expect(await chain.token(alice).read.totalSupply()).toBe(supply - 50n * TNMR);
    expect(await totals()).toBe(950n * TNMR);
  });

  it('a stake added after the round opened earns nothing from it: 1 000 before + 9 000 after earn 50 at +500 bps; a position opened after earns 0', async () => {
    await stake(alice, M1, 1_000n);
    await chain.openRound();
    await stake(alice, M1, 9_000n);
    await stake(bob, M1, 5_000n);
    expect(await chain.staking(alice).read.stakeAtRound([1n, M1, alice.address])).toBe(1_000n);
    expect(await chain.staking(alice).read.stakeAtRound([1n, M1, bob.address])).toBe(0n);
    await chain.travel(RESOLUTION_DELAY);
    const receipt = await chain.mined(resolve(1n, 0n, [[alice, M1, 500n], [bob, M1, 500n]]).write());
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeResolved').map((e) => [e.atRisk, e.delta])).toEqual([[1_000n, 50n], [0n, 0n]]);
    expect((await position(M1, alice)).active).toBe(10_050n);
    expect((await position(M1, bob)).active).toBe(5_000n);
  });

  it('a release requested after the round opened does not escape its burn: all 10 000 released, −500 bps burns 500 of it; it unlocks only after the deadline', async () => {
    await stake(alice, M1, 10_000n);
    const round = await chain.openRound();
    const releaseAt = (await timeOf(await release(alice, M1, 10_000n))) + RELEASE_DELAY;
    expect(releaseAt > round.deadline).toBe(true);
    await chain.mineAt(round.resolvableAt);
    await expectRevert(chain.staking(alice).simulate.withdrawReleased([NUMERAI, M1]), 'NMRStakingReleaseNotReady', [releaseAt, round.resolvableAt]);
    const receipt = await chain.mined(resolve(1n, 0n, [[alice, M1, -500n]]).write());
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeResolved')[0]).toMatchObject({ atRisk: 10_000n, delta: -500n });
    expect(await position(M1, alice)).toMatchObject({ active: 0n, pending: 9_500n });
    await chain.nextBlockAt(releaseAt);
    await chain.mined(chain.staking(alice).write.withdrawReleased([NUMERAI, M1], { gas: 200_000n }));
    expect(await totals()).toBe(0n);
  });

  it('a release requested before the round opened is not at risk in it: 10 000 with 4 000 released before opening, −500 bps burns 300 from active', async () => {
    await stake(alice, M1, 10_000n);
    await release(alice, M1, 4_000n);
    await openResolvable();
    const receipt = await chain.mined(resolve(1n, 0n, [[alice, M1, -500n]]).write());
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeResolved')[0]).toMatchObject({ atRisk: 6_000n, delta: -300n });
    expect(await position(M1, alice)).toMatchObject({ active: 5_700n, pending: 4_000n });
  });

  it('a burn takes from active first, then from pending released after opening: 10 000, 9 800 released, −500 bps → active 200 → 0, pending 9 800 → 9 500', async () => {
    await stake(alice, M1, 10_000n);
    await chain.openRound();
    await release(alice, M1, 9_800n);
    await chain.travel(RESOLUTION_DELAY);
    await chain.mined(resolve(1n, 0n, [[alice, M1, -500n]]).write());
    expect(await position(M1, alice)).toMatchObject({ active: 0n, pending: 9_500n });
    expect(await totals()).toBe(9_500n);
  });

  it('overlapping rounds each use the stake at their own opening: rounds 1 and 2 pay 50 each on 1 000; round 3, opened after both resolved, pays 55 on 1 100', async () => {
    await stake(alice, M1, 1_000n);
    const first = await chain.openRound();
    await chain.travel(PERIOD);
    const second = await chain.openRound();
    await chain.mineAt(first.resolvableAt);
    await chain.mined(resolve(1n, 0n, [[alice, M1, 500n]]).write());
    await chain.mineAt(second.resolvableAt);
    const receipt = await chain.mined(resolve(2n, 0n, [[alice, M1, 500n]]).write());
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeResolved')[0]).toMatchObject({ atRisk: 1_000n, delta: 50n });
    await openResolvable();
    const third = await chain.mined(resolve(3n, 0n, [[alice, M1, 500n]]).write());
    expect(eventsOf(third, nmrStakingAbi, 'StakeResolved')[0]).toMatchObject({ atRisk: 1_100n, delta: 55n });
    expect(await position(M1, alice)).toMatchObject({ active: 1_155n, lastResolvedRound: 3n });
  });

  it('a position keeps its 16 newest checkpoints: after 20 resolved rounds the base of every resolvable round is exact, a long-expired one reverts with StakeHistoryExpired', async () => {
    await stake(alice, M1, 1_000_000n);
    const bases: bigint[] = [];
    for (let i = 1n; i <= 20n; i++) {
      const round = await chain.openRound();
      bases.push((await position(M1, alice)).active);
      await chain.mineAt(round.resolvableAt);
      await chain.mined(resolve(i, 0n, [[alice, M1, i % 2n === 0n ? 500n : -500n]]).write());
      expect(await chain.staking(alice).read.stakeAtRound([i, M1, alice.address])).toBe(bases[Number(i) - 1]);
    }
    await expectRevert(chain.staking(alice).read.stakeAtRound([2n, M1, alice.address]), 'StakeHistoryExpired', [1n]);
  });

  it('stakeAtRound(roundId, modelId, staker) reverts with NMRStakingRoundNotOpened for a round never opened', async () => {
    await expectRevert(chain.staking(alice).read.stakeAtRound([1n, M1, alice.address]), 'NMRStakingRoundNotOpened', [1n]);
  });

  it('rounds payouts and burns toward zero: 12 345 wei at ±7 bps moves 8 wei', async () => {
    await stake(alice, M1, 12_345n);
    await stake(bob, M1, 12_345n);
    await openResolvable();
    const receipt = await chain.mined(resolve(1n, 0n, [[alice, M1, 7n], [bob, M1, -7n]]).write());
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeResolved').map((e) => e.delta)).toEqual([8n, -8n]);
    expect((await position(M1, alice)).active).toBe(12_353n);
    expect((await position(M1, bob)).active).toBe(12_337n);
  });

  it('nets payouts against burns: one mint or burn per batch, each position gets its own delta', async () => {
    await stake(alice, M1, 1_000n);
    await stake(bob, M1, 1_000n);
    await stake(carol, M1, 2_000n);
    await openResolvable();
    const receipt = await chain.mined(resolve(1n, 0n, [[alice, M1, 500n], [bob, M1, -500n], [carol, M1, 100n]]).write());
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeResolved').map((e) => e.delta)).toEqual([50n, -50n, 20n]);
    expect(eventsOf(receipt, testNmrAbi, 'Transfer')).toEqual([{ from: zeroAddress, to: chain.deployment.contracts.nmrStaking, value: 20n }]);
    expect(await totals()).toBe(4_020n);
  });

  it('an empty position resolves with atRisk 0 and delta 0 and no transfer', async () => {
    await openResolvable();
    const receipt = await chain.mined(resolve(1n, 0n, [[carol, M2, -500n]]).write());
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeResolved')).toEqual([{ roundId: 1n, staker: carol.address, modelId: M2, atRisk: 0n, delta: 0n }]);
    expect(eventsOf(receipt, testNmrAbi, 'Transfer')).toEqual([]);
  });
});

describe('NMRStaking clips: each tournament\'s own, on-chain', () => {
  it('a Tournament round takes ±500 bps exactly and refuses ±501 with NMRStakingPayoutOutOfRange(index, bps, 500)', async () => {
    await stake(alice, M1, 1_000_000n);
    await stake(bob, M1, 1_000_000n);
    await openResolvable(NUMERAI);
    await expectRevert(resolve(1n, 0n, [[alice, M1, 500n], [bob, M1, 501n]]).simulate(), 'NMRStakingPayoutOutOfRange', [1n, 501n, 500n]);
    await expectRevert(resolve(1n, 0n, [[alice, M1, -501n]]).simulate(), 'NMRStakingPayoutOutOfRange', [0n, -501n, 500n]);
    const receipt = await chain.mined(resolve(1n, 0n, [[alice, M1, 500n], [bob, M1, -500n]]).write());
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeResolved').map((e) => e.delta)).toEqual([50_000n, -50_000n]);
  });

  it('a Signals round takes ±170 bps exactly and refuses ±171 (and the Tournament\'s 500) with NMRStakingPayoutOutOfRange(index, bps, 170)', async () => {
    await stake(alice, M1, 1_000_000n, SIGNALS);
    await stake(bob, M1, 1_000_000n, SIGNALS);
    await openResolvable(SIGNALS);
    await expectRevert(resolve(1n, 0n, [[alice, M1, 170n], [bob, M1, 171n]]).simulate(), 'NMRStakingPayoutOutOfRange', [1n, 171n, 170n]);
    await expectRevert(resolve(1n, 0n, [[alice, M1, -171n]]).simulate(), 'NMRStakingPayoutOutOfRange', [0n, -171n, 170n]);
    await expectRevert(resolve(1n, 0n, [[alice, M1, 500n]]).simulate(), 'NMRStakingPayoutOutOfRange', [0n, 500n, 170n]);
    const receipt = await chain.mined(resolve(1n, 0n, [[alice, M1, 170n], [bob, M1, -170n]]).write());
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeResolved').map((e) => e.delta)).toEqual([17_000n, -17_000n]);
    expect((await position(M1, alice, SIGNALS)).active).toBe(1_017_000n);
    expect((await position(M1, bob, SIGNALS)).active).toBe(983_000n);
  });

  it('a round applies only to its own tournament\'s positions: a Signals round leaves the same model\'s Tournament stake alone', async () => {
    await stake(alice, M1, 1_000n, NUMERAI);
    await stake(alice, M1, 2_000n, SIGNALS);
    await openResolvable(SIGNALS);
    const receipt = await chain.mined(resolve(1n, 0n, [[alice, M1, -170n]]).write());
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeResolved')[0]).toMatchObject({ atRisk: 2_000n, delta: -34n });
    expect((await position(M1, alice, NUMERAI)).active).toBe(1_000n);
    expect((await position(M1, alice, SIGNALS)).active).toBe(1_966n);
  });

  it('payoutBps = int256 min or max reverts with NMRStakingPayoutOutOfRange, not an overflow panic', async () => {
    await openResolvable();
    await expectRevert(resolve(1n, 0n, [[alice, M1, minInt256]]).simulate(), 'NMRStakingPayoutOutOfRange', [0n, minInt256, 500n]);
    await expectRevert(resolve(1n, 0n, [[alice, M1, maxInt256]]).simulate(), 'NMRStakingPayoutOutOfRange', [0n, maxInt256, 500n]);
  });
});

describe('NMRStaking batches, order and finalizeRound', () => {
  it('resolveRound(roundId, batch, …) twice reverts with NMRStakingBatchAlreadyResolved(roundId, batch)', async () => {
    await stake(alice, M1, 1_000n);
    await openResolvable();
    expect(await chain.staking(alice).read.roundBatchResolved([1n, 9n])).toBe(false);
    await chain.mined(resolve(1n, 9n, [[alice, M1, 500n]]).write());
    expect(await chain.staking(alice).read.roundBatchResolved([1n, 9n])).toBe(true);
    await expectRevert(resolve(1n, 9n, [[bob, M1, 500n]]).simulate(), 'NMRStakingBatchAlreadyResolved', [1n, 9n]);
  });

  it('a position resolves each round once and in order: again (another batch or the same) or an earlier round after a later one reverts with NMRStakingStakeAlreadyResolved', async () => {
    await stake(alice, M1, 1_000n);
    await stake(bob, M1, 1_000n);
    await chain.openRound();
    await chain.travel(PERIOD);
    const second = await chain.openRound();
    await chain.mineAt(second.resolvableAt);
    await chain.mined(resolve(1n, 0n, [[alice, M1, 500n]]).write());
    await expectRevert(resolve(1n, 1n, [[alice, M1, 500n]]).simulate(), 'NMRStakingStakeAlreadyResolved', [1n, M1, alice.address, 1n]);
    await expectRevert(resolve(2n, 0n, [[alice, M1, 500n], [alice, M1, 500n]]).simulate(), 'NMRStakingStakeAlreadyResolved', [2n, M1, alice.address, 2n]);
    await chain.mined(resolve(2n, 0n, [[alice, M1, 500n], [bob, M1, 500n]]).write());
    expect((await position(M1, alice)).active).toBe(1_100n);
    // bob was resolved in round 2 first: round 1 is forfeited for him
    await expectRevert(resolve(1n, 2n, [[bob, M1, 500n]]).simulate(), 'NMRStakingStakeAlreadyResolved', [1n, M1, bob.address, 2n]);
    expect((await position(M1, bob)).active).toBe(1_050n);
  });

  it('roundOf(roundId) counts batches and positions', async () => {
    await stake(alice, M1, 1_000n);
    await openResolvable();
    await chain.mined(resolve(1n, 0n, [[alice, M1, 1n], [bob, M1, 1n]]).write());
    await chain.mined(resolve(1n, 1n, [[carol, M1, 1n]]).write());
    expect(await chain.staking(alice).read.roundOf([1n])).toMatchObject({ resolvedBatches: 2, resolvedStakes: 3n, finalized: false });
  });

  it('arrays of different lengths revert with NMRStakingLengthMismatch(stakers, modelIds, payoutBps); an empty batch with NMRStakingEmptyBatch(roundId, batch)', async () => {
    await openResolvable();
    await expectRevert(
      chain.staking(resolver).simulate.resolveRound([1n, 0n, [alice.address, bob.address], [M1], [1n, 2n, 3n]]),
      'NMRStakingLengthMismatch',
      [2n, 1n, 3n]
    );
    await expectRevert(chain.staking(resolver).simulate.resolveRound([1n, 2n, [], [], []]), 'NMRStakingEmptyBatch', [1n, 2n]);
  });

  it('resolveRound(…) by anyone without RESOLVER_ROLE, the admin included, reverts with AccessControlUnauthorizedAccount', async () => {
    await openResolvable();
    for (const who of [mallory, admin, pauser]) {
      await expectRevert(resolve(1n, 0n, [[alice, M1, 500n]], who).simulate(), 'AccessControlUnauthorizedAccount', [who.address, ROLES.RESOLVER]);
    }
  });

  it('finalizeRound(roundId) emits RoundFinalized(roundId, batches, stakes); later batches and a second finalize revert with NMRStakingRoundFinalized', async () => {
    await openResolvable();
    await chain.mined(resolve(1n, 0n, [[alice, M1, 1n], [bob, M1, 1n]]).write());
    const receipt = await chain.mined(chain.staking(resolver).write.finalizeRound([1n]));
    expect(eventsOf(receipt, nmrStakingAbi, 'RoundFinalized')).toEqual([{ roundId: 1n, batches: 1n, stakes: 2n }]);
    expect((await chain.staking(alice).read.roundOf([1n])).finalized).toBe(true);
    await expectRevert(resolve(1n, 1n, [[carol, M1, 1n]]).simulate(), 'NMRStakingRoundFinalized', [1n]);
    await expectRevert(chain.staking(resolver).simulate.finalizeRound([1n]), 'NMRStakingRoundFinalized', [1n]);
    await expectRevert(chain.staking(resolver).simulate.finalizeRound([2n]), 'NMRStakingRoundNotOpened', [2n]);
    await expectRevert(chain.staking(mallory).simulate.finalizeRound([1n]), 'AccessControlUnauthorizedAccount', [mallory.address, ROLES.RESOLVER]);
  });
});
