import { parseEventLogs, type Hash, type Hex } from 'viem';
import { tournaments, type TournamentId } from '../../scoring/tournaments';
import { nmrStakingAbi } from '../generated/contracts';
import { modelNameOf } from '../modelId';
import { payoutBps, type PayoutBreakdown } from '../payoutBps';
import { resolutionDelta, type Resolution, type StakePosition } from '../resolutionDelta';
import { tournamentNumber } from '../tournamentNumber';
import type { StakingAction } from './StakingAction';

export interface ResolveParams {
  tournament: TournamentId;
  modelId: Hex;
  roundId: bigint;
  /** The tournament's two payout scores: CORR and MMC, or alpha and MPC. */
  scores: readonly [number, number];
  /** NMR at risk in the whole tournament, for the payout factor. */
  totalAtRisk: number;
}

/** A resolution as it happened: the prediction made before sending, the event, and the position before/after. */
export interface ResolutionReport {
  tournament: TournamentId;
  roundId: bigint;
  batch: bigint;
  modelId: Hex;
  breakdown: PayoutBreakdown;
  /** What the page predicted before sending, from the stake when the round opened. */
  expected: Resolution;
  /** What the contract's StakeResolved event says. */
  event: { atRisk: bigint; delta: bigint };
  before: StakePosition;
  after: StakePosition;
  hash: Hash;
}

/**
 * Resolves round `roundId` for the connected account's position on `modelId` with the basis points the tournament's
 * rule gives for `scores` (see {@link payoutBps}), in the first free batch of that round, after predicting the
 * change from the stake at the round's opening (`stakeAtRound`) with {@link resolutionDelta}.
 */
export const resolveRound: StakingAction<ResolveParams, ResolutionReport> = {
  place: 'resolve',
  label: (p) => `Resolve ${tournaments[p.tournament].name} round ${p.roundId} for ${modelNameOf(p.modelId)}`,
  async run(ctx, p) {
    const breakdown = payoutBps(p.scores[0], p.scores[1], { totalAtRisk: p.totalAtRisk, tournament: p.tournament });
    const client = ctx.publicClient;
    const staking = { address: ctx.deployment.contracts.nmrStaking, abi: nmrStakingAbi } as const;
    const tournament = tournamentNumber(p.tournament);
    const round = await client.readContract({ ...staking, functionName: 'roundOf', args: [p.roundId] });
    let batch = BigInt(round.resolvedBatches);
    while (await client.readContract({ ...staking, functionName: 'roundBatchResolved', args: [p.roundId, batch] })) batch++;
    const [before, base] = await Promise.all([
      client.readContract({ ...staking, functionName: 'positionOf', args: [tournament, p.modelId, ctx.account] }),
      client.readContract({ ...staking, functionName: 'stakeAtRound', args: [p.roundId, p.modelId, ctx.account] })
    ]);
    const expected = resolutionDelta(before, base, breakdown.bps, BigInt(ctx.now()));
    const receipt = await ctx.write(() =>
      client.simulateContract({
        ...staking,
        functionName: 'resolveRound',
        args: [p.roundId, batch, [ctx.account], [p.modelId], [breakdown.bps]],
        account: ctx.account
      })
    );
    const [event] = parseEventLogs({ abi: nmrStakingAbi, logs: receipt.logs, eventName: 'StakeResolved' });
    const after = await client.readContract({ ...staking, functionName: 'positionOf', args: [tournament, p.modelId, ctx.account] });
    return {
      tournament: p.tournament,
      roundId: p.roundId,
      batch,
      modelId: p.modelId,
      breakdown,
      expected,
      event: { atRisk: event.args.atRisk, delta: event.args.delta },
      before: { active: before.active, pending: before.pending, releaseAt: before.releaseAt },
      after: { active: after.active, pending: after.pending, releaseAt: after.releaseAt },
      hash: receipt.transactionHash
    };
  }
};
