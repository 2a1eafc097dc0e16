/**
 * Property tests: seeded random sequences of stake / stakeWithPermit / requestRelease / withdrawReleased / openRound /
 * resolveRound / time travel over both tournaments, checked after every step against a TypeScript model of the rules
 * (reference.ts) and the contract's invariants. Every transaction is mined at a time the test chose, so the model
 * predicts refusals (wrong timing, clip, order, minimum) as exactly as successes. A failure names the seed and step.
 */
import { describe, expect, it } from 'vitest';
import type { Hex, LocalAccount } from 'viem';
import { nmrStakingAbi } from '../../src/lib/staking/generated/contracts';
import { signPermit } from '../../src/lib/staking/permit';
import { accounts, eventsOf, modelId, NUMERAI, revertOf, SIGNALS, START_BALANCE, TEST_MIN_STAKE, TEST_TIMING, TNMR, useStakingChain } from './fixture';
import { prng } from './prng';
import { CLIP_BPS, isModelError, StakingModel, type ModelError } from './reference';

const chain = useStakingChain();
const STAKERS = [accounts.alice, accounts.bob, accounts.carol] as const;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const MODELS = [modelId('alpha'), modelId('beta')] as const;
const TOURNAMENTS = [NUMERAI, SIGNALS] as const;
const DAY = 86_400n;
const GAS = 3_000_000n;

type Rng = ReturnType<typeof prng>;
type Tally = Record<string, number>;
const count = (tally: Tally, kind: string) => (tally[kind] = (tally[kind] ?? 0) + 1);

/** The time of the next transaction, set on the chain: one second after the latest block. */
async function nextTime(): Promise<bigint> {
  const t = (await chain.now()) + 1n;
  await chain.nextBlockAt(t);
  return t;
}

/** Mines an empty block one second on and asserts that `call` (simulated at that block) reverts with `expected`. */
async function expectRefusal(call: () => Promise<unknown>, expected: ModelError, where: string) {
  const error = await call().then(() => undefined, (e: unknown) => e);
  expect(revertOf(error), where).toEqual(expected);
}

/** Positions, totals and balances against the model: totalStaked == balance == Σ positions. */
async function checkInvariants(model: StakingModel, where: string) {
  const staking = chain.staking(accounts.alice);
  const keys = TOURNAMENTS.flatMap((t) => STAKERS.flatMap((s) => MODELS.map((m) => [t, m, s] as const)));
  const [totalStaked, held, ...positions] = await Promise.all([
    staking.read.totalStaked(),
    chain.token(accounts.alice).read.balanceOf([chain.deployment.contracts.nmrStaking]),
    ...keys.map(([t, m, s]) => staking.read.positionOf([t, m, s.address]))
  ]);
  expect({ totalStaked, held }, where).toEqual({ totalStaked: model.total(), held: model.total() });
  expect(positions, where).toEqual(keys.map(([t, m, s]) => model.get(t, m, s.address)));
}

async function stakeStep(rng: Rng, model: StakingModel, t: number, staker: LocalAccount, m: Hex, where: string, tally: Tally) {
  const balance = await chain.token(staker).read.balanceOf([staker.address]);
  const { active } = model.get(t, m, staker.address);
  const below = active === 0n && rng.chance(0.1);
  const amount = below ? rng.bigint(1n, TEST_MIN_STAKE - 1n) : rng.bigint(active === 0n ? TEST_MIN_STAKE : 1n, balance < 300n * TNMR ? balance : 300n * TNMR);
  const staking = chain.staking(staker);
  await chain.mined(chain.token(staker).write.approve([chain.deployment.contracts.nmrStaking, amount]));
  if (below) {
    await expectRefusal(() => staking.simulate.stake([t, m, amount]), { errorName: 'NMRStakingBelowMinimum', args: [amount, TEST_MIN_STAKE] }, where);
    return 'stake refused: below minimum';
  }
  const open = model.latestOf[t] !== 0n && model.get(t, m, staker.address).lastResolvedRound < model.latestOf[t];
  if (rng.chance(0.5)) {
    await nextTime();
    await chain.mined(staking.write.stake([t, m, amount], { gas: GAS }));
  } else {
    const sig = await signPermit(chain.walletOf(staker), chain.publicClient, {
      token: chain.deployment.contracts.testNmr,
      spender: chain.deployment.contracts.nmrStaking,
      value: amount,
      deadline: (await chain.now()) + 600n
    });
    await nextTime();
    await chain.mined(staking.write.stakeWithPermit([t, m, amount, sig.deadline, sig.v, sig.r, sig.s], { gas: GAS }));
  }
  model.stake(t, m, staker.address, amount);
  if (open) count(tally, 'stake while a round is open');
  return 'stake';
}

