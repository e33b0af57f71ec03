// SPDX-License-Identifier: MIT
// Packed states (at most 64 variables) numbered in the order they were first seen.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

namespace bitsig {

/// An open-addressing hash map from a packed state to its number (linear probing,
/// multiplicative hashing as in Knuth, TAOCP vol. 3, 6.4): exploration looks up every
/// neighbour of every state, so this is its inner loop. For small spaces (`dense_bits` > 0)
/// the map is a plain array over all 2^dense_bits states instead: one memory access per
/// lookup instead of a probe sequence, and calloc'ed so untouched pages cost nothing.
class StateIndex {
public:
    static constexpr std::uint32_t npos = ~std::uint32_t{0};

    explicit StateIndex(unsigned dense_bits = 0) {
        if (dense_bits > 0) {
            dense_.reset(static_cast<std::uint32_t*>(std::calloc(std::size_t{1} << dense_bits, sizeof(std::uint32_t))));
            if (!dense_) throw std::bad_alloc();
        } else {
            rehash(1024);
        }
    }

    std::size_t size() const { return states_.size(); }
    std::uint64_t state(std::uint32_t id) const { return states_[id]; }
    const std::vector<std::uint64_t>& states() const { return states_; }

    /// The number of `s`, or npos.
    std::uint32_t find(std::uint64_t s) const {
        if (dense_) return dense_[s] - 1;  // 0 (absent) wraps to npos
        for (std::size_t slot = home(s);; slot = (slot + 1) & (ids_.size() - 1)) {
            std::uint32_t id = ids_[slot];
            if (id == npos) return npos;
            if (states_[id] == s) return id;
        }
    }
    /// The number of `s`, numbering it next when new; `added` says which.
    std::uint32_t insert(std::uint64_t s, bool& added) {
        if (dense_) {
            std::uint32_t& entry = dense_[s];
            added = entry == 0;
            if (added) {
                states_.push_back(s);
                entry = static_cast<std::uint32_t>(states_.size());
            }
            return entry - 1;
        }
        std::size_t slot = home(s);
        for (;; slot = (slot + 1) & (ids_.size() - 1)) {
            std::uint32_t id = ids_[slot];
            if (id == npos) break;
            if (states_[id] == s) {
                added = false;
                return id;
            }
        }
        added = true;
        auto id = static_cast<std::uint32_t>(states_.size());
        states_.push_back(s);
        ids_[slot] = id;
        if (states_.size() * 2 > ids_.size()) rehash(ids_.size() * 2);
        return id;
    }
    /// Bytes held per numbered state (for memory estimates).
    static constexpr std::size_t kBytesPerState = sizeof(std::uint64_t) + 4 * sizeof(std::uint32_t);
    /// Frees the hash part, keeping the numbered states.
    std::vector<std::uint64_t> release() {
        dense_.reset();
        ids_.clear();
        ids_.shrink_to_fit();
        return std::move(states_);
    }

private:
    std::size_t home(std::uint64_t s) const { return static_cast<std::size_t>((s * 0x9E3779B97F4A7C15ull) >> shift_); }
    void rehash(std::size_t capacity) {
        ids_.assign(capacity, npos);
        shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(capacity));
        for (std::uint32_t id = 0; id < states_.size(); ++id) {
            std::size_t slot = home(states_[id]);
            while (ids_[slot] != npos) slot = (slot + 1) & (capacity - 1);
            ids_[slot] = id;
        }
    }

    struct Free {
        void operator()(std::uint32_t* p) const { std::free(p); }
    };
    std::unique_ptr<std::uint32_t[], Free> dense_;
    std::vector<std::uint64_t> states_;
    std::vector<std::uint32_t> ids_;
    unsigned shift_ = 54;
};

}  // namespace bitsig
