import type { Hex } from 'viem';
import { formatAmount } from './amount';
import { modelNameOf } from './modelId';
import { ROLES } from './roles';

/** How sentences render times and amounts; injectable so tests are deterministic. */
export interface SentenceContext {
  /** A unix time in seconds as the user reads it, e.g. "14:02" or "3 Mar, 14:02". */
  formatTime(unixSeconds: bigint): string;
}

type Args = readonly unknown[];
type Sentence = (args: Args, ctx: SentenceContext) => string;

const tnmr = (wei: unknown) => `${formatAmount(wei as bigint)} tNMR`;
const model = (id: unknown) => modelNameOf(id as Hex);
const short = (address: unknown) => {
  const a = String(address);
  return a.length > 12 ? `${a.slice(0, 6)}…${a.slice(-4)}` : a;
};
const roleName = (role: unknown) =>
  (Object.entries(ROLES).find(([, id]) => id === role)?.[0] ?? String(role)).toLowerCase().replace('_', ' ');

/**
 * One plain sentence per custom error of TestNMR and NMRStaking (their own and the OpenZeppelin ones they
 * inherit), keyed by error name, built from the decoded arguments.
 */
export const errorSentences: Record<string, Sentence> = {
  // TestNMR
  TestNMRFaucetCooldown: ([next], c) => `The faucet is cooling down until ${c.formatTime(next as bigint)}.`,
  TestNMRFaucetBalanceTooHigh: ([balance, cap]) =>
    `You already hold ${tnmr(balance)}; the faucet only drips below ${tnmr(cap)}.`,
  TestNMRInvalidFaucetConfig: ([amount, , max]) =>
    `The faucet settings are unusable: ${tnmr(amount)} per drip with a ${tnmr(max)} cap.`,
  TestNMRInvalidMinter: ([minter]) => `${short(minter)} cannot be a minter.`,
  TestNMRMintersFixed: () => 'The minters of tNMR were fixed when it was deployed: nobody can add or remove one.',
  // NMRStaking
  NMRStakingZeroAmount: () => 'The amount must be more than 0.',
  NMRStakingInvalidModelId: () => 'That model id is empty; enter a model name.',
  NMRStakingInvalidToken: ([token]) => `${short(token)} is not a token contract.`,
  NMRStakingReleaseDelayTooLong: ([delay, max]) => `A release delay of ${delay} s is longer than the ${max} s allowed.`,
  NMRStakingReleaseDelayTooShort: ([delay, needed]) =>
    `A release delay of ${delay} s is shorter than the ${needed} s a round can take to resolve: a release could escape its burn.`,
  NMRStakingHorizonTooLong: ([rounds, max]) => `${rounds} rounds could open while one is still unresolved; at most ${max} may.`,
  NMRStakingInvalidSettings: () => 'The round period, the resolution window and the minimum stake must all be more than 0.',
  NMRStakingBelowMinimum: ([active, min]) =>
    `That would leave ${tnmr(active)} staked, below the ${tnmr(min)} minimum: stake at least the minimum, or release all of it.`,
  NMRStakingRoundTooSoon: (args, c) => `The next round can open at ${c.formatTime(args[1] as bigint)}, a round period after the last one.`,
  NMRStakingRoundNotOpened: ([round]) => `Round ${round} was never opened.`,
  NMRStakingRoundNotResolvable: ([round, at], c) => `Round ${round} can be resolved only from ${c.formatTime(at as bigint)}.`,
  NMRStakingRoundExpired: ([round, deadline], c) =>
    `Round ${round} could be resolved only until ${c.formatTime(deadline as bigint)}; it expired unresolved.`,
  NMRStakingReleaseExceedsActive: ([id, amount, active]) =>
    `You can release at most ${tnmr(active)} from ${model(id)}, not ${tnmr(amount)}.`,
  NMRStakingNothingPending: ([id]) => `Nothing is waiting for release on ${model(id)}.`,
  NMRStakingReleaseNotReady: ([releaseAt], c) =>
    `The release unlocks at ${c.formatTime(releaseAt as bigint)}; it cannot be withdrawn before then.`,
  NMRStakingLengthMismatch: ([a, b, c]) => `The resolution lists have different lengths (${a}, ${b}, ${c}).`,
  NMRStakingEmptyBatch: ([round, batch]) => `Batch ${batch} of round ${round} has no entries.`,
  NMRStakingBatchAlreadyResolved: ([round, batch]) => `Batch ${batch} of round ${round} was already resolved.`,
  NMRStakingRoundFinalized: ([round]) => `Round ${round} is finalized and takes no more payouts.`,
  NMRStakingPayoutOutOfRange: ([index, bps, max]) =>
    `Entry ${index} pays ${bps} bps, outside the ±${max} bps this tournament's rounds allow.`,
  NMRStakingStakeAlreadyResolved: ([round, id, staker, last]) =>
    last === round
      ? `${model(id)} of ${short(staker)} was already resolved in round ${round}.`
      : `${model(id)} of ${short(staker)} was already resolved in the later round ${last}, so round ${round} no longer applies to it.`,
  NMRStakingPauseCooldown: ([next], c) => `A new pause can start only at ${c.formatTime(next as bigint)}.`,
  NMRStakingRecoveryExceedsSurplus: ([amount, surplus]) =>
    `Only ${tnmr(surplus)} held by the contract is not staked; ${tnmr(amount)} cannot be recovered.`,
  NMRStakingInvalidRecipient: () => 'Tokens cannot be recovered to the zero address.',
  StakeHistoryExpired: () => 'That round is too old: the stake it applied to is no longer kept.',
  // OpenZeppelin: access control, pause, reentrancy, safe casts and transfers
  AccessControlUnauthorizedAccount: ([account, role]) => `${short(account)} does not have the ${roleName(role)} role.`,
  AccessControlBadConfirmation: () => 'An account can only renounce its own roles.',
  AccessControlEnforcedDefaultAdminDelay: ([schedule], c) =>
    `The admin transfer can only complete after ${c.formatTime(BigInt(schedule as number | bigint))}.`,
  AccessControlEnforcedDefaultAdminRules: () => 'The admin role can only change through the two-step transfer.',
  AccessControlInvalidDefaultAdmin: ([admin]) => `${short(admin)} cannot become the admin.`,
  EnforcedPause: () => 'Staking and rounds are paused right now (for a week at most); release requests and withdrawals still work.',
  ExpectedPause: () => 'Staking is not paused.',
  ReentrancyGuardReentrantCall: () => 'A re-entrant call was refused.',
  SafeCastOverflowedIntToUint: ([v]) => `The value ${v} went below zero.`,
  SafeCastOverflowedUintDowncast: ([bits, v]) => `The value ${v} does not fit in ${bits} bits.`,
  SafeCastOverflowedUintToInt: ([v]) => `The value ${v} is too large.`,
  SafeERC20FailedOperation: ([token]) => `The token transfer at ${short(token)} failed.`,
  // OpenZeppelin ERC-20 / permit / signatures
  ERC20InsufficientAllowance: ([, allowance, needed]) =>
    `The staking contract may spend ${tnmr(allowance)} of yours but needs ${tnmr(needed)}: approve it first.`,
  ERC20InsufficientBalance: ([, balance, needed]) => `You hold ${tnmr(balance)} but this needs ${tnmr(needed)}.`,
  ERC20InvalidApprover: ([a]) => `${short(a)} cannot approve spending.`,
  ERC20InvalidReceiver: ([a]) => `${short(a)} cannot receive tNMR.`,
  ERC20InvalidSender: ([a]) => `${short(a)} cannot send tNMR.`,
  ERC20InvalidSpender: ([a]) => `${short(a)} cannot be approved to spend.`,
  ERC2612ExpiredSignature: ([deadline], c) => `The permit signature expired at ${c.formatTime(deadline as bigint)}; sign again.`,
  ERC2612InvalidSigner: ([signer, owner]) => `The permit was signed by ${short(signer)}, not by ${short(owner)}.`,
  InvalidAccountNonce: ([, nonce]) => `The permit used an old nonce (the current one is ${nonce}); sign again.`,
  ECDSAInvalidSignature: () => 'The signature is invalid.',
  ECDSAInvalidSignatureLength: ([length]) => `The signature has ${length} bytes instead of 65.`,
  ECDSAInvalidSignatureS: () => 'The signature is malleable (high s) and was refused.',
  InvalidShortString: () => 'A short string in the token metadata is invalid.',
  StringTooLong: () => 'A string in the token metadata is too long.'
};

/** "14:02" today, "3 Mar, 14:02" on another day, in the browser's time zone. */
export function formatLocalTime(unixSeconds: bigint, now = Date.now()): string {
  const date = new Date(Number(unixSeconds) * 1000);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return new Date(now).toDateString() === date.toDateString()
    ? time
    : `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}`;
}
