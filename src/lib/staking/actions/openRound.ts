import { tournaments, type TournamentId } from '../../scoring/tournaments';
import { nmrStakingAbi } from '../generated/contracts';
import { tournamentNumber } from '../tournamentNumber';
import type { StakingAction } from './StakingAction';

/** NMRStaking's `openRound` (resolver only): the next round of `tournament`. */
export const openRound: StakingAction<{ tournament: TournamentId }> = {
  place: 'openRound',
  label: ({ tournament }) => `Open the next ${tournaments[tournament].name} round`,
  async run(ctx, { tournament }) {
    await ctx.write(() =>
      ctx.publicClient.simulateContract({
        address: ctx.deployment.contracts.nmrStaking,
        abi: nmrStakingAbi,
        functionName: 'openRound',
        args: [tournamentNumber(tournament)],
        account: ctx.account
      })
    );
  }
};
