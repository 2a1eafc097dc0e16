import { tournaments, type TournamentId } from '../../scoring/tournaments';
import { formatAmount } from '../amount';
import { InsufficientTokenError } from '../errors';
import { nmrStakingAbi, testNmrAbi } from '../generated/contracts';
import { modelIdOf } from '../modelId';
import { signPermit } from '../permit';
import { tournamentNumber } from '../tournamentNumber';
import type { StakingAction } from './StakingAction';

/** How a stake is paid for: an EIP-2612 permit signature (one transaction) or an exact approval first. */
export type StakeMethod = 'permit' | 'approve';

export interface StakeParams {
  tournament: TournamentId;
  /** A model name; becomes the bytes32 model id. */
  model: string;
  /** Wei. */
  amount: bigint;
  method: StakeMethod;
}

/** A permit is valid for 20 minutes of chain time. */
const PERMIT_TTL_S = 20 * 60;

const tokens = (wei: bigint) => `${formatAmount(wei, { maxDecimals: 18 })} tNMR`;
const where = ({ tournament, model }: StakeParams) => `${model.trim()}${tournament === 'numerai' ? '' : ` (${tournaments[tournament].name})`}`;

/**
 * Stakes `amount` on `model` in `tournament`. With `permit`: one EIP-712 signature, then `stakeWithPermit`. With
 * `approve`: `approve(staking, amount)` — exactly the amount, skipped when the allowance already covers it — then
 * `stake`. Refuses, before any wallet prompt, a balance that does not cover the amount.
 */
export const stake: StakingAction<StakeParams> = {
  place: 'stake',
  label: (p) => `Stake ${tokens(p.amount)} on ${where(p)}`,
  steps(p, state) {
    const last = `Stake ${tokens(p.amount)} on ${where(p)}`;
    if (p.method === 'permit') return [`Sign a permit for ${tokens(p.amount)}`, last];
    return (state?.allowance ?? 0n) < p.amount ? [`Approve exactly ${tokens(p.amount)}`, last] : [last];
  },
  async run(ctx, p) {
    const modelId = modelIdOf(p.model);
    const tournament = tournamentNumber(p.tournament);
    const { testNmr, nmrStaking } = ctx.deployment.contracts;
    const client = ctx.publicClient;
    const balance = await client.readContract({ address: testNmr, abi: testNmrAbi, functionName: 'balanceOf', args: [ctx.account] });
    if (balance < p.amount) {
      throw new InsufficientTokenError(`You hold ${tokens(balance)}; staking ${tokens(p.amount)} needs ${tokens(p.amount - balance)} more.`, {
        hints: ['Use the faucet first.']
      });
    }
    if (p.method === 'permit') {
      const wallet = await ctx.walletClient();
      const deadline = BigInt(ctx.now() + PERMIT_TTL_S);
      const sig = await ctx.sign(() => signPermit(wallet, client, { token: testNmr, spender: nmrStaking, value: p.amount, deadline }));
      await ctx.write(() =>
        client.simulateContract({
          address: nmrStaking,
          abi: nmrStakingAbi,
          functionName: 'stakeWithPermit',
          args: [tournament, modelId, p.amount, sig.deadline, sig.v, sig.r, sig.s],
          account: ctx.account
        })
      );
      return;
    }
    const allowance = await client.readContract({ address: testNmr, abi: testNmrAbi, functionName: 'allowance', args: [ctx.account, nmrStaking] });
    if (allowance < p.amount) {
      if ((ctx.state?.allowance ?? 0n) >= p.amount) throw new InsufficientTokenError('The allowance changed meanwhile; try again.');
      await ctx.write(() =>
        client.simulateContract({ address: testNmr, abi: testNmrAbi, functionName: 'approve', args: [nmrStaking, p.amount], account: ctx.account })
      );
      ctx.next();
    }
    await ctx.write(() =>
      client.simulateContract({ address: nmrStaking, abi: nmrStakingAbi, functionName: 'stake', args: [tournament, modelId, p.amount], account: ctx.account })
    );
  }
};

