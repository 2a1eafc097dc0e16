import { nmrStakingAbi } from '../generated/contracts';
import { modelNameOf } from '../modelId';
import { positionKey, type PositionRef } from '../positionKey';
import { tournamentNumber } from '../tournamentNumber';
import type { StakingAction } from './StakingAction';

/** NMRStaking's `withdrawReleased`: sends a position's matured pending stake back. */
export const withdraw: StakingAction<PositionRef> = {
  place: 'position',
  label: (p) => `Withdraw the released stake of ${modelNameOf(p.modelId)}`,
  subject: positionKey,
  async run(ctx, p) {
    await ctx.write(() =>
      ctx.publicClient.simulateContract({
        address: ctx.deployment.contracts.nmrStaking,
        abi: nmrStakingAbi,
        functionName: 'withdrawReleased',
        args: [tournamentNumber(p.tournament), p.modelId],
        account: ctx.account
      })
    );
  }
};
