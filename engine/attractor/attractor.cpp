// SPDX-License-Identifier: MIT
#include "attractor/attractor.hpp"

#include <algorithm>
#include <thread>

#include "core/error.hpp"

namespace bitsig {

std::string to_string(AttractorKind k) {
    switch (k) {
    case AttractorKind::fixed_point:
        return "fixed_point";
    case AttractorKind::cycle:
        return "cycle";
    case AttractorKind::complex:
        return "complex";
    }
    return "fixed_point";
}

std::string to_string(Algorithm a) {
    switch (a) {
    case Algorithm::none:
        return "";
    case Algorithm::exhaustive:
        return "exhaustive";
    case Algorithm::sat_cycles:
    case Algorithm::sat_fixed_points:
        return "sat";
    case Algorithm::bdd_fixed_points:
        return "bdd";
    case Algorithm::sample:
        return "sample";
    case Algorithm::sat_fixed_points_sample:
        return "sat+sample";
    case Algorithm::respond_explicit:
        return "respond (explicit)";
    case Algorithm::respond_sample:
        return "respond (sample)";
    case Algorithm::respond_symbolic:
        return "respond (symbolic)";
    case Algorithm::succession_diagram:
        return "succession-diagram";
    }
    return "";
}

std::string algorithm_name(Algorithm a) {
    switch (a) {
    case Algorithm::sat_cycles:
        return "sat-cycles";
    case Algorithm::sat_fixed_points:
        return "sat-fixed-points";
    case Algorithm::bdd_fixed_points:
        return "bdd-fixed-points";
    case Algorithm::sat_fixed_points_sample:
        return "sat-fixed-points+sample";
    case Algorithm::respond_explicit:
        return "respond-explicit";
    case Algorithm::respond_sample:
        return "respond-sample";
    case Algorithm::respond_symbolic:
        return "respond-symbolic";
    default:
        return to_string(a);
    }
}

std::ostream& operator<<(std::ostream& out, Algorithm a) { return out << to_string(a); }

std::ostream& operator<<(std::ostream& out, const Attractor& a) {
    out << to_string(a.kind) << '{';
    for (std::size_t i = 0; i < a.states.size(); ++i) out << (i ? " " : "") << a.states[i];
    if (a.truncated) out << " ...";
    out << '}';
    if (a.basin_size) out << " basin " << *a.basin_size;
    return out;
}

void canonicalize(Attractor& a, UpdateScheme update) {
    if (a.states.empty()) return;
    if (!a.truncated) {
        if (update == UpdateScheme::synchronous) {
            auto smallest = std::min_element(a.states.begin(), a.states.end());
            std::rotate(a.states.begin(), smallest, a.states.end());
        } else {
            std::sort(a.states.begin(), a.states.end());
        }
        a.size = a.states.size();
    }
    if (a.size == 1)
        a.kind = AttractorKind::fixed_point;
    else
        a.kind = update == UpdateScheme::synchronous ? AttractorKind::cycle : AttractorKind::complex;
}

void canonicalize(std::vector<Attractor>& attractors, UpdateScheme update) {
    for (auto& a : attractors) canonicalize(a, update);
    std::sort(attractors.begin(), attractors.end(),
              [](const Attractor& x, const Attractor& y) { return x.states.front() < y.states.front(); });
}

std::string summarize_space(const std::vector<State>& states) {
    if (states.empty()) return {};
    std::string out = states.front().to_string();
    for (const auto& s : states)
        for (std::size_t i = 0; i < out.size(); ++i)
            if (out[i] != '*' && (out[i] == '1') != s.get(i)) out[i] = '*';
    return out;
}

std::uint64_t Result::basin_total() const {
    std::uint64_t total = 0;
    for (const auto& a : attractors) total += a.basin_size.value_or(0);
    return total;
}

double Result::basin_share(std::uint64_t states) const {
    const std::uint64_t total = basin_total();
    return total == 0 ? 0.0 : static_cast<double>(states) / static_cast<double>(total);
}

}  // namespace bitsig
