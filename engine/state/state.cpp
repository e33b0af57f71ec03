// SPDX-License-Identifier: MIT
#include "state/state.hpp"

#include <stdexcept>

namespace bitsig {

State State::from_string(const std::string& bits) {
    State s(bits.size());
    for (std::size_t i = 0; i < bits.size(); ++i) {
        if (bits[i] != '0' && bits[i] != '1') throw std::invalid_argument("state strings contain only '0' and '1'");
        s.set(i, bits[i] == '1');
    }
    return s;
}

State State::from_index(std::uint64_t index, std::size_t num_vars) {
    State s(num_vars);
    if (num_vars > 0) s.words_[0] = num_vars >= 64 ? index : index & ((Word{1} << num_vars) - 1);
    return s;
}

std::vector<bool> State::to_bools() const {
    std::vector<bool> out(size_);
    for (std::size_t i = 0; i < size_; ++i) out[i] = get(i);
    return out;
}

std::string State::to_string() const {
    std::string out(size_, '0');
    for (std::size_t i = 0; i < size_; ++i)
        if (get(i)) out[i] = '1';
    return out;
}

std::ostream& operator<<(std::ostream& out, const State& s) { return out << s.to_string(); }

}  // namespace bitsig
