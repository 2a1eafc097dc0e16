import { keccak256, stringToHex, type Hex } from 'viem';

/** AccessControl role ids used by TestNMR and NMRStaking: keccak256 of the role name, admin role = 0x00…00. */
export const ROLES = {
  DEFAULT_ADMIN: `0x${'0'.repeat(64)}` as Hex,
  MINTER: keccak256(stringToHex('MINTER_ROLE')),
  RESOLVER: keccak256(stringToHex('RESOLVER_ROLE')),
  PAUSER: keccak256(stringToHex('PAUSER_ROLE'))
} as const;

/** A role name of {@link ROLES}. */
export type RoleName = keyof typeof ROLES;
