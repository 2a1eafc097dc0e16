import type { Address, PublicClient } from 'viem';
import { tournamentIds, type TournamentId } from '../scoring/tournaments';
import type { StakingDeployment } from './deploy';
import { nmrStakingAbi, testNmrAbi } from './generated/contracts';
import { modelNameOf } from './modelId';
import { positionKey, type PositionRef } from './positionKey';
import type { StakePosition } from './resolutionDelta';
import { ROLES } from './roles';
import { tournamentNumber } from './tournamentNumber';

/** One position of the connected account (a model in a tournament). */
export interface PositionRow extends StakePosition, PositionRef {
  /** {@link positionKey}. */
  key: string;
  name: string;
  /** The latest round this position was resolved in (0: none). */
  lastResolvedRound: bigint;
  /** Its active stake when its tournament's latest round opened: what that round's payout or burn applies to. */
  baseAtLatest: bigint;
}

/** A round and when it can be resolved (unix seconds). */
export interface RoundInfo {
  roundId: bigint;
  openedAt: bigint;
  resolvableAt: bigint;
  deadline: bigint;
}

/** One tournament's rounds: the latest opened, and when the next may open (0: now). */
export interface TournamentRounds {
  latest?: RoundInfo;
  nextRoundAt: bigint;
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
  /** Least active stake of a position, wei. */
  minStake: bigint;
  rounds: Record<TournamentId, TournamentRounds>;
  totalStaked: bigint;
  isResolver: boolean;
  /** Latest block time, unix seconds. */
  blockTime: bigint;
  /** Wall-clock ms when read, to extrapolate chain time ({@link chainNow}). */
  readAt: number;
  positions: PositionRow[];
}

/**
 * Reads balances, allowance, faucet state, timing, each tournament's rounds, roles and the positions `refs` (plain
 * calls in parallel: anvil and the practice chain have no multicall contract).
 */
export async function readStakingState(
  client: PublicClient,
  deployment: StakingDeployment,
  account: Address,
  refs: readonly PositionRef[]
): Promise<StakingState> {
  const { testNmr, nmrStaking } = deployment.contracts;
  const token = { address: testNmr, abi: testNmrAbi } as const;
  const staking = { address: nmrStaking, abi: nmrStakingAbi } as const;
  const [block, eth, tnmr, allowance, nextAllowedAt, amount, cooldown, maxBalance, releaseDelay, minStake, resolutionDelay, resolutionWindow, totalStaked, isResolver] =
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
      client.readContract({ ...staking, functionName: 'minStake' }),
      client.readContract({ ...staking, functionName: 'resolutionDelay' }),
      client.readContract({ ...staking, functionName: 'resolutionWindow' }),
      client.readContract({ ...staking, functionName: 'totalStaked' }),
      client.readContract({ ...staking, functionName: 'hasRole', args: [ROLES.RESOLVER, account] })
    ]);
  const roundsOf = async (tournament: TournamentId): Promise<TournamentRounds> => {
    const n = tournamentNumber(tournament);
    const [latestId, nextRoundAt] = await Promise.all([
      client.readContract({ ...staking, functionName: 'latestRoundOf', args: [n] }),
      client.readContract({ ...staking, functionName: 'nextRoundAt', args: [n] })
    ]);
    if (latestId === 0n) return { nextRoundAt };
    const round = await client.readContract({ ...staking, functionName: 'roundOf', args: [latestId] });
    const openedAt = BigInt(round.openedAt);
    const resolvableAt = openedAt + resolutionDelay;
    return { nextRoundAt, latest: { roundId: latestId, openedAt, resolvableAt, deadline: resolvableAt + resolutionWindow } };
  };
  const roundList = await Promise.all(tournamentIds.map(roundsOf));
  const rounds = Object.fromEntries(tournamentIds.map((id, i) => [id, roundList[i]])) as Record<TournamentId, TournamentRounds>;
  const positions = await Promise.all(
    refs.map(async ({ tournament, modelId }): Promise<PositionRow> => {
      const latest = rounds[tournament].latest;
      const [position, baseAtLatest] = await Promise.all([
        client.readContract({ ...staking, functionName: 'positionOf', args: [tournamentNumber(tournament), modelId, account] }),
        latest ? client.readContract({ ...staking, functionName: 'stakeAtRound', args: [latest.roundId, modelId, account] }) : 0n
      ]);
      return { key: positionKey({ tournament, modelId }), tournament, modelId, name: modelNameOf(modelId), ...position, baseAtLatest };
    })
  );
  return {
    chainId: deployment.chainId,
    account,
    eth,
    tnmr,
    allowance,
    faucet: { amount, cooldown, maxBalance, nextAllowedAt },
    releaseDelay,
    minStake,
    rounds,
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

