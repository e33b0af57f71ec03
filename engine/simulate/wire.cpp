// SPDX-License-Identifier: MIT
// Window sums travel between ranks as their cells' bytes: the same doubles arrive, so a
// block summed on another rank merges exactly as if it had been summed here.
#include <stdexcept>

#include "simulate/windows.hpp"

namespace bitsig {

void WindowSums::write(WireWriter& out) const {
    out.u64(cells_.size());
    out.raw(cells_.data(), cells_.size() * sizeof(Cell));
}

void WindowSums::merge(WireReader& in) {
    if (in.u64() != cells_.size()) throw std::runtime_error("window sums of another shape arrived from a rank");
    for (auto& c : cells_) {
        Cell other;
        in.raw(&other, sizeof other);
        c.time += other.time;
        c.square += other.square;
        c.whole += other.whole;
    }
}

}  // namespace bitsig
