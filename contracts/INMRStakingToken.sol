// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/**
 * @title INMRStakingToken
 * @notice What {NMRStaking} needs from its token beyond ERC-20: minting testnet payouts and burning losses.
 * @dev {TestNMR} implements it (`mint` behind `MINTER_ROLE`, `burn` from ERC20Burnable). Real NMR does not:
 * on mainnet, payouts would come from a funded reward pool instead of `mint`.
 */
interface INMRStakingToken is IERC20 {
    /// @notice Mints `amount` to `to`; the staking contract must hold the token's minter role.
    function mint(address to, uint256 amount) external;

    /// @notice Destroys `value` tokens of the caller.
    function burn(uint256 value) external;
}
