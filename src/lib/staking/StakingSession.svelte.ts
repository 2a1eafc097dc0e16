/// <reference types="svelte" />
/**
 * The Stake page's state as one rune class: the wallet connection, what was read from the chain (balances,
 * positions, rounds, history), and one {@link ActionTracker} per place on the page where an action starts. Every
 * action goes through {@link StakingSession.run}: its outcome shows where it was started, and starting it clears
 * the other places' finished outcomes. Components only read fields and call methods.
 */
import type { TransactionReceipt } from 'viem';
import type { TournamentId } from '../scoring/tournaments';
import { ActionTracker, type ActionPlace } from './ActionTracker.svelte';
import { faucet } from './actions/faucet';
import { openRound } from './actions/openRound';
import { requestRelease } from './actions/requestRelease';
import { resolveRound, type ResolutionReport, type ResolveParams } from './actions/resolveRound';
import { stake, type StakeParams } from './actions/stake';
import type { ActionContext, StakingAction } from './actions/StakingAction';
import { withdraw } from './actions/withdraw';
import { NotDeployedError } from './errors';
import { explainError } from './explainError';
import { modelIdOf } from './modelId';
import type { NetworkEnv } from './networks';
import { loadPendingTx } from './pendingTx';
import { positionKey, type PositionRef } from './positionKey';
import { readHistory, stakedPositions, type HistoryItem } from './readHistory';
import { chainNow, readStakingState, type StakingState } from './readStakingState';
import { sendWrite } from './sendWrite';
import { TransactionReplacedError, waitForTransaction } from './waitForTransaction';
import { WalletConnection } from './WalletConnection.svelte';

const PLACES: readonly ActionPlace[] = ['faucet', 'stake', 'position', 'openRound', 'resolve'];

export class StakingSession {
  readonly wallet: WalletConnection;
  readonly trackers = Object.fromEntries(PLACES.map((place) => [place, new ActionTracker(place)])) as Record<ActionPlace, ActionTracker>;

  state = $state.raw<StakingState>();
  history = $state.raw<HistoryItem[]>([]);
  readError = $state<string>();
  historyError = $state<string>();
  /** Positions shown besides those staked on: the form's and the proposal's. */
  extraPositions = $state.raw<PositionRef[]>([]);
  /** The last resolution, shown beside the resolver until another action starts. */
  lastResolution = $state.raw<ResolutionReport>();

  /** An action is under way somewhere: every submit button is disabled meanwhile (no double submits). */
  busy = $derived(PLACES.some((place) => this.trackers?.[place]?.busy));

