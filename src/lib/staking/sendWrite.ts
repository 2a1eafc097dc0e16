import { encodeFunctionData, type Abi, type Account, type Address, type Chain, type PublicClient, type TransactionReceipt, type Transport, type WalletClient } from 'viem';
import type { ActionTracker } from './ActionTracker.svelte';
import { formatAmount } from './amount';
import { InsufficientGasError } from './errors';
import { savePendingTx } from './pendingTx';
import { waitForTransaction } from './waitForTransaction';

/**
 * A contract write as viem's `simulateContract` returns it (`request`), widened to any ABI. The caller simulates with
 * its own ABI, so viem checks the function name and arguments there; the pipeline only forwards them.
 */
export interface SimulatedWrite {
  address: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
}

/** The account, chain and clients a write goes through. */
export interface WriteTarget {
  account: Address;
  chainId: number;
  publicClient: PublicClient;
  walletClient(): Promise<WalletClient<Transport, Chain, Account>>;
  /** Where to get test ETH on this network, for the hint when gas money is missing. */
  faucets: readonly { name: string; url: string }[];
}

/** Gas limit = estimate + 25 %: a release that matures between the estimate and the block takes a costlier branch. */
const withMargin = (gas: bigint) => (gas * 125n) / 100n;

/**
 * One write through the transaction pipeline: simulate (a custom error surfaces before the wallet opens), check the
 * gas money (balance against the padded estimate × max fee), ask the wallet (`signing`), keep the hash so a reload
 * resumes the wait (`pending`), and wait for a successful receipt. Leaves `tracker` in `pending`; the caller moves
 * on to the next step or to `confirmed`.
 * @throws the simulation's revert, {@link InsufficientGasError}, the wallet's refusal, or what {@link waitForTransaction} throws
 */
export async function sendWrite(
  target: WriteTarget,
  tracker: ActionTracker,
  simulate: () => Promise<{ request: SimulatedWrite }>
): Promise<TransactionReceipt> {
  const { publicClient: client, account, chainId } = target;
  const { request } = await simulate();
  const { address, abi, functionName, args } = request;
  const data = encodeFunctionData({ abi, functionName, args });
  const [gas, fees, balance] = await Promise.all([
    client.estimateGas({ account, to: address, data }),
    client.estimateFeesPerGas().catch(() => undefined),
    client.getBalance({ address: account })
  ]);
  const price = fees?.maxFeePerGas ?? fees?.gasPrice;
  if (price !== undefined && balance < withMargin(gas) * price) {
    const faucets = target.faucets.map((f) => `${f.name}: ${f.url}`);
    throw new InsufficientGasError(
      `This needs about ${formatAmount(withMargin(gas) * price, { maxDecimals: 6 })} ETH for gas; the account has ${formatAmount(balance, { maxDecimals: 6 })}.`,
      { hints: faucets.length ? [`Get test ETH: ${faucets.join(', ')}.`] : ['Fund the account with test ETH.'] }
    );
  }
  tracker.dispatch({ type: 'sign' });
  const wallet = await target.walletClient();
  const hash = await wallet.writeContract({ address, abi, functionName, args, gas: withMargin(gas), account: wallet.account, chain: wallet.chain });
  tracker.dispatch({ type: 'sent', hash, chainId });
  const label = tracker.state.status === 'pending' ? tracker.state.label : functionName;
  savePendingTx({ hash, chainId, account, label, place: tracker.place, ...(tracker.subject ? { subject: tracker.subject } : {}) });
  return waitForTransaction(client, hash, tracker);
}
