/**
 * The app's bigint payout arithmetic against the real contract: 120 seeded positions (some with locked or matured
 * pending stake) resolved in one `resolveRound` batch on anvil; every StakeResolved event must carry exactly the
 * atRisk and delta that payoutBps + resolutionDelta predicted, and every position must end where predicted.
 */
import { describe, expect, it } from 'vitest';
import { nmrStakingAbi } from '../../../src/lib/staking/generated/contracts';
import { modelIdOf } from '../../../src/lib/staking/modelId';
import { payoutBps } from '../../../src/lib/staking/payoutBps';
import { resolutionDelta, type StakePosition } from '../../../src/lib/staking/resolutionDelta';
import { accounts, eventsOf, TNMR, useStakingChain } from '../../../contracts/test/fixture';

const chain = useStakingChain({ releaseDelay: 100n });

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
    await chain.mined(token.write.approve([chain.deployment.contracts.nmrStaking, amounts.reduce((a, b) => a + b)]));
    for (let i = 0; i < n; i++) await chain.mined(staking.write.stake([models[i], amounts[i]]));
    // a third request a partial release now (locked at resolution); a sixth requested one that has matured
    const t0 = await chain.now();
    for (let i = 0; i < n; i += 6) await chain.mined(staking.write.requestRelease([models[i], amounts[i] / 3n]));
    await chain.mineAt(t0 + 200n);
    for (let i = 3; i < n; i += 6) await chain.mined(staking.write.requestRelease([models[i], amounts[i] / 2n + 1n]));
    for (let i = 1; i < n; i += 3) await chain.mined(staking.write.requestRelease([models[i], amounts[i] / 5n]));

    const resolveAt = (await chain.now()) + 10n;
    const scores = models.map(() => ({ corr: (rnd() - 0.5) * 0.16, mmc: (rnd() - 0.5) * 0.06, totalAtRisk: rnd() < 0.3 ? 150_000 : 0 }));
    const bps = scores.map((s) => payoutBps(s.corr, s.mmc, { totalAtRisk: s.totalAtRisk }).bps);
    const before: StakePosition[] = [];
    for (const id of models) before.push(await staking.read.positionOf([id, alice.address]));
    const predicted = before.map((p, i) => resolutionDelta(p, bps[i], resolveAt));
    expect(bps.some((b) => b < 0n) && bps.some((b) => b > 0n) && bps.some((b) => b === 500n || b === -500n)).toBe(true);

    await chain.nextBlockAt(resolveAt);
    const receipt = await chain.mined(
      chain.staking(accounts.resolver).write.resolveRound([1n, 0n, models.map(() => alice.address), models, bps], { gas: 15_000_000n })
    );
    const events = eventsOf(receipt, nmrStakingAbi, 'StakeResolved');
    expect(events.map((e) => [e.atRisk, e.delta])).toEqual(predicted.map((p) => [p.atRisk, p.delta]));
    for (let i = 0; i < n; i++) {
      const after = await staking.read.positionOf([models[i], alice.address]);
      expect({ active: after.active, pending: after.pending }).toEqual({ active: predicted[i].after.active, pending: predicted[i].after.pending });
    }
  });
});
