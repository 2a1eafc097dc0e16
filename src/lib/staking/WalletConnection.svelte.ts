/// <reference types="svelte" />
/**
 * The Stake page's wallet connection (wagmi): the wallets to choose from, the connected account and network, the
 * deployment on that network (the practice chain's own once it runs), and viem clients for it. No staking logic.
 */
import {
  connect,
  disconnect,
  getConnection,
  getPublicClient,
  getWalletClient,
  reconnect,
  switchChain,
  watchConnection,
  watchConnectors,
  type Config,
  type Connector
} from '@wagmi/core';
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from 'viem';
import { createStakingConfig, PRACTICE_CONNECTOR_ID } from './createStakingConfig';
import type { StakingDeployment } from './deploy';
import { explainError, type ExplainedError } from './explainError';
import { lazyPracticeProvider, type LazyPracticeProvider } from './lazyPracticeProvider';
import { stakingNetworks, type NetworkEnv, type StakingNetwork } from './networks';

/** A wallet the user can pick. */
export interface WalletOption {
  id: string;
  name: string;
  icon?: string;
  kind: 'practice' | 'announced' | 'window';
}

export class WalletConnection {
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

  /** The network the wallet is on, if the playground knows it. */
  network = $derived(this.networks_().find((n) => n.chain.id === this.chainId));
  /** The contracts on that network: build-time deployment, or the practice chain's own. */
  deployment = $derived(this.network?.kind === 'practice' ? this.practiceDeployment : this.network?.deployment);
  /** Connected to a wallet whose network has no deployment. */
  wrongNetwork = $derived(this.status === 'connected' && !this.deployment);
  /** Connected to a network with the contracts: the account, chain and deployment to act with. */
  ready = $derived(
    this.status === 'connected' && this.address && this.deployment && this.chainId === this.deployment.chainId
      ? { account: this.address, chainId: this.chainId, deployment: this.deployment }
      : undefined
  );

  #stops: (() => void)[] = [];

  constructor(env: NetworkEnv = {}) {
    this.networks = stakingNetworks(env);
    this.practice = lazyPracticeProvider();
    this.config = createStakingConfig(this.networks, this.practice);
  }

  /** `$derived` runs before the constructor body: read networks through a method. */
  private networks_(): StakingNetwork[] {
    return this.networks ?? [];
  }

  /**
   * Subscribes to wagmi and reconnects a previously used wallet (never the practice one, whose chain lives in the
   * tab). `onChange` runs when the account or the chain changes.
   */
  async start(onChange: () => void): Promise<void> {
    const sync = () => {
      const c = getConnection(this.config);
      this.status = c.status;
      this.address = c.address;
      this.chainId = c.chainId;
      this.connectorId = c.connector?.id;
    };
    this.listWallets(this.config.connectors);
    this.#stops.push(
      watchConnectors(this.config, { onChange: (connectors) => this.listWallets(connectors) }),
      watchConnection(this.config, {
        onChange: (now, before) => {
          sync();
          if (now.address !== before.address || now.chainId !== before.chainId) onChange();
        }
      })
    );
    const practice = this.config.connectors.find((c) => c.id === PRACTICE_CONNECTOR_ID);
    await reconnect(this.config, { connectors: this.config.connectors.filter((c) => c !== practice) }).catch(() => undefined);
    sync();
  }

  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
  }

  private listWallets(connectors: readonly Connector[]): void {
    const announced = connectors.filter((c) => c.id !== 'injected' && c.id !== PRACTICE_CONNECTOR_ID);
    const hasWindowWallet = typeof window !== 'undefined' && 'ethereum' in window && !!(window as { ethereum?: unknown }).ethereum;
    this.wallets = [
      ...announced.map((c) => ({ id: c.id, name: c.name, ...(c.icon ? { icon: c.icon } : {}), kind: 'announced' as const })),
      ...(announced.length === 0 && hasWindowWallet ? [{ id: 'injected', name: 'Browser wallet', kind: 'window' as const }] : []),
      { id: PRACTICE_CONNECTOR_ID, name: 'Practice wallet', kind: 'practice' as const }
    ];
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

  /** A viem public client for `chainId`, through the network's RPC URL, the practice chain or the wallet. */
  publicClient(chainId: number): PublicClient {
    // wagmi types its clients by the config's chains; the staking code only needs viem's PublicClient surface
    return getPublicClient(this.config, { chainId }) as PublicClient;
  }

  /** The connected wallet as a viem wallet client for `account` on `chainId`. */
  walletClient(chainId: number, account: Address): Promise<WalletClient<Transport, Chain, Account>> {
    return getWalletClient(this.config, { chainId, account });
  }
}
