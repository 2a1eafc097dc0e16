/** NMRStaking: deployment, staking (approve and permit), minimum stake, release and withdrawal, reentrancy. */
import { describe, expect, it } from 'vitest';
import { encodeDeployData, encodeFunctionData, zeroAddress, type Hex, type LocalAccount } from 'viem';
import { nmrStakingAbi, nmrStakingBytecode, testNmrAbi } from '../../src/lib/staking/generated/contracts';
import { signPermit } from '../../src/lib/staking/permit';
import { ROLES } from '../../src/lib/staking/roles';
import {
  accounts,
  eventsOf,
  expectRevert,
  modelId,
  NUMERAI,
  SIGNALS,
  START_BALANCE,
  TEST_MIN_STAKE,
  TEST_TIMING,
  TNMR,
  useStakingChain
} from './fixture';
import { stakingHelpers } from './helpers';
import { compileTestContract } from './solc';

const chain = useStakingChain();
const { stake, release, position, totals, timeOf } = stakingHelpers(chain);
const DELAY = TEST_TIMING.releaseDelay;
const { admin, resolver, pauser, alice, bob, carol, mallory } = accounts;
const M1 = modelId('model-one');
const M2 = modelId('model-two');

type Settings = { releaseDelay: bigint; roundPeriod: bigint; resolutionDelay: bigint; resolutionWindow: bigint; minStake: bigint };
const SETTINGS: Settings = { ...TEST_TIMING, minStake: TEST_MIN_STAKE };

