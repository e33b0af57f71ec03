// SPDX-License-Identifier: MIT
// Writes YAML v1 with yaml-cpp's emitter, in the same key order the reader documents, so
// that a converted .bnet file becomes a starting point a modeller can annotate.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>

#include "io/yaml.hpp"

namespace bitsig {

namespace {

void emit_list(YAML::Emitter& out, const char* key, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& i : items) out << i;
    out << YAML::EndSeq;
}

void emit_fixes(YAML::Emitter& out, const char* key, const Network& net, const std::vector<Fix>& fixes) {
    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap;
    for (const auto& f : fixes) out << YAML::Key << net.name(f.var) << YAML::Value << (f.value ? 1 : 0);
    out << YAML::EndMap;
}

void emit_text(YAML::Emitter& out, const char* key, const std::string& text) {
    if (text.empty()) return;
    out << YAML::Key << key << YAML::Value;
    // A literal block reads back with exactly one final newline ("clip" chomping), so it
    // is used only for text that has one; other multi-line text is double-quoted so that
    // reading it back gives the same string.
    bool multi_line = text.find('\n') != std::string::npos;
    bool one_final_newline = text.back() == '\n' && (text.size() < 2 || text[text.size() - 2] != '\n');
    bool plain_start = text.front() != ' ' && text.front() != '\n';
    if (multi_line) out << (one_final_newline && plain_start ? YAML::Literal : YAML::DoubleQuoted);
    out << text;
}

// A model read from a file named `my model.v2.bnet` is called `my model.v2`; YAML names
// hold only letters, digits, '_' and '-' (networks/FORMAT.md), so the rest become '_'.
std::string yaml_model_name(std::string name) {
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
    return name.empty() ? "model" : name;
}

void emit_variables(YAML::Emitter& out, const Network& net, const std::vector<std::string>& names) {
    out << YAML::Key << "variables" << YAML::Value << YAML::BeginMap;
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
        const Variable& var = net.variable(VarId{i});
        out << YAML::Key << var.name << YAML::Value << YAML::BeginMap;
        if (!net.is_input(VarId{i}))
            out << YAML::Key << "rule" << YAML::Value << YAML::DoubleQuoted << to_string(var.rule, names);
        emit_text(out, "description", var.description);
        emit_list(out, "refs", var.refs);
        if (!var.module.empty()) out << YAML::Key << "module" << YAML::Value << var.module;
        if (var.default_value) out << YAML::Key << "default" << YAML::Value << (*var.default_value ? 1 : 0);
        if (var.rate_up) out << YAML::Key << "rate_up" << YAML::Value << *var.rate_up;
        if (var.rate_down) out << YAML::Key << "rate_down" << YAML::Value << *var.rate_down;
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

void emit_drugs(YAML::Emitter& out, const Network& net) {
    if (net.drugs().empty()) return;
    out << YAML::Key << "drugs" << YAML::Value << YAML::BeginMap;
    for (const auto& d : net.drugs()) {
        out << YAML::Key << d.name << YAML::Value << YAML::BeginMap;
        emit_text(out, "description", d.description);
        emit_list(out, "aliases", d.aliases);
        emit_fixes(out, "sets", net, d.sets);
        emit_list(out, "refs", d.refs);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

void emit_contexts(YAML::Emitter& out, const Network& net) {
    if (net.contexts().empty()) return;
    out << YAML::Key << "contexts" << YAML::Value << YAML::BeginMap;
    for (const auto& c : net.contexts()) {
        out << YAML::Key << c.name << YAML::Value << YAML::BeginMap;
        emit_text(out, "description", c.description);
        emit_fixes(out, "sets", net, c.sets);
        emit_list(out, "refs", c.refs);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

void emit_readouts(YAML::Emitter& out, const Network& net, const std::vector<std::string>& names) {
    if (net.readouts().empty()) return;
    out << YAML::Key << "readouts" << YAML::Value << YAML::BeginMap;
    for (const auto& r : net.readouts()) {
        out << YAML::Key << r.name << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "rule" << YAML::Value << YAML::DoubleQuoted << to_string(r.rule, names);
        emit_text(out, "description", r.description);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

void emit_step(YAML::Emitter& out, const Network& net, const ScenarioStep& step) {
    out << YAML::BeginMap;
    emit_list(out, "drugs", step.drugs);
    emit_list(out, "contexts", step.contexts);
    if (!step.fixes.empty()) emit_fixes(out, "fix", net, step.fixes);
    out << YAML::EndMap;
}

// expect and expect_some: one flow map of NAME: 0/1 each, when the scenario has any.
void emit_expectations(YAML::Emitter& out, const Scenario& s) {
    for (auto kind : {ExpectationKind::all, ExpectationKind::some}) {
        bool any = false;
        for (const auto& e : s.expect) any = any || e.kind == kind;
        if (!any) continue;
        out << YAML::Key << (kind == ExpectationKind::all ? "expect" : "expect_some") << YAML::Value << YAML::Flow
            << YAML::BeginMap;
        for (const auto& e : s.expect)
            if (e.kind == kind) out << YAML::Key << e.name << YAML::Value << (e.value ? 1 : 0);
        out << YAML::EndMap;
    }
}

// expect_probability: one map per name, with its bounds.
void emit_expected_probabilities(YAML::Emitter& out, const Scenario& s) {
    std::vector<std::string> bounded;
    for (const auto& e : s.expect)
        if ((e.kind == ExpectationKind::at_least || e.kind == ExpectationKind::at_most) &&
            std::find(bounded.begin(), bounded.end(), e.name) == bounded.end())
            bounded.push_back(e.name);
    if (bounded.empty()) return;
    out << YAML::Key << "expect_probability" << YAML::Value << YAML::BeginMap;
    for (const auto& name : bounded) {
        out << YAML::Key << name << YAML::Value << YAML::Flow << YAML::BeginMap;
        for (const auto& e : s.expect)
            if (e.name == name && e.kind != ExpectationKind::all && e.kind != ExpectationKind::some)
                out << YAML::Key << (e.kind == ExpectationKind::at_least ? "at_least" : "at_most") << YAML::Value
                    << e.probability;
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

void emit_simulation(YAML::Emitter& out, const ScenarioSimulation& sim) {
    out << YAML::Key << "simulate" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "samples" << YAML::Value << sim.samples;
    out << YAML::Key << "max_time" << YAML::Value << sim.max_time;
    out << YAML::Key << "seed" << YAML::Value << sim.seed;
    out << YAML::Key << "expect" << YAML::Value << YAML::BeginMap;
    std::vector<std::string> simulated;
    for (const auto& e : sim.expect)
        if (std::find(simulated.begin(), simulated.end(), e.name) == simulated.end()) simulated.push_back(e.name);
    for (const auto& name : simulated) {
        out << YAML::Key << name << YAML::Value << YAML::Flow << YAML::BeginMap;
        for (const auto& e : sim.expect)
            if (e.name == name)
                out << YAML::Key << (e.kind == ExpectationKind::at_least ? "at_least" : "at_most") << YAML::Value
                    << e.probability;
        out << YAML::EndMap;
    }
    out << YAML::EndMap << YAML::EndMap;
}

void emit_scenario(YAML::Emitter& out, const Network& net, const Scenario& s) {
    out << YAML::Key << s.name << YAML::Value << YAML::BeginMap;
    if (!s.claim.empty()) out << YAML::Key << "claim" << YAML::Value << s.claim;
    emit_text(out, "description", s.description);
    emit_list(out, "drugs", s.drugs);
    emit_list(out, "contexts", s.contexts);
    if (!s.fixes.empty()) emit_fixes(out, "fix", net, s.fixes);
    if (s.update != ScenarioUpdate::any)
        out << YAML::Key << "update" << YAML::Value << (s.update == ScenarioUpdate::synchronous ? "sync" : "async");
    if (s.from) {
        out << YAML::Key << "from" << YAML::Value;
        emit_step(out, net, *s.from);
    }
    if (!s.initial.empty()) out << YAML::Key << "initial" << YAML::Value << s.initial;
    if (!s.steps.empty()) {
        out << YAML::Key << "steps" << YAML::Value << YAML::BeginSeq;
        for (const auto& step : s.steps) emit_step(out, net, step);
        out << YAML::EndSeq;
    }
    emit_expectations(out, s);
    emit_expected_probabilities(out, s);
    if (s.simulation) emit_simulation(out, *s.simulation);
    emit_text(out, "known_disagreement", s.known_disagreement);
    out << YAML::EndMap;
}

}  // namespace

std::string write_yaml(const Network& net) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "format" << YAML::Value << "bitsig-network/1";
    out << YAML::Key << "name" << YAML::Value << yaml_model_name(net.model_name());
    emit_text(out, "description", net.description());
    if (!net.references().empty()) {
        out << YAML::Key << "references" << YAML::Value << YAML::BeginMap;
        for (const auto& [k, v] : net.references()) out << YAML::Key << k << YAML::Value << v;
        out << YAML::EndMap;
    }
    auto names = net.names();
    emit_variables(out, net, names);
    emit_drugs(out, net);
    emit_contexts(out, net);
    emit_readouts(out, net, names);
    if (!net.scenarios().empty()) {
        out << YAML::Key << "scenarios" << YAML::Value << YAML::BeginMap;
        for (const auto& s : net.scenarios()) emit_scenario(out, net, s);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace bitsig
