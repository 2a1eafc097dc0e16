/**
 * The invariant a stolen resolver key cannot break: it moves at most the clip per round period. A compromised
 * resolver is driven as fast as the chain allows (time travel straight to every moment it may act): it opens a round
 * of each tournament the second the previous one is a period old, resolves every round the second it becomes
 * resolvable at the full clip (all burns, or all payouts), and meanwhile tries everything the contract must refuse.
 * Every resolution is checked against the reference model, and against the bound: |delta| ≤ clip × the stake the
 * position held when the round opened.
 */
import { describe, expect, it } from 'vitest';
import type { Hex, LocalAccount } from 'viem';
import { nmrStakingAbi } from '../../src/lib/staking/generated/contracts';
import { accounts, eventsOf, modelId, NUMERAI, revertOf, SIGNALS, TEST_TIMING, TNMR, useStakingChain } from './fixture';
import { stakingHelpers } from './helpers';
import { CLIP_BPS, isModelError, StakingModel, type ModelError } from './reference';

const chain = useStakingChain();
const { stake } = stakingHelpers(chain);
const { alice, bob, carol, resolver } = accounts;
const M1 = modelId('model-one');
const M2 = modelId('model-two');
const DAYS = 40n;
const GAS = 3_000_000n;

interface Victim {
  who: LocalAccount;
  model: Hex;
  tournament: number;
}
const VICTIMS: Victim[] = [
  { who: alice, model: M1, tournament: NUMERAI },
  { who: bob, model: M1, tournament: SIGNALS },
  { who: carol, model: M2, tournament: NUMERAI } // releases everything right after the first round opens
];

async function refused(call: () => Promise<unknown>): Promise<ModelError | undefined> {
  const error = await call().then(() => undefined, (e: unknown) => e);
  return revertOf(error);
}

/** Runs the attack for DAYS days of chain time with payouts of `sign` × clip; returns what it observed. */
async function attack(sign: 1n | -1n) {
  const model = new StakingModel(TEST_TIMING);
  for (const v of VICTIMS) {
    await stake(v.who, v.model, 1_000n * TNMR, v.tournament);
    model.stake(v.tournament, v.model, v.who.address, 1_000n * TNMR);
  }
  const staking = chain.staking(resolver);
  const start = (await chain.now()) + 1n;
  const openedAt: bigint[][] = [[], []];
  const resolved = new Set<bigint>();
  const refusals: Record<string, number> = {};
  let carolReleased = false;
  let now = start;
  const at = async () => {
    now = (await chain.now()) + 1n;
    await chain.nextBlockAt(now);
    return now;
  };
  while (now < start + DAYS * 86_400n) {
    for (const t of [NUMERAI, SIGNALS]) {
      if (model.nextRoundAt(t) > (await chain.now()) + 1n) continue;
      const id = model.openRound(t, await at());
      await chain.mined(staking.write.openRound([t], { gas: GAS }));
      openedAt[t].push(now);
      // at once again: refused
      const again = await refused(() => staking.simulate.openRound([t]));
      expect(again).toEqual(model.openRound(t, now));
      refusals[again!.errorName] = (refusals[again!.errorName] ?? 0) + 1;
      if (t === NUMERAI && !carolReleased) {
        await at();
        await chain.mined(chain.staking(carol).write.requestRelease([NUMERAI, M2, 1_000n * TNMR], { gas: GAS }));
        model.requestRelease(NUMERAI, M2, carol.address, 1_000n * TNMR, now);
        carolReleased = true;
        expect(id).toBe(1n);
      }
    }
    for (const [roundId, round] of model.rounds) {
      const { resolvableAt, deadline } = model.window(roundId);
      const latest = await chain.now();
      if (resolved.has(roundId) || latest + 1n < resolvableAt || latest + 1n > deadline) continue;
      await chain.mineAt(latest + 1n); // calls below run at a time the round is resolvable
      const victims = VICTIMS.filter((v) => v.tournament === round.tournament);
      const clip = CLIP_BPS[round.tournament];
      const entries = victims.map((v) => ({ staker: v.who.address, modelId: v.model, bps: sign * clip }));
      const args = (batch: bigint, bps: bigint) => [roundId, batch, entries.map((e) => e.staker), entries.map((e) => e.modelId), entries.map(() => bps)] as const;
      // one basis point past the clip: refused
      const past = await refused(() => staking.simulate.resolveRound(args(0n, sign * (clip + 1n))));
      expect(past).toEqual({ errorName: 'NMRStakingPayoutOutOfRange', args: [0n, sign * (clip + 1n), clip] });
      refusals[past!.errorName] = (refusals[past!.errorName] ?? 0) + 1;
      const bases = victims.map((v) => model.stakeAt(round.tournament, v.model, v.who.address, roundId));
      const predicted = model.resolve(roundId, 0n, entries, await at());
      if (isModelError(predicted)) throw new Error(`model refused round ${roundId}: ${predicted.errorName}`);
      const receipt = await chain.mined(staking.write.resolveRound(args(0n, sign * clip), { gas: GAS }));
      const events = eventsOf(receipt, nmrStakingAbi, 'StakeResolved');
      expect(events.map((e) => ({ atRisk: e.atRisk, delta: e.delta }))).toEqual(predicted);
      events.forEach((e, i) => {
        expect(e.atRisk).toBe(bases[i]); // the stake when the round opened
        const abs = e.delta < 0n ? -e.delta : e.delta;
        expect(abs * 10_000n <= e.atRisk * clip, `round ${roundId}: |${e.delta}| > clip of ${e.atRisk}`).toBe(true);
      });
      resolved.add(roundId);
      // the same positions again, in another batch: refused
      const twice = await refused(() => staking.simulate.resolveRound(args(1n, sign * clip)));
      expect(twice?.errorName).toBe('NMRStakingStakeAlreadyResolved');
      refusals[twice!.errorName] = (refusals[twice!.errorName] ?? 0) + 1;
    }
    // rounds that were never opened, or are not resolvable yet: refused
    const entry = [[alice.address], [M1], [sign * 500n]] as const;
    for (const roundId of [model.latestRoundId + 1n, model.latestRoundId + 90n, model.latestRoundId]) {
      const error = await refused(() => staking.simulate.resolveRound([roundId, 7n, ...entry]));
      expect(error?.errorName).toMatch(/NMRStakingRoundNotOpened|NMRStakingRoundNotResolvable|NMRStakingPayoutOutOfRange|NMRStakingStakeAlreadyResolved/);
      refusals[error!.errorName] = (refusals[error!.errorName] ?? 0) + 1;
    }
    // jump to the next moment the resolver can act
    const latest = await chain.now();
    const next = [
      model.nextRoundAt(NUMERAI),
      model.nextRoundAt(SIGNALS),
      ...[...model.rounds.keys()].filter((id) => !resolved.has(id)).map((id) => model.window(id).resolvableAt)
    ].filter((t) => t > latest + 1n);
    const target = next.reduce((a, b) => (a < b ? a : b)) - 1n;
    await chain.mineAt(target > latest ? target : latest + 1n);
    now = (await chain.now()) + 1n;
  }
  return { model, openedAt, resolved, refusals, elapsed: now - start };
}

