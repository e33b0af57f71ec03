// SPDX-License-Identifier: MIT
// Building the process from a network: rules become the `@logic` cases of MaBoSS's default
// rates, perturbations become held variables (they start at their value and never move,
// the bitsig convention for --ko/--oe/--fix, drugs and contexts), and `--initial` text
// becomes single-variable initial groups.
#include "simulate/stochastic_model.hpp"

#include <algorithm>
#include <cctype>

namespace bitsig {

namespace {

Expr own_logic(std::size_t num_vars, bool negated) {
    Expr e;
    std::uint32_t v = e.add_variable(VarId{static_cast<std::uint32_t>(num_vars)});
    if (negated) v = e.add_operator(Op::negation, std::span<const std::uint32_t>(&v, 1));
    e.set_root(v);
    return e;
}

[[noreturn]] void initial_error(const std::string& what, std::string message, std::string note = {}) {
    throw InputError(errors::in_file(what, std::move(message), std::move(note)));
}

// Removes v from every group (keeping the others' joint distribution, i.e. marginalising).
void forget_initial(std::vector<InitialGroup>& groups, VarId v) {
    for (auto& g : groups) {
        auto at = std::find(g.vars.begin(), g.vars.end(), v);
        if (at == g.vars.end()) continue;
        auto column = static_cast<std::ptrdiff_t>(at - g.vars.begin());
        g.vars.erase(at);
        for (auto& row : g.values) row.erase(row.begin() + column);
    }
    std::erase_if(groups, [](const InitialGroup& g) { return g.vars.empty(); });
}

void hold_in_model(StochasticModel& m) {
    for (std::size_t i = 0; i < m.held.size(); ++i)
        if (m.held.is_fixed(i)) forget_initial(m.initial, VarId{static_cast<std::uint32_t>(i)});
}

}  // namespace

std::vector<VariableRates> logic_rates(const Network& net) {
    std::vector<VariableRates> rates(net.num_vars());
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
        const Variable& var = net.variable(VarId{i});
        rates[i].up.push_back({own_logic(net.num_vars(), false), var.rate_up.value_or(1.0)});
        rates[i].down.push_back({own_logic(net.num_vars(), true), var.rate_down.value_or(1.0)});
    }
    return rates;
}

StochasticModel stochastic_model(const Network& net, const Perturbation& p) {
    StochasticModel m{apply(net, p), logic_rates(net), held_values(net, p), {}, {}};
    for (std::uint32_t i = 0; i < m.net.num_vars(); ++i)
        if (!m.held.is_fixed(i) && m.net.is_constant(VarId{i})) m.held.fix(i, m.net.rule(VarId{i}).constant_value());
    return m;
}

StochasticModel stochastic_model(const Network& net, const Perturbation& p, std::vector<VariableRates> rates,
                                 std::vector<InitialGroup> initial) {
    StochasticModel m{apply(net, p), std::move(rates), held_values(net, p), std::move(initial), {}};
    hold_in_model(m);
    return m;
}

void set_initial(StochasticModel& model, const std::string& text, const std::string& what) {
    const Network& net = model.net;
    auto set_one = [&](VarId v, bool value) {
        if (model.held.is_fixed(v.index) && model.held.value(v.index) != value)
            initial_error(what, errors::start_against_held(net.name(v), model.held.value(v.index), value));
        forget_initial(model.initial, v);
        model.initial.push_back({{v}, {{value}}, {1.0}});
    };
    std::string trimmed = text;
    std::erase_if(trimmed, [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
    bool bits_only = !trimmed.empty() && trimmed.find_first_not_of("01") == std::string::npos;
    if (bits_only && text.find('=') == std::string::npos) {
        if (trimmed.size() != net.num_vars())
            initial_error(what, errors::start_state_width(trimmed, trimmed.size(), net.num_vars()));
        for (std::uint32_t i = 0; i < net.num_vars(); ++i) set_one(VarId{i}, trimmed[i] == '1');
        return;
    }
    std::string token;
    auto flush = [&] {
        if (token.empty()) return;
        auto eq = token.find('=');
        if (eq == std::string::npos || eq + 2 != token.size() || (token[eq + 1] != '0' && token[eq + 1] != '1'))
            initial_error(what, errors::start_assignment(token));
        std::string name = token.substr(0, eq);
        auto v = net.find(name);
        if (!v) initial_error(what, errors::start_unknown_variable(name), did_you_mean(name, net.names()));
        set_one(*v, token[eq + 1] == '1');
        token.clear();
    };
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c)) || c == ',')
            flush();
        else
            token += c;
    }
    flush();
}

}  // namespace bitsig
