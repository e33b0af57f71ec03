// SPDX-License-Identifier: MIT
#include "dynamics/step.hpp"

namespace bitsig {

State step_synchronous(const Network& net, const State& s) {
    std::vector<bool> values = s.to_bools();
    State next(net.num_vars());
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) next.set(i, evaluate(net.rule(VarId{i}), values));
    return next;
}

std::vector<State> successors_asynchronous(const Network& net, const State& s) {
    std::vector<bool> values = s.to_bools();
    std::vector<State> out;
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
        if (evaluate(net.rule(VarId{i}), values) != values[i]) {
            State t = s;
            t.flip(i);
            out.push_back(std::move(t));
        }
    }
    return out;
}

}  // namespace bitsig
