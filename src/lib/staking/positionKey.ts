import type { Hex } from 'viem';
import type { TournamentId } from '../scoring/tournaments';

/** A position of the connected account: a model in a tournament. */
export interface PositionRef {
  tournament: TournamentId;
  modelId: Hex;
}

/** The key of a position on the page: `numerai:0x…` (a stake names its tournament, so the same model twice differs). */
export function positionKey({ tournament, modelId }: PositionRef): string {
  return `${tournament}:${modelId}`;
}
