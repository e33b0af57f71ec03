// SPDX-License-Identifier: MIT
// Subspaces as two masks; see subspace.hpp. The one place that expands a subspace into its
// states, so every caller counts free variables the same way.
#include "state/subspace.hpp"

#include <stdexcept>

namespace bitsig {

Subspace Subspace::from_string(const std::string& text) {
    Subspace s(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '0' || text[i] == '1')
            s.fix(i, text[i] == '1');
        else if (text[i] != '*')
            throw std::invalid_argument("subspace strings contain only '0', '1' and '*'");
    }
    return s;
}

Subspace Subspace::of_state(const State& state) {
    Subspace s(state.size());
    for (std::size_t i = 0; i < state.size(); ++i) s.fix(i, state.get(i));
    return s;
}

void Subspace::fix(std::size_t i, bool value) {
    const Word bit = Word{1} << (i % 64);
    fixed_[i / 64] |= bit;
    ones_[i / 64] = value ? (ones_[i / 64] | bit) : (ones_[i / 64] & ~bit);
}

void Subspace::release(std::size_t i) {
    const Word bit = Word{1} << (i % 64);
    fixed_[i / 64] &= ~bit;
    ones_[i / 64] &= ~bit;
}

std::size_t Subspace::free_count() const {
    std::size_t fixed = 0;
    for (Word w : fixed_) fixed += popcount(w);
    return size_ - fixed;
}

bool Subspace::contains(const State& s) const {
    if (s.size() != size_) return false;
    for (std::size_t w = 0; w < fixed_.size(); ++w)
        if (((s.words()[w] ^ ones_[w]) & fixed_[w]) != 0) return false;
    return true;
}

bool Subspace::contains(const Subspace& inner) const {
    if (inner.size_ != size_) return false;
    // Every variable fixed here is fixed in `inner` to the same value.
    for (std::size_t w = 0; w < fixed_.size(); ++w)
        if ((fixed_[w] & ~inner.fixed_[w]) != 0 || ((ones_[w] ^ inner.ones_[w]) & fixed_[w]) != 0) return false;
    return true;
}

bool Subspace::intersects(const Subspace& other) const {
    if (other.size_ != size_) return false;
    // Disjoint exactly when some variable is fixed in both, to different values.
    for (std::size_t w = 0; w < fixed_.size(); ++w)
        if (((ones_[w] ^ other.ones_[w]) & fixed_[w] & other.fixed_[w]) != 0) return false;
    return true;
}

void Subspace::for_each_state(const std::function<void(const State&)>& visit) const {
    std::vector<std::size_t> free;
    State s(size_);
    for (std::size_t i = 0; i < size_; ++i) {
        if (is_fixed(i))
            s.set(i, value(i));
        else
            free.push_back(i);
    }
    // A binary counter over the free variables: flip the lowest 1s to 0 and the next 0 to 1.
    for (;;) {
        visit(s);
        std::size_t k = 0;
        while (k < free.size() && s.get(free[k])) s.set(free[k++], false);
        if (k == free.size()) return;
        s.set(free[k], true);
    }
}

std::vector<State> Subspace::states() const {
    if (free_count() > 24) throw std::length_error("a subspace of more than 2^24 states cannot be listed");
    std::vector<State> out;
    out.reserve(std::size_t{1} << free_count());
    for_each_state([&](const State& s) { out.push_back(s); });
    return out;
}

std::string Subspace::to_string() const {
    std::string out(size_, '*');
    for (std::size_t i = 0; i < size_; ++i) out[i] = at(i);
    return out;
}

std::strong_ordering Subspace::operator<=>(const Subspace& o) const {
    if (auto c = size_ <=> o.size_; c != 0) return c;
    // The first variable that differs decides, ranked '*' < '0' < '1' as characters are.
    for (std::size_t w = 0; w < fixed_.size(); ++w) {
        const Word diff = (fixed_[w] ^ o.fixed_[w]) | (ones_[w] ^ o.ones_[w]);
        if (diff == 0) continue;
        const unsigned i = lowest_bit(diff);
        auto rank = [i](Word fixed, Word ones) { return ((fixed >> i) & 1) + ((ones >> i) & 1); };
        return rank(fixed_[w], ones_[w]) <=> rank(o.fixed_[w], o.ones_[w]);
    }
    return std::strong_ordering::equal;
}

std::ostream& operator<<(std::ostream& out, const Subspace& s) { return out << s.to_string(); }

}  // namespace bitsig
