import type { Address, Hex, PublicClient } from 'viem';
import type { StakingDeployment } from './deploy';
import { nmrStakingAbi, testNmrAbi } from './generated/contracts';
import { modelNameOf } from './modelId';
import type { StakePosition } from './resolutionDelta';
import { ROLES } from './roles';

/** One model's position of the connected account, with what a resolution would apply basis points to. */
export interface PositionRow extends StakePosition {
  modelId: Hex;
  name: string;
  /** `active`: the base of a payout. */
  payoutBase: bigint;
  /** `active` plus pending still locked: the base of a burn. */
  burnBase: bigint;
}

/** Everything the Stake page shows about one account on one deployment, read in one go. */
export interface StakingState {
  chainId: number;
  account: Address;
  /** ETH for gas, wei. */
  eth: bigint;
  tnmr: bigint;
  /** What NMRStaking may pull from the account, wei. */
  allowance: bigint;
  faucet: { amount: bigint; cooldown: bigint; maxBalance: bigint; nextAllowedAt: bigint };
  releaseDelay: bigint;
  totalStaked: bigint;
  isResolver: boolean;
  /** Latest block time, unix seconds. */
  blockTime: bigint;
  /** Wall-clock ms when read, to extrapolate chain time ({@link chainNow}). */
  readAt: number;
  positions: PositionRow[];
}

/**
 * Reads balances, allowance, faucet state, roles and the positions on `modelIds` (plain calls in parallel: anvil
 * and the practice chain have no multicall contract).
 */
export async function readStakingState(
  client: PublicClient,
  deployment: StakingDeployment,
  account: Address,
  modelIds: readonly Hex[]
): Promise<StakingState> {
  const { testNmr, nmrStaking } = deployment.contracts;
  const token = { address: testNmr, abi: testNmrAbi } as const;
  const [block, eth, tnmr, allowance, nextAllowedAt, amount, cooldown, maxBalance, releaseDelay, totalStaked, isResolver, positions] =
    await Promise.all([
      client.getBlock(),
      client.getBalance({ address: account }),
      client.readContract({ ...token, functionName: 'balanceOf', args: [account] }),
      client.readContract({ ...token, functionName: 'allowance', args: [account, nmrStaking] }),
      client.readContract({ ...token, functionName: 'faucetNextAllowedAt', args: [account] }),
      client.readContract({ ...token, functionName: 'faucetAmount' }),
      client.readContract({ ...token, functionName: 'faucetCooldown' }),
      client.readContract({ ...token, functionName: 'faucetMaxBalance' }),
      client.readContract({ address: nmrStaking, abi: nmrStakingAbi, functionName: 'releaseDelay' }),
      client.readContract({ address: nmrStaking, abi: nmrStakingAbi, functionName: 'totalStaked' }),
      client.readContract({ address: nmrStaking, abi: nmrStakingAbi, functionName: 'hasRole', args: [ROLES.RESOLVER, account] }),
      Promise.all(
        modelIds.map(async (modelId): Promise<PositionRow> => {
          const [position, [payoutBase, burnBase]] = await Promise.all([
            client.readContract({ address: nmrStaking, abi: nmrStakingAbi, functionName: 'positionOf', args: [modelId, account] }),
            client.readContract({ address: nmrStaking, abi: nmrStakingAbi, functionName: 'atRiskOf', args: [modelId, account] })
          ]);
          return {
            modelId,
            name: modelNameOf(modelId),
            active: position.active,
            pending: position.pending,
            releaseAt: position.releaseAt,
            payoutBase,
            burnBase
          };
        })
      )
    ]);
  return {
    chainId: deployment.chainId,
    account,
    eth,
    tnmr,
    allowance,
    faucet: { amount, cooldown, maxBalance, nextAllowedAt },
    releaseDelay,
    totalStaked,
    isResolver,
    blockTime: block.timestamp,
    readAt: Date.now(),
    positions
  };
}

/**
 * The chain's current time in unix seconds, from the latest block read and the wall clock: wall time, unless the
 * chain is ahead of it (anvil after `evm_increaseTime`), then the block time plus the seconds since the read.
 */
export function chainNow(state: Pick<StakingState, 'blockTime' | 'readAt'> | undefined, wallMs = Date.now()): number {
  const wall = Math.floor(wallMs / 1000);
  if (!state) return wall;
  const ahead = Number(state.blockTime) - Math.floor(state.readAt / 1000);
  return wall + Math.max(0, ahead);
}
