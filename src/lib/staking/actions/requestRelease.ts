import { formatAmount } from '../amount';
import { nmrStakingAbi } from '../generated/contracts';
import { modelNameOf } from '../modelId';
import { positionKey, type PositionRef } from '../positionKey';
import { tournamentNumber } from '../tournamentNumber';
import type { StakingAction } from './StakingAction';

/** NMRStaking's `requestRelease`: moves `amount` wei of a position's active stake to pending. */
export const requestRelease: StakingAction<PositionRef & { amount: bigint }> = {
  place: 'position',
  label: (p) => `Request release of ${formatAmount(p.amount, { maxDecimals: 18 })} tNMR from ${modelNameOf(p.modelId)}`,
  subject: positionKey,
  async run(ctx, p) {
    await ctx.write(() =>
      ctx.publicClient.simulateContract({
        address: ctx.deployment.contracts.nmrStaking,
        abi: nmrStakingAbi,
        functionName: 'requestRelease',
        args: [tournamentNumber(p.tournament), p.modelId, p.amount],
        account: ctx.account
      })
    );
  }
};
