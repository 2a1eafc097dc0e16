/** NMRStaking's admin side: a pause with a maximum length, recovery of stray tokens (never staked ones), roles. */
import { describe, expect, it } from 'vitest';
import { nmrStakingAbi, testNmrAbi, testNmrBytecode } from '../../src/lib/staking/generated/contracts';
import { ROLES } from '../../src/lib/staking/roles';
import { accounts, eventsOf, expectRevert, modelId, NUMERAI, START_BALANCE, TEST_TIMING, TNMR, useStakingChain } from './fixture';
import { stakingHelpers } from './helpers';

const chain = useStakingChain();
const { stake, release, position, resolve, timeOf } = stakingHelpers(chain);
const { admin, resolver, pauser, alice, bob, carol, mallory } = accounts;
const M1 = modelId('model-one');
const WEEK = 7n * 86_400n;

describe('NMRStaking pause() and unpause()', () => {
  it('pause() by PAUSER_ROLE emits Paused(account, until) and blocks stake, stakeWithPermit, openRound, resolveRound and finalizeRound with EnforcedPause()', async () => {
    await stake(alice, M1, 1_000n);
    const round = await chain.openRound();
    await chain.mined(chain.token(alice).write.approve([chain.deployment.contracts.nmrStaking, 1_000n]));
    const receipt = await chain.mined(chain.staking(pauser).write.pause());
    expect(eventsOf(receipt, nmrStakingAbi, 'Paused')).toEqual([{ account: pauser.address, until: (await timeOf(receipt)) + WEEK }]);
    expect(await chain.staking(alice).read.paused()).toBe(true);
    await chain.mineAt(round.resolvableAt);
    const staking = chain.staking(alice);
    const zero = ROLES.DEFAULT_ADMIN;
    await expectRevert(staking.simulate.stake([NUMERAI, M1, 1_000n]), 'EnforcedPause');
    await expectRevert(staking.simulate.stakeWithPermit([NUMERAI, M1, 1_000n, 0n, 27, zero, zero]), 'EnforcedPause');
    await expectRevert(chain.staking(resolver).simulate.openRound([1]), 'EnforcedPause');
    await expectRevert(resolve(1n, 0n, [[alice, M1, 1n]]).simulate(), 'EnforcedPause');
    await expectRevert(chain.staking(resolver).simulate.finalizeRound([1n]), 'EnforcedPause');
  });

  it('requestRelease(…) and withdrawReleased(…) work while paused: a pause never traps stake', async () => {
    const M2 = modelId('model-two');
    await stake(alice, M1, 1_000n);
    await stake(alice, M2, 1_000n);
    await release(alice, M1, 1_000n);
    await chain.travel(TEST_TIMING.releaseDelay - 86_400n);
    await chain.mined(chain.staking(pauser).write.pause());
    await release(alice, M2, 1_000n); // requested while paused
    expect(await position(M2, alice)).toMatchObject({ active: 0n, pending: 1_000n });
    await chain.travel(86_400n);
    expect(await chain.staking(alice).read.paused()).toBe(true);
    await chain.mined(chain.staking(alice).write.withdrawReleased([NUMERAI, M1])); // withdrawn while paused
    expect(await chain.token(alice).read.balanceOf([alice.address])).toBe(START_BALANCE - 1_000n);
  });

  it('a pause lifts by itself after MAX_PAUSE_DURATION (7 days); the next can start only PAUSE_COOLDOWN (7 days) after it ended', async () => {
    expect([await chain.staking(alice).read.MAX_PAUSE_DURATION(), await chain.staking(alice).read.PAUSE_COOLDOWN()]).toEqual([WEEK, WEEK]);
    const until = (await timeOf(await chain.mined(chain.staking(pauser).write.pause()))) + WEEK;
    expect(await chain.staking(alice).read.pausedUntil()).toBe(until);
    await chain.mineAt(until - 1n);
    expect(await chain.staking(alice).read.paused()).toBe(true);
    await chain.mineAt(until);
    expect(await chain.staking(alice).read.paused()).toBe(false);
    await stake(alice, M1, 1_000n);
    await chain.openRound();
    expect(await chain.staking(alice).read.nextPauseAllowedAt()).toBe(until + WEEK);
    await chain.mineAt(until + WEEK - 1n);
    await expectRevert(chain.staking(pauser).simulate.pause(), 'NMRStakingPauseCooldown', [until + WEEK]);
    await chain.nextBlockAt(until + WEEK);
    await chain.mined(chain.staking(pauser).write.pause());
    expect(await chain.staking(alice).read.paused()).toBe(true);
  });

  it('unpause() is admin-only and ends the pause at once; the cooldown then counts from that moment', async () => {
    await chain.mined(chain.staking(pauser).write.pause());
    await expectRevert(chain.staking(pauser).simulate.unpause(), 'AccessControlUnauthorizedAccount', [pauser.address, ROLES.DEFAULT_ADMIN]);
    const receipt = await chain.mined(chain.staking(admin).write.unpause());
    const ended = await timeOf(receipt);
    expect(eventsOf(receipt, nmrStakingAbi, 'Unpaused')).toEqual([{ account: admin.address }]);
    expect(await chain.staking(alice).read.paused()).toBe(false);
    expect(await chain.staking(alice).read.nextPauseAllowedAt()).toBe(ended + WEEK);
    await stake(alice, M1, 1_000n);
  });

  it('pause() during a pause reverts with EnforcedPause(); unpause() when not paused with ExpectedPause()', async () => {
    await expectRevert(chain.staking(admin).simulate.unpause(), 'ExpectedPause');
    await chain.mined(chain.staking(pauser).write.pause());
    await expectRevert(chain.staking(pauser).simulate.pause(), 'EnforcedPause');
  });

  it('pause() without PAUSER_ROLE, the admin included, reverts with AccessControlUnauthorizedAccount(caller, PAUSER_ROLE)', async () => {
    for (const who of [mallory, admin]) {
      await expectRevert(chain.staking(who).simulate.pause(), 'AccessControlUnauthorizedAccount', [who.address, ROLES.PAUSER]);
    }
  });
});

