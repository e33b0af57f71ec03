// SPDX-License-Identifier: MIT
// Name resolution for conditions; unknown names list what the model defines, because the
// user usually mistyped one of them.
#include "perturb/conditions.hpp"

#include <algorithm>

#include <sstream>

namespace bitsig {

namespace {

[[noreturn]] void unknown(const std::string& kind, const std::string& name, const std::vector<std::string>& known) {
    Diagnostic d;
    d.message = "unknown " + kind + " '" + name + "'";
    std::string suggestion = did_you_mean(name, known);
    std::string list;
    for (std::size_t i = 0; i < known.size() && i < 60; ++i) list += (i ? ", " : "") + known[i];
    if (known.size() > 60) list += ", ...";
    d.note = (suggestion.empty() ? "" : suggestion + "\n") +
             (known.empty() ? "the model defines no " + kind + "s" : "known " + kind + "s: " + list);
    throw InputError(d);
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
            Diagnostic d;
            d.message = "condition '" + word + "' is not of the form key=value";
            d.note = "keys: drug, context, mutation, ko, oe, fix, cut, scenario; e.g. \"context=pten_loss "
                     "drug=trastuzumab\"";
            throw InputError(d);
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
        else {
            Diagnostic d;
            d.message = "unknown condition key '" + key + "' in '" + word + "'";
            d.note = did_you_mean(key, {"drug", "context", "mutation", "ko", "oe", "fix", "cut", "scenario"});
            if (d.note.empty()) d.note = "keys: drug, context, mutation, ko, oe, fix, cut, scenario";
            throw InputError(d);
        }
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

Perturbation resolve(const Network& net, const Conditions& c) {
    Perturbation p;
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
        for (const auto& f : ctx->sets) p.add_fix(net, f, "context '" + name + "'");
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
        for (const auto& f : drug->sets) p.add_fix(net, f, "drug '" + name + "'");
    }
    for (const auto& f : scenario_fixes) p.add_fix(net, f, "scenario '" + c.scenario + "'");
    for (const auto& name : c.knockouts) p.add_fix(net, {variable(net, name), false}, "--ko " + name);
    for (const auto& name : c.overexpressions) p.add_fix(net, {variable(net, name), true}, "--oe " + name);
    for (const auto& spec : c.fixes) {
        auto eq = spec.find('=');
        std::string value = eq == std::string::npos ? "" : spec.substr(eq + 1);
        if (eq == std::string::npos || (value != "0" && value != "1")) {
            Diagnostic d;
            d.message = "--fix expects NAME=0 or NAME=1, got '" + spec + "'";
            throw InputError(d);
        }
        p.add_fix(net, {variable(net, spec.substr(0, eq)), value == "1"}, "--fix " + spec);
    }
    for (const auto& spec : c.cuts) {
        auto arrow = spec.find("->");
        if (arrow == std::string::npos) {
            Diagnostic d;
            d.message = "--cut expects REGULATOR->TARGET, got '" + spec + "'";
            throw InputError(d);
        }
        VarId from = variable(net, spec.substr(0, arrow));
        VarId to = variable(net, spec.substr(arrow + 2));
        auto regs = net.regulators(to);
        if (std::find(regs.begin(), regs.end(), from) == regs.end()) {
            Diagnostic d;
            d.message =
                "--cut " + spec + ": '" + net.name(from) + "' does not appear in the rule of '" + net.name(to) + "'";
            throw InputError(d);
        }
        p.cuts.push_back({from, to});
    }
    return p;
}

}  // namespace bitsig
