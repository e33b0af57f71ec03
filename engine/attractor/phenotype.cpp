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

std::vector<double> long_term_means(const Network& net, const Result& r, bool readouts) {
    std::size_t count = readouts ? net.readouts().size() : net.num_vars();
    std::vector<double> out(count, 0.0);
    std::uint64_t basin_total = 0;
    bool basins = !r.attractors.empty();
    for (const auto& a : r.attractors) {
        basins = basins && a.basin_size.has_value();
        basin_total += a.basin_size.value_or(0);
    }
    for (const auto& a : r.attractors) {
        double w = basins && basin_total ? static_cast<double>(*a.basin_size) / static_cast<double>(basin_total)
                                         : 1.0 / static_cast<double>(r.attractors.size());
        if (readouts) {
            auto v = readout_values(net, a);
            for (std::size_t k = 0; k < count; ++k) out[k] += w * v[k];
            continue;
        }
        for (std::size_t k = 0; k < count; ++k) {
            std::size_t on = 0;
            for (const auto& s : a.states) on += s.get(k);
            out[k] += w * static_cast<double>(on) / static_cast<double>(a.states.size());
        }
    }
    return out;
}

}  // namespace bitsig