  #refreshing: Promise<void> | undefined;
  #queued: Promise<void> | undefined;
  #queuedHistory = false;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(env: NetworkEnv = {}) {
    this.wallet = new WalletConnection(env);
  }

  /** Connects to wagmi, reads the chain, polls every 10 s, and resumes waiting for a transaction sent before a reload. */
  async start(): Promise<void> {
    await this.wallet.start(() => void this.refresh(true));
    this.#timer = setInterval(() => void this.refresh(), 10_000);
    await this.refresh(true);
    await this.resumePending();
  }

  stop(): void {
    this.wallet.stop();
    clearInterval(this.#timer);
  }

  async disconnect(): Promise<void> {
    await this.wallet.disconnect();
    this.state = undefined;
    this.history = [];
  }

  /** Positions to show: those in the history, then the extra ones. */
  get positionRefs(): PositionRef[] {
    const refs = stakedPositions(this.history);
    const keys = new Set(refs.map(positionKey));
    for (const ref of this.extraPositions) if (!keys.has(positionKey(ref))) refs.push(ref);
    return refs;
  }

  /** Adds a model of a tournament to the positions table (from the form or a proposal). */
  watchModel(tournament: TournamentId, name: string): void {
    try {
      const ref = { tournament, modelId: modelIdOf(name) };
      if (!this.extraPositions.some((r) => positionKey(r) === positionKey(ref))) this.extraPositions = [...this.extraPositions, ref];
    } catch {
      // not a model name yet; the form shows why
    }
  }

  /** Chain time now (unix s), for countdowns. */
  now(wallMs = Date.now()): number {
    return chainNow(this.state, wallMs);
  }

  /**
   * Re-reads balances, positions and rounds, and (with `history`) events. A call during a read gets one more read
   * after it (shared by every call meanwhile), so what it returns was read after it was asked for.
   */
  refresh(history = false): Promise<void> {
    if (!this.#refreshing) {
      this.#refreshing = this.read(history).finally(() => (this.#refreshing = undefined));
      return this.#refreshing;
    }
    this.#queuedHistory ||= history;
    this.#queued ??= this.#refreshing.then(() => {
      const withHistory = this.#queuedHistory;
      this.#queued = undefined;
      this.#queuedHistory = false;
      return this.refresh(withHistory);
    });
    return this.#queued;
  }

  private async read(withHistory: boolean): Promise<void> {
    const ready = this.wallet.ready;
    if (!ready) {
      this.state = undefined;
      return;
    }
    const client = this.wallet.publicClient(ready.chainId);
    try {
      if (withHistory || !this.state) {
        try {
          this.history = await readHistory(client, ready.deployment, ready.account);
          this.historyError = undefined;
        } catch (error) {
          this.historyError = explainError(error).sentence;
        }
      }
      this.state = await readStakingState(client, ready.deployment, ready.account, this.positionRefs);
      this.readError = undefined;
    } catch (error) {
      this.readError = explainError(error).sentence;
    }
  }

  /**
   * Runs `action` from its place: clears every finished outcome on the page (so no stale success stays beside a
   * control), starts the place's tracker, runs the action's transactions through the pipeline, and ends confirmed,
   * failed, cancelled or replaced — shown where the action was started. Returns the action's result, if it succeeded.
   */
  async run<P, R>(action: StakingAction<P, R>, params: P): Promise<R | undefined> {
    if (this.busy) return undefined;
    for (const place of PLACES) this.trackers[place].reset();
    this.lastResolution = undefined;
    const tracker = this.trackers[action.place];
    tracker.subject = action.subject?.(params);
    tracker.dispatch({ type: 'start', label: action.label(params), ...(action.steps ? { steps: action.steps(params, this.state) } : {}) });
    try {
      let last: TransactionReceipt | undefined;
      const ctx = this.context(tracker, (receipt) => (last = receipt));
      const result = await action.run(ctx, params);
      if (last) tracker.dispatch({ type: 'mined', blockNumber: last.blockNumber });
      return result;
    } catch (error) {
      if (!(error instanceof TransactionReplacedError)) tracker.dispatch({ type: 'error', error: explainError(error) });
      return undefined;
    } finally {
      await this.refresh(true);
    }
  }

  /** What an action runs with: the connected account, chain and deployment, and the pipeline bound to `tracker`. */
  private context(tracker: ActionTracker, sent: (receipt: TransactionReceipt) => void): ActionContext {
    const ready = this.wallet.ready;
    if (!ready) {
      throw this.wallet.status === 'connected'
        ? new NotDeployedError('TestNMR and NMRStaking are not deployed on this network.', { hints: ['Switch to a network that has them (see the network list).'] })
        : new NotDeployedError('Connect a wallet first.');
    }
    const { account, chainId, deployment } = ready;
    const target = {
      account,
      chainId,
      publicClient: this.wallet.publicClient(chainId),
      walletClient: () => this.wallet.walletClient(chainId, account),
      faucets: this.wallet.network?.faucets ?? []
    };
    return {
      ...target,
      deployment,
      state: this.state,
      tracker,
      async write(simulate) {
        const receipt = await sendWrite(target, tracker, simulate);
        sent(receipt);
        return receipt;
      },
      async sign(signer) {
        tracker.dispatch({ type: 'sign', what: 'signature' });
        const signature = await signer();
        tracker.dispatch({ type: 'next' });
        return signature;
      },
      next: () => tracker.dispatch({ type: 'next' }),
      now: () => this.now()
    };
  }

  /** After a reload: keeps waiting for a transaction sent before it, at the place it was started from. */
  private async resumePending(): Promise<void> {
    const pending = loadPendingTx();
    const ready = this.wallet.ready;
    if (!pending || !ready || pending.chainId !== ready.chainId || pending.account !== ready.account) return;
    const tracker = this.trackers[pending.place ?? 'stake'];
    tracker.subject = pending.subject;
    tracker.dispatch({ type: 'resume', label: pending.label, hash: pending.hash, chainId: pending.chainId });
    try {
      const receipt = await waitForTransaction(this.wallet.publicClient(pending.chainId), pending.hash, tracker);
      tracker.dispatch({ type: 'mined', blockNumber: receipt.blockNumber });
    } catch (error) {
      if (!(error instanceof TransactionReplacedError)) tracker.dispatch({ type: 'error', error: explainError(error) });
    }
    await this.refresh(true);
  }

  faucet(): Promise<void> {
    return this.run(faucet, undefined);
  }

  stake(params: StakeParams): Promise<void> {
    this.watchModel(params.tournament, params.model);
    return this.run(stake, params);
  }

  requestRelease(params: PositionRef & { amount: bigint }): Promise<void> {
    return this.run(requestRelease, params);
  }

  withdraw(params: PositionRef): Promise<void> {
    return this.run(withdraw, params);
  }

  openRound(tournament: TournamentId): Promise<void> {
    return this.run(openRound, { tournament });
  }

  async resolve(params: ResolveParams): Promise<void> {
    const report = await this.run(resolveRound, params);
    if (report) this.lastResolution = report;
  }
}
