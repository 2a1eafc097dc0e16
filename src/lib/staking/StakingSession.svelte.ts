/// <reference types="svelte" />
/**
 * The Stake page's state and actions as one rune class: wallet connection (wagmi), the network and deployment in
 * use, the account's balances, positions and history, and the transaction state machine every write goes through
 * (simulate → gas pre-check → wallet → pending → receipt). Components only read fields and call methods.
 */
import {
  connect,
  disconnect,
  getConnection,
  getPublicClient,
  getWalletClient,
  reconnect,
  simulateContract,
  switchChain,
  watchConnection,
  watchConnectors,
  writeContract,
  type Config,
  type Connector
} from '@wagmi/core';
import { encodeFunctionData, parseEventLogs, type Abi, type Address, type Hash, type Hex, type PublicClient, type TransactionReceipt } from 'viem';
import { formatAmount } from './amount';
import { createStakingConfig, PRACTICE_CONNECTOR_ID } from './createStakingConfig';
import type { StakingDeployment } from './deploy';
import { InsufficientGasError, InsufficientTokenError, NotDeployedError, TransactionRevertedError } from './errors';
import { explainError, type ExplainedError } from './explainError';
import { nmrStakingAbi, testNmrAbi } from './generated/contracts';
import { lazyPracticeProvider, type LazyPracticeProvider } from './lazyPracticeProvider';
import { modelIdOf, modelNameOf } from './modelId';
import { stakingNetworks, type NetworkEnv, type StakingNetwork } from './networks';
import { payoutBps, type PayoutBreakdown } from './payoutBps';
import { clearPendingTx, loadPendingTx, savePendingTx } from './pendingTx';
import { signPermit } from './permit';
import { readHistory, stakedModels, type HistoryItem } from './readHistory';
import { chainNow, NUMERAI_TOURNAMENT, readStakingState, type StakingState } from './readStakingState';
import { resolutionDelta, type Resolution, type StakePosition } from './resolutionDelta';
import { idleTx, isBusy, txReducer, type TxEvent, type TxState } from './txMachine';

/** A wallet the user can pick. */
export interface WalletOption {
  id: string;
  name: string;
  icon?: string;
  kind: 'practice' | 'announced' | 'window';
}

/** The outcome of a round resolution, for the resolver panel: prediction, event and positions before/after. */
export interface ResolutionReport {
  roundId: bigint;
  batch: bigint;
  modelId: Hex;
  breakdown: PayoutBreakdown;
  expected: Resolution;
  event: { atRisk: bigint; delta: bigint };
  before: StakePosition;
  after: StakePosition;
  tnmrBefore: bigint;
  hash: Hash;
}

/** How a stake is paid for: an EIP-2612 permit signature (one transaction) or an exact approve first. */
export type StakeMethod = 'permit' | 'approve';

/** Thrown inside an action when the wallet replaced the transaction: the state already says so. */
class Replaced extends Error {}

const PERMIT_TTL_S = 20 * 60;

export class StakingSession {
  readonly networks: StakingNetwork[];
  readonly config: Config;
  readonly practice: LazyPracticeProvider;

  wallets = $state.raw<WalletOption[]>([]);
  status = $state<'disconnected' | 'connecting' | 'reconnecting' | 'connected'>('disconnected');
  address = $state<Address>();
  chainId = $state<number>();
  connectorId = $state<string>();
  connectError = $state.raw<ExplainedError>();
  practiceDeployment = $state.raw<StakingDeployment>();
  practiceStarting = $state(false);

  state = $state.raw<StakingState>();
  history = $state.raw<HistoryItem[]>([]);
  readError = $state<string>();
  historyError = $state<string>();
  /** Models shown besides those staked on: the form's and the proposal's. */
  extraModels = $state.raw<Hex[]>([]);

  tx = $state.raw<TxState>(idleTx);
  lastResolution = $state.raw<ResolutionReport>();

  /** The network the wallet is on, if the playground knows it. */
  network = $derived(this.networks_().find((n) => n.chain.id === this.chainId));
  /** The contracts on that network: build-time deployment, or the practice chain's own. */
  deployment = $derived(this.network?.kind === 'practice' ? this.practiceDeployment : this.network?.deployment);
  /** Connected to a wallet whose network has no deployment. */
  wrongNetwork = $derived(this.status === 'connected' && !this.deployment);
  busy = $derived(isBusy(this.tx));

