// SPDX-License-Identifier: MIT
// Name resolution for conditions; unknown names list what the model defines, because the
// user usually mistyped one of them.
#include "perturb/conditions.hpp"

#include <algorithm>

#include <sstream>

namespace bitsig {

namespace {

[[noreturn]] void unknown(const std::string& kind, const std::string& name, const std::vector<std::string>& known) {
    throw InputError(errors::unknown_name(kind, name, known));
}

VarId variable(const Network& net, const std::string& name) {
    if (auto v = net.find(name)) return *v;
    unknown("variable", name, net.names());
}

std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (char ch : text) {
        if (ch == ' ' || ch == ',' || ch == '\t' || ch == ';') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += ch;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

}  // namespace

Conditions Conditions::parse(const std::string& text) {
    Conditions c;
    for (const auto& word : split_words(text)) {
        auto eq = word.find('=');
        if (eq == std::string::npos) {
            throw InputError(errors::condition_not_key_value(word));
        }
        std::string key = word.substr(0, eq), value = word.substr(eq + 1);
        if (key == "drug")
            c.drugs.push_back(value);
        else if (key == "context" || key == "mutation")
            c.contexts.push_back(value);
        else if (key == "ko")
            c.knockouts.push_back(value);
        else if (key == "oe")
            c.overexpressions.push_back(value);
        else if (key == "fix")
            c.fixes.push_back(value);
        else if (key == "cut")
            c.cuts.push_back(value);
        else if (key == "scenario")
            c.scenario = value;
        else
            throw InputError(errors::unknown_condition_key(key, word));
    }
    return c;
}

std::string Conditions::describe() const {
    std::vector<std::string> parts;
    if (!scenario.empty()) parts.push_back("scenario " + scenario);
    for (const auto& x : contexts) parts.push_back("context " + x);
    for (const auto& x : drugs) parts.push_back("drug " + x);
    for (const auto& x : knockouts) parts.push_back(x + " knocked out");
    for (const auto& x : overexpressions) parts.push_back(x + " over-expressed");
    for (const auto& x : fixes) parts.push_back("fix " + x);
    for (const auto& x : cuts) parts.push_back("cut " + x);
    if (free_inputs) parts.push_back("free inputs");
    if (parts.empty()) return "baseline (input defaults)";
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " + " : "") + parts[i];
    return out;
}

Resolution resolve_or_conflict(const Network& net, const Conditions& c) {
    Resolution out;
    Perturbation& p = out.perturbation;
    // The first conflict ends the resolution: what follows it was never looked at before
    // conflicts became values, so error precedence stays as it was.
    auto add = [&](Fix f, const std::string& source, const std::string& word = {}) {
        if (!out.conflict) out.conflict = p.add_fix_or_conflict(net, f, source, word);
        return !out.conflict;
    };
    if (!c.free_inputs)
        for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
            const Variable& v = net.variable(VarId{i});
            if (v.default_value && net.is_input(VarId{i})) p.defaults.push_back({VarId{i}, *v.default_value});
        }
    std::vector<std::string> drugs = c.drugs, contexts = c.contexts;
    std::vector<Fix> scenario_fixes;
    if (!c.scenario.empty()) {
        const Scenario* s = net.find_scenario(c.scenario);
        if (!s) {
            std::vector<std::string> known;
            for (const auto& x : net.scenarios()) known.push_back(x.name);
            unknown("scenario", c.scenario, known);
        }
        drugs.insert(drugs.begin(), s->drugs.begin(), s->drugs.end());
        contexts.insert(contexts.begin(), s->contexts.begin(), s->contexts.end());
        scenario_fixes = s->fixes;
    }
    for (const auto& name : contexts) {
        const Context* ctx = net.find_context(name);
        if (!ctx) {
            std::vector<std::string> known;
            for (const auto& x : net.contexts()) known.push_back(x.name);
            unknown("context", name, known);
        }
        p.contexts.push_back(ctx->name);
        for (const auto& f : ctx->sets)
            if (!add(f, "context '" + name + "'", name)) return out;
    }
    for (const auto& name : drugs) {
        const Drug* drug = net.find_drug(name);
        if (!drug) {
            std::vector<std::string> known;
            for (const auto& x : net.drugs()) {
                known.push_back(x.name);
                known.insert(known.end(), x.aliases.begin(), x.aliases.end());
            }
            unknown("drug", name, known);
        }
        p.drugs.push_back(drug->name);
        for (const auto& f : drug->sets)
            if (!add(f, "drug '" + name + "'", name)) return out;
    }
    for (const auto& f : scenario_fixes)
        if (!add(f, "scenario '" + c.scenario + "'", c.scenario)) return out;
    for (const auto& name : c.knockouts)
        if (!add({variable(net, name), false}, "--ko " + name)) return out;
    for (const auto& name : c.overexpressions)
        if (!add({variable(net, name), true}, "--oe " + name)) return out;
    for (const auto& spec : c.fixes) {
        auto eq = spec.find('=');
        std::string value = eq == std::string::npos ? "" : spec.substr(eq + 1);
        if (eq == std::string::npos || (value != "0" && value != "1")) throw InputError(errors::bad_fix(spec));
        if (!add({variable(net, spec.substr(0, eq)), value == "1"}, "--fix " + spec)) return out;
    }
    for (const auto& spec : c.cuts) {
        auto arrow = spec.find("->");
        if (arrow == std::string::npos) throw InputError(errors::bad_cut(spec));
        VarId from = variable(net, spec.substr(0, arrow));
        VarId to = variable(net, spec.substr(arrow + 2));
        auto regs = net.regulators(to);
        if (std::find(regs.begin(), regs.end(), from) == regs.end())
            throw InputError(errors::cut_not_in_rule(spec, net.name(from), net.name(to)));
        p.cuts.push_back({from, to});
    }
    return out;
}

Perturbation resolve(const Network& net, const Conditions& c) {
    Resolution r = resolve_or_conflict(net, c);
    if (r.conflict) throw InputError(*r.conflict);
    return std::move(r.perturbation);
}

}  // namespace bitsig
