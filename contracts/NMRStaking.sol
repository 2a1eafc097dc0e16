// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {INMRStakingToken} from "./INMRStakingToken.sol";
import {StakeHistory} from "./StakeHistory.sol";

/**
 * @title NMRStaking
 * @notice An on-chain model of Numerai staking for a testnet: stake tNMR on a model of the Numerai Tournament or of
 * Signals, request a delayed release, and let a resolver apply each round's payout, clipped on-chain to the
 * tournament's own limit (Tournament ±5%, Signals ±1.7%).
 * @dev Positions are keyed by `(tournament, modelId, staker)` and hold `active` (at risk, earns payouts) and
 * `pending` (requested for release, waiting for `releaseAt`).
 *
 * Rounds the chain can check:
 * - The resolver opens rounds with {openRound}: one tournament per round, ids 1, 2, 3… in order across both
 *   tournaments, at most one round per tournament per `roundPeriod()`.
 * - A round can be resolved from `openedAt + resolutionDelay()` until `openedAt + resolutionDelay() +
 *   resolutionWindow()` (its deadline); after that it has expired and nothing of it can be applied.
 * - Each position's active stake is checkpointed ({StakeHistory}) by the id of its tournament's latest round when
 *   it changed. A round applies `payoutBps` to the position's `active` stake **as it was when the round opened**:
 *   stake added later earns nothing from it, and a release requested later does not escape its burn, because
 *   `releaseDelay() >= resolutionDelay() + resolutionWindow()` (checked by the constructor) keeps that stake in
 *   the contract until the round's deadline has passed.
 * - `payoutBps` must lie within ±`maxPayoutBps(tournament)` (500 for the Tournament, 170 for Signals).
 * - A payout (`bps > 0`) is `base * bps / 10_000`, rounded toward zero, minted onto `active`. A burn is
 *   `base * |bps| / 10_000`, rounded toward zero, capped at what the position still holds at risk (`active` plus
 *   pending stake whose release has not matured), taken from `active` first and the rest from that pending stake.
 * - A position resolves each round at most once and in increasing round order: resolving round `r` for it is
 *   refused once it was resolved in round `r` or a later one (so a round passed over for it is forfeited).
 * - At most `MAX_ROUNDS_PER_HORIZON` rounds of a tournament fit in `resolutionDelay() + resolutionWindow()` (checked
 *   by the constructor), which bounds how far back a resolution looks and lets each position keep only its newest
 *   16 checkpoints, in 8 storage slots that later checkpoints rewrite.
 * So a compromised resolver key moves at most the tournament's clip of a position's stake per round period.
 *
 * Release: one `releaseAt` per position. A new {requestRelease} restarts the clock for everything pending; stake
 * whose release had already matured is paid out by that call first, so it is never locked again. Release requests
 * and withdrawals work while paused.
 *
 * Pause (`PAUSER_ROLE`) blocks staking, opening and resolving rounds for at most `MAX_PAUSE_DURATION`, after
 * which it lifts by itself; the admin can lift it earlier; a new pause can start only `PAUSE_COOLDOWN` after the
 * previous one ended. The admin can recover tokens sent here by mistake, never staked ones. Invariant, after
 * every call: `totalStaked() == Σ (active + pending)` and `token.balanceOf(this) >= totalStaked()` (equal unless
 * someone sent tokens here directly).
 */
