import { testNmrAbi } from '../generated/contracts';
import type { StakingAction } from './StakingAction';

/** TestNMR's `faucet()`: 100 tNMR (testnet default) to the connected account. */
export const faucet: StakingAction<void> = {
  place: 'faucet',
  label: () => 'Get tNMR from the faucet',
  async run(ctx) {
    await ctx.write(() =>
      ctx.publicClient.simulateContract({ address: ctx.deployment.contracts.testNmr, abi: testNmrAbi, functionName: 'faucet', account: ctx.account })
    );
  }
};