async function releaseStep(rng: Rng, model: StakingModel, t: number, staker: LocalAccount, m: Hex, where: string) {
  const { active } = model.get(t, m, staker.address);
  if (active === 0n) return 'skip';
  // all of it, or leave at least the minimum (a remainder below it is refused: tried now and then)
  const dust = active > TEST_MIN_STAKE && rng.chance(0.1);
  const amount = dust ? active - rng.bigint(1n, TEST_MIN_STAKE - 1n) : rng.chance(0.4) || active < 2n * TEST_MIN_STAKE ? active : rng.bigint(1n, active - TEST_MIN_STAKE);
  if (dust) {
    await expectRefusal(
      () => chain.staking(staker).simulate.requestRelease([t, m, amount]),
      { errorName: 'NMRStakingBelowMinimum', args: [active - amount, TEST_MIN_STAKE] },
      where
    );
    return 'release refused: below minimum';
  }
  const before = await chain.token(staker).read.balanceOf([staker.address]);
  const now = await nextTime();
  await chain.mined(chain.staking(staker).write.requestRelease([t, m, amount], { gas: GAS }));
  const matured = model.requestRelease(t, m, staker.address, amount, now);
  expect(await chain.token(staker).read.balanceOf([staker.address]), where).toBe(before + matured);
  return matured > 0n ? 'release paying out matured' : 'release';
}

async function withdrawStep(model: StakingModel, t: number, staker: LocalAccount, m: Hex, where: string) {
  const staking = chain.staking(staker);
  const now = (await chain.now()) + 1n;
  const expected = model.withdrawable(t, m, staker.address, now);
  if (expected === 0n) {
    await chain.mineAt(now);
    const error = await staking.simulate.withdrawReleased([t, m]).then(() => undefined, (e: unknown) => e);
    expect(revertOf(error)?.errorName, where).toBe(model.get(t, m, staker.address).pending === 0n ? 'NMRStakingNothingPending' : 'NMRStakingReleaseNotReady');
    return 'withdraw refused';
  }
  const before = await chain.token(staker).read.balanceOf([staker.address]);
  await chain.nextBlockAt(now);
  await chain.mined(staking.write.withdrawReleased([t, m], { gas: GAS }));
  expect(await chain.token(staker).read.balanceOf([staker.address]), where).toBe(before + model.withdraw(t, m, staker.address));
  return 'withdraw';
}

/** Time travel: into a round's resolution window half the time, else up to a day, sometimes up to 8 days. */
async function travelStep(rng: Rng, model: StakingModel) {
  const now = await chain.now();
  const ahead = [...model.rounds.keys()].map((id) => model.window(id).resolvableAt).filter((at) => at > now);
  if (ahead.length && rng.chance(0.5)) {
    await chain.mineAt(rng.pick(ahead) + rng.bigint(0n, TEST_TIMING.resolutionWindow / 2n));
    return 'travel into a window';
  }
  await chain.travel(rng.chance(0.6) ? rng.bigint(0n, DAY) : rng.bigint(DAY, 8n * DAY));
  return 'travel';
}

/** Mostly a position with something pending (so that withdrawals and matured payouts get tried), else the given one. */
function withPending(rng: Rng, model: StakingModel, t: number, staker: LocalAccount, m: Hex): [number, LocalAccount, Hex] {
  const candidates = TOURNAMENTS.flatMap((tt) => STAKERS.flatMap((s) => MODELS.map((id) => [tt, s, id] as [number, LocalAccount, Hex]))).filter(
    ([tt, s, id]) => model.get(tt, id, s.address).pending > 0n
  );
  return candidates.length > 0 && rng.chance(0.8) ? rng.pick(candidates) : [t, staker, m];
}

