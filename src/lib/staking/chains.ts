import { PlaygroundError } from '../errors';

/**
 * Chain ids of production networks the deploy refuses: tNMR is freely mintable test money and must never be
 * deployed where it could be mistaken for value. Ethereum, OP, Cronos, BNB, Gnosis, Unichain, Polygon, Sonic,
 * Fantom, Fraxtal, zkSync Era, World Chain, Metis, Polygon zkEVM, Lisk, Mantle, Kaia, Base, Mode, Arbitrum One,
 * Arbitrum Nova, Celo, Avalanche, Linea, Blast, Taiko, Scroll, Zora, and their like.
 */
export const MAINNET_CHAIN_IDS: ReadonlySet<number> = new Set([
  1, 10, 25, 56, 100, 130, 137, 146, 204, 250, 252, 288, 324, 480, 1088, 1101, 1135, 5000, 8217, 8453, 34443,
  42161, 42170, 42220, 43114, 59144, 81457, 167000, 534352, 7777777
]);

/** A deploy that must not go ahead: wrong chain, or a mainnet. */
export class DeployRefusedError extends PlaygroundError {
  override name = 'DeployRefusedError';
}

/**
 * Throws {@link DeployRefusedError} if `chainId` is a known mainnet, or differs from `expectedChainId` when that
 * is given. Call it with the id the RPC reports (`eth_chainId`), never with one taken from configuration alone.
 */
export function assertDeployableChain(chainId: number, expectedChainId?: number): void {
  if (MAINNET_CHAIN_IDS.has(chainId)) {
    throw new DeployRefusedError(`Refusing to deploy to chain ${chainId}: it is a mainnet.`, {
      hints: [
        'TestNMR is freely mintable test money. Use a testnet (Sepolia 11155111, Base Sepolia 84532) or anvil (31337).'
      ]
    });
  }
  if (expectedChainId !== undefined && chainId !== expectedChainId) {
    throw new DeployRefusedError(`The RPC serves chain ${chainId}, but chain ${expectedChainId} was expected.`, {
      hints: ['Check that RPC_URL points at the network you meant, or fix EXPECTED_CHAIN_ID.']
    });
  }
}
