/**
 * Gas per resolved position, measured on anvil: a batch's gasUsed divided by its positions. For first resolutions,
 * and for the steady state at the longest horizon the contract accepts (14 rounds per horizon): rounds of both
 * tournaments opened every second, each resolved at its deadline, so that a resolution looks back past every
 * checkpoint made meanwhile — including, in the last case, a top-up after every round opening. Each figure is
 * printed (`gas: …`) and must stay under 50k.
 */
import { describe, expect, it } from 'vitest';
import { parseEventLogs, type Hex } from 'viem';
import { nmrStakingAbi } from '../../src/lib/staking/generated/contracts';
import { accounts, modelId, NUMERAI, SIGNALS, TNMR, useStakingChain } from './fixture';

/** A round every second, resolvable from 4 s to 14 s after opening: 14 rounds per horizon, the most allowed. */
const LONGEST = { roundPeriod: 1n, resolutionDelay: 4n, resolutionWindow: 10n, releaseDelay: 14n };
const chain = useStakingChain({ timing: LONGEST });
const { alice, resolver } = accounts;
const LIMIT = 50_000n;

async function stakeOn(ids: Hex[], amount = TNMR) {
  await chain.mined(chain.token(alice).write.approve([chain.deployment.contracts.nmrStaking, BigInt(ids.length) * amount + 1n]));
  const gas = [];
  for (const id of ids) gas.push((await chain.mined(chain.staking(alice).write.stake([NUMERAI, id, amount]))).gasUsed);
  return gas;
}

async function resolveAll(roundId: bigint, ids: Hex[], bps: bigint) {
  const args = [roundId, 0n, ids.map(() => alice.address), ids, ids.map(() => bps)] as const;
  const { gasUsed } = await chain.mined(chain.staking(resolver).write.resolveRound(args, { gas: 25_000_000n }));
  return gasUsed / BigInt(ids.length);
}

/** Gives the next transaction the next second, so that every round opens as early as the contract allows. */
const tick = async () => chain.nextBlockAt((await chain.now()) + 1n);

/**
 * Each step mines one block, one second after the last, holding a Tournament and a Signals round's opening (and,
 * with `topUp`, a 1-wei stake on every position); every Tournament round is resolved at its deadline, alternating
 * burns and payouts. Returns the worst gas per position and the number of rounds resolved.
 */
async function steadyState(ids: Hex[], steps: number, { topUp = false } = {}) {
  const opened: { roundId: bigint; deadline: bigint }[] = [];
  const resolverStaking = chain.staking(resolver);
  let worst = 0n;
  let resolved = 0;
  for (let step = 0; step < steps; step++) {
    await chain.testClient.setAutomine(false);
    const hashes = [
      await resolverStaking.write.openRound([NUMERAI], { gas: 200_000n }),
      await resolverStaking.write.openRound([SIGNALS], { gas: 200_000n }),
      ...(topUp ? await Promise.all(ids.map(async (id, i) => chain.staking(alice).write.stake([NUMERAI, id, 1n], { gas: 300_000n, nonce: (await chain.publicClient.getTransactionCount({ address: alice.address })) + i }))) : [])
    ];
    await tick();
    await chain.testClient.mine({ blocks: 1 });
    await chain.testClient.setAutomine(true);
    const [opening] = await Promise.all(hashes.map((hash) => chain.mined(hash)));
    const [event] = parseEventLogs({ abi: nmrStakingAbi, logs: opening.logs, eventName: 'RoundOpened' });
    opened.push({ roundId: event.args.roundId, deadline: event.args.deadline });
    while (resolved < opened.length && opened[resolved].deadline <= (await chain.now()) + 1n) {
      await chain.nextBlockAt(opened[resolved].deadline);
      const gas = await resolveAll(opened[resolved].roundId, ids, resolved % 2 === 0 ? -500n : 500n);
      if (gas > worst) worst = gas;
      resolved++;
    }
  }
  return { worst, resolved };
}

describe('NMRStaking gas per resolved position', () => {
  it('a first resolution of 100 fresh positions uses under 50k gas per position (burn and payout)', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => modelId(`gas-${i}`));
    const [firstStake] = await stakeOn(ids);
    const { gasUsed: topUp } = await chain.mined(chain.staking(alice).write.stake([NUMERAI, ids[0], 1n])); // (approved above)
    const first = await chain.openRound();
    const second = await chain.openRound(SIGNALS);
    await chain.mineAt(first.resolvableAt);
    const burn = await resolveAll(first.roundId, ids, -250n);
    await chain.travel(1n);
    const third = await chain.openRound();
    await chain.mineAt(third.resolvableAt);
    const payout = await resolveAll(third.roundId, ids, 250n);
    console.log(`gas: first resolutions of 100 positions: burn ${burn}/position, then payout ${payout}/position (round ${second.roundId} between)`);
    console.log(`gas: a position's first stake ${firstStake}, a later stake ${topUp}`);
    expect(burn).toBeLessThan(LIMIT);
    expect(payout).toBeLessThan(LIMIT);
    expect(burn).toBeGreaterThan(10_000n); // each position reads and writes its slot and a checkpoint: not a no-op
  });

  it('in the steady state at the longest horizon (both tournaments opening every second, each round resolved at its deadline) it stays under 50k', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => modelId(`steady-${i}`));
    await stakeOn(ids);
    const { worst, resolved } = await steadyState(ids, 110);
    expect(resolved).toBeGreaterThan(70); // many times round the ring of 16 checkpoints
    console.log(`gas: steady state, 20 positions, ${resolved} rounds resolved at their deadline: worst ${worst}/position`);
    expect(worst).toBeLessThan(LIMIT);
  }, 300_000);

  it('with a top-up after every round opening (a checkpoint at every round id, the deepest look-back) it stays under 50k', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => modelId(`deep-${i}`));
    await stakeOn(ids);
    await chain.mined(chain.token(alice).write.approve([chain.deployment.contracts.nmrStaking, 10n ** 6n]));
    const { worst, resolved } = await steadyState(ids, 60, { topUp: true });
    expect(resolved).toBeGreaterThan(20);
    console.log(`gas: top-up after every opening, 10 positions, ${resolved} rounds resolved at their deadline: worst ${worst}/position`);
    expect(worst).toBeLessThan(LIMIT);
  }, 300_000);
});
