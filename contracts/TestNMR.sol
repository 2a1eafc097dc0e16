// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/**
 * @title TestNMR
 * @notice "Test Numeraire" (tNMR): a testnet stand-in for NMR with a rate-limited public faucet.
 * @dev ERC-20 with 18 decimals, EIP-2612 `permit` (which real NMR lacks), `burn`/`burnFrom`, and the same admin
 * rules as NMRStaking ({AccessControlDefaultAdminRules}: one admin, transferred in two steps after a delay).
 * `MINTER_ROLE` may mint freely, so its holders are fixed at deployment: the constructor grants it to the given
 * minters (the playground's deploy passes `NMRStaking`, which mints positive round payouts) and nobody, the admin
 * included, can grant or revoke it afterwards. Anyone may call {faucet} once per `faucetCooldown` seconds while
 * their balance is below `faucetMaxBalance`.
 *
 * The cooldown is stored as the next allowed time, not the last drip time, so "never used" is simply 0 and
 * the rule also holds on a chain whose `block.timestamp` is 0 (a bare in-browser VM).
 */
contract TestNMR is ERC20, ERC20Permit, ERC20Burnable, AccessControlDefaultAdminRules {
    /// @notice Role allowed to call {mint}.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    uint256 private immutable _faucetAmount;
    uint256 private immutable _faucetCooldown;
    uint256 private immutable _faucetMaxBalance;

    mapping(address account => uint256) private _faucetNextAllowedAt;

    /// @dev The faucet parameters are unusable: `amount` is 0, or larger than `maxBalance`.
    error TestNMRInvalidFaucetConfig(uint256 amount, uint256 cooldown, uint256 maxBalance);

    /// @dev A minter given to the constructor is the zero address.
    error TestNMRInvalidMinter(address minter);

    /// @dev `MINTER_ROLE` was fixed at deployment: it cannot be granted or revoked.
    error TestNMRMintersFixed();

    /// @dev The caller used the faucet recently; it may drip again at `nextAllowedAt` (unix seconds).
    error TestNMRFaucetCooldown(uint256 nextAllowedAt);

    /// @dev The caller already holds `balance`, which is at or above the faucet `cap`.
    error TestNMRFaucetBalanceTooHigh(uint256 balance, uint256 cap);

    /// @notice The faucet minted `amount` to `to`, who may use it again from `nextAllowedAt` (unix seconds).
    event FaucetDrip(address indexed to, uint256 amount, uint256 nextAllowedAt);

    /**
     * @param admin Receives `DEFAULT_ADMIN_ROLE` (grants and revokes roles other than `MINTER_ROLE`).
     * @param adminDelay Delay of the two-step admin transfer, in seconds.
     * @param minters Receive `MINTER_ROLE`, for good.
     * @param faucetAmount_ Amount minted per {faucet} call, in wei (18 decimals); e.g. 100e18.
     * @param faucetCooldown_ Seconds between two drips to the same address; e.g. 1 days, or 60 for practice.
     * @param faucetMaxBalance_ {faucet} refuses callers whose balance is at least this; e.g. 1000e18.
     */
    constructor(
        address admin,
        uint48 adminDelay,
        address[] memory minters,
        uint256 faucetAmount_,
        uint256 faucetCooldown_,
        uint256 faucetMaxBalance_
    ) ERC20("Test Numeraire", "tNMR") ERC20Permit("Test Numeraire") AccessControlDefaultAdminRules(adminDelay, admin) {
        if (faucetAmount_ == 0 || faucetAmount_ > faucetMaxBalance_) {
            revert TestNMRInvalidFaucetConfig(faucetAmount_, faucetCooldown_, faucetMaxBalance_);
        }
        _faucetAmount = faucetAmount_;
        _faucetCooldown = faucetCooldown_;
        _faucetMaxBalance = faucetMaxBalance_;
        for (uint256 i = 0; i < minters.length; ++i) {
            if (minters[i] == address(0)) revert TestNMRInvalidMinter(minters[i]);
            _grantRole(MINTER_ROLE, minters[i]);
        }
    }

    /// @notice Grants `role` to `account` (admin only); `MINTER_ROLE` cannot be granted ({TestNMRMintersFixed}).
    function grantRole(bytes32 role, address account) public override {
        if (role == MINTER_ROLE) revert TestNMRMintersFixed();
        super.grantRole(role, account);
    }

    /// @notice Revokes `role` from `account` (admin only); `MINTER_ROLE` cannot be revoked ({TestNMRMintersFixed}).
    function revokeRole(bytes32 role, address account) public override {
        if (role == MINTER_ROLE) revert TestNMRMintersFixed();
        super.revokeRole(role, account);
    }

    /**
     * @notice Mints `faucetAmount()` tNMR to the caller.
     * @dev Reverts with {TestNMRFaucetCooldown} before the caller's next allowed time and with
     * {TestNMRFaucetBalanceTooHigh} when the caller holds `faucetMaxBalance()` or more. Emits {FaucetDrip}.
     */
    function faucet() external {
        address to = _msgSender();
        uint256 nextAllowedAt = _faucetNextAllowedAt[to];
        if (block.timestamp < nextAllowedAt) revert TestNMRFaucetCooldown(nextAllowedAt);
        uint256 balance = balanceOf(to);
        if (balance >= _faucetMaxBalance) revert TestNMRFaucetBalanceTooHigh(balance, _faucetMaxBalance);

        nextAllowedAt = block.timestamp + _faucetCooldown;
        _faucetNextAllowedAt[to] = nextAllowedAt;
        _mint(to, _faucetAmount);
        emit FaucetDrip(to, _faucetAmount, nextAllowedAt);
    }

    /**
     * @notice Mints `amount` tNMR to `to`.
     * @dev Only `MINTER_ROLE`; reverts with {IAccessControl-AccessControlUnauthorizedAccount} otherwise.
     */
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    /// @notice Amount minted per {faucet} call, in wei.
    function faucetAmount() external view returns (uint256) {
        return _faucetAmount;
    }

    /// @notice Seconds an address must wait between two {faucet} calls.
    function faucetCooldown() external view returns (uint256) {
        return _faucetCooldown;
    }

    /// @notice {faucet} refuses callers whose balance is at least this many wei.
    function faucetMaxBalance() external view returns (uint256) {
        return _faucetMaxBalance;
    }

    /// @notice Earliest unix time at which `account` may call {faucet} again; 0 if it never has.
    function faucetNextAllowedAt(address account) external view returns (uint256) {
        return _faucetNextAllowedAt[account];
    }
}