describe('NMRStaking recoverTokens(token, to, amount)', () => {
  it('the admin recovers tNMR sent straight to the contract, never the staked tNMR: NMRStakingRecoveryExceedsSurplus(amount, surplus)', async () => {
    const { nmrStaking } = chain.deployment.contracts;
    await stake(alice, M1, 100n * TNMR);
    await chain.mined(chain.token(mallory).write.transfer([nmrStaking, 7n * TNMR])); // by mistake
    const recover = (amount: bigint) => chain.staking(admin).simulate.recoverTokens([chain.deployment.contracts.testNmr, mallory.address, amount]);
    await expectRevert(recover(7n * TNMR + 1n), 'NMRStakingRecoveryExceedsSurplus', [7n * TNMR + 1n, 7n * TNMR]);
    const receipt = await chain.mined(chain.staking(admin).write.recoverTokens([chain.deployment.contracts.testNmr, mallory.address, 7n * TNMR]));
    expect(eventsOf(receipt, nmrStakingAbi, 'TokensRecovered')).toEqual([{ token: chain.deployment.contracts.testNmr, to: mallory.address, amount: 7n * TNMR }]);
    expect(await chain.token(alice).read.balanceOf([mallory.address])).toBe(START_BALANCE);
    await expectRevert(recover(1n), 'NMRStakingRecoveryExceedsSurplus', [1n, 0n]);
    expect(await chain.token(alice).read.balanceOf([nmrStaking])).toBe(100n * TNMR);
    expect((await position(M1, alice)).active).toBe(100n * TNMR);
  });

  it('the admin recovers all of another token sent to the contract; to = 0x0 reverts with NMRStakingInvalidRecipient', async () => {
    const other = await chain.mined(
      chain.walletOf(bob).deployContract({ abi: testNmrAbi, bytecode: testNmrBytecode, args: [bob.address, 0, [bob.address], TNMR, 60n, TNMR] })
    );
    const address = other.contractAddress!;
    const write = (functionName: 'mint' | 'transfer', args: readonly [`0x${string}`, bigint]) =>
      chain.mined(chain.walletOf(bob).writeContract({ address, abi: testNmrAbi, functionName, args }));
    await write('mint', [bob.address, 5n]);
    await write('transfer', [chain.deployment.contracts.nmrStaking, 5n]);
    await expectRevert(chain.staking(admin).simulate.recoverTokens([address, '0x0000000000000000000000000000000000000000', 5n]), 'NMRStakingInvalidRecipient', [
      '0x0000000000000000000000000000000000000000'
    ]);
    await chain.mined(chain.staking(admin).write.recoverTokens([address, carol.address, 5n]));
    expect(await chain.publicClient.readContract({ address, abi: testNmrAbi, functionName: 'balanceOf', args: [carol.address] })).toBe(5n);
  });

  it('recoverTokens(…) by anyone but the admin reverts with AccessControlUnauthorizedAccount(caller, 0x00)', async () => {
    for (const who of [resolver, pauser, mallory]) {
      await expectRevert(chain.staking(who).simulate.recoverTokens([chain.deployment.contracts.testNmr, who.address, 0n]), 'AccessControlUnauthorizedAccount', [
        who.address,
        ROLES.DEFAULT_ADMIN
      ]);
    }
  });
});

describe('NMRStaking roles', () => {
  it('grantRole(RESOLVER_ROLE, x) by the admin lets x open and resolve rounds; revokeRole takes it back', async () => {
    await chain.mined(chain.staking(admin).write.grantRole([ROLES.RESOLVER, bob.address]));
    await chain.mined(chain.staking(bob).write.openRound([NUMERAI]));
    await chain.mined(chain.staking(admin).write.revokeRole([ROLES.RESOLVER, bob.address]));
    await expectRevert(chain.staking(bob).simulate.openRound([1]), 'AccessControlUnauthorizedAccount', [bob.address, ROLES.RESOLVER]);
  });

  it('grantRole(…) by the resolver or anyone but the admin reverts with AccessControlUnauthorizedAccount(caller, 0x00)', async () => {
    for (const who of [resolver, mallory]) {
      await expectRevert(chain.staking(who).simulate.grantRole([ROLES.RESOLVER, who.address]), 'AccessControlUnauthorizedAccount', [
        who.address,
        ROLES.DEFAULT_ADMIN
      ]);
    }
  });

  it('grantRole(DEFAULT_ADMIN_ROLE, x) reverts with AccessControlEnforcedDefaultAdminRules(): the admin moves in two steps', async () => {
    await expectRevert(chain.staking(admin).simulate.grantRole([ROLES.DEFAULT_ADMIN, bob.address]), 'AccessControlEnforcedDefaultAdminRules');
    await chain.mined(chain.staking(admin).write.beginDefaultAdminTransfer([bob.address]));
    await chain.travel(1n);
    await chain.mined(chain.staking(bob).write.acceptDefaultAdminTransfer());
    expect(await chain.staking(bob).read.defaultAdmin()).toBe(bob.address);
    expect(await chain.staking(bob).read.hasRole([ROLES.DEFAULT_ADMIN, admin.address])).toBe(false);
  });
});
