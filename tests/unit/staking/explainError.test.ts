import {
  ChainMismatchError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  InsufficientFundsError,
  TransactionExecutionError,
  UserRejectedRequestError,
  encodeErrorResult,
  type Abi
} from 'viem';
import { foundry, sepolia } from 'viem/chains';
import { describe, expect, it } from 'vitest';
import { errorSentences } from '../../../src/lib/staking/errorSentences';
import { InsufficientGasError } from '../../../src/lib/staking/errors';
import { explainError } from '../../../src/lib/staking/explainError';
import { nmrStakingAbi, testNmrAbi } from '../../../src/lib/staking/generated/contracts';
import { modelIdOf } from '../../../src/lib/staking/modelId';
import { ROLES } from '../../../src/lib/staking/roles';

/** Times as HH:MM in UTC, so the sentences do not depend on the machine's zone. */
const ctx = { formatTime: (t: bigint) => new Date(Number(t) * 1000).toISOString().slice(11, 16) };
const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const T_1402 = BigInt(Date.UTC(2026, 2, 3, 14, 2) / 1000);

/** What viem throws from simulateContract when `abi`'s contract reverts with `errorName(args)`. */
function reverted(abi: Abi, revertAbi: Abi, errorName: string, args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: revertAbi, errorName, args } as never);
  const cause = new ContractFunctionRevertedError({ abi, data, functionName: 'stake' });
  return new ContractFunctionExecutionError(cause, { abi, functionName: 'stake', args: [], contractAddress: ALICE });
}

function sampleArg(type: string): unknown {
  if (type === 'address') return ALICE;
  if (type === 'bytes32') return modelIdOf('model_a');
  if (type === 'string') return 'x';
  if (type.startsWith('int')) return -600n;
  if (type === 'uint8') return 128;
  if (type === 'uint48') return Number(T_1402); // viem decodes ints of up to 48 bits as numbers
  return T_1402;
}

type AbiError = Extract<Abi[number], { type: 'error' }>;
const allErrors = new Map<string, { abi: Abi; error: AbiError }>();
for (const [abi, items] of [[nmrStakingAbi, nmrStakingAbi], [testNmrAbi, testNmrAbi]] as const) {
  for (const item of items) if (item.type === 'error' && !allErrors.has(item.name)) allErrors.set(item.name, { abi: abi as Abi, error: item as AbiError });
}