  #stops: (() => void)[] = [];
  #refreshing: Promise<void> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(env: NetworkEnv = {}) {
    this.networks = stakingNetworks(env);
    this.practice = lazyPracticeProvider();
    this.config = createStakingConfig(this.networks, this.practice);
  }

  /** `$derived` runs before the constructor body: read networks through a method. */
  private networks_(): StakingNetwork[] {
    return this.networks ?? [];
  }

  /** Subscribes to wagmi, reconnects a previously used wallet (not the practice one) and resumes a pending wait. */
  async start(): Promise<void> {
    const sync = () => {
      const c = getConnection(this.config);
      this.status = c.status;
      this.address = c.address;
      this.chainId = c.chainId;
      this.connectorId = c.connector?.id;
    };
    const listWallets = (connectors: readonly Connector[]) => {
      const announced = connectors.filter((c) => c.id !== 'injected' && c.id !== PRACTICE_CONNECTOR_ID);
      const hasWindowWallet = typeof window !== 'undefined' && 'ethereum' in window && !!(window as { ethereum?: unknown }).ethereum;
      this.wallets = [
        ...announced.map((c) => ({ id: c.id, name: c.name, ...(c.icon ? { icon: c.icon } : {}), kind: 'announced' as const })),
        ...(announced.length === 0 && hasWindowWallet ? [{ id: 'injected', name: 'Browser wallet', kind: 'window' as const }] : []),
        { id: PRACTICE_CONNECTOR_ID, name: 'Practice wallet', kind: 'practice' as const }
      ];
    };
    listWallets(this.config.connectors);
    this.#stops.push(
      watchConnectors(this.config, { onChange: listWallets }),
      watchConnection(this.config, {
        onChange: (now, before) => {
          sync();
          if (now.address !== before.address || now.chainId !== before.chainId) void this.refresh(true);
        }
      })
    );
    const practice = this.config.connectors.find((c) => c.id === PRACTICE_CONNECTOR_ID);
    await reconnect(this.config, { connectors: this.config.connectors.filter((c) => c !== practice) }).catch(() => undefined);
    sync();
    this.#timer = setInterval(() => void this.refresh(), 10_000);
    await this.refresh(true);
    await this.resumePending();
  }

  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
    clearInterval(this.#timer);
  }

  /** Connects wallet `id` (an EIP-6963 rdns, `injected` or `practice`); the practice wallet starts its chain first. */
  async connect(id: string): Promise<void> {
    const connector = this.config.connectors.find((c) => c.id === id);
    if (!connector) return;
    this.connectError = undefined;
    try {
      if (id === PRACTICE_CONNECTOR_ID) {
        this.practiceStarting = true;
        const provider = await this.practice.start();
        this.practiceDeployment = provider.deployment;
      }
      await connect(this.config, { connector });
    } catch (error) {
      this.connectError = explainError(error);
    } finally {
      this.practiceStarting = false;
    }
  }

  async disconnect(): Promise<void> {
    await disconnect(this.config).catch(() => undefined);
    this.state = undefined;
    this.history = [];
  }

  /** Asks the wallet to switch to `chainId` (wallet_switchEthereumChain, adding the chain if it lacks it). */
  async switchTo(chainId: number): Promise<void> {
    this.connectError = undefined;
    try {
      await switchChain(this.config, { chainId });
    } catch (error) {
      this.connectError = explainError(error);
    }
  }

  /** Models to show: those in the history, then the extra ones. */
  get modelIds(): Hex[] {
    const ids = stakedModels(this.history);
    for (const id of this.extraModels) if (!ids.includes(id)) ids.push(id);
    return ids;
  }

  /** Adds a model to the positions table (from the form or a proposal). */
  watchModel(name: string): void {
    try {
      const id = modelIdOf(name);
      if (!this.extraModels.includes(id)) this.extraModels = [...this.extraModels, id];
    } catch {
      // not a model name yet; the form shows why
    }
  }

  /** Chain time now (unix s), for countdowns. */
  now(wallMs = Date.now()): number {
    return chainNow(this.state, wallMs);
  }

  /** Re-reads balances, positions and (with `history`) events. Concurrent calls share one read. */
  refresh(history = false): Promise<void> {
    if (this.#refreshing) return this.#refreshing;
    this.#refreshing = this.read(history).finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  private async read(withHistory: boolean): Promise<void> {
    const { address, deployment, chainId } = this;
    if (this.status !== 'connected' || !address || !deployment || chainId !== deployment.chainId) {
      this.state = undefined;
      return;
    }
    const client = this.client(chainId);
    try {
      if (withHistory || !this.state) {
        try {
          this.history = await readHistory(client, deployment, address);
          this.historyError = undefined;
        } catch (error) {
          this.historyError = explainError(error).sentence;
        }
      }
      this.state = await readStakingState(client, deployment, address, this.modelIds);
      this.readError = undefined;
    } catch (error) {
      this.readError = explainError(error).sentence;
    }
  }

  private client(chainId: number): PublicClient {
    return getPublicClient(this.config, { chainId }) as PublicClient;
  }

  private dispatch(event: TxEvent): void {
    this.tx = txReducer(this.tx, event);
  }

  /** Clears a finished transaction's status. */
  dismissTx(): void {
    this.dispatch({ type: 'reset' });
  }

  /** Runs one user action through the state machine; errors end in failed/cancelled with a sentence. */
  private async action(label: string, steps: string[], body: (ctx: Ready) => Promise<void>): Promise<void> {
    if (isBusy(this.tx)) return;
    this.dispatch({ type: 'start', label, steps });
    try {
      await body(this.ready());
    } catch (error) {
      if (!(error instanceof Replaced)) this.dispatch({ type: 'error', error: explainError(error) });
    } finally {
      await this.refresh(true);
    }
  }

  private ready(): Ready {
    const { address, chainId, deployment, state } = this;
    if (!address || chainId === undefined) throw new NotDeployedError('Connect a wallet first.');
    if (!deployment || deployment.chainId !== chainId) {
      throw new NotDeployedError('TestNMR and NMRStaking are not deployed on this network.', {
        hints: ['Switch to a network that has them (see the network list).']
      });
    }
    return { account: address, chainId, deployment, state };
  }

  /**
   * One write: simulate (the custom error surfaces before the wallet opens), check the gas money, ask the wallet,
   * keep the hash for a reload, wait for the receipt. Leaves the machine in `pending`; the caller moves on.
   */
  private async write(ctx: Ready, call: { address: Address; abi: Abi; functionName: string; args: readonly unknown[] }): Promise<TransactionReceipt> {
    const client = this.client(ctx.chainId);
    const { request } = await simulateContract(this.config, { ...call, account: ctx.account, chainId: ctx.chainId } as never);
    const gas = await this.checkGas(client, ctx, call);
    this.dispatch({ type: 'sign' });
    // 25 % over the estimate: a release that matures between the estimate and the block takes a costlier branch
    const hash = await writeContract(this.config, { ...(request as object), gas: (gas * 125n) / 100n } as never);
    this.dispatch({ type: 'sent', hash, chainId: ctx.chainId });
    const label = this.tx.status === 'pending' ? this.tx.label : call.functionName;
    savePendingTx({ hash, chainId: ctx.chainId, account: ctx.account, label });
    return this.waitFor(client, hash);
  }

  private async waitFor(client: PublicClient, hash: Hash): Promise<TransactionReceipt> {
    let replaced: { reason: 'replaced' | 'repriced' | 'cancelled'; hash: Hash } | undefined;
    const receipt = await client.waitForTransactionReceipt({
      hash,
      pollingInterval: 500,
      onReplaced: (r) => (replaced = { reason: r.reason, hash: r.transaction.hash })
    });
    clearPendingTx();
    if (replaced && replaced.reason !== 'repriced') {
      this.dispatch({ type: 'replaced', replacement: replaced.hash, reason: replaced.reason });
      throw new Replaced();
    }
    if (receipt.status !== 'success') {
      throw new TransactionRevertedError(`The transaction was mined in block ${receipt.blockNumber} but reverted.`);
    }
    return receipt;
  }

  /** Says "not enough ETH for gas" before the wallet opens (balance vs estimated gas × max fee); returns the estimate. */
  private async checkGas(client: PublicClient, ctx: Ready, call: { address: Address; abi: Abi; functionName: string; args: readonly unknown[] }): Promise<bigint> {
    const data = encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args } as never);
    const [gas, fees, balance] = await Promise.all([
      client.estimateGas({ account: ctx.account, to: call.address, data }),
      client.estimateFeesPerGas().catch(() => undefined),
      client.getBalance({ address: ctx.account })
    ]);
    const price = fees?.maxFeePerGas ?? fees?.gasPrice;
    if (price === undefined) return gas;
    const need = ((gas * 125n) / 100n) * price;
    if (balance < need) {
      const faucets = this.network?.faucets.map((f) => `${f.name}: ${f.url}`) ?? [];
      throw new InsufficientGasError(
        `This needs about ${formatAmount(need, { maxDecimals: 6 })} ETH for gas; the account has ${formatAmount(balance, { maxDecimals: 6 })}.`,
        { hints: faucets.length ? [`Get test ETH: ${faucets.join(', ')}.`] : ['Fund the account with test ETH.'] }
      );
    }
    return gas;
  }

  private finish(receipt: TransactionReceipt): void {
    this.dispatch({ type: 'mined', blockNumber: receipt.blockNumber });
  }

  /** After a reload: keeps waiting for a transaction sent before it. */
  private async resumePending(): Promise<void> {
    const pending = loadPendingTx();
    if (!pending) return;
    if (pending.chainId !== this.chainId || pending.account !== this.address) return;
    this.dispatch({ type: 'resume', label: pending.label, hash: pending.hash, chainId: pending.chainId });
    try {
      this.finish(await this.waitFor(this.client(pending.chainId), pending.hash));
    } catch (error) {
      if (!(error instanceof Replaced)) this.dispatch({ type: 'error', error: explainError(error) });
    }
    await this.refresh(true);
  }

  faucet(): Promise<void> {
    return this.action('Get tNMR from the faucet', [], async (ctx) => {
      this.finish(await this.write(ctx, { address: ctx.deployment.contracts.testNmr, abi: testNmrAbi, functionName: 'faucet', args: [] }));
    });
  }

  /**
   * Stakes `amount` wei on `modelName`. With `permit`: one EIP-712 signature, then `stakeWithPermit`. With `approve`:
   * `approve(staking, amount)` — exactly the amount, skipped when the allowance already covers it — then `stake`.
   */
  stake(modelName: string, amount: bigint, method: StakeMethod): Promise<void> {
    let modelId: Hex;
    try {
      modelId = modelIdOf(modelName);
    } catch (error) {
      this.dispatch({ type: 'start', label: 'Stake' });
      this.dispatch({ type: 'error', error: explainError(error) });
      return Promise.resolve();
    }
    const name = modelNameOf(modelId);
    const tokens = `${formatAmount(amount, { maxDecimals: 18 })} tNMR`;
    const allowance = this.state?.allowance ?? 0n;
    const needsApproval = method === 'approve' && allowance < amount;
    const steps =
      method === 'permit'
        ? [`Sign a permit for ${tokens}`, `Stake ${tokens} on ${name}`]
        : needsApproval
          ? [`Approve exactly ${tokens}`, `Stake ${tokens} on ${name}`]
          : [`Stake ${tokens} on ${name}`];
    this.watchModel(name);
    return this.action(`Stake ${tokens} on ${name}`, steps, async (ctx) => {
      const { testNmr, nmrStaking } = ctx.deployment.contracts;
      const client = this.client(ctx.chainId);
      const balance = await client.readContract({ address: testNmr, abi: testNmrAbi, functionName: 'balanceOf', args: [ctx.account] });
      if (balance < amount) {
        throw new InsufficientTokenError(`You hold ${formatAmount(balance)} tNMR; staking ${tokens} needs ${formatAmount(amount - balance, { maxDecimals: 18 })} more.`, {
          hints: ['Use the faucet first.']
        });
      }
      if (method === 'permit') {
        const wallet = await getWalletClient(this.config, { chainId: ctx.chainId, account: ctx.account });
        const deadline = BigInt(this.now() + PERMIT_TTL_S);
        this.dispatch({ type: 'sign', what: 'signature' });
        const sig = await signPermit(wallet as never, client as never, { token: testNmr, spender: nmrStaking, value: amount, deadline });
        this.dispatch({ type: 'next' });
        const receipt = await this.write(ctx, {
          address: nmrStaking,
          abi: nmrStakingAbi,
          functionName: 'stakeWithPermit',
          args: [NUMERAI_TOURNAMENT, modelId, amount, sig.deadline, sig.v, sig.r, sig.s]
        });
        this.finish(receipt);
        return;
      }
      const current = await client.readContract({ address: testNmr, abi: testNmrAbi, functionName: 'allowance', args: [ctx.account, nmrStaking] });
      if (current < amount) {
        if (!needsApproval) throw new InsufficientTokenError('The allowance changed meanwhile; try again.');
        await this.write(ctx, { address: testNmr, abi: testNmrAbi, functionName: 'approve', args: [nmrStaking, amount] });
        this.dispatch({ type: 'next' });
      }
      this.finish(await this.write(ctx, { address: nmrStaking, abi: nmrStakingAbi, functionName: 'stake', args: [NUMERAI_TOURNAMENT, modelId, amount] }));
    });
  }

  requestRelease(modelId: Hex, amount: bigint): Promise<void> {
    const label = `Request release of ${formatAmount(amount, { maxDecimals: 18 })} tNMR from ${modelNameOf(modelId)}`;
    return this.action(label, [], async (ctx) => {
      this.finish(await this.write(ctx, { address: ctx.deployment.contracts.nmrStaking, abi: nmrStakingAbi, functionName: 'requestRelease', args: [NUMERAI_TOURNAMENT, modelId, amount] }));
    });
  }

  withdraw(modelId: Hex): Promise<void> {
    return this.action(`Withdraw the released stake of ${modelNameOf(modelId)}`, [], async (ctx) => {
      this.finish(await this.write(ctx, { address: ctx.deployment.contracts.nmrStaking, abi: nmrStakingAbi, functionName: 'withdrawReleased', args: [NUMERAI_TOURNAMENT, modelId] }));
    });
  }

  /** Opens the next round of the Numerai Tournament (resolver only). */
  openRound(): Promise<void> {
    return this.action('Open the next round', [], async (ctx) => {
      this.finish(await this.write(ctx, { address: ctx.deployment.contracts.nmrStaking, abi: nmrStakingAbi, functionName: 'openRound', args: [NUMERAI_TOURNAMENT] }));
    });
  }

  /**
   * Resolves round `roundId` for the connected account's position on `modelId` with the payout the engine's rule
   * gives for `corr`/`mmc` (see {@link payoutBps}), in the first free batch of that round. Records a
   * {@link ResolutionReport} with the predicted and the actual change.
   */
  resolve({ modelId, roundId, corr, mmc, totalAtRisk }: { modelId: Hex; roundId: bigint; corr: number; mmc: number; totalAtRisk: number }): Promise<void> {
    return this.action(`Resolve round ${roundId} for ${modelNameOf(modelId)}`, [], async (ctx) => {
      const breakdown = payoutBps(corr, mmc, { totalAtRisk });
      const client = this.client(ctx.chainId);
      const { nmrStaking, testNmr } = ctx.deployment.contracts;
      const staking = { address: nmrStaking, abi: nmrStakingAbi } as const;
      const round = await client.readContract({ ...staking, functionName: 'roundOf', args: [roundId] });
      let batch = BigInt(round.resolvedBatches);
      while (await client.readContract({ ...staking, functionName: 'roundBatchResolved', args: [roundId, batch] })) batch++;
      const [before, base, tnmrBefore] = await Promise.all([
        client.readContract({ ...staking, functionName: 'positionOf', args: [NUMERAI_TOURNAMENT, modelId, ctx.account] }),
        client.readContract({ ...staking, functionName: 'stakeAtRound', args: [roundId, modelId, ctx.account] }),
        client.readContract({ address: testNmr, abi: testNmrAbi, functionName: 'balanceOf', args: [ctx.account] })
      ]);
      const receipt = await this.write(ctx, {
        address: nmrStaking,
        abi: nmrStakingAbi,
        functionName: 'resolveRound',
        args: [roundId, batch, [ctx.account], [modelId], [breakdown.bps]]
      });
      const block = await client.getBlock({ blockNumber: receipt.blockNumber });
      const [event] = parseEventLogs({ abi: nmrStakingAbi, logs: receipt.logs, eventName: 'StakeResolved' });
      const after = await client.readContract({ ...staking, functionName: 'positionOf', args: [NUMERAI_TOURNAMENT, modelId, ctx.account] });
      this.lastResolution = {
        roundId,
        batch,
        modelId,
        breakdown,
        expected: resolutionDelta(before, base, breakdown.bps, block.timestamp),
        event: { atRisk: event.args.atRisk, delta: event.args.delta },
        before: { ...before },
        after: { ...after },
        tnmrBefore,
        hash: receipt.transactionHash
      };
      this.finish(receipt);
    });
  }
}

interface Ready {
  account: Address;
  chainId: number;
  deployment: StakingDeployment;
  state: StakingState | undefined;
}