describe('NMRStaking under a compromised resolver key, driven as fast as the chain allows', () => {
  for (const sign of [-1n, 1n] as const) {
    it(`at ${sign < 0n ? 'full burns' : 'full payouts'} for 40 days, every position moves at most its tournament's clip of its stake at the round's opening, one round per period`, async () => {
      const { model, openedAt, resolved, refusals, elapsed } = await attack(sign);
      const period = TEST_TIMING.roundPeriod;
      for (const t of [NUMERAI, SIGNALS]) {
        // rounds opened exactly one period apart: as fast as allowed, and no faster
        const gaps = openedAt[t].slice(1).map((time, i) => time - openedAt[t][i]);
        expect(gaps.every((g) => g >= period)).toBe(true);
        expect(BigInt(openedAt[t].length)).toBeLessThanOrEqual(elapsed / period + 1n);
        expect(openedAt[t].length).toBeGreaterThanOrEqual(Number(DAYS) - 1);
      }
      // every round that became resolvable was resolved, and each victim at most once per round
      expect(resolved.size).toBeGreaterThan(2 * (Number(DAYS) - 3));
      for (const v of VICTIMS) {
        const onChain = await chain.staking(alice).read.positionOf([v.tournament, v.model, v.who.address]);
        expect(onChain).toEqual(model.get(v.tournament, v.model, v.who.address));
      }
      for (const name of ['NMRStakingRoundTooSoon', 'NMRStakingPayoutOutOfRange', 'NMRStakingStakeAlreadyResolved', 'NMRStakingRoundNotOpened', 'NMRStakingRoundNotResolvable']) {
        expect(refusals[name] ?? 0, `${name} in ${JSON.stringify(refusals)}`).toBeGreaterThan(10);
      }
      const value = (v: Victim) => {
        const p = model.get(v.tournament, v.model, v.who.address);
        return p.active + p.pending;
      };
      const [a, b, c] = VICTIMS.map(value);
      const pct = (x: bigint) => `${Number((x * 10_000n) / (1_000n * TNMR)) / 100}%`;
      console.log(`resolver attack (${sign < 0n ? 'burns' : 'payouts'}), ${DAYS} days, ${resolved.size} rounds: Tournament position at ${pct(a)}, Signals at ${pct(b)}, released-after-opening at ${pct(c)}`);
      if (sign < 0n) {
        // carol released everything right after round 1 opened: round 1 still burned 5% of it, later rounds nothing
        expect(c).toBe(950n * TNMR);
        expect(a).toBeGreaterThan(0n);
      } else {
        expect(c).toBeGreaterThan(1_000n * TNMR);
      }
    }, 600_000);
  }
});
