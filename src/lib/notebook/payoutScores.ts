import { PlaygroundError } from '../errors';
import { tournaments, type TournamentId } from '../scoring/tournaments';
import { isEraScores } from './scoreDisplays';
import { isSignalsScores } from './signalsDisplays';
import type { PayoutConfig } from './types';

/** The two payout scores of one model, per round, from a score cell's value (Tournament per era, Signals per date). */
export function payoutScores(scores: unknown, source: string, model: string, id: TournamentId): { model: string; labels: string[]; first: ArrayLike<number>; second: ArrayLike<number> } {
  const t = tournaments[id];
  const [a, b] = t.payout;
  const signals = id === 'signals';
  const rounds: { labels: string[]; models: Record<string, Record<string, ArrayLike<number> | undefined>> } | null = signals
    ? isSignalsScores(scores) ? { labels: scores.dates, models: Object.fromEntries(Object.entries(scores.models).map(([k, m]) => [k, m.perDate])) } : null
    : isEraScores(scores) ? { labels: scores.eras, models: Object.fromEntries(Object.entries(scores.models).map(([k, m]) => [k, m.perEra])) } : null;
  if (!rounds) {
    throw new PlaygroundError(`"${source}" is not the output of a ${signals ? 'Signals score' : 'score'} cell.`, {
      hints: [signals ? 'Pick a Signals score cell, or switch the payout cell to the Tournament.' : 'Pick a score cell, or switch the payout cell to Signals for Signals scores.']
    });
  }
  const name = model || Object.keys(rounds.models)[0];
  const m = rounds.models[name];
  if (!m) throw new PlaygroundError(`The scores have no model "${name}".`, { hints: [`Models: ${Object.keys(rounds.models).join(', ')}`] });
  const first = m[a.metric];
  const second = m[b.metric];
  if (!first || !second) {
    throw new PlaygroundError(`Payouts need ${a.label} and ${b.label} per ${signals ? 'date' : 'era'}.`, {
      hints: [signals ? 'Give the models stakes in the Signals score cell: MPC needs a meta portfolio.' : 'Score with a meta model (numerai_meta_model) and keep the "corr" and "mmc" metrics.']
    });
  }
  return { model: name, labels: rounds.labels, first, second };
}

/** A tournament's payout weights and threshold in a payout cell's fields (what switching the tournament sets). */
export function tournamentWeights(id: TournamentId): Pick<PayoutConfig, 'corrWeight' | 'mmcWeight' | 'threshold'> {
  const t = tournaments[id];
  return { corrWeight: t.payout[0].weight, mmcWeight: t.payout[1].weight, threshold: t.threshold };
}