contract NMRStaking is AccessControlDefaultAdminRules, ReentrancyGuardTransient {
    /// @notice The tournament a stake and a round belong to: `Numerai` is the Numerai Tournament, `Signals` is Signals.
    enum Tournament {
        Numerai,
        Signals
    }

    /// @notice Role allowed to call {openRound}, {resolveRound} and {finalizeRound}.
    bytes32 public constant RESOLVER_ROLE = keccak256("RESOLVER_ROLE");

    /// @notice Role allowed to call {pause}.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice Largest |payoutBps| of a Tournament round: 500 bps = 5%.
    int256 public constant NUMERAI_MAX_PAYOUT_BPS = 500;

    /// @notice Largest |payoutBps| of a Signals round: 170 bps = 1.7%.
    int256 public constant SIGNALS_MAX_PAYOUT_BPS = 170;

    /// @notice Basis points in one whole: payouts are `amount * bps / BPS_DENOMINATOR`.
    uint256 public constant BPS_DENOMINATOR = 10_000;

    /// @notice Upper bound for `releaseDelay`, to catch milliseconds passed as seconds.
    uint256 public constant MAX_RELEASE_DELAY = 365 days;

    /// @notice Longest a pause lasts before it lifts by itself.
    uint256 public constant MAX_PAUSE_DURATION = 7 days;

    /// @notice Time after a pause ends before the next one can start.
    uint256 public constant PAUSE_COOLDOWN = 7 days;

    /**
     * @notice Most rounds of one tournament that may open while a round can still be resolved:
     * `(resolutionDelay + resolutionWindow) / roundPeriod` must not exceed it. A resolution then needs at most this
     * many checkpoints plus two, which {StakeHistory-CAPACITY} (16) keeps.
     */
    uint256 public constant MAX_ROUNDS_PER_HORIZON = 14;

    /**
     * @notice Timing and limits, fixed at deployment.
     * @param releaseDelay Seconds between {requestRelease} and the earliest {withdrawReleased}; at least
     * `resolutionDelay + resolutionWindow`.
     * @param roundPeriod Least number of seconds between two rounds of the same tournament (at least 1).
     * @param resolutionDelay Seconds a round stays open before it can be resolved.
     * @param resolutionWindow Seconds during which a round can be resolved, after `resolutionDelay` (at least 1).
     * @param minStake Least `active` stake a position may hold after a stake or a release request (wei, at least 1).
     */
    struct Settings {
        uint64 releaseDelay;
        uint64 roundPeriod;
        uint64 resolutionDelay;
        uint64 resolutionWindow;
        uint88 minStake;
    }

    /**
     * @notice One staker's stake on one model of one tournament, as {positionOf} returns it (token wei, unix seconds).
     * @param active At risk: earns payouts and can be burned.
     * @param pending Requested for release: earns nothing; burnable until `releaseAt` by rounds it was at risk in.
     * @param releaseAt Unix time from which `pending` may be withdrawn; 0 when nothing is pending.
     * @param lastResolvedRound The latest round this position was resolved in (0: none).
     */
    struct PositionView {
        uint256 active;
        uint256 pending;
        uint256 releaseAt;
        uint256 lastResolvedRound;
    }

    /// @dev A position in one storage slot: {PositionView}'s fields, and where its {StakeHistory} ring stands.
    struct Position {
        uint88 active;
        uint88 pending;
        uint40 releaseAt;
        uint24 lastResolvedRound;
        uint8 historySize;
        uint8 historyNewest;
    }

    /// @dev A position and the checkpoints of its `active` stake, keyed by the latest round id when it changed.
    struct PositionData {
        Position position;
        StakeHistory.Ring history;
    }

    /**
     * @notice A round and its resolution progress.
     * @param tournament The tournament whose positions and clip it uses.
     * @param openedAt Block time of {openRound}.
     * @param resolvedBatches Number of batches resolved so far.
     * @param resolvedStakes Number of positions resolved so far.
     * @param finalized Whether the resolver closed the round to further batches.
     */
    struct Round {
        Tournament tournament;
        uint40 openedAt;
        uint32 resolvedBatches;
        uint64 resolvedStakes;
        bool finalized;
    }

    /// @dev What every entry of a batch shares; kept in memory to keep the stack shallow.
    struct Batch {
        uint256 roundId;
        uint24 latestRound;
        Tournament tournament;
    }

    INMRStakingToken private immutable _token;
    uint64 private immutable _releaseDelay;
    uint64 private immutable _roundPeriod;
    uint64 private immutable _resolutionDelay;
    uint64 private immutable _resolutionWindow;
    uint88 private immutable _minStake;

    uint256 private _totalStaked;
    uint24 private _lastRoundId;
    uint64 private _pausedUntil;
    mapping(Tournament tournament => uint24) private _latestRound;
    mapping(uint256 roundId => Round) private _rounds;
    mapping(uint256 roundId => mapping(uint256 batch => bool)) private _batchResolved;
    mapping(Tournament tournament => mapping(bytes32 modelId => mapping(address staker => PositionData))) private
        _positions;

    /// @dev `token` is the zero address or has no code.
    error NMRStakingInvalidToken(address token);

    /// @dev The settings cannot work: a zero round period, resolution window or minimum stake.
    error NMRStakingInvalidSettings();

    /// @dev `releaseDelay` exceeds `maxReleaseDelay` (seconds).
    error NMRStakingReleaseDelayTooLong(uint256 releaseDelay, uint256 maxReleaseDelay);

    /// @dev `releaseDelay` is shorter than `resolutionDelay + resolutionWindow` = `required`: a release could escape a burn.
    error NMRStakingReleaseDelayTooShort(uint256 releaseDelay, uint256 required);

    /// @dev `roundsPerHorizon` rounds of a tournament could open while one can still be resolved; at most `max` may.
    error NMRStakingHorizonTooLong(uint256 roundsPerHorizon, uint256 max);

    /// @dev A stake or release of 0 tokens.
    error NMRStakingZeroAmount();

    /// @dev `modelId` is zero, which no real model has.
    error NMRStakingInvalidModelId(bytes32 modelId);

    /// @dev The position would hold `active` stake, which is more than 0 but below `minStake`.
    error NMRStakingBelowMinimum(uint256 active, uint256 minStake);

    /// @dev A release of `amount` on `modelId` exceeds the caller's `active` stake.
    error NMRStakingReleaseExceedsActive(bytes32 modelId, uint256 amount, uint256 active);

    /// @dev The caller has nothing pending release on `modelId`.
    error NMRStakingNothingPending(bytes32 modelId);

    /// @dev The pending stake unlocks at `releaseAt`; the current block time is `currentTime`.
    error NMRStakingReleaseNotReady(uint256 releaseAt, uint256 currentTime);

    /// @dev The previous round of `tournament` opened less than `roundPeriod()` ago; the next may open at `nextOpenAt`.
    error NMRStakingRoundTooSoon(Tournament tournament, uint256 nextOpenAt);

    /// @dev Round `roundId` was never opened.
    error NMRStakingRoundNotOpened(uint256 roundId);

    /// @dev Round `roundId` can be resolved only from `resolvableAt`.
    error NMRStakingRoundNotResolvable(uint256 roundId, uint256 resolvableAt);

    /// @dev Round `roundId` could be resolved only until `deadline`.
    error NMRStakingRoundExpired(uint256 roundId, uint256 deadline);

    /// @dev The three resolution arrays have different lengths.
    error NMRStakingLengthMismatch(uint256 stakers, uint256 modelIds, uint256 payoutBps);

    /// @dev A batch with no entries.
    error NMRStakingEmptyBatch(uint256 roundId, uint256 batch);

    /// @dev `(roundId, batch)` was already resolved.
    error NMRStakingBatchAlreadyResolved(uint256 roundId, uint256 batch);

    /// @dev `roundId` was finalized and takes no more batches.
    error NMRStakingRoundFinalized(uint256 roundId);

    /// @dev Entry `index` has `payoutBps` outside ±`maxPayoutBps`, the clip of the round's tournament.
    error NMRStakingPayoutOutOfRange(uint256 index, int256 payoutBps, int256 maxPayoutBps);

    /// @dev The position `(modelId, staker)` was already resolved in round `lastResolvedRound` >= `roundId`.
    error NMRStakingStakeAlreadyResolved(uint256 roundId, bytes32 modelId, address staker, uint256 lastResolvedRound);

    /// @dev The contract is paused (until `pausedUntil`).
    error EnforcedPause();

    /// @dev The contract is not paused.
    error ExpectedPause();

    /// @dev A new pause can start only from `nextPauseAt`.
    error NMRStakingPauseCooldown(uint256 nextPauseAt);

    /// @dev Recovering `amount` of the staked token would take staked funds: only `surplus` is not staked.
    error NMRStakingRecoveryExceedsSurplus(uint256 amount, uint256 surplus);

    /// @dev Tokens cannot be recovered to the zero address.
    error NMRStakingInvalidRecipient(address to);

    /// @notice `staker` added `amount` to their active stake on `modelId` in `tournament`, which is now `newActive`.
    event StakeIncreased(
        address indexed staker, bytes32 indexed modelId, Tournament indexed tournament, uint256 amount, uint256 newActive
    );

    /// @notice `staker` moved `amount` from active to pending on `modelId`; all its pending unlocks at `releaseAt`.
    event ReleaseRequested(
        address indexed staker, bytes32 indexed modelId, Tournament indexed tournament, uint256 amount, uint256 releaseAt
    );

    /// @notice `staker` withdrew `amount` of matured pending stake on `modelId`.
    event Released(address indexed staker, bytes32 indexed modelId, Tournament indexed tournament, uint256 amount);

    /// @notice Round `roundId` of `tournament` opened; it can be resolved from `resolvableAt` until `deadline`.
    event RoundOpened(uint256 indexed roundId, Tournament indexed tournament, uint256 resolvableAt, uint256 deadline);

    /// @notice Round `roundId` changed the position by `delta` (minted if > 0, burned if < 0); `atRisk` is its stake at the round's opening.
    event StakeResolved(
        uint256 indexed roundId, address indexed staker, bytes32 indexed modelId, uint256 atRisk, int256 delta
    );

    /// @notice Batch `batch` of round `roundId` resolved `count` positions.
    event RoundBatchResolved(uint256 indexed roundId, uint256 batch, uint256 count);

    /// @notice Round `roundId` was closed after `batches` batches covering `stakes` positions.
    event RoundFinalized(uint256 indexed roundId, uint256 batches, uint256 stakes);

    /// @notice `account` paused staking and rounds until `until` at the latest.
    event Paused(address account, uint256 until);

    /// @notice `account` lifted the pause.
    event Unpaused(address account);

    /// @notice The admin sent `amount` of `token`, which was not staked, to `to`.
    event TokensRecovered(address indexed token, address indexed to, uint256 amount);

    /**
     * @param token_ The staked token; it must implement {INMRStakingToken} and let this contract mint payouts.
     * @param settings Release delay, round timing and minimum stake (see {Settings}).
     * @param initialAdmin Holder of `DEFAULT_ADMIN_ROLE` (grants roles, unpauses, recovers stray tokens).
     * @param initialAdminDelay Delay of the two-step admin transfer, in seconds.
     * @param resolver Granted `RESOLVER_ROLE` unless it is the zero address.
     * @param pauser Granted `PAUSER_ROLE` unless it is the zero address.
     */
    constructor(
        INMRStakingToken token_,
        Settings memory settings,
        address initialAdmin,
        uint48 initialAdminDelay,
        address resolver,
        address pauser
    ) AccessControlDefaultAdminRules(initialAdminDelay, initialAdmin) {
        if (address(token_).code.length == 0) revert NMRStakingInvalidToken(address(token_));
        if (settings.roundPeriod == 0 || settings.resolutionWindow == 0 || settings.minStake == 0) {
            revert NMRStakingInvalidSettings();
        }
        if (settings.releaseDelay > MAX_RELEASE_DELAY) {
            revert NMRStakingReleaseDelayTooLong(settings.releaseDelay, MAX_RELEASE_DELAY);
        }
        uint256 required = uint256(settings.resolutionDelay) + settings.resolutionWindow;
        if (settings.releaseDelay < required) revert NMRStakingReleaseDelayTooShort(settings.releaseDelay, required);
        uint256 roundsPerHorizon = required / settings.roundPeriod;
        if (roundsPerHorizon > MAX_ROUNDS_PER_HORIZON) revert NMRStakingHorizonTooLong(roundsPerHorizon, MAX_ROUNDS_PER_HORIZON);
        _token = token_;
        _releaseDelay = settings.releaseDelay;
        _roundPeriod = settings.roundPeriod;
        _resolutionDelay = settings.resolutionDelay;
        _resolutionWindow = settings.resolutionWindow;
        _minStake = settings.minStake;
        if (resolver != address(0)) _grantRole(RESOLVER_ROLE, resolver);
        if (pauser != address(0)) _grantRole(PAUSER_ROLE, pauser);
    }

    /// @dev Reverts with {EnforcedPause} while paused.
    modifier whenNotPaused() {
        if (paused()) revert EnforcedPause();
        _;
    }

    // ------------------------------------------------------------------------------------------------ staking

    /**
     * @notice Adds `amount` to the caller's active stake on `modelId` in `tournament`, pulling it with `transferFrom`.
     * @dev Needs a prior `approve(this, amount)`. The new active stake must reach `minStake()`. Emits
     * {StakeIncreased}. Blocked while paused.
     */
    function stake(Tournament tournament, bytes32 modelId, uint256 amount) external nonReentrant whenNotPaused {
        _stake(_msgSender(), tournament, modelId, amount);
    }

    /**
     * @notice Same as {stake}, with an EIP-2612 permit for `amount` signed by the caller, in one transaction.
     * @dev The permit runs in try/catch: if someone front-ran it (so the nonce is used and the allowance already
     * set), the stake still goes through; if no allowance results, `transferFrom` reverts with the token's error.
     */
    function stakeWithPermit(
        Tournament tournament,
        bytes32 modelId,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant whenNotPaused {
        address staker = _msgSender();
        try IERC20Permit(address(_token)).permit(staker, address(this), amount, deadline, v, r, s) {} catch {}
        _stake(staker, tournament, modelId, amount);
    }

    /**
     * @notice Moves `amount` of the caller's active stake on `modelId` in `tournament` to pending and (re)starts the
     * release clock: all pending stake unlocks at `block.timestamp + releaseDelay()`.
     * @dev The remaining active stake must be 0 or at least `minStake()`. Pending stake earns nothing; rounds opened
     * before this call still burn it until they are resolved. Pending stake that has already unlocked is sent to the
     * caller first (emitting {Released}). Works while paused. Emits {ReleaseRequested}.
     */
    function requestRelease(Tournament tournament, bytes32 modelId, uint256 amount) external nonReentrant {
        if (amount == 0) revert NMRStakingZeroAmount();
        address staker = _msgSender();
        PositionData storage data = _positions[tournament][modelId][staker];
        Position memory position = data.position;
        if (amount > position.active) revert NMRStakingReleaseExceedsActive(modelId, amount, position.active);
        uint88 remaining;
        unchecked {
            // amount <= active, checked just above.
            remaining = position.active - uint88(amount);
        }
        if (remaining != 0 && remaining < _minStake) revert NMRStakingBelowMinimum(remaining, _minStake);

        uint88 matured = block.timestamp < position.releaseAt ? 0 : position.pending;
        if (matured > 0) {
            position.pending = 0;
            _totalStaked -= matured;
            emit Released(staker, modelId, tournament, matured);
        }
        uint40 releaseAt = SafeCast.toUint40(block.timestamp + _releaseDelay);
        position.active = remaining;
        position.pending += uint88(amount);
        position.releaseAt = releaseAt;
        _checkpoint(data, position, _latestRound[tournament]);
        emit ReleaseRequested(staker, modelId, tournament, amount, releaseAt);
        if (matured > 0) SafeERC20.safeTransfer(_token, staker, matured);
    }

    /**
     * @notice Sends the caller's whole pending stake on `modelId` in `tournament` back once its `releaseAt` has passed.
     * @dev Works while paused. Emits {Released}.
     * @return amount The amount sent.
     */
    function withdrawReleased(Tournament tournament, bytes32 modelId) external nonReentrant returns (uint256 amount) {
        address staker = _msgSender();
        Position storage position = _positions[tournament][modelId][staker].position;
        amount = position.pending;
        if (amount == 0) revert NMRStakingNothingPending(modelId);
        uint256 releaseAt = position.releaseAt;
        if (block.timestamp < releaseAt) revert NMRStakingReleaseNotReady(releaseAt, block.timestamp);

        position.pending = 0;
        position.releaseAt = 0;
        _totalStaked -= amount;
        emit Released(staker, modelId, tournament, amount);
        SafeERC20.safeTransfer(_token, staker, amount);
    }

    // ------------------------------------------------------------------------------------------------- rounds

    /**
     * @notice Opens the next round of `tournament` and returns its id (ids increase by one across tournaments).
     * @dev Only `RESOLVER_ROLE`, not while paused. Reverts with {NMRStakingRoundTooSoon} if the previous round of
     * `tournament` opened less than `roundPeriod()` ago. Emits {RoundOpened}.
     */
    function openRound(Tournament tournament)
        external
        nonReentrant
        onlyRole(RESOLVER_ROLE)
        whenNotPaused
        returns (uint256 roundId)
    {
        uint256 previous = _latestRound[tournament];
        if (previous != 0) {
            uint256 nextOpenAt = uint256(_rounds[previous].openedAt) + _roundPeriod;
            if (block.timestamp < nextOpenAt) revert NMRStakingRoundTooSoon(tournament, nextOpenAt);
        }
        uint24 id = SafeCast.toUint24(uint256(_lastRoundId) + 1);
        _lastRoundId = id;
        _latestRound[tournament] = id;
        _rounds[id] = Round({
            tournament: tournament,
            openedAt: SafeCast.toUint40(block.timestamp),
            resolvedBatches: 0,
            resolvedStakes: 0,
            finalized: false
        });
        uint256 resolvableAt = block.timestamp + _resolutionDelay;
        emit RoundOpened(id, tournament, resolvableAt, resolvableAt + _resolutionWindow);
        return id;
    }

    /**
     * @notice Applies one batch of round `roundId`'s payouts: entry `i` changes the position
     * `(round's tournament, modelIds[i], stakers[i])` by `payoutBps[i]` basis points of its active stake at the
     * round's opening (see the contract notes).
     * @dev Only `RESOLVER_ROLE`, not while paused, only for an opened round between its `resolvableAt` and its
     * deadline. Each `(roundId, batch)` resolves once ({NMRStakingBatchAlreadyResolved}); each position resolves
     * each round once, in increasing round order ({NMRStakingStakeAlreadyResolved}). Emits one {StakeResolved} per
     * entry, then {RoundBatchResolved}. The net of the batch's payouts and burns is minted to, or burned from, this
     * contract in one call after all positions are updated.
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
        Round storage round = _openedRound(roundId);
        uint256 resolvableAt = uint256(round.openedAt) + _resolutionDelay;
        if (block.timestamp < resolvableAt) revert NMRStakingRoundNotResolvable(roundId, resolvableAt);
        uint256 deadline = resolvableAt + _resolutionWindow;
        if (block.timestamp > deadline) revert NMRStakingRoundExpired(roundId, deadline);
        if (round.finalized) revert NMRStakingRoundFinalized(roundId);
        if (_batchResolved[roundId][batch]) revert NMRStakingBatchAlreadyResolved(roundId, batch);

        _batchResolved[roundId][batch] = true;
        round.resolvedBatches += 1;
        round.resolvedStakes += SafeCast.toUint64(count);

        int256 net = _resolveEntries(roundId, round.tournament, stakers, modelIds, payoutBps);
        emit RoundBatchResolved(roundId, batch, count);

        if (net > 0) _token.mint(address(this), SafeCast.toUint256(net));
        else if (net < 0) _token.burn(SafeCast.toUint256(-net));
    }

    /**
     * @notice Closes round `roundId`: later {resolveRound} calls for it revert with {NMRStakingRoundFinalized}.
     * @dev Only `RESOLVER_ROLE`, not while paused, only for an opened round. Emits {RoundFinalized}.
     */
    function finalizeRound(uint256 roundId) external nonReentrant onlyRole(RESOLVER_ROLE) whenNotPaused {
        Round storage round = _openedRound(roundId);
        if (round.finalized) revert NMRStakingRoundFinalized(roundId);
        round.finalized = true;
        emit RoundFinalized(roundId, round.resolvedBatches, round.resolvedStakes);
    }

    // ------------------------------------------------------------------------------------------ pause, recovery

    /**
     * @notice Stops staking, opening and resolving rounds for `MAX_PAUSE_DURATION` at most. Only `PAUSER_ROLE`.
     * @dev Reverts with {EnforcedPause} while paused and with {NMRStakingPauseCooldown} until `PAUSE_COOLDOWN` has
     * passed since the previous pause ended. Release requests and withdrawals keep working. Emits {Paused}.
     */
    function pause() external onlyRole(PAUSER_ROLE) {
        if (paused()) revert EnforcedPause();
        uint256 nextPauseAt = nextPauseAllowedAt();
        if (block.timestamp < nextPauseAt) revert NMRStakingPauseCooldown(nextPauseAt);
        uint64 until = SafeCast.toUint64(block.timestamp + MAX_PAUSE_DURATION);
        _pausedUntil = until;
        emit Paused(_msgSender(), until);
    }

    /// @notice Lifts a pause before it ends by itself. Only the default admin. Emits {Unpaused}.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (!paused()) revert ExpectedPause();
        _pausedUntil = SafeCast.toUint64(block.timestamp);
        emit Unpaused(_msgSender());
    }

    /**
     * @notice Sends `amount` of `token` held here but not staked to `to`: tokens someone transferred to this contract
     * by mistake. Only the default admin. For the staked token, only the surplus over `totalStaked()` can leave.
     * @dev Emits {TokensRecovered}.
     */
    function recoverTokens(IERC20 token_, address to, uint256 amount) external nonReentrant onlyRole(DEFAULT_ADMIN_ROLE) {
        if (to == address(0)) revert NMRStakingInvalidRecipient(to);
        if (address(token_) == address(_token)) {
            uint256 surplus = _token.balanceOf(address(this)) - _totalStaked;
            if (amount > surplus) revert NMRStakingRecoveryExceedsSurplus(amount, surplus);
        }
        emit TokensRecovered(address(token_), to, amount);
        SafeERC20.safeTransfer(token_, to, amount);
    }

    // ------------------------------------------------------------------------------------------------- views

    /// @notice The staked token.
    function token() external view returns (INMRStakingToken) {
        return _token;
    }

    /// @notice Seconds between a release request and the earliest withdrawal.
    function releaseDelay() external view returns (uint64) {
        return _releaseDelay;
    }

    /// @notice Least number of seconds between two rounds of one tournament.
    function roundPeriod() external view returns (uint64) {
        return _roundPeriod;
    }

    /// @notice Seconds a round stays open before it can be resolved.
    function resolutionDelay() external view returns (uint64) {
        return _resolutionDelay;
    }

    /// @notice Seconds, after `resolutionDelay()`, during which a round can be resolved.
    function resolutionWindow() external view returns (uint64) {
        return _resolutionWindow;
    }

    /// @notice Least non-zero active stake of a position after a stake or a release request, in wei.
    function minStake() external view returns (uint256) {
        return _minStake;
    }

    /// @notice The clip of `tournament`: the largest |payoutBps| its rounds accept.
    function maxPayoutBps(Tournament tournament) public pure returns (int256) {
        return tournament == Tournament.Signals ? SIGNALS_MAX_PAYOUT_BPS : NUMERAI_MAX_PAYOUT_BPS;
    }

    /// @notice Sum of all active and pending stakes.
    function totalStaked() external view returns (uint256) {
        return _totalStaked;
    }

    /// @notice The position of `staker` on `modelId` in `tournament`.
    function positionOf(Tournament tournament, bytes32 modelId, address staker) external view returns (PositionView memory) {
        Position memory position = _positions[tournament][modelId][staker].position;
        return PositionView(position.active, position.pending, position.releaseAt, position.lastResolvedRound);
    }

    /**
     * @notice The active stake of `staker` on `modelId` when round `roundId` opened, in the round's tournament: the
     * base its payout or burn applies to. Kept for rounds that can still be resolved; may revert with
     * {StakeHistory-StakeHistoryExpired} for older ones.
     */
    function stakeAtRound(uint256 roundId, bytes32 modelId, address staker) external view returns (uint256) {
        Round storage round = _openedRound(roundId);
        PositionData storage data = _positions[round.tournament][modelId][staker];
        return _stakeAt(data, data.position, roundId);
    }

    /// @notice The id of the latest round opened, in any tournament (0: none yet).
    function latestRoundId() external view returns (uint256) {
        return _lastRoundId;
    }

    /// @notice The id of the latest round opened in `tournament` (0: none yet).
    function latestRoundOf(Tournament tournament) external view returns (uint256) {
        return _latestRound[tournament];
    }

    /// @notice When the next round of `tournament` may open (0: now, none opened yet).
    function nextRoundAt(Tournament tournament) external view returns (uint256) {
        uint256 previous = _latestRound[tournament];
        return previous == 0 ? 0 : uint256(_rounds[previous].openedAt) + _roundPeriod;
    }

    /// @notice Round `roundId` and its resolution progress (reverts for a round never opened).
    function roundOf(uint256 roundId) external view returns (Round memory) {
        return _openedRound(roundId);
    }

    /// @notice Whether batch `batch` of round `roundId` has been resolved.
    function roundBatchResolved(uint256 roundId, uint256 batch) external view returns (bool) {
        return _batchResolved[roundId][batch];
    }

    /// @notice Whether staking, opening and resolving rounds are paused right now.
    function paused() public view returns (bool) {
        return block.timestamp < _pausedUntil;
    }

    /// @notice When the current pause lifts by itself, or when the last one ended (0: never paused).
    function pausedUntil() external view returns (uint256) {
        return _pausedUntil;
    }

    /// @notice The earliest time a new pause may start (0: any time).
    function nextPauseAllowedAt() public view returns (uint256) {
        return _pausedUntil == 0 ? 0 : uint256(_pausedUntil) + PAUSE_COOLDOWN;
    }

    // ---------------------------------------------------------------------------------------------- internals

    /// @dev Round `roundId`, reverting with {NMRStakingRoundNotOpened} if it was never opened.
    function _openedRound(uint256 roundId) private view returns (Round storage) {
        if (roundId == 0 || roundId > _lastRoundId) revert NMRStakingRoundNotOpened(roundId);
        return _rounds[roundId];
    }

    /// @dev Shared body of {stake} and {stakeWithPermit}: effects, checkpoint, event, then the pull.
    function _stake(address staker, Tournament tournament, bytes32 modelId, uint256 amount) private {
        if (amount == 0) revert NMRStakingZeroAmount();
        if (modelId == bytes32(0)) revert NMRStakingInvalidModelId(modelId);
        PositionData storage data = _positions[tournament][modelId][staker];
        Position memory position = data.position;
        uint88 newActive = SafeCast.toUint88(uint256(position.active) + amount);
        if (newActive < _minStake) revert NMRStakingBelowMinimum(newActive, _minStake);
        position.active = newActive;
        _checkpoint(data, position, _latestRound[tournament]);
        _totalStaked += amount;
        emit StakeIncreased(staker, modelId, tournament, amount, newActive);
        SafeERC20.safeTransferFrom(_token, staker, address(this), amount);
    }

    /**
     * @dev Resolves every entry of a batch and returns the sum of their deltas (payouts minus burns). Split from
     * {resolveRound} to keep the stack shallow ("stack too deep").
     */
    function _resolveEntries(
        uint256 roundId,
        Tournament tournament,
        address[] calldata stakers,
        bytes32[] calldata modelIds,
        int256[] calldata payoutBps
    ) private returns (int256 net) {
        int256 clip = maxPayoutBps(tournament);
        Batch memory batch = Batch({roundId: roundId, latestRound: _latestRound[tournament], tournament: tournament});
        for (uint256 i = 0; i < stakers.length; ++i) {
            int256 bps = payoutBps[i];
            // Range-check before taking |bps|: negating type(int256).min would overflow.
            if (bps > clip || bps < -clip) revert NMRStakingPayoutOutOfRange(i, bps, clip);
            net += _resolveOne(batch, stakers[i], modelIds[i], bps);
        }
        _totalStaked = SafeCast.toUint256(SafeCast.toInt256(_totalStaked) + net);
    }

    /**
     * @dev Resolves one position in round `roundId` and returns its delta: the amount to mint if positive, to burn if
     * negative. `bps` is already range-checked. Storage writes, a checkpoint and an event: no external calls.
     */
    function _resolveOne(Batch memory batch, address staker, bytes32 modelId, int256 bps) private returns (int256 delta) {
        uint256 roundId = batch.roundId;
        PositionData storage data = _positions[batch.tournament][modelId][staker];
        Position memory position = data.position;
        if (roundId <= position.lastResolvedRound) {
            revert NMRStakingStakeAlreadyResolved(roundId, modelId, staker, position.lastResolvedRound);
        }
        uint256 base = _stakeAt(data, position, roundId);
        uint256 active = position.active;
        if (bps >= 0) {
            // uint256(bps) is exact: 0 <= bps <= clip.
            uint256 minted = (base * uint256(bps)) / BPS_DENOMINATOR;
            active += minted;
            delta = SafeCast.toInt256(minted);
        } else {
            // uint256(-bps) is exact: -clip <= bps < 0, so -bps cannot overflow.
            uint256 burned = (base * uint256(-bps)) / BPS_DENOMINATOR;
            uint256 lockedPending = block.timestamp < position.releaseAt ? position.pending : 0;
            if (burned > active + lockedPending) burned = active + lockedPending;
            uint256 fromActive = burned < active ? burned : active;
            unchecked {
                // fromActive <= active and burned - fromActive <= lockedPending <= pending.
                active -= fromActive;
                position.pending -= uint88(burned - fromActive);
            }
            delta = -SafeCast.toInt256(burned);
        }
        position.lastResolvedRound = uint24(roundId); // roundId <= lastRoundId, a uint24
        if (delta != 0) {
            position.active = SafeCast.toUint88(active);
            _checkpoint(data, position, batch.latestRound);
        } else {
            data.position = position;
        }
        emit StakeResolved(roundId, staker, modelId, base, delta);
    }

    /**
     * @dev The active stake when round `roundId` opened. A change is keyed by the latest round of the position's
     * tournament then, so changes made before round `roundId` opened carry a key below `roundId`, later ones not.
     */
    function _stakeAt(PositionData storage data, Position memory position, uint256 roundId) private view returns (uint256) {
        return StakeHistory.lookup(data.history, position.historySize, position.historyNewest, roundId - 1);
    }

    /// @dev Checkpoints `position.active` at round key `key` and stores `position`.
    function _checkpoint(PositionData storage data, Position memory position, uint24 key) private {
        (position.historySize, position.historyNewest) =
            StakeHistory.push(data.history, position.historySize, position.historyNewest, key, position.active);
        data.position = position;
    }
}