describe('NMRStaking deployment', () => {
  it('exposes token(), the timing, minStake(), the clip of each tournament and an empty totalStaked()', async () => {
    const staking = chain.staking(alice);
    expect(await staking.read.token()).toBe(chain.deployment.contracts.testNmr);
    expect(await staking.read.releaseDelay()).toBe(DELAY);
    expect(await staking.read.roundPeriod()).toBe(86_400n);
    expect(await staking.read.resolutionDelay()).toBe(172_800n);
    expect(await staking.read.resolutionWindow()).toBe(259_200n);
    expect(await staking.read.minStake()).toBe(TEST_MIN_STAKE);
    expect(await staking.read.maxPayoutBps([NUMERAI])).toBe(500n);
    expect(await staking.read.maxPayoutBps([SIGNALS])).toBe(170n);
    expect(await staking.read.BPS_DENOMINATOR()).toBe(10_000n);
    expect(await staking.read.MAX_RELEASE_DELAY()).toBe(365n * 86_400n);
    expect(await staking.read.totalStaked()).toBe(0n);
    expect(await staking.read.latestRoundId()).toBe(0n);
  });

  it('grants DEFAULT_ADMIN_ROLE to the admin only, RESOLVER_ROLE to the resolver, PAUSER_ROLE to the pauser', async () => {
    const staking = chain.staking(alice);
    expect(await staking.read.defaultAdmin()).toBe(admin.address);
    const has = (role: Hex, who: LocalAccount) => staking.read.hasRole([role, who.address]);
    expect(await Promise.all([has(ROLES.RESOLVER, resolver), has(ROLES.PAUSER, pauser)])).toEqual([true, true]);
    expect(await Promise.all([has(ROLES.RESOLVER, admin), has(ROLES.PAUSER, admin), has(ROLES.DEFAULT_ADMIN, resolver)])).toEqual([
      false,
      false,
      false
    ]);
  });

  const deployCall = (token: Hex, settings: Settings, initialAdmin: Hex = admin.address) =>
    chain.publicClient.call({
      account: admin,
      data: encodeDeployData({ abi: nmrStakingAbi, bytecode: nmrStakingBytecode, args: [token, settings, initialAdmin, 0, zeroAddress, zeroAddress] })
    });

  it('constructor(token = 0x0 or an account without code) reverts with NMRStakingInvalidToken(token)', async () => {
    await expectRevert(deployCall(zeroAddress, SETTINGS), 'NMRStakingInvalidToken', [zeroAddress]);
    await expectRevert(deployCall(bob.address, SETTINGS), 'NMRStakingInvalidToken', [bob.address]);
  });

  it('constructor(…, releaseDelay > 365 days) reverts with NMRStakingReleaseDelayTooLong(delay, max)', async () => {
    const token = chain.deployment.contracts.testNmr;
    const max = 365n * 86_400n;
    await expectRevert(deployCall(token, { ...SETTINGS, releaseDelay: max + 1n }), 'NMRStakingReleaseDelayTooLong', [max + 1n, max]);
    await deployCall(token, { ...SETTINGS, releaseDelay: max });
  });

  it('constructor(…, releaseDelay < resolutionDelay + resolutionWindow) reverts with NMRStakingReleaseDelayTooShort(delay, required)', async () => {
    const token = chain.deployment.contracts.testNmr;
    const required = TEST_TIMING.resolutionDelay + TEST_TIMING.resolutionWindow;
    await expectRevert(deployCall(token, { ...SETTINGS, releaseDelay: required - 1n }), 'NMRStakingReleaseDelayTooShort', [required - 1n, required]);
    await deployCall(token, { ...SETTINGS, releaseDelay: required });
  });

  it('constructor(…) with more than 14 rounds per resolution horizon reverts with NMRStakingHorizonTooLong(rounds, 14)', async () => {
    const token = chain.deployment.contracts.testNmr;
    const timing = { roundPeriod: 10n, resolutionDelay: 50n, resolutionWindow: 100n, releaseDelay: 150n }; // 150 / 10 = 15
    await expectRevert(deployCall(token, { ...timing, minStake: 1n }), 'NMRStakingHorizonTooLong', [15n, 14n]);
    await deployCall(token, { ...timing, resolutionWindow: 90n, minStake: 1n }); // 140 / 10 = 14
    expect(await chain.staking(alice).read.MAX_ROUNDS_PER_HORIZON()).toBe(14n);
  });

  it('constructor(…) with a zero round period, resolution window or minimum stake reverts with NMRStakingInvalidSettings()', async () => {
    const token = chain.deployment.contracts.testNmr;
    for (const bad of [{ roundPeriod: 0n }, { resolutionWindow: 0n }, { minStake: 0n }]) {
      await expectRevert(deployCall(token, { ...SETTINGS, ...bad }), 'NMRStakingInvalidSettings');
    }
  });

  it('constructor(…, initialAdmin = 0x0, …) reverts with AccessControlInvalidDefaultAdmin(0x0)', async () => {
    await expectRevert(deployCall(chain.deployment.contracts.testNmr, SETTINGS, zeroAddress), 'AccessControlInvalidDefaultAdmin', [zeroAddress]);
  });

  it('constructor(…, resolver = 0x0, pauser = 0x0) grants neither role', async () => {
    const hash = await chain.walletOf(admin).deployContract({
      abi: nmrStakingAbi,
      bytecode: nmrStakingBytecode,
      args: [chain.deployment.contracts.testNmr, SETTINGS, admin.address, 0, zeroAddress, zeroAddress]
    });
    const { contractAddress } = await chain.mined(hash);
    if (!contractAddress) throw new Error('no contract');
    const read = (role: Hex) =>
      chain.publicClient.readContract({ address: contractAddress, abi: nmrStakingAbi, functionName: 'hasRole', args: [role, zeroAddress] });
    expect([await read(ROLES.RESOLVER), await read(ROLES.PAUSER)]).toEqual([false, false]);
  });
});

