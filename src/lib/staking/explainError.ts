import {
  BaseError,
  ChainMismatchError,
  ContractFunctionRevertedError,
  InsufficientFundsError,
  UserRejectedRequestError,
  WaitForTransactionReceiptTimeoutError,
  decodeErrorResult,
  type Abi,
  type Hex
} from 'viem';
import { PlaygroundError } from '../errors';
import { errorSentences, formatLocalTime, type SentenceContext } from './errorSentences';
import { nmrStakingAbi, testNmrAbi } from './generated/contracts';

/** How a failure is shown: `cancelled` is not a failure (the user said no). */
export type ErrorKind = 'cancelled' | 'reverted' | 'insufficient-funds' | 'wrong-network' | 'timeout' | 'app' | 'unknown';

/** A failure turned into something a person can read. */
export interface ExplainedError {
  kind: ErrorKind;
  /** One sentence, e.g. "The faucet is cooling down until 14:02." */
  sentence: string;
  /** What to do about it. */
  hints: string[];
  /** The decoded custom error, when the contract reverted with one. */
  errorName?: string;
  args?: readonly unknown[];
}

/** Every custom error TestNMR and NMRStaking can revert with (a token error can bubble up through staking). */
const ERRORS_ABI = [...nmrStakingAbi, ...testNmrAbi].filter((item) => item.type === 'error') as Abi;

const codeOf = (e: unknown): unknown => (typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined);

/** Walks `error` and its `cause` chain (viem wraps errors several levels deep). */
function find(error: unknown, test: (e: unknown) => boolean): unknown {
  let current: unknown = error;
  for (let depth = 0; current && depth < 20; depth++) {
    if (test(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The custom error behind a revert: viem's decoding, else the raw revert data decoded with both ABIs. */
export function decodeRevert(error: unknown): { errorName: string; args: readonly unknown[] } | undefined {
  const reverted = find(error, (e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | undefined;
  if (reverted?.data?.errorName && reverted.data.errorName !== 'Error' && reverted.data.errorName !== 'Panic') {
    return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
  }
  const raw = reverted?.raw ?? (find(error, (e) => typeof (e as { data?: unknown }).data === 'string') as { data?: Hex } | undefined)?.data;
  if (raw && raw.length >= 10) {
    try {
      const decoded = decodeErrorResult({ abi: ERRORS_ABI, data: raw });
      return { errorName: decoded.errorName, args: decoded.args ?? [] };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Turns anything a wallet, viem, wagmi or the contracts throw into a sentence: the user's refusal (EIP-1193 code
 * 4001) is `cancelled`; a decoded custom error becomes its sentence from {@link errorSentences}; missing gas
 * money, wrong networks and timeouts get their own wording; the playground's own errors keep their message.
 */
export function explainError(error: unknown, ctx: SentenceContext = { formatTime: (t) => formatLocalTime(t) }): ExplainedError {
  if (find(error, (e) => e instanceof UserRejectedRequestError || codeOf(e) === 4001)) {
    return { kind: 'cancelled', sentence: 'You cancelled the request in your wallet; nothing was sent.', hints: [] };
  }
  const revert = decodeRevert(error);
  if (revert) {
    const sentence = errorSentences[revert.errorName]?.(revert.args, ctx) ?? `The contract refused: ${revert.errorName}.`;
    return { kind: 'reverted', sentence, hints: [], ...revert };
  }
  const reverted = find(error, (e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | undefined;
  if (reverted) {
    const reason = reverted.reason ? `: ${reverted.reason}` : '';
    return { kind: 'reverted', sentence: `The contract refused the call${reason}.`, hints: [] };
  }
  if (find(error, (e) => e instanceof InsufficientFundsError)) {
    return {
      kind: 'insufficient-funds',
      sentence: 'This account has too little ETH to pay for gas.',
      hints: ['Get test ETH from a faucet for this network, then try again.']
    };
  }
  const mismatch = find(error, (e) => e instanceof ChainMismatchError || (e as Error)?.name === 'ConnectorChainMismatchError');
  if (mismatch) {
    return {
      kind: 'wrong-network',
      sentence: 'Your wallet is on another network than the one this page uses.',
      hints: ['Switch the network, then try again.']
    };
  }
  if (find(error, (e) => e instanceof WaitForTransactionReceiptTimeoutError)) {
    return {
      kind: 'timeout',
      sentence: 'The transaction has not been mined yet.',
      hints: ['It may still confirm; check the explorer link, or reload later.']
    };
  }
  const own = find(error, (e) => e instanceof PlaygroundError) as PlaygroundError | undefined;
  if (own) return { kind: 'app', sentence: own.shortMessage, hints: own.hints };
  const base = find(error, (e) => e instanceof BaseError) as BaseError | undefined;
  const message = base?.shortMessage ?? (error instanceof Error ? error.message : String(error));
  return { kind: 'unknown', sentence: message.split('\n')[0] || 'Something went wrong.', hints: [] };
}