async function openStep(model: StakingModel, t: number, where: string) {
  const now = (await chain.now()) + 1n;
  const predicted = model.openRound(t, now);
  if (isModelError(predicted)) {
    await chain.mineAt(now);
    await expectRefusal(() => chain.staking(accounts.resolver).simulate.openRound([t]), predicted, where);
    return 'open refused';
  }
  await chain.nextBlockAt(now);
  const receipt = await chain.mined(chain.staking(accounts.resolver).write.openRound([t], { gas: GAS }));
  expect(eventsOf(receipt, nmrStakingAbi, 'RoundOpened')[0], where).toEqual({ roundId: predicted, tournament: t, ...model.window(predicted) });
  return 'open';
}

/** Mostly a round that could be resolvable now; sometimes any opened one, or one never opened. */
function pickRound(rng: Rng, model: StakingModel, now: bigint): bigint {
  const ids = [...model.rounds.keys()];
  const live = ids.filter((id) => {
    const { resolvableAt, deadline } = model.window(id);
    return resolvableAt <= now && now <= deadline;
  });
  if (live.length && rng.chance(0.85)) return rng.pick(live);
  if (ids.length && rng.chance(0.8)) return rng.pick(ids);
  return model.latestRoundId + 1n;
}

async function resolveStep(rng: Rng, model: StakingModel, where: string, tally: Tally) {
  const now = (await chain.now()) + 1n;
  const roundId = pickRound(rng, model, now);
  const t = model.rounds.get(roundId)?.tournament ?? NUMERAI;
  const clip = CLIP_BPS[t];
  // mostly positions not yet resolved in this round or a later one (the others are refused: tried now and then)
  const fresh = rng.chance(0.85);
  const pairs = STAKERS.flatMap((s) => MODELS.map((m) => [s, m] as const)).filter(
    ([s, m]) => rng.chance(0.7) && (!fresh || model.get(t, m, s.address).lastResolvedRound < roundId)
  );
  if (pairs.length === 0) pairs.push([rng.pick(STAKERS), rng.pick(MODELS)]);
  if (rng.chance(0.05)) pairs.push(pairs[0]); // the same position twice in a batch
  const entries = pairs.map(([s, m]) => ({ staker: s.address, modelId: m, bps: rng.bigint(-clip, clip) }));
  if (rng.chance(0.1)) entries[rng.int(entries.length)].bps = (rng.chance(0.5) ? 1n : -1n) * (clip + rng.bigint(1n, 5n)); // past the clip
  const round = model.rounds.get(roundId);
  const batch = round && round.batches.size > 0 && rng.chance(0.1) ? rng.pick([...round.batches]) : BigInt(round?.batches.size ?? 0) + rng.bigint(0n, 1n) * 1000n;
  const args = [roundId, batch, entries.map((e) => e.staker), entries.map((e) => e.modelId), entries.map((e) => e.bps)] as const;
  const staking = chain.staking(accounts.resolver);
  const positionsBefore = pairs.map(([s, m]) => model.get(t, m, s.address));
  const bases = pairs.map(([s, m]) => (round ? model.stakeAt(t, m, s.address, roundId) : 0n));
  if (round && now <= model.window(roundId).deadline) {
    // the contract keeps enough history for every round that can still be resolved
    const onChain = await Promise.all(pairs.map(([s, m]) => staking.read.stakeAtRound([roundId, m, s.address])));
    expect(onChain, `${where}: stakeAtRound`).toEqual(bases);
  }
  const predicted = model.resolve(roundId, batch, entries, now);
  if (isModelError(predicted)) {
    await chain.mineAt(now);
    await expectRefusal(() => staking.simulate.resolveRound(args), predicted, where);
    return `resolve refused: ${predicted.errorName}`;
  }
  await chain.nextBlockAt(now);
  const receipt = await chain.mined(staking.write.resolveRound(args, { gas: GAS }));
  const events = eventsOf(receipt, nmrStakingAbi, 'StakeResolved');
  expect(events, where).toEqual(entries.map((e, i) => ({ roundId, staker: e.staker, modelId: e.modelId, ...predicted[i] })));
  predicted.forEach(({ atRisk, delta }, i) => {
    // the clip: a position moves by at most the tournament's clip of its stake when the round opened
    const abs = delta < 0n ? -delta : delta;
    expect(abs * 10_000n <= atRisk * clip, `${where}: |${delta}| > clip of ${atRisk}`).toBe(true);
    if (delta > 0n) count(tally, 'payout');
    if (delta < 0n && model.get(t, pairs[i][1], pairs[i][0].address).pending < positionsBefore[i].pending) count(tally, 'burn on pending');
    if (atRisk !== positionsBefore[i].active) count(tally, 'base differs from the current stake');
  });
  return 'resolve';
}