describe('NMRStaking stake(tournament, modelId, amount) after approve', () => {
  it('stake(…) emits StakeIncreased with the tournament and new active amount and pulls the tokens', async () => {
    const receipt = await stake(alice, M1, 100n * TNMR);
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeIncreased')).toEqual([
      { staker: alice.address, modelId: M1, tournament: NUMERAI, amount: 100n * TNMR, newActive: 100n * TNMR }
    ]);
    expect(eventsOf(receipt, testNmrAbi, 'Transfer')).toEqual([
      { from: alice.address, to: chain.deployment.contracts.nmrStaking, value: 100n * TNMR }
    ]);
    expect(await chain.token(alice).read.balanceOf([alice.address])).toBe(START_BALANCE - 100n * TNMR);
    expect(await position(M1, alice)).toEqual({ active: 100n * TNMR, pending: 0n, releaseAt: 0n, lastResolvedRound: 0n });
    expect(await totals()).toBe(100n * TNMR);
  });

  it('stake(…) twice adds to active; newActive is the running total', async () => {
    await stake(alice, M1, 100n * TNMR);
    const receipt = await stake(alice, M1, 23n);
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeIncreased')[0]).toMatchObject({ amount: 23n, newActive: 100n * TNMR + 23n });
    expect((await position(M1, alice)).active).toBe(100n * TNMR + 23n);
  });

  it('positions are keyed by (tournament, modelId, staker): the same model in Signals, other models and other stakers do not mix', async () => {
    await stake(alice, M1, 1n * TNMR);
    await stake(alice, M1, 3n * TNMR, SIGNALS);
    await stake(alice, M2, 2n * TNMR);
    await stake(bob, M1, 4n * TNMR);
    expect((await position(M1, alice)).active).toBe(1n * TNMR);
    expect((await position(M1, alice, SIGNALS)).active).toBe(3n * TNMR);
    expect((await position(M2, alice)).active).toBe(2n * TNMR);
    expect((await position(M1, bob)).active).toBe(4n * TNMR);
    expect((await position(M2, bob)).active).toBe(0n);
    expect(await totals()).toBe(10n * TNMR);
  });

  it('stake(…, 0) reverts with NMRStakingZeroAmount(); a tournament outside the enum reverts without data', async () => {
    await expectRevert(chain.staking(alice).simulate.stake([NUMERAI, M1, 0n]), 'NMRStakingZeroAmount');
    await chain.mined(chain.token(alice).write.approve([chain.deployment.contracts.nmrStaking, TNMR]));
    const valid = encodeFunctionData({ abi: nmrStakingAbi, functionName: 'stake', args: [SIGNALS, M1, TNMR] });
    const outside = valid.replace(/^(0x.{8}).{64}/, `$1${'0'.repeat(63)}2`) as Hex;
    const to = chain.deployment.contracts.nmrStaking;
    await chain.publicClient.call({ account: alice, to, data: valid }); // tournament 1 (Signals) goes through
    await expect(chain.publicClient.call({ account: alice, to, data: outside })).rejects.toThrow('execution reverted');
  });

  it('stake(…, 0x00…00, amount) reverts with NMRStakingInvalidModelId(0x00…00)', async () => {
    await chain.mined(chain.token(alice).write.approve([chain.deployment.contracts.nmrStaking, TNMR]));
    await expectRevert(chain.staking(alice).simulate.stake([NUMERAI, ROLES.DEFAULT_ADMIN, TNMR]), 'NMRStakingInvalidModelId', [ROLES.DEFAULT_ADMIN]);
  });

  it('stake(…) without an allowance reverts with the token\'s ERC20InsufficientAllowance(staking, 0, amount)', async () => {
    await expectRevert(chain.staking(alice).simulate.stake([NUMERAI, M1, 500n]), 'ERC20InsufficientAllowance', [
      chain.deployment.contracts.nmrStaking,
      0n,
      500n
    ]);
  });

  it('stake(…) above the balance reverts with ERC20InsufficientBalance(staker, balance, amount)', async () => {
    await chain.mined(chain.token(alice).write.approve([chain.deployment.contracts.nmrStaking, START_BALANCE + 1n]));
    await expectRevert(chain.staking(alice).simulate.stake([NUMERAI, M1, START_BALANCE + 1n]), 'ERC20InsufficientBalance', [
      alice.address,
      START_BALANCE,
      START_BALANCE + 1n
    ]);
  });

  it('stake(…) that would push active past uint88 reverts with SafeCastOverflowedUintDowncast(88, value)', async () => {
    const huge = 2n ** 88n;
    await chain.mined(chain.token(admin).write.mint([carol.address, huge]));
    await chain.mined(chain.token(carol).write.approve([chain.deployment.contracts.nmrStaking, huge]));
    await expectRevert(chain.staking(carol).simulate.stake([NUMERAI, M1, huge]), 'SafeCastOverflowedUintDowncast', [88, huge]);
  });
});

