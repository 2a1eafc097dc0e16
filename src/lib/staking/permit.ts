import { parseSignature } from 'viem';
import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from 'viem';
import { testNmrAbi } from './generated/contracts';

/** EIP-2612 `Permit` struct, as TestNMR (OpenZeppelin ERC20Permit) hashes it. */
export const PERMIT_TYPES = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' }
  ]
} as const;

/** The `deadline, v, r, s` arguments of `permit` and `NMRStaking.stakeWithPermit`. */
export interface PermitSignature {
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}

/**
 * Signs a permit letting `spender` pull `value` wei of `token` from the wallet's account until `deadline` (unix s).
 * Reads the owner's nonce and the EIP-712 domain from the token itself (EIP-5267 `eip712Domain()`), so the name,
 * version and chain id cannot drift from the contract's.
 * @example
 * const sig = await signPermit(wallet, publicClient, { token, spender: staking, value: amount, deadline });
 * await wallet.writeContract({ address: staking, abi: nmrStakingAbi, functionName: 'stakeWithPermit',
 *   args: [modelId, amount, sig.deadline, sig.v, sig.r, sig.s] });
 */
export async function signPermit(
  wallet: WalletClient<Transport, Chain | undefined, Account>,
  publicClient: PublicClient<Transport, Chain | undefined>,
  { token, spender, value, deadline }: { token: Address; spender: Address; value: bigint; deadline: bigint }
): Promise<PermitSignature> {
  const owner = wallet.account.address;
  const [nonce, [, name, version, chainId, verifyingContract]] = await Promise.all([
    publicClient.readContract({ address: token, abi: testNmrAbi, functionName: 'nonces', args: [owner] }),
    publicClient.readContract({ address: token, abi: testNmrAbi, functionName: 'eip712Domain' })
  ]);
  const signature = await wallet.signTypedData({
    account: wallet.account,
    domain: { name, version, chainId, verifyingContract },
    types: PERMIT_TYPES,
    primaryType: 'Permit',
    message: { owner, spender, value, nonce, deadline }
  });
  const { r, s, v, yParity } = parseSignature(signature);
  return { deadline, v: Number(v ?? BigInt(yParity + 27)), r, s };
}