describe('NMRStaking properties over seeded random sequences', () => {
  it('after every step of 10 random sequences × 80 steps, positions match the reference model (rounds, checkpoints, clips, timing, order, minimum) and totalStaked == token.balanceOf(staking) == Σ positions', async () => {
    const tally: Tally = {};
    for (const seed of SEEDS) {
      const rng = prng(seed);
      const model = new StakingModel(TEST_TIMING);
      const snapshot = await chain.testClient.snapshot();
      for (let step = 0; step < 80; step++) {
        const t = rng.pick(TOURNAMENTS);
        const staker = rng.pick(STAKERS);
        const m = rng.pick(MODELS);
        const where = `seed ${seed} step ${step}`;
        const roll = rng.next();
        let kind: string;
        if (roll < 0.18) kind = await stakeStep(rng, model, t, staker, m, where, tally);
        else if (roll < 0.32) kind = await releaseStep(rng, model, ...(rng.chance(0.4) ? withPending(rng, model, t, staker, m) : ([t, staker, m] as [number, LocalAccount, Hex])), where);
        else if (roll < 0.4) kind = await withdrawStep(model, ...withPending(rng, model, t, staker, m), where);
        else if (roll < 0.52) kind = await openStep(model, t, where);
        else if (roll < 0.64) kind = await travelStep(rng, model);
        else kind = await resolveStep(rng, model, where, tally);
        count(tally, kind);
        await checkInvariants(model, where);
      }
      await chain.testClient.revert({ id: snapshot });
    }
    for (const kind of [
      'stake', 'stake while a round is open', 'stake refused: below minimum', 'release', 'release paying out matured', 'release refused: below minimum',
      'withdraw', 'withdraw refused', 'open', 'open refused', 'resolve', 'payout', 'burn on pending', 'base differs from the current stake',
      'resolve refused: NMRStakingRoundNotOpened', 'resolve refused: NMRStakingRoundNotResolvable', 'resolve refused: NMRStakingRoundExpired',
      'resolve refused: NMRStakingPayoutOutOfRange', 'resolve refused: NMRStakingStakeAlreadyResolved'
    ]) {
      expect(tally[kind] ?? 0, `${kind} in ${JSON.stringify(tally)}`).toBeGreaterThanOrEqual(2);
    }
  }, 600_000);

  it('stake / increase / release / withdraw round trips of 6 random sequences return exactly what each staker put in', async () => {
    for (const seed of [101, 102, 103, 104, 105, 106]) {
      const rng = prng(seed);
      const model = new StakingModel(TEST_TIMING);
      const snapshot = await chain.testClient.snapshot();
      const tally: Tally = {};
      for (let step = 0; step < 20; step++) {
        const [t, staker, m] = [rng.pick(TOURNAMENTS), rng.pick(STAKERS), rng.pick(MODELS)];
        const where = `seed ${seed} step ${step}`;
        const roll = rng.next();
        if (roll < 0.45) await stakeStep(rng, model, t, staker, m, where, tally);
        else if (roll < 0.7) await releaseStep(rng, model, t, staker, m, where);
        else if (roll < 0.85) await withdrawStep(model, t, staker, m, where);
        else await chain.travel(rng.bigint(0n, TEST_TIMING.releaseDelay));
        await checkInvariants(model, where);
      }
      // release everything still active, wait out the delay, withdraw everything
      for (const t of TOURNAMENTS) {
        for (const staker of STAKERS) {
          for (const m of MODELS) {
            const { active } = model.get(t, m, staker.address);
            if (active > 0n) {
              const now = await nextTime();
              await chain.mined(chain.staking(staker).write.requestRelease([t, m, active], { gas: GAS }));
              model.requestRelease(t, m, staker.address, active, now);
            }
          }
        }
      }
      await chain.travel(TEST_TIMING.releaseDelay);
      for (const t of TOURNAMENTS) for (const staker of STAKERS) for (const m of MODELS) await withdrawStep(model, t, staker, m, `seed ${seed} final`);
      for (const staker of STAKERS) expect(await chain.token(staker).read.balanceOf([staker.address]), `seed ${seed}`).toBe(START_BALANCE);
      await checkInvariants(model, `seed ${seed} final`);
      expect(model.total()).toBe(0n);
      await chain.testClient.revert({ id: snapshot });
    }
  }, 300_000);
});
