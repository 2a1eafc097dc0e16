/**
 * The app's bigint payout arithmetic against the real contract: 120 seeded positions (some with stake added or
 * released after the round opened, some with locked or matured pending stake) resolved in one `resolveRound` batch
 * on anvil; every StakeResolved event must carry exactly the atRisk and delta that payoutBps + resolutionDelta
 * predicted from the stake at the round's opening, and every position must end where predicted.
 */
import { describe, expect, it } from 'vitest';
import { nmrStakingAbi } from '../../../src/lib/staking/generated/contracts';
import { modelIdOf } from '../../../src/lib/staking/modelId';
import { payoutBps } from '../../../src/lib/staking/payoutBps';
import { resolutionDelta, type StakePosition } from '../../../src/lib/staking/resolutionDelta';
import { accounts, eventsOf, NUMERAI, TEST_TIMING, TNMR, useStakingChain } from '../../../contracts/test/fixture';
import { tournamentIds, tournaments } from '../../../src/lib/scoring/tournaments';
import { tournamentNumber, tournamentOfNumber } from '../../../src/lib/staking/tournamentNumber';

const chain = useStakingChain();

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('payout bps on chain', () => {
  it('payoutBps + resolutionDelta equal the contract to the wei on 120 seeded cases', async () => {
    const rnd = random(2024);
    const alice = accounts.alice;
    const token = chain.token(alice);
    const staking = chain.staking(alice);
    const n = 120;
    const models = Array.from({ length: n }, (_, i) => modelIdOf(`m${i}`));
    const amounts = models.map(() => BigInt(Math.floor(rnd() * 50 * 1e6)) * (TNMR / 1_000_000n) + BigInt(Math.floor(rnd() * 1e9)) + 1n);
    await chain.mined(token.write.approve([chain.deployment.contracts.nmrStaking, 2n * amounts.reduce((a, b) => a + b)]));
    for (let i = 0; i < n; i++) await chain.mined(staking.write.stake([NUMERAI, models[i], amounts[i]]));
    // a sixth requested a partial release long ago (matured by the resolution); a sixth just before the round opens
    for (let i = 0; i < n; i += 6) await chain.mined(staking.write.requestRelease([NUMERAI, models[i], amounts[i] / 3n]));
    await chain.travel(TEST_TIMING.releaseDelay);
    for (let i = 3; i < n; i += 6) await chain.mined(staking.write.requestRelease([NUMERAI, models[i], amounts[i] / 2n + 1n]));
    const round = await chain.openRound(NUMERAI);
    const atOpening: StakePosition[] = [];
    for (const id of models) atOpening.push(await staking.read.positionOf([NUMERAI, id, alice.address]));
    // after the opening: a third release part of their stake (still burnable), a fifth add stake (earns nothing)
    for (let i = 1; i < n; i += 3) await chain.mined(staking.write.requestRelease([NUMERAI, models[i], amounts[i] / 5n]));
    for (let i = 2; i < n; i += 5) await chain.mined(staking.write.stake([NUMERAI, models[i], amounts[i]]));

    const resolveAt = round.resolvableAt + 10n;
    const scores = models.map(() => ({ corr: (rnd() - 0.5) * 0.16, mmc: (rnd() - 0.5) * 0.06, totalAtRisk: rnd() < 0.3 ? 150_000 : 0 }));
    const bps = scores.map((s) => payoutBps(s.corr, s.mmc, { totalAtRisk: s.totalAtRisk }).bps);
    const before: StakePosition[] = [];
    for (const id of models) before.push(await staking.read.positionOf([NUMERAI, id, alice.address]));
    const predicted = before.map((p, i) => resolutionDelta(p, atOpening[i].active, bps[i], resolveAt));
    expect(bps.some((b) => b < 0n) && bps.some((b) => b > 0n) && bps.some((b) => b === 500n || b === -500n)).toBe(true);
    expect(predicted.some((p, i) => p.atRisk !== before[i].active)).toBe(true);

    await chain.nextBlockAt(resolveAt);
    const receipt = await chain.mined(
      chain.staking(accounts.resolver).write.resolveRound([round.roundId, 0n, models.map(() => alice.address), models, bps], { gas: 15_000_000n })
    );
    const events = eventsOf(receipt, nmrStakingAbi, 'StakeResolved');
    expect(events.map((e) => [e.atRisk, e.delta])).toEqual(predicted.map((p) => [p.atRisk, p.delta]));
    for (let i = 0; i < n; i++) {
      const after = await staking.read.positionOf([NUMERAI, models[i], alice.address]);
      expect({ active: after.active, pending: after.pending }).toEqual({ active: predicted[i].after.active, pending: predicted[i].after.pending });
    }
  });

  it('the registry\'s tournaments map onto NMRStaking\'s Tournament enum with the same clips', async () => {
    for (const id of tournamentIds) {
      expect(await chain.staking(accounts.alice).read.maxPayoutBps([tournamentNumber(id)])).toBe(BigInt(tournaments[id].clipBps));
      expect(tournamentOfNumber(tournamentNumber(id))).toBe(id);
    }
    expect(() => tournamentOfNumber(2)).toThrow('NMRStaking has no tournament 2.');
  });
});
