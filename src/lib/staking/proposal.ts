import { PlaygroundError } from '../errors';
import { AmountError, parseAmount } from './amount';
import { isModelName } from './modelId';

/**
 * A stake suggested by a notebook payout cell. The notebook only writes it; the Stake page reads it, pre-fills
 * its form and shows a banner, and only the user's click there asks the wallet to sign.
 */
export interface Proposal {
  /** Model name (1–32 letters, digits, `_`, `-`); becomes the bytes32 model id. */
  model: string;
  /** Decimal tNMR, e.g. "10" or "2.5": a string, so no float ever touches the amount. */
  amount: string;
  /** Per-round scores the notebook computed, for the round resolver. */
  scores?: ProposalScore[];
  /** When it was written (ms since epoch); proposals older than a day are ignored. */
  createdAt: number;
}

export interface ProposalScore {
  round: number;
  corr: number;
  mmc: number;
}

/** A proposal that is malformed, or could not be stored. */
export class ProposalError extends PlaygroundError {
  override name = 'ProposalError';
}

/** The storage key; localStorage so the Stake page sees it in a new tab too. */
export const PROPOSAL_KEY = 'numerai-playground:stake-proposal';
/** Where the Stake page shows a proposal. */
export const PROPOSAL_URL = '/stake?proposal=1';
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const MAX_SCORES = 1000;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const defaultStore = (): Store => {
  if (typeof localStorage === 'undefined') throw new ProposalError('There is no localStorage to hand the proposal over.');
  return localStorage;
};

/** Checks untrusted input (it comes from user code or from storage) and returns a clean copy. */
function validate(input: unknown, createdAt: number): Proposal {
  if (typeof input !== 'object' || input === null) throw new ProposalError('A proposal must be an object { model, amount, scores? }.');
  const { model, amount, scores } = input as Record<string, unknown>;
  if (typeof model !== 'string' || !isModelName(model.trim())) {
    throw new ProposalError(`The proposal's model "${String(model)}" is not a model name.`, {
      hints: ['Use 1–32 letters, digits, "_" or "-", e.g. model_a.']
    });
  }
  if (typeof amount !== 'string') {
    throw new ProposalError('The proposal amount must be a decimal string such as "10", never a number.', {
      hints: ['Floats lose precision; write the amount as text.']
    });
  }
  try {
    parseAmount(amount);
  } catch (e) {
    throw new ProposalError(`The proposal amount is invalid: ${e instanceof AmountError ? e.shortMessage : String(e)}`);
  }
  let clean: ProposalScore[] | undefined;
  if (scores !== undefined) {
    if (!Array.isArray(scores) || scores.length > MAX_SCORES) {
      throw new ProposalError(`The proposal scores must be an array of at most ${MAX_SCORES} { round, corr, mmc }.`);
    }
    clean = scores.map((s: unknown, i) => {
      const { round, corr, mmc } = (s ?? {}) as Record<string, unknown>;
      if (typeof round !== 'number' || !Number.isSafeInteger(round) || round < 0) {
        throw new ProposalError(`Score ${i}: round must be a whole number ≥ 0, got ${String(round)}.`);
      }
      if (typeof corr !== 'number' || !Number.isFinite(corr) || typeof mmc !== 'number' || !Number.isFinite(mmc)) {
        throw new ProposalError(`Score ${i} (round ${round}): CORR and MMC must be finite numbers.`);
      }
      return { round, corr, mmc };
    });
  }
  return { model: model.trim(), amount: amount.trim(), ...(clean ? { scores: clean } : {}), createdAt };
}

/**
 * Stores a stake proposal for the Stake page and returns the URL that shows it (`/stake?proposal=1`).
 * Nothing is signed or sent here.
 * @throws {ProposalError} when the proposal is malformed.
 * @example
 * const url = writeProposal({ model: 'model_a', amount: '10', scores: [{ round: 1, corr: 0.02, mmc: 0.005 }] });
 */
export function writeProposal(
  proposal: { model: string; amount: string; scores?: { round: number; corr: number; mmc: number }[] },
  { storage = defaultStore(), now = Date.now() }: { storage?: Store; now?: number } = {}
): string {
  const clean = validate(proposal, now);
  try {
    storage.setItem(PROPOSAL_KEY, JSON.stringify(clean));
  } catch (cause) {
    throw new ProposalError('The proposal could not be stored.', { cause, hints: ['Is site storage blocked or full?'] });
  }
  return PROPOSAL_URL;
}

/**
 * The stored proposal, or null if there is none or it is older than a day.
 * @throws {ProposalError} when what is stored is malformed (it was written by user code).
 */
export function readProposal({ storage = defaultStore(), now = Date.now() }: { storage?: Store; now?: number } = {}): Proposal | null {
  const text = storage.getItem(PROPOSAL_KEY);
  if (!text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProposalError('The stored proposal is not valid JSON.');
  }
  const createdAt = (parsed as { createdAt?: unknown })?.createdAt;
  if (typeof createdAt !== 'number' || now - createdAt > MAX_AGE_MS || createdAt > now + 60_000) return null;
  return validate(parsed, createdAt);
}

/** Forgets the stored proposal (after the user staked it or dismissed it). */
export function clearProposal({ storage = defaultStore() }: { storage?: Store } = {}): void {
  storage.removeItem(PROPOSAL_KEY);
}