describe('NMRStaking minimum stake', () => {
  it('stake(…) leaving active below minStake() reverts with NMRStakingBelowMinimum(active, min); a top-up of 1 wei above it works', async () => {
    await chain.mined(chain.token(alice).write.approve([chain.deployment.contracts.nmrStaking, TNMR]));
    await expectRevert(chain.staking(alice).simulate.stake([NUMERAI, M1, TEST_MIN_STAKE - 1n]), 'NMRStakingBelowMinimum', [
      TEST_MIN_STAKE - 1n,
      TEST_MIN_STAKE
    ]);
    await chain.mined(chain.staking(alice).write.stake([NUMERAI, M1, TEST_MIN_STAKE]));
    await chain.mined(chain.staking(alice).write.stake([NUMERAI, M1, 1n]));
    expect((await position(M1, alice)).active).toBe(TEST_MIN_STAKE + 1n);
  });

  it('requestRelease(…) leaving active between 0 and minStake() reverts with NMRStakingBelowMinimum(remaining, min); releasing all of it works', async () => {
    await stake(alice, M1, 250n);
    await expectRevert(chain.staking(alice).simulate.requestRelease([NUMERAI, M1, 151n]), 'NMRStakingBelowMinimum', [99n, TEST_MIN_STAKE]);
    await release(alice, M1, 150n);
    await release(alice, M1, 100n);
    expect(await position(M1, alice)).toMatchObject({ active: 0n, pending: 250n });
  });
});

describe('NMRStaking stakeWithPermit(tournament, modelId, amount, deadline, v, r, s)', () => {
  const sign = async (owner: LocalAccount, value: bigint, deadline?: bigint) =>
    signPermit(chain.walletOf(owner), chain.publicClient, {
      token: chain.deployment.contracts.testNmr,
      spender: chain.deployment.contracts.nmrStaking,
      value,
      deadline: deadline ?? (await chain.now()) + 3_600n
    });

  it('stakeWithPermit(…) with a fresh signature stakes in one transaction without a prior approve', async () => {
    const sig = await sign(alice, 50n * TNMR);
    const receipt = await chain.mined(chain.staking(alice).write.stakeWithPermit([SIGNALS, M1, 50n * TNMR, sig.deadline, sig.v, sig.r, sig.s]));
    expect(eventsOf(receipt, nmrStakingAbi, 'StakeIncreased')).toEqual([
      { staker: alice.address, modelId: M1, tournament: SIGNALS, amount: 50n * TNMR, newActive: 50n * TNMR }
    ]);
    expect(await chain.token(alice).read.nonces([alice.address])).toBe(1n);
    expect(await chain.token(alice).read.allowance([alice.address, chain.deployment.contracts.nmrStaking])).toBe(0n);
    expect(await totals()).toBe(50n * TNMR);
  });

  it('stakeWithPermit(…) still stakes when someone front-ran the same permit', async () => {
    const sig = await sign(alice, 50n * TNMR);
    await chain.mined(
      chain.token(mallory).write.permit([alice.address, chain.deployment.contracts.nmrStaking, 50n * TNMR, sig.deadline, sig.v, sig.r, sig.s])
    );
    await chain.mined(chain.staking(alice).write.stakeWithPermit([NUMERAI, M1, 50n * TNMR, sig.deadline, sig.v, sig.r, sig.s]));
    expect((await position(M1, alice)).active).toBe(50n * TNMR);
  });

  it('stakeWithPermit(…) with an expired permit and no allowance reverts with ERC20InsufficientAllowance(staking, 0, amount)', async () => {
    const deadline = (await chain.now()) + 5n;
    const sig = await sign(alice, 50n * TNMR, deadline);
    await chain.mineAt(deadline + 1n);
    await expectRevert(
      chain.staking(alice).simulate.stakeWithPermit([NUMERAI, M1, 50n * TNMR, sig.deadline, sig.v, sig.r, sig.s]),
      'ERC20InsufficientAllowance',
      [chain.deployment.contracts.nmrStaking, 0n, 50n * TNMR]
    );
  });

  it('stakeWithPermit(…) with a signature of another account falls back to an existing approve', async () => {
    const sig = await sign(bob, 50n * TNMR);
    await chain.mined(chain.token(alice).write.approve([chain.deployment.contracts.nmrStaking, 50n * TNMR]));
    await chain.mined(chain.staking(alice).write.stakeWithPermit([NUMERAI, M1, 50n * TNMR, sig.deadline, sig.v, sig.r, sig.s]));
    expect((await position(M1, alice)).active).toBe(50n * TNMR);
    expect(await chain.token(alice).read.nonces([alice.address])).toBe(0n);
  });
});

