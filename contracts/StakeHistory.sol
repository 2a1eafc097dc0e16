// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/**
 * @title StakeHistory
 * @notice Checkpoints of one position's active stake, keyed by the id of its tournament's latest round when it
 * changed: the newest `CAPACITY` of them, in a ring of two entries per storage slot.
 * @dev Like OpenZeppelin's `Checkpoints` (non-decreasing keys, a change at an existing key overwrites it, a lookup
 * returns the newest value at or before a key), but bounded: once full, a new checkpoint overwrites the oldest, so
 * the 8 slots are allocated once and then rewritten, and a lookup binary-searches at most 16 entries; this keeps a
 * round's resolution under 50k gas per position. NMRStaking bounds how far back a lookup can reach
 * (`MAX_ROUNDS_PER_HORIZON` there), so a lookup it makes never needs a checkpoint the ring dropped; if one did,
 * {lookup} reverts with {StakeHistoryExpired} rather than answer wrongly.
 *
 * An entry is 128 bits: the key (uint32) above the value (uint96). The caller keeps the ring's `size` (entries
 * held, at most `CAPACITY`) and `newest` (index of the newest entry) and passes them in.
 */
library StakeHistory {
    /// @notice Checkpoints kept per position.
    uint256 internal constant CAPACITY = 16;

    /// @dev `CAPACITY` entries, two per slot.
    struct Ring {
        uint256[8] slots;
    }

    /// @dev The newest checkpoint at or before `key` was dropped from the ring.
    error StakeHistoryExpired(uint256 key);

    /**
     * @dev The value of the newest checkpoint whose key is at most `key`; 0 when every checkpoint is newer and none
     * was ever dropped (the position was empty then).
     */
    function lookup(Ring storage ring, uint256 size, uint256 newest, uint256 key) internal view returns (uint256) {
        if (size == 0) return 0;
        (uint256 newestKey, uint256 newestValue) = _entry(ring, newest);
        if (newestKey <= key) return newestValue;
        // Binary search over logical positions 0 (oldest) .. size - 1 (newest, known to be after `key`): `low` ends
        // as the number of checkpoints at or before `key`.
        uint256 oldest = (newest + CAPACITY + 1 - size) % CAPACITY;
        uint256 low = 0;
        uint256 high = size - 1;
        while (low < high) {
            uint256 mid = (low + high) / 2;
            (uint256 midKey,) = _entry(ring, (oldest + mid) % CAPACITY);
            if (midKey <= key) low = mid + 1;
            else high = mid;
        }
        if (low == 0) {
            if (size < CAPACITY) return 0;
            revert StakeHistoryExpired(key);
        }
        (, uint256 value) = _entry(ring, (oldest + low - 1) % CAPACITY);
        return value;
    }

    /**
     * @dev Records `value` at `key`, which must not be below the newest key: overwrites the newest checkpoint if it
     * has the same key, else adds one (dropping the oldest when full). Returns the new `size` and `newest`.
     */
    function push(Ring storage ring, uint256 size, uint256 newest, uint32 key, uint96 value)
        internal
        returns (uint8 newSize, uint8 newNewest)
    {
        if (size != 0) {
            (uint256 newestKey,) = _entry(ring, newest);
            if (newestKey != key) {
                newest = (newest + 1) % CAPACITY;
                if (size < CAPACITY) ++size;
            }
        } else {
            size = 1;
        }
        uint256 index = newest;
        uint256 shift = (index & 1) * 128;
        uint256 word = ring.slots[index >> 1];
        uint256 entry = (uint256(key) << 96) | value;
        ring.slots[index >> 1] = (word & ~(uint256(type(uint128).max) << shift)) | (entry << shift);
        // size <= CAPACITY = 64 and newest < CAPACITY: both fit in 8 bits.
        return (uint8(size), uint8(newest));
    }

    /// @dev Key and value of entry `index` (0 .. CAPACITY - 1).
    function _entry(Ring storage ring, uint256 index) private view returns (uint256 key, uint256 value) {
        uint256 entry = (ring.slots[index >> 1] >> ((index & 1) * 128)) & type(uint128).max;
        return (entry >> 96, entry & type(uint96).max);
    }
}
