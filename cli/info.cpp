// SPDX-License-Identifier: MIT
// `bitsig info MODEL`: what a modeller checks first: sizes, inputs, the signed wiring,
// strongly connected components and feedback loops.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <sstream>

#include "analysis/loops.hpp"
#include "analysis/regulation.hpp"
#include "common.hpp"
#include "render.hpp"

namespace bitsig::cli {

namespace {

constexpr std::size_t kMaxLoopsCounted = 100000;
constexpr std::size_t kMaxLoopsListed = 50;
// Long enough for every model we know to be counted completely or to hit the count limit;
// a census that would run longer is cut off and says "at least".
constexpr double kMaxLoopSeconds = 2.0;

std::string loop_sign_name(Sign s) {
    return s == Sign::activation ? "positive" : s == Sign::inhibition ? "negative" : "dual";
}

struct InfoOptions {
    std::string model;
    OutputFormat format = OutputFormat::text;
    std::string output;
};

struct Summary {
    std::vector<Regulation> edges;
    std::vector<std::vector<VarId>> sccs;
    LoopCensus loops;
};

/// Why a census is incomplete, for the text output ("" when it is complete).
std::string census_stop_note(const LoopCensus& c) {
    switch (c.stopped) {
    case CensusStop::count_limit:
        return "; counting stopped at " + count_text(kMaxLoopsCounted) + " loops";
    case CensusStop::time_limit:
        return "; counting stopped after " + std::to_string(static_cast<int>(kMaxLoopSeconds)) + " s";
    case CensusStop::none:
        return "";
    }
    return "";
}

Summary summarize(const Network& net) {
    Summary s;
    s.edges = regulations(net);
    s.sccs = strongly_connected_components(net, s.edges);
    s.loops = feedback_loops(net, s.edges, {kMaxLoopsCounted, kMaxLoopsListed, kMaxLoopSeconds}, interruptible());
    return s;
}

std::string render_json(const Network& net, const Summary& s) {
    using nlohmann::json;
    json j;
    j["model"] = net.model_name();
    j["file"] = net.source_file();
    j["description"] = net.description();
    auto names = net.names();
    json vars = json::array();
    json inputs = json::array();
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
        VarId v{i};
        const Variable& var = net.variable(v);
        json jv{{"name", var.name}, {"input", net.is_input(v)}, {"constant", net.is_constant(v)}};
        if (!net.is_input(v)) jv["rule"] = to_string(var.rule, names);
        if (var.default_value) jv["default"] = *var.default_value ? 1 : 0;
        if (!var.module.empty()) jv["module"] = var.module;
        if (!var.refs.empty()) jv["refs"] = var.refs;
        vars.push_back(jv);
        if (net.is_input(v)) inputs.push_back(var.name);
    }
    j["variables"] = vars;
    j["inputs"] = inputs;
    json readouts = json::array();
    for (const auto& r : net.readouts()) readouts.push_back({{"name", r.name}, {"rule", to_string(r.rule, names)}});
    j["readouts"] = readouts;
    json edges = json::array();
    for (const auto& e : s.edges)
        edges.push_back({{"source", names[e.regulator.index]},
                         {"target", names[e.target.index]},
                         {"sign", to_string(e.sign)},
                         {"exact", e.exact}});
    j["edges"] = edges;
    json sizes = json::array();
    json nontrivial = json::array();
    for (const auto& c : s.sccs) {
        sizes.push_back(c.size());
        if (c.size() > 1) {
            json members = json::array();
            for (auto v : c) members.push_back(names[v.index]);
            nontrivial.push_back(members);
        }
    }
    j["scc_sizes"] = sizes;
    j["sccs"] = nontrivial;
    json loops{{"total", s.loops.total()},
               {"positive", s.loops.positive},
               {"negative", s.loops.negative},
               {"dual", s.loops.dual},
               {"complete", s.loops.complete}};
    if (s.loops.stopped != CensusStop::none)
        loops["stopped"] = s.loops.stopped == CensusStop::count_limit ? "count_limit" : "time_limit";
    json listed = json::array();
    for (const auto& l : s.loops.listed) {
        json members = json::array();
        for (auto v : l.vars) members.push_back(names[v.index]);
        listed.push_back({{"variables", members}, {"sign", loop_sign_name(l.sign)}});
    }
    loops["listed"] = listed;
    j["feedback_loops"] = loops;
    json drugs = json::array();
    for (const auto& d : net.drugs()) drugs.push_back(d.name);
    j["drugs"] = drugs;
    json contexts = json::array();
    for (const auto& c : net.contexts()) contexts.push_back(c.name);
    j["contexts"] = contexts;
    json scenarios = json::array();
    for (const auto& sc : net.scenarios()) scenarios.push_back(sc.name);
    j["scenarios"] = scenarios;
    return dump_json(j);
}

std::string render_text(const Network& net, const Summary& s) {
    std::ostringstream out;
    auto names = net.names();
    std::size_t inputs = 0, constants = 0;
    std::vector<std::string> input_names;
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
        if (net.is_input(VarId{i})) {
            ++inputs;
            const auto& var = net.variable(VarId{i});
            input_names.push_back(var.default_value ? var.name + "=" + (*var.default_value ? "1" : "0") : var.name);
        }
        if (net.is_constant(VarId{i})) ++constants;
    }
    out << "model: " << net.model_name() << " (" << net.source_file() << ")\n";
    out << "variables: " << count_text(net.num_vars()) << " (" << count_text(inputs) << " inputs, "
        << count_text(constants) << " constant)\n";
    if (!input_names.empty()) {
        out << "inputs:";
        for (const auto& n : input_names) out << ' ' << n;
        out << '\n';
    }
    std::map<Sign, std::size_t> by_sign;
    bool all_exact = true;
    for (const auto& e : s.edges) {
        ++by_sign[e.sign];
        all_exact = all_exact && e.exact;
    }
    out << "regulations: " << count_text(s.edges.size()) << " (" << count_text(by_sign[Sign::activation])
        << " activation, " << count_text(by_sign[Sign::inhibition]) << " inhibition, "
        << count_text(by_sign[Sign::dual]) << " dual, " << count_text(by_sign[Sign::none]) << " non-functional)";
    if (!all_exact) out << "; signs of rules with more than " << kExactSignLimit << " regulators read from the text";
    out << '\n';
    std::vector<std::size_t> sizes;
    for (const auto& c : s.sccs)
        if (c.size() > 1) sizes.push_back(c.size());
    std::sort(sizes.rbegin(), sizes.rend());
    out << "strongly connected components: " << count_text(s.sccs.size()) << " (" << count_text(sizes.size())
        << " with more than one variable";
    if (!sizes.empty()) {
        out << ", sizes";
        for (auto z : sizes) out << ' ' << count_text(z);
    }
    out << ")\n";
    out << "feedback loops: " << (s.loops.complete ? "" : "at least ") << count_text(s.loops.total()) << " ("
        << count_text(s.loops.positive) << " positive, " << count_text(s.loops.negative) << " negative, "
        << count_text(s.loops.dual) << " dual" << census_stop_note(s.loops) << ")\n";
    if (s.loops.complete && !s.loops.listed.empty() && s.loops.total() <= kMaxLoopsListed) {
        for (const auto& l : s.loops.listed) {
            out << "  " << (l.sign == Sign::activation ? "+ " : l.sign == Sign::inhibition ? "- " : "~ ");
            for (auto v : l.vars) out << names[v.index] << " -> ";
            out << names[l.vars.front().index] << '\n';
        }
    }
    if (!net.readouts().empty()) {
        out << "readouts:";
        for (const auto& r : net.readouts()) out << ' ' << r.name;
        out << '\n';
    }
    if (!net.drugs().empty()) {
        out << "drugs:";
        for (const auto& d : net.drugs()) out << ' ' << d.name;
        out << '\n';
    }
    if (!net.contexts().empty()) {
        out << "contexts:";
        for (const auto& c : net.contexts()) out << ' ' << c.name;
        out << '\n';
    }
    if (!net.scenarios().empty()) out << "scenarios: " << count_text(net.scenarios().size()) << '\n';
    return out.str();
}

}  // namespace

void add_info_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<InfoOptions>();
    auto* cmd = app.add_subcommand("info", "Summarize a model: variables, inputs, signed regulations, SCCs, loops");
    cmd->add_option("MODEL", opts->model, "Model file (.yaml, .yml, .bnet, .sbml, .xml, .booleannet or .bn)")
        ->required();
    add_format_option(cmd, opts->format, {OutputFormat::text, OutputFormat::json});
    cmd->add_option("-o,--output", opts->output, "Write to this file (atomically) instead of stdout");
    cmd->callback([opts, &exit_code] {
        exit_code = run_guarded([&] {
            Network net = load_model(opts->model);
            Summary s = summarize(net);
            emit(opts->output, opts->format == OutputFormat::json ? render_json(net, s) : render_text(net, s));
            return static_cast<int>(ok);
        });
    });
}

}  // namespace bitsig::cli
