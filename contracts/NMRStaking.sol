// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {INMRStakingToken} from "./INMRStakingToken.sol";

/**
 * @title NMRStaking
 * @notice An on-chain model of Numerai staking for a testnet: stake tNMR on a model, request a delayed
 * release, and let a resolver apply each round's payout, clipped to ±5% on-chain.
 * @dev Positions are keyed by `(modelId, staker)` and hold `active` (at risk, earns payouts) and `pending`
 * (waiting for release: still burnable until `releaseAt`, earns nothing). Round resolution rules:
 *
 * - `payoutBps` must lie in [-MAX_PAYOUT_BPS, +MAX_PAYOUT_BPS] = [-500, +500], i.e. ±5% per round.
 * - A payout (`bps > 0`) is `active * bps / 10_000`, rounded toward zero, minted and added to `active`.
 * - A burn (`bps < 0`) is `atRisk * |bps| / 10_000`, rounded toward zero, where `atRisk = active + pending`
 *   while `block.timestamp < releaseAt`, and `active` alone once the release has matured. It is taken pro rata:
 *   `pending` loses `floor(burn * pending / atRisk)` and `active` the rest, then it is burned.
 * - Each `(roundId, batch)` and each `(roundId, modelId, staker)` resolves at most once, so no resolver can
 *   move more than 5% of a position per round; a finalized round accepts no more batches.
 * - The position at resolution time is what counts (a simplification of Numerai's "stake at round close").
 *
 * Release: one `releaseAt` per position. A new {requestRelease} restarts the clock for everything pending; stake
 * whose release had already matured is paid out by that call first, so it is never locked again.
 *
 * Pause (`PAUSER_ROLE`) blocks staking, release requests and resolution; {withdrawReleased} keeps working so
 * matured releases can always leave. Only the default admin can unpause. Invariant, after every call:
 * `token.balanceOf(this) == totalStaked() == Σ (active + pending)` for a token without transfer fees.
 */
