import type { Address, Hex, PublicClient } from 'viem';
import type { StakingDeployment } from './deploy';
import { nmrStakingAbi, testNmrAbi } from './generated/contracts';
import { modelNameOf } from './modelId';
import type { StakePosition } from './resolutionDelta';
import { ROLES } from './roles';

/** NMRStaking's tournament numbers (`Tournament` enum): 0 the Numerai Tournament, 1 Signals. */
export const NUMERAI_TOURNAMENT = 0;

/** One model's position of the connected account. */
export interface PositionRow extends StakePosition {
  modelId: Hex;
  name: string;
  /** The latest round this position was resolved in (0: none). */
  lastResolvedRound: bigint;
  /** Its active stake when the latest round opened: what that round's payout or burn applies to. */
  baseAtLatest: bigint;
}

/** The latest round of the tournament and when it can be resolved (unix seconds). */
export interface RoundInfo {
  roundId: bigint;
  openedAt: bigint;
  resolvableAt: bigint;
  deadline: bigint;
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
  /** Least seconds between two rounds; when the next may open (0: now). */
  roundPeriod: bigint;
  nextRoundAt: bigint;
  /** The latest round opened, if any. */
  latestRound?: RoundInfo;
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
  const staking = { address: nmrStaking, abi: nmrStakingAbi } as const;
  const tournament = NUMERAI_TOURNAMENT;
  const [latestId, resolutionDelay, resolutionWindow] = await Promise.all([
    client.readContract({ ...staking, functionName: 'latestRoundOf', args: [tournament] }),
    client.readContract({ ...staking, functionName: 'resolutionDelay' }),
    client.readContract({ ...staking, functionName: 'resolutionWindow' })
  ]);
  const [block, eth, tnmr, allowance, nextAllowedAt, amount, cooldown, maxBalance, releaseDelay, roundPeriod, nextRoundAt, latest, totalStaked, isResolver, positions] =
    await Promise.all([
      client.getBlock(),
      client.getBalance({ address: account }),
      client.readContract({ ...token, functionName: 'balanceOf', args: [account] }),
      client.readContract({ ...token, functionName: 'allowance', args: [account, nmrStaking] }),
      client.readContract({ ...token, functionName: 'faucetNextAllowedAt', args: [account] }),
      client.readContract({ ...token, functionName: 'faucetAmount' }),
      client.readContract({ ...token, functionName: 'faucetCooldown' }),
      client.readContract({ ...token, functionName: 'faucetMaxBalance' }),
      client.readContract({ ...staking, functionName: 'releaseDelay' }),
      client.readContract({ ...staking, functionName: 'roundPeriod' }),
      client.readContract({ ...staking, functionName: 'nextRoundAt', args: [tournament] }),
      latestId === 0n ? undefined : client.readContract({ ...staking, functionName: 'roundOf', args: [latestId] }),
      client.readContract({ ...staking, functionName: 'totalStaked' }),
      client.readContract({ address: nmrStaking, abi: nmrStakingAbi, functionName: 'hasRole', args: [ROLES.RESOLVER, account] }),
      Promise.all(
        modelIds.map(async (modelId): Promise<PositionRow> => {
          const [position, baseAtLatest] = await Promise.all([
            client.readContract({ ...staking, functionName: 'positionOf', args: [tournament, modelId, account] }),
            latestId === 0n ? 0n : client.readContract({ ...staking, functionName: 'stakeAtRound', args: [latestId, modelId, account] })
          ]);
          return { modelId, name: modelNameOf(modelId), ...position, baseAtLatest };
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
    roundPeriod,
    nextRoundAt,
    ...(latest
      ? {
          latestRound: {
            roundId: latestId,
            openedAt: BigInt(latest.openedAt),
            resolvableAt: BigInt(latest.openedAt) + resolutionDelay,
            deadline: BigInt(latest.openedAt) + resolutionDelay + resolutionWindow
          }
        }
      : {}),
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