describe('explainError', () => {
  it('errorSentences covers every custom error of TestNMR and NMRStaking, and nothing else', () => {
    expect(Object.keys(errorSentences).sort()).toEqual([...allErrors.keys()].sort());
  });

  it.each([...allErrors.keys()])('explainError(revert %s) decodes its name and args into its own sentence', (name) => {
    const { abi, error } = allErrors.get(name)!;
    const args = error.inputs.map((i) => sampleArg(i.type));
    const explained = explainError(reverted(abi, abi, name, args), ctx);
    expect(explained.kind).toBe('reverted');
    expect(explained.errorName).toBe(name);
    expect(explained.args).toEqual(args);
    expect(explained.sentence).toBe(errorSentences[name](args, ctx));
    expect(explained.sentence).not.toMatch(/^The contract refused/);
  });

  it.each([
    ['TestNMRFaucetCooldown', [T_1402], 'The faucet is cooling down until 14:02.'],
    ['TestNMRFaucetBalanceTooHigh', [1500n * 10n ** 18n, 1000n * 10n ** 18n], 'You already hold 1,500 tNMR; the faucet only drips below 1,000 tNMR.'],
    ['NMRStakingReleaseNotReady', [T_1402, T_1402 - 60n], 'The release unlocks at 14:02; it cannot be withdrawn before then.'],
    ['NMRStakingReleaseExceedsActive', [modelIdOf('model_a'), 20n * 10n ** 18n, 10n * 10n ** 18n], 'You can release at most 10 tNMR from model_a, not 20 tNMR.'],
    ['NMRStakingNothingPending', [modelIdOf('model_b')], 'Nothing is waiting for release on model_b.'],
    ['NMRStakingStakeAlreadyResolved', [7n, modelIdOf('model_a'), ALICE, 7n], 'model_a of 0x7099…79C8 was already resolved in round 7.'],
    ['NMRStakingStakeAlreadyResolved', [7n, modelIdOf('model_a'), ALICE, 9n], 'model_a of 0x7099…79C8 was already resolved in the later round 9, so round 7 no longer applies to it.'],
    ['NMRStakingPayoutOutOfRange', [0n, -600n, 500n], 'Entry 0 pays -600 bps, outside the ±500 bps this tournament\'s rounds allow.'],
    ['NMRStakingPayoutOutOfRange', [1n, 171n, 170n], 'Entry 1 pays 171 bps, outside the ±170 bps this tournament\'s rounds allow.'],
    ['NMRStakingRoundNotResolvable', [3n, T_1402], 'Round 3 can be resolved only from 14:02.'],
    ['NMRStakingRoundExpired', [3n, T_1402], 'Round 3 could be resolved only until 14:02; it expired unresolved.'],
    ['NMRStakingRoundTooSoon', [0, T_1402], 'The next round can open at 14:02, a round period after the last one.'],
    ['NMRStakingBelowMinimum', [5n * 10n ** 17n, 10n ** 18n], 'That would leave 0.5 tNMR staked, below the 1 tNMR minimum: stake at least the minimum, or release all of it.'],
    ['AccessControlUnauthorizedAccount', [ALICE, ROLES.RESOLVER], '0x7099…79C8 does not have the resolver role.'],
    ['EnforcedPause', [], 'Staking and rounds are paused right now (for a week at most); release requests and withdrawals still work.']
  ] as const)('explainError(%s) reads "%s"', (name, args, sentence) => {
    const { abi } = allErrors.get(name)!;
    expect(explainError(reverted(abi, abi, name, args), ctx).sentence).toBe(sentence);
  });

  it('explainError decodes a token error that bubbled up through the staking contract', () => {
    const args = [ALICE, 5n * 10n ** 18n, 10n * 10n ** 18n] as const;
    const e = reverted(nmrStakingAbi as Abi, testNmrAbi as Abi, 'ERC20InsufficientAllowance', args);
    expect(explainError(e, ctx)).toMatchObject({
      kind: 'reverted',
      errorName: 'ERC20InsufficientAllowance',
      sentence: 'The staking contract may spend 5 tNMR of yours but needs 10 tNMR: approve it first.'
    });
  });

  it('explainError decodes raw revert data of an EIP-1193 error { code: 3, data }', () => {
    const data = encodeErrorResult({ abi: testNmrAbi, errorName: 'TestNMRFaucetCooldown', args: [T_1402] });
    expect(explainError({ code: 3, message: 'execution reverted', data }, ctx).sentence).toBe('The faucet is cooling down until 14:02.');
  });

  it('explainError(user rejection, code 4001) is "cancelled", however deeply wrapped', () => {
    const rejected = new UserRejectedRequestError(new Error('User denied transaction signature.'));
    const wrapped = new TransactionExecutionError(rejected, { account: { address: ALICE, type: 'json-rpc' }, chain: foundry } as never);
    expect(explainError(wrapped).kind).toBe('cancelled');
    expect(explainError({ code: 4001, message: 'nope' }).sentence).toBe('You cancelled the request in your wallet; nothing was sent.');
  });

  it('explainError names missing gas money, a network mismatch and the playground\'s own errors', () => {
    expect(explainError(new InsufficientFundsError()).kind).toBe('insufficient-funds');
    expect(explainError(new ChainMismatchError({ chain: sepolia, currentChainId: 1 })).kind).toBe('wrong-network');
    expect(explainError(new InsufficientGasError('You need about 0.001 ETH for gas and have 0.', { hints: ['Use a faucet.'] })))
      .toEqual({ kind: 'app', sentence: 'You need about 0.001 ETH for gas and have 0.', hints: ['Use a faucet.'] });
    expect(explainError(new Error('socket hang up\nstack…'))).toEqual({ kind: 'unknown', sentence: 'socket hang up', hints: [] });
  });

  it('explainError of a revert without data says the contract refused', () => {
    const cause = new ContractFunctionRevertedError({ abi: nmrStakingAbi, data: '0x', functionName: 'stake' });
    expect(explainError(cause).sentence).toMatch(/^The contract refused the call/);
  });
});