contract NMRStaking is AccessControlDefaultAdminRules, Pausable, ReentrancyGuardTransient {
    /// @notice Role allowed to call {resolveRound} and {finalizeRound}.
    bytes32 public constant RESOLVER_ROLE = keccak256("RESOLVER_ROLE");

    /// @notice Role allowed to call {pause}.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice Largest |payoutBps| accepted per position and round: 500 bps = 5%.
    int256 public constant MAX_PAYOUT_BPS = 500;

    /// @notice Basis points in one whole: payouts are `amount * bps / BPS_DENOMINATOR`.
    uint256 public constant BPS_DENOMINATOR = 10_000;

    /// @notice Upper bound for `releaseDelay`, to catch milliseconds passed as seconds.
    uint256 public constant MAX_RELEASE_DELAY = 365 days;

    /**
     * @notice One staker's stake on one model, in token wei.
     * @param active At risk: earns payouts and can be burned.
     * @param pending Requested for release: burnable until `releaseAt`, earns nothing.
     * @param releaseAt Unix time from which `pending` may be withdrawn; 0 when nothing is pending.
     */
    struct Position {
        uint128 active;
        uint128 pending;
        uint64 releaseAt;
    }

    /**
     * @notice Resolution progress of a round.
     * @param resolvedBatches Number of batches resolved so far.
     * @param resolvedStakes Number of positions resolved so far.
     * @param finalized Whether the resolver closed the round to further batches.
     */
    struct RoundStatus {
        uint64 resolvedBatches;
        uint64 resolvedStakes;
        bool finalized;
    }

    INMRStakingToken private immutable _token;
    uint64 private immutable _releaseDelay;

    uint256 private _totalStaked;
    mapping(bytes32 modelId => mapping(address staker => Position)) private _positions;
    mapping(uint256 roundId => RoundStatus) private _rounds;
    mapping(uint256 roundId => mapping(uint256 batch => bool)) private _batchResolved;
    mapping(uint256 roundId => mapping(bytes32 modelId => mapping(address staker => bool))) private _stakeResolved;

    /// @dev `token` is the zero address or has no code.
    error NMRStakingInvalidToken(address token);

    /// @dev `releaseDelay` exceeds `maxReleaseDelay` (seconds).
    error NMRStakingReleaseDelayTooLong(uint256 releaseDelay, uint256 maxReleaseDelay);

    /// @dev A stake or release of 0 tokens.
    error NMRStakingZeroAmount();

    /// @dev `modelId` is zero, which no real model has.
    error NMRStakingInvalidModelId(bytes32 modelId);

    /// @dev A release of `amount` on `modelId` exceeds the caller's `active` stake.
    error NMRStakingReleaseExceedsActive(bytes32 modelId, uint256 amount, uint256 active);

    /// @dev The caller has nothing pending release on `modelId`.
    error NMRStakingNothingPending(bytes32 modelId);

    /// @dev The pending stake unlocks at `releaseAt`; the current block time is `currentTime`.
    error NMRStakingReleaseNotReady(uint256 releaseAt, uint256 currentTime);

    /// @dev The three resolution arrays have different lengths.
    error NMRStakingLengthMismatch(uint256 stakers, uint256 modelIds, uint256 payoutBps);

    /// @dev A batch with no entries.
    error NMRStakingEmptyBatch(uint256 roundId, uint256 batch);

    /// @dev `(roundId, batch)` was already resolved.
    error NMRStakingBatchAlreadyResolved(uint256 roundId, uint256 batch);

    /// @dev `roundId` was finalized and takes no more batches.
    error NMRStakingRoundFinalized(uint256 roundId);

    /// @dev Entry `index` has `payoutBps` outside [-MAX_PAYOUT_BPS, +MAX_PAYOUT_BPS].
    error NMRStakingPayoutOutOfRange(uint256 index, int256 payoutBps);

    /// @dev The position `(modelId, staker)` was already resolved in `roundId` (in this or an earlier batch).
    error NMRStakingStakeAlreadyResolved(uint256 roundId, bytes32 modelId, address staker);

    /// @notice `staker` added `amount` to their active stake on `modelId`, which is now `newActive`.
    event StakeIncreased(address indexed staker, bytes32 indexed modelId, uint256 amount, uint256 newActive);

    /// @notice `staker` moved `amount` from active to pending on `modelId`; all pending unlocks at `releaseAt`.
    event ReleaseRequested(address indexed staker, bytes32 indexed modelId, uint256 amount, uint256 releaseAt);

    /// @notice `staker` withdrew `amount` of matured pending stake on `modelId`.
    event Released(address indexed staker, bytes32 indexed modelId, uint256 amount);

    /// @notice Round `roundId` changed the position by `delta` (minted if > 0, burned if < 0) on `atRisk`.
    event StakeResolved(
        uint256 indexed roundId, address indexed staker, bytes32 indexed modelId, uint256 atRisk, int256 delta
    );

    /// @notice Batch `batch` of round `roundId` resolved `count` positions.
    event RoundBatchResolved(uint256 indexed roundId, uint256 batch, uint256 count);

    /// @notice Round `roundId` was closed after `batches` batches covering `stakes` positions.
    event RoundFinalized(uint256 indexed roundId, uint256 batches, uint256 stakes);

    /**
     * @param token_ The staked token; it must implement {INMRStakingToken} and grant this contract its minter role
     * before the first positive payout.
     * @param releaseDelay_ Seconds between {requestRelease} and the earliest {withdrawReleased}.
     * @param initialAdmin Holder of `DEFAULT_ADMIN_ROLE` (grants roles, unpauses).
     * @param initialAdminDelay Delay of the two-step admin transfer, in seconds.
     * @param resolver Granted `RESOLVER_ROLE` unless it is the zero address.
     * @param pauser Granted `PAUSER_ROLE` unless it is the zero address.
     */
    constructor(
        INMRStakingToken token_,
        uint64 releaseDelay_,
        address initialAdmin,
        uint48 initialAdminDelay,
        address resolver,
        address pauser
    ) AccessControlDefaultAdminRules(initialAdminDelay, initialAdmin) {
        if (address(token_).code.length == 0) revert NMRStakingInvalidToken(address(token_));
        if (releaseDelay_ > MAX_RELEASE_DELAY) revert NMRStakingReleaseDelayTooLong(releaseDelay_, MAX_RELEASE_DELAY);
        _token = token_;
        _releaseDelay = releaseDelay_;
        if (resolver != address(0)) _grantRole(RESOLVER_ROLE, resolver);
        if (pauser != address(0)) _grantRole(PAUSER_ROLE, pauser);
    }

    /**
     * @notice Adds `amount` to the caller's active stake on `modelId`, pulling it with `transferFrom`.
     * @dev Needs a prior `approve(this, amount)`. Emits {StakeIncreased}. Blocked while paused.
     */
    function stake(bytes32 modelId, uint256 amount) external nonReentrant whenNotPaused {
        _stake(_msgSender(), modelId, amount);
    }

    /**
     * @notice Same as {stake}, with an EIP-2612 permit for `amount` signed by the caller, in one transaction.
     * @dev The permit runs in try/catch: if someone front-ran it (so the nonce is used and the allowance already
     * set), the stake still goes through; if no allowance results, `transferFrom` reverts with the token's error.
     */
    function stakeWithPermit(bytes32 modelId, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        whenNotPaused
    {
        address staker = _msgSender();
        try IERC20Permit(address(_token)).permit(staker, address(this), amount, deadline, v, r, s) {} catch {}
        _stake(staker, modelId, amount);
    }

    /**
     * @notice Moves `amount` of the caller's active stake on `modelId` to pending and (re)starts the release clock:
     * all pending stake unlocks at `block.timestamp + releaseDelay()`.
     * @dev Pending stake earns no payouts but can still be burned until it unlocks. Pending stake that has already
     * unlocked is sent to the caller first (emitting {Released}), so a new request never locks matured funds
     * again. Emits {ReleaseRequested}.
     */
    function requestRelease(bytes32 modelId, uint256 amount) external nonReentrant whenNotPaused {
        if (amount == 0) revert NMRStakingZeroAmount();
        address staker = _msgSender();
        Position storage position = _positions[modelId][staker];
        uint128 active = position.active;
        if (amount > active) revert NMRStakingReleaseExceedsActive(modelId, amount, active);

        uint128 matured = block.timestamp < position.releaseAt ? 0 : position.pending;
        if (matured > 0) {
            position.pending = 0;
            _totalStaked -= matured;
            emit Released(staker, modelId, matured);
        }
        uint128 amount128 = SafeCast.toUint128(amount);
        uint64 releaseAt = SafeCast.toUint64(block.timestamp + _releaseDelay);
        unchecked {
            // amount128 <= active, checked just above.
            position.active = active - amount128;
        }
        position.pending += amount128;
        position.releaseAt = releaseAt;
        emit ReleaseRequested(staker, modelId, amount, releaseAt);
        if (matured > 0) SafeERC20.safeTransfer(_token, staker, matured);
    }

    /**
     * @notice Sends the caller's whole pending stake on `modelId` back once its `releaseAt` has passed.
     * @dev Works while paused, so matured releases can always leave. Emits {Released}.
     * @return amount The amount sent.
     */
    function withdrawReleased(bytes32 modelId) external nonReentrant returns (uint256 amount) {
        address staker = _msgSender();
        Position storage position = _positions[modelId][staker];
        amount = position.pending;
        if (amount == 0) revert NMRStakingNothingPending(modelId);
        uint256 releaseAt = position.releaseAt;
        if (block.timestamp < releaseAt) revert NMRStakingReleaseNotReady(releaseAt, block.timestamp);

        position.pending = 0;
        position.releaseAt = 0;
        _totalStaked -= amount;
        emit Released(staker, modelId, amount);
        SafeERC20.safeTransfer(_token, staker, amount);
    }

    /**
     * @notice Applies one batch of round `roundId`'s payouts: entry `i` changes the position
     * `(modelIds[i], stakers[i])` by `payoutBps[i]` basis points of its at-risk amount (see the contract notes).
     * @dev Only `RESOLVER_ROLE`, not while paused. Each `(roundId, batch)` resolves once
     * ({NMRStakingBatchAlreadyResolved}), as does each position per round ({NMRStakingStakeAlreadyResolved}).
     * Emits one {StakeResolved} per entry, then {RoundBatchResolved}. After all positions are updated, the net
     * of the batch's payouts and burns is minted to, or burned from, this contract in one call.
     */
    function resolveRound(
        uint256 roundId,
        uint256 batch,
        address[] calldata stakers,
        bytes32[] calldata modelIds,
        int256[] calldata payoutBps
    ) external nonReentrant onlyRole(RESOLVER_ROLE) whenNotPaused {
        uint256 count = stakers.length;
        if (modelIds.length != count || payoutBps.length != count) {
            revert NMRStakingLengthMismatch(count, modelIds.length, payoutBps.length);
        }
        if (count == 0) revert NMRStakingEmptyBatch(roundId, batch);
        RoundStatus storage round = _rounds[roundId];
        if (round.finalized) revert NMRStakingRoundFinalized(roundId);
        if (_batchResolved[roundId][batch]) revert NMRStakingBatchAlreadyResolved(roundId, batch);

        _batchResolved[roundId][batch] = true;
        round.resolvedBatches += 1;
        round.resolvedStakes += SafeCast.toUint64(count);

        int256 net = _resolveEntries(roundId, stakers, modelIds, payoutBps);
        emit RoundBatchResolved(roundId, batch, count);

        if (net > 0) _token.mint(address(this), SafeCast.toUint256(net));
        else if (net < 0) _token.burn(SafeCast.toUint256(-net));
    }

    /**
     * @notice Closes round `roundId`: later {resolveRound} calls for it revert with {NMRStakingRoundFinalized}.
     * @dev Only `RESOLVER_ROLE`, not while paused. Emits {RoundFinalized}.
     */
    function finalizeRound(uint256 roundId) external nonReentrant onlyRole(RESOLVER_ROLE) whenNotPaused {
        RoundStatus storage round = _rounds[roundId];
        if (round.finalized) revert NMRStakingRoundFinalized(roundId);
        round.finalized = true;
        emit RoundFinalized(roundId, round.resolvedBatches, round.resolvedStakes);
    }

    /// @notice Stops staking, release requests and resolution. Only `PAUSER_ROLE`.
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @notice Lifts a pause. Only the default admin.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    /// @notice The staked token.
    function token() external view returns (INMRStakingToken) {
        return _token;
    }

    /// @notice Seconds between a release request and the earliest withdrawal.
    function releaseDelay() external view returns (uint64) {
        return _releaseDelay;
    }

    /// @notice Sum of all active and pending stakes; equals the contract's token balance.
    function totalStaked() external view returns (uint256) {
        return _totalStaked;
    }

    /// @notice The position of `staker` on `modelId`.
    function positionOf(bytes32 modelId, address staker) external view returns (Position memory) {
        return _positions[modelId][staker];
    }

    /**
     * @notice What a resolution right now would apply basis points to, for `(modelId, staker)`.
     * @return payoutBase `active`: the base of a positive payout.
     * @return burnBase `active` plus `pending` if its release has not matured: the base of a burn.
     */
    function atRiskOf(bytes32 modelId, address staker) external view returns (uint256 payoutBase, uint256 burnBase) {
        Position storage position = _positions[modelId][staker];
        return (position.active, position.active + _burnablePending(position));
    }

    /// @notice Whether batch `batch` of round `roundId` has been resolved.
    function roundBatchResolved(uint256 roundId, uint256 batch) external view returns (bool) {
        return _batchResolved[roundId][batch];
    }

    /// @notice Whether the position `(modelId, staker)` has been resolved in round `roundId`.
    function stakeResolved(uint256 roundId, bytes32 modelId, address staker) external view returns (bool) {
        return _stakeResolved[roundId][modelId][staker];
    }

    /// @notice Resolution progress of round `roundId`.
    function roundStatus(uint256 roundId) external view returns (RoundStatus memory) {
        return _rounds[roundId];
    }

    /// @dev Shared body of {stake} and {stakeWithPermit}: effects, event, then the pull.
    function _stake(address staker, bytes32 modelId, uint256 amount) private {
        if (amount == 0) revert NMRStakingZeroAmount();
        if (modelId == bytes32(0)) revert NMRStakingInvalidModelId(modelId);
        Position storage position = _positions[modelId][staker];
        uint128 newActive = SafeCast.toUint128(uint256(position.active) + amount);
        position.active = newActive;
        _totalStaked += amount;
        emit StakeIncreased(staker, modelId, amount, newActive);
        SafeERC20.safeTransferFrom(_token, staker, address(this), amount);
    }

    /**
     * @dev Resolves every entry of a batch and returns the sum of their deltas (payouts minus burns). Split from
     * {resolveRound} to keep the stack shallow ("stack too deep").
     */
    function _resolveEntries(
        uint256 roundId,
        address[] calldata stakers,
        bytes32[] calldata modelIds,
        int256[] calldata payoutBps
    ) private returns (int256 net) {
        for (uint256 i = 0; i < stakers.length; ++i) {
            net += _resolveOne(roundId, i, stakers[i], modelIds[i], payoutBps[i]);
        }
        _totalStaked = SafeCast.toUint256(SafeCast.toInt256(_totalStaked) + net);
    }

    /**
     * @dev Resolves entry `index` of a batch and returns its delta: the amount to mint if positive, to burn if
     * negative. Only storage writes and an event: no external calls.
     */
    function _resolveOne(uint256 roundId, uint256 index, address staker, bytes32 modelId, int256 bps)
        private
        returns (int256 delta)
    {
        // Range-check before taking |bps|: negating type(int256).min would overflow.
        if (bps > MAX_PAYOUT_BPS || bps < -MAX_PAYOUT_BPS) revert NMRStakingPayoutOutOfRange(index, bps);
        if (_stakeResolved[roundId][modelId][staker]) {
            revert NMRStakingStakeAlreadyResolved(roundId, modelId, staker);
        }
        _stakeResolved[roundId][modelId][staker] = true;

        Position storage position = _positions[modelId][staker];
        uint256 active = position.active;
        uint256 atRisk;
        if (bps >= 0) {
            atRisk = active;
            // uint256(bps) is exact: 0 <= bps <= 500.
            uint256 minted = (active * uint256(bps)) / BPS_DENOMINATOR;
            position.active = SafeCast.toUint128(active + minted);
            delta = SafeCast.toInt256(minted);
        } else {
            uint256 pending = position.pending;
            uint256 burnablePending = _burnablePending(position);
            atRisk = active + burnablePending;
            // uint256(-bps) is exact: -500 <= bps < 0, so -bps cannot overflow.
            uint256 burned = (atRisk * uint256(-bps)) / BPS_DENOMINATOR;
            // atRisk > 0 whenever burnablePending > 0, so the division is safe.
            uint256 fromPending = burnablePending == 0 ? 0 : (burned * burnablePending) / atRisk;
            uint256 fromActive;
            unchecked {
                // fromPending = floor(burned * burnablePending / atRisk) <= burned, as burnablePending <= atRisk.
                fromActive = burned - fromPending;
            }
            // fromActive = ceil(burned * active / atRisk) <= active as burned <= atRisk, so neither underflows.
            position.active = SafeCast.toUint128(active - fromActive);
            position.pending = SafeCast.toUint128(pending - fromPending);
            delta = -SafeCast.toInt256(burned);
        }
        emit StakeResolved(roundId, staker, modelId, atRisk, delta);
    }

    /// @dev The part of `position.pending` still at risk: all of it before `releaseAt`, none after.
    function _burnablePending(Position storage position) private view returns (uint256) {
        return block.timestamp < position.releaseAt ? position.pending : 0;
    }
}
