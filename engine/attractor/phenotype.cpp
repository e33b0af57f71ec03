// SPDX-License-Identifier: MIT
#include "attractor/phenotype.hpp"

namespace bitsig {

namespace {
double fraction_on(const Expr& rule, const Attractor& a) {
    if (a.states.empty()) return 0;
    std::size_t on = 0;
    for (const auto& s : a.states) on += evaluate(rule, s.to_bools());
    return static_cast<double>(on) / static_cast<double>(a.states.size());
}
}  // namespace

std::vector<double> readout_values(const Network& net, const Attractor& a) {
    std::vector<double> out;
    for (const auto& r : net.readouts()) out.push_back(fraction_on(r.rule, a));
    return out;
}

std::optional<double> named_value(const Network& net, const Attractor& a, const std::string& name) {
    for (const auto& r : net.readouts())
        if (r.name == name) return fraction_on(r.rule, a);
    if (auto v = net.find(name)) return fraction_on(Expr::variable(*v), a);
    return std::nullopt;
}

}  // namespace bitsig