describe('NMRStaking requestRelease(tournament, modelId, amount)', () => {
  it('requestRelease(…) moves active to pending, sets releaseAt = now + releaseDelay and emits ReleaseRequested', async () => {
    await stake(alice, M1, 100n * TNMR);
    const receipt = await release(alice, M1, 40n * TNMR);
    const timestamp = await timeOf(receipt);
    expect(eventsOf(receipt, nmrStakingAbi, 'ReleaseRequested')).toEqual([
      { staker: alice.address, modelId: M1, tournament: NUMERAI, amount: 40n * TNMR, releaseAt: timestamp + DELAY }
    ]);
    expect(await position(M1, alice)).toEqual({ active: 60n * TNMR, pending: 40n * TNMR, releaseAt: timestamp + DELAY, lastResolvedRound: 0n });
    expect(await totals()).toBe(100n * TNMR);
  });

  it('requestRelease(…) again adds to pending and restarts the clock for all of it', async () => {
    await stake(alice, M1, 100n * TNMR);
    await release(alice, M1, 10n * TNMR);
    await chain.travel(1_000n);
    const timestamp = await timeOf(await release(alice, M1, 5n * TNMR));
    expect(await position(M1, alice)).toMatchObject({ active: 85n * TNMR, pending: 15n * TNMR, releaseAt: timestamp + DELAY });
  });

  it('requestRelease(…) after an earlier release matured pays that one out first (Released) instead of locking it again', async () => {
    await stake(alice, M1, 100n * TNMR);
    await release(alice, M1, 10n * TNMR);
    await chain.travel(DELAY);
    const receipt = await release(alice, M1, 5n * TNMR);
    const timestamp = await timeOf(receipt);
    expect(eventsOf(receipt, nmrStakingAbi, 'Released')).toEqual([{ staker: alice.address, modelId: M1, tournament: NUMERAI, amount: 10n * TNMR }]);
    expect(await position(M1, alice)).toMatchObject({ active: 85n * TNMR, pending: 5n * TNMR, releaseAt: timestamp + DELAY });
    expect(await chain.token(alice).read.balanceOf([alice.address])).toBe(START_BALANCE - 90n * TNMR);
    expect(await totals()).toBe(90n * TNMR);
  });

  it('requestRelease(…, 0) reverts with NMRStakingZeroAmount()', async () => {
    await stake(alice, M1, 1_000n);
    await expectRevert(chain.staking(alice).simulate.requestRelease([NUMERAI, M1, 0n]), 'NMRStakingZeroAmount');
  });

  it('requestRelease(…, amount > active) reverts with NMRStakingReleaseExceedsActive(modelId, amount, active), per tournament', async () => {
    await stake(alice, M1, 1_000n);
    await expectRevert(chain.staking(alice).simulate.requestRelease([NUMERAI, M1, 1_001n]), 'NMRStakingReleaseExceedsActive', [M1, 1_001n, 1_000n]);
    await expectRevert(chain.staking(alice).simulate.requestRelease([SIGNALS, M1, 1n]), 'NMRStakingReleaseExceedsActive', [M1, 1n, 0n]);
    await expectRevert(chain.staking(bob).simulate.requestRelease([NUMERAI, M1, 1n]), 'NMRStakingReleaseExceedsActive', [M1, 1n, 0n]);
  });
});

