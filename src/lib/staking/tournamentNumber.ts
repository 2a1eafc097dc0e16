import { tournamentIds, type TournamentId } from '../scoring/tournaments';

/**
 * NMRStaking's `Tournament` enum value of a registry tournament: its index in `tournamentIds` (0 the Numerai
 * Tournament, 1 Signals), the order the contract declares them in (checked against the contract's clips on anvil).
 */
export function tournamentNumber(id: TournamentId): number {
  return tournamentIds.indexOf(id);
}

/** The registry tournament of an NMRStaking `Tournament` enum value. */
export function tournamentOfNumber(n: number): TournamentId {
  const id = tournamentIds[n];
  if (!id) throw new RangeError(`NMRStaking has no tournament ${n}.`);
  return id;
}
