import type { Address, Hash, Hex, PublicClient } from 'viem';
import type { TournamentId } from '../scoring/tournaments';
import type { StakingDeployment } from './deploy';
import { nmrStakingAbi, testNmrAbi } from './generated/contracts';
import { positionKey, type PositionRef } from './positionKey';
import { tournamentOfNumber } from './tournamentNumber';

/** One line of the account's history, from an event. Amounts in wei; `delta` signed. */
export type HistoryItem = {
  blockNumber: bigint;
  logIndex: number;
  txHash: Hash;
} & (
  | { kind: 'faucet'; amount: bigint; nextAllowedAt: bigint }
  | { kind: 'staked'; tournament: TournamentId; modelId: Hex; amount: bigint; newActive: bigint }
  | { kind: 'release-requested'; tournament: TournamentId; modelId: Hex; amount: bigint; releaseAt: bigint }
  | { kind: 'released'; tournament: TournamentId; modelId: Hex; amount: bigint }
  | { kind: 'resolved'; tournament: TournamentId; modelId: Hex; roundId: bigint; atRisk: bigint; delta: bigint }
);

/**
 * The account's FaucetDrip, StakeIncreased, ReleaseRequested, Released and StakeResolved events since the
 * deployment block, newest first; a resolution's tournament is its round's (from RoundOpened).
 */
export async function readHistory(client: PublicClient, deployment: StakingDeployment, account: Address): Promise<HistoryItem[]> {
  const fromBlock = BigInt(deployment.deployBlock);
  const staking = { address: deployment.contracts.nmrStaking, abi: nmrStakingAbi, fromBlock } as const;
  const [drips, stakes, requests, releases, resolutions, openings] = await Promise.all([
    client.getContractEvents({ address: deployment.contracts.testNmr, abi: testNmrAbi, eventName: 'FaucetDrip', args: { to: account }, fromBlock }),
    client.getContractEvents({ ...staking, eventName: 'StakeIncreased', args: { staker: account } }),
    client.getContractEvents({ ...staking, eventName: 'ReleaseRequested', args: { staker: account } }),
    client.getContractEvents({ ...staking, eventName: 'Released', args: { staker: account } }),
    client.getContractEvents({ ...staking, eventName: 'StakeResolved', args: { staker: account } }),
    client.getContractEvents({ ...staking, eventName: 'RoundOpened' })
  ]);
  const roundTournament = new Map(openings.map((l) => [l.args.roundId!, tournamentOfNumber(l.args.tournament!)]));
  const at = (log: { blockNumber: bigint; logIndex: number; transactionHash: Hash }) => ({
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
    txHash: log.transactionHash
  });
  const items: HistoryItem[] = [
    ...drips.map((l) => ({ ...at(l), kind: 'faucet' as const, amount: l.args.amount!, nextAllowedAt: l.args.nextAllowedAt! })),
    ...stakes.map((l) => ({ ...at(l), kind: 'staked' as const, tournament: tournamentOfNumber(l.args.tournament!), modelId: l.args.modelId!, amount: l.args.amount!, newActive: l.args.newActive! })),
    ...requests.map((l) => ({ ...at(l), kind: 'release-requested' as const, tournament: tournamentOfNumber(l.args.tournament!), modelId: l.args.modelId!, amount: l.args.amount!, releaseAt: l.args.releaseAt! })),
    ...releases.map((l) => ({ ...at(l), kind: 'released' as const, tournament: tournamentOfNumber(l.args.tournament!), modelId: l.args.modelId!, amount: l.args.amount! })),
    ...resolutions.map((l) => ({
      ...at(l),
      kind: 'resolved' as const,
      tournament: roundTournament.get(l.args.roundId!) ?? ('numerai' as const),
      modelId: l.args.modelId!,
      roundId: l.args.roundId!,
      atRisk: l.args.atRisk!,
      delta: l.args.delta!
    }))
  ];
  return items.sort((a, b) => (a.blockNumber === b.blockNumber ? b.logIndex - a.logIndex : a.blockNumber > b.blockNumber ? -1 : 1));
}

/** The positions the account ever staked on, oldest first. */
export function stakedPositions(history: readonly HistoryItem[]): PositionRef[] {
  const seen = new Map<string, PositionRef>();
  for (const item of [...history].reverse()) {
    if (item.kind !== 'staked') continue;
    const ref = { tournament: item.tournament, modelId: item.modelId };
    if (!seen.has(positionKey(ref))) seen.set(positionKey(ref), ref);
  }
  return [...seen.values()];
}