describe('NMRStaking withdrawReleased(tournament, modelId)', () => {
  async function staked100Released40() {
    await stake(alice, M1, 100n * TNMR);
    return (await timeOf(await release(alice, M1, 40n * TNMR))) + DELAY;
  }

  it('withdrawReleased(…) one second before releaseAt reverts with NMRStakingReleaseNotReady(releaseAt, now)', async () => {
    const releaseAt = await staked100Released40();
    await chain.mineAt(releaseAt - 1n);
    await expectRevert(chain.staking(alice).simulate.withdrawReleased([NUMERAI, M1]), 'NMRStakingReleaseNotReady', [releaseAt, releaseAt - 1n]);
  });

  it('withdrawReleased(…) at releaseAt returns the pending amount, emits Released and clears pending', async () => {
    const releaseAt = await staked100Released40();
    await chain.nextBlockAt(releaseAt);
    const receipt = await chain.mined(chain.staking(alice).write.withdrawReleased([NUMERAI, M1], { gas: 200_000n }));
    expect(await timeOf(receipt)).toBe(releaseAt);
    expect(eventsOf(receipt, nmrStakingAbi, 'Released')).toEqual([{ staker: alice.address, modelId: M1, tournament: NUMERAI, amount: 40n * TNMR }]);
    expect(eventsOf(receipt, testNmrAbi, 'Transfer')).toEqual([
      { from: chain.deployment.contracts.nmrStaking, to: alice.address, value: 40n * TNMR }
    ]);
    expect(await position(M1, alice)).toEqual({ active: 60n * TNMR, pending: 0n, releaseAt: 0n, lastResolvedRound: 0n });
    expect(await chain.token(alice).read.balanceOf([alice.address])).toBe(START_BALANCE - 60n * TNMR);
    expect(await totals()).toBe(60n * TNMR);
  });

  it('withdrawReleased(…) after evm_increaseTime past the delay returns (via simulate) the amount', async () => {
    await staked100Released40();
    await chain.travel(DELAY);
    const { result } = await chain.staking(alice).simulate.withdrawReleased([NUMERAI, M1]);
    expect(result).toBe(40n * TNMR);
  });

  it('withdrawReleased(…) with nothing pending reverts with NMRStakingNothingPending(modelId)', async () => {
    await stake(alice, M2, 1_000n);
    await expectRevert(chain.staking(alice).simulate.withdrawReleased([NUMERAI, M2]), 'NMRStakingNothingPending', [M2]);
    await staked100Released40();
    await chain.travel(DELAY);
    await expectRevert(chain.staking(alice).simulate.withdrawReleased([SIGNALS, M1]), 'NMRStakingNothingPending', [M1]);
    await chain.mined(chain.staking(alice).write.withdrawReleased([NUMERAI, M1]));
    await expectRevert(chain.staking(alice).simulate.withdrawReleased([NUMERAI, M1]), 'NMRStakingNothingPending', [M1]);
  });
});

describe('NMRStaking reentrancy', () => {
  it('a token calling back into stake() or withdrawReleased() during a transfer hits ReentrancyGuardReentrantCall()', async () => {
    const mock = compileTestContract('contracts/test/mocks/ReentrantToken.sol', 'ReentrantToken');
    const wallet = chain.walletOf(alice);
    const token = (await chain.mined(wallet.deployContract({ abi: mock.abi, bytecode: mock.bytecode }))).contractAddress;
    if (!token) throw new Error('no token');
    const deployed = await chain.mined(
      wallet.deployContract({ abi: nmrStakingAbi, bytecode: nmrStakingBytecode, args: [token, { releaseDelay: 1n, roundPeriod: 1n, resolutionDelay: 0n, resolutionWindow: 1n, minStake: 1n }, admin.address, 0, resolver.address, zeroAddress] })
    );
    const staking = deployed.contractAddress;
    if (!staking) throw new Error('no staking');
    const call = (functionName: 'mint' | 'approve' | 'arm', args: readonly unknown[]) =>
      chain.mined(wallet.writeContract({ address: token, abi: mock.abi, functionName, args }));
    await call('mint', [alice.address, 1_000n]);
    await call('approve', [staking, 1_000n]);
    await call('arm', [staking, encodeFunctionData({ abi: nmrStakingAbi, functionName: 'stake', args: [NUMERAI, M1, 1n] })]);
    await expectRevert(
      wallet.simulateContract({ address: staking, abi: nmrStakingAbi, functionName: 'stake', args: [NUMERAI, M1, 10n] }),
      'ReentrancyGuardReentrantCall'
    );
    // disarmed, the same token stakes and releases normally; then re-arm on withdraw
    await call('arm', [zeroAddress, '0x']);
    await chain.mined(wallet.writeContract({ address: staking, abi: nmrStakingAbi, functionName: 'stake', args: [NUMERAI, M1, 10n] }));
    await chain.mined(wallet.writeContract({ address: staking, abi: nmrStakingAbi, functionName: 'requestRelease', args: [NUMERAI, M1, 10n] }));
    await chain.travel(1n);
    await call('arm', [staking, encodeFunctionData({ abi: nmrStakingAbi, functionName: 'withdrawReleased', args: [NUMERAI, M1] })]);
    await expectRevert(
      wallet.simulateContract({ address: staking, abi: nmrStakingAbi, functionName: 'withdrawReleased', args: [NUMERAI, M1] }),
      'ReentrancyGuardReentrantCall'
    );
  });
});
