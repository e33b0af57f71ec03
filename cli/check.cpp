// SPDX-License-Identifier: MIT
// `bitsig check MODEL`: every scenario's expectations, as a table. Exit 1 when a
// scenario fails that is not documented as a known disagreement.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <iomanip>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "common.hpp"
#include "core/parallel.hpp"
#include "distributed/mpi/process.hpp"
#include "progress.hpp"
#include "query/check.hpp"
#include "query/check_spread.hpp"
#include "render.hpp"
#include "text_table.hpp"

namespace bitsig::cli {

namespace {

struct CheckFlags {
    std::string model;
    OutputFormat format = OutputFormat::text;
    std::string output;
    std::vector<std::string> only;
    unsigned threads = 0;
};

std::string value_text(double v) {
    if (v == 1.0) return "1";
    if (v == 0.0) return "0";
    std::ostringstream out;
    out << std::fixed << std::setprecision(2) << v;
    return "~" + out.str();
}

// "Proliferation=0 Apoptosis=0|1": the distinct values over the attractors.
std::string got_text(const SchemeOutcome& s) {
    std::string out;
    for (const auto& e : s.expectations) {
        std::set<double> distinct(e.values.begin(), e.values.end());
        std::string vals;
        const bool probability = e.kind == ExpectationKind::at_least || e.kind == ExpectationKind::at_most;
        for (double v : distinct) {
            std::ostringstream p;
            p << std::setprecision(3) << v;
            vals += (vals.empty() ? "" : "|") + (probability ? p.str() : value_text(v));
        }
        if (distinct.empty()) vals = "(no attractor)";
        out +=
            (out.empty() ? "" : " ") + (probability ? "P(" + e.name + ")" : e.name) + "=" + vals + (e.holds ? "" : "!");
    }
    return out;
}

std::string expected_text(const Scenario& s) {
    std::string out;
    for (const auto& e : s.expect) out += (out.empty() ? "" : " ") + expectation_text(e);
    if (s.simulation)
        for (const auto& e : s.simulation->expect) out += (out.empty() ? "sim " : " sim ") + expectation_text(e);
    return out;
}

std::string simulated_line(const SimulatedExpectation& e) {
    std::ostringstream out;
    out << "P(" << e.name << ") " << (e.kind == ExpectationKind::at_least ? ">= " : "<= ") << e.bound << ": estimate "
        << e.estimate << " (standard error " << e.standard_error << "), " << (e.holds ? "holds" : "FAILS");
    return out.str();
}

// The simulated bounds, with the margin that decides them.
std::string simulation_text(const std::vector<ScenarioOutcome>& outcomes, const std::string& bullet) {
    std::ostringstream out;
    for (const auto& o : outcomes) {
        if (!o.simulation) continue;
        const SimulationCheck& c = *o.simulation;
        out << bullet << o.name << ": simulated to t = " << c.max_time << " (" << c.samples << " trajectories, seed "
            << c.seed << "); a bound fails only when the estimate is more than " << c.margin
            << " standard errors beyond it\n";
        for (const auto& e : c.expectations) out << "    " << simulated_line(e) << '\n';
    }
    return out.str();
}

const SchemeOutcome* scheme(const ScenarioOutcome& o, UpdateScheme u) {
    for (const auto& s : o.schemes)
        if (s.update == u) return &s;
    return nullptr;
}

std::string render_text(const Network& net, const std::vector<ScenarioOutcome>& outcomes) {
    std::ostringstream out;
    out << net.model_name() << ": " << count_text(outcomes.size()) << " scenarios\n\n";
    TextTable table({"scenario", "claim", "expected", "synchronous", "asynchronous", "result"});
    table.limit_width(3, 60);
    table.limit_width(4, 60);
    std::size_t pass = 0, fail = 0, known = 0, unexpected = 0, checked = 0;
    std::vector<std::string> differ, incomplete;
    for (const auto& o : outcomes) {
        const SchemeOutcome* sync = scheme(o, UpdateScheme::synchronous);
        const SchemeOutcome* async = scheme(o, UpdateScheme::asynchronous);
        table.add({o.name, o.scenario->claim, expected_text(*o.scenario), sync ? got_text(*sync) : "-",
                   async ? got_text(*async) : "-", to_string(o.verdict)});
        if (o.verdict != Verdict::no_expectation) ++checked;
        pass += o.verdict == Verdict::pass;
        fail += o.verdict == Verdict::fail;
        known += o.verdict == Verdict::known_failure;
        unexpected += o.verdict == Verdict::unexpected_pass;
        if (o.schemes_differ) differ.push_back(o.name);
        if (!o.complete) incomplete.push_back(o.name);
    }
    out << table.render();
    out << "\n"
        << count_text(pass) << " pass, " << count_text(fail) << " FAIL, " << count_text(known)
        << " known disagreements, " << count_text(unexpected) << " unexpected passes";
    if (checked)
        out << "; reproduced " << count_text(pass + unexpected) << "/" << count_text(checked) << " (" << std::fixed
            << std::setprecision(1) << 100.0 * static_cast<double>(pass + unexpected) / static_cast<double>(checked)
            << "%)";
    out << '\n';
    for (const auto& o : outcomes)
        if (o.verdict == Verdict::known_failure || o.verdict == Verdict::unexpected_pass)
            out << "  " << o.name << ": " << o.scenario->known_disagreement << '\n';
    if (!differ.empty()) {
        out << "synchronous and asynchronous answers differ in:";
        for (const auto& d : differ) out << ' ' << d;
        out << '\n';
    }
    if (!incomplete.empty()) {
        out << "searches not complete (more attractors may exist) in:";
        for (const auto& d : incomplete) out << ' ' << d;
        out << '\n';
    }
    const std::string simulated = simulation_text(outcomes, "");
    if (!simulated.empty()) out << "simulated probabilities at max_time:\n" << simulated;
    out << "(a '!' marks a value that breaks the expectation; '~' a readout oscillating in an attractor)\n";
    return out.str();
}

nlohmann::json to_json(const Network& net, const std::vector<ScenarioOutcome>& outcomes) {
    using nlohmann::json;
    json rows = json::array();
    for (const auto& o : outcomes) {
        json row{{"scenario", o.name},
                 {"claim", o.scenario->claim},
                 {"verdict", to_string(o.verdict)},
                 {"holds", o.holds},
                 {"complete", o.complete},
                 {"schemes_differ", o.schemes_differ},
                 {"known_disagreement", o.scenario->known_disagreement}};
        json expected = json::object();
        json some = json::object(), probability = json::object();
        for (const auto& e : o.scenario->expect) {
            if (e.kind == ExpectationKind::all)
                expected[e.name] = e.value ? 1 : 0;
            else if (e.kind == ExpectationKind::some)
                some[e.name] = e.value ? 1 : 0;
            else
                probability[e.name][e.kind == ExpectationKind::at_least ? "at_least" : "at_most"] = e.probability;
        }
        row["expect"] = expected;
        if (!some.empty()) row["expect_some"] = some;
        if (!probability.empty()) row["expect_probability"] = probability;
        if (o.scenario->has_history()) row["history"] = true;
        if (o.simulation) {
            json bounds = json::object(), estimates = json::object();
            for (const auto& e : o.simulation->expectations) {
                bounds[e.name][e.kind == ExpectationKind::at_least ? "at_least" : "at_most"] = e.bound;
                estimates[e.name] = {{"probability", e.estimate}, {"standard_error", e.standard_error}};
            }
            row["simulate"] = {{"samples", o.simulation->samples},
                               {"max_time", o.simulation->max_time},
                               {"seed", o.simulation->seed},
                               {"margin_standard_errors", o.simulation->margin},
                               {"expect", bounds},
                               {"estimates", estimates},
                               {"holds", o.simulation->holds}};
        }
        for (const auto& s : o.schemes) {
            json got = json::object();
            for (const auto& e : s.expectations) got[e.name] = e.values;
            row[to_string(s.update)] = {{"holds", s.holds},
                                        {"attractors", s.result.attractors.size()},
                                        {"method", to_string(s.result.method)},
                                        {"complete", s.result.complete},
                                        {"values", got}};
        }
        rows.push_back(row);
    }
    return json{{"model", net.model_name()}, {"scenarios", rows}};
}

// The shortest text that reads back as the same double: the estimates in the CSV equal
// those of the JSON and of `bitsig simulate` with the same seed.
std::string exact_number(double v) {
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    return std::string(buf, end);
}

// The simulated columns of a scenario: the run's settings, then one item per bound, in the
// same order in the three list cells ("P(X)>=0.8", "P(X)=0.304", "P(X)=0.0073").
std::string simulated_csv(const ScenarioOutcome& o) {
    if (!o.simulation) return ",,,,\"\",\"\",\"\"";
    const SimulationCheck& c = *o.simulation;
    std::string bounds, estimates, errors;
    for (const auto& e : c.expectations) {
        const std::string sep = bounds.empty() ? "" : " ";
        bounds +=
            sep + "P(" + e.name + ")" + (e.kind == ExpectationKind::at_least ? ">=" : "<=") + exact_number(e.bound);
        estimates += sep + "P(" + e.name + ")=" + exact_number(e.estimate);
        errors += sep + "P(" + e.name + ")=" + exact_number(e.standard_error);
    }
    return std::to_string(c.samples) + ',' + exact_number(c.max_time) + ',' + std::to_string(c.seed) + ',' +
           exact_number(c.margin) + ",\"" + bounds + "\",\"" + estimates + "\",\"" + errors + '"';
}

std::string render_csv(const std::vector<ScenarioOutcome>& outcomes) {
    std::ostringstream out;
    out << "scenario,claim,expected,synchronous,asynchronous,verdict,simulated_samples,simulated_max_time,"
           "simulated_seed,simulated_margin_standard_errors,simulated_expected,simulated_probability,"
           "simulated_standard_error\n";
    for (const auto& o : outcomes) {
        const SchemeOutcome* sync = scheme(o, UpdateScheme::synchronous);
        const SchemeOutcome* async = scheme(o, UpdateScheme::asynchronous);
        // A claim is free text (commas, quotes): quoted when it needs it, as the name.
        out << csv_field(o.name) << ',' << csv_field(o.scenario->claim) << ',' << csv_quoted(expected_text(*o.scenario))
            << ',' << csv_quoted(sync ? got_text(*sync) : "") << ',' << csv_quoted(async ? got_text(*async) : "") << ','
            << to_string(o.verdict) << ',' << simulated_csv(o) << '\n';
    }
    return out.str();
}

std::string render_md(const Network& net, const std::vector<ScenarioOutcome>& outcomes) {
    std::ostringstream out;
    out << "## Scenario checks: " << net.model_name() << "\n\n";
    out << "| scenario | claim | expected | synchronous | asynchronous | result |\n|---|---|---|---|---|---|\n";
    for (const auto& o : outcomes) {
        const SchemeOutcome* sync = scheme(o, UpdateScheme::synchronous);
        const SchemeOutcome* async = scheme(o, UpdateScheme::asynchronous);
        out << "| " << markdown_cell(o.name) << " | " << markdown_cell(o.scenario->claim) << " | "
            << markdown_cell(expected_text(*o.scenario)) << " | " << markdown_cell(sync ? got_text(*sync) : "-")
            << " | " << markdown_cell(async ? got_text(*async) : "-") << " | " << to_string(o.verdict) << " |\n";
    }
    const std::string simulated = simulation_text(outcomes, "- ");
    if (!simulated.empty()) out << "\nSimulated probabilities at max_time:\n\n" << simulated;
    return out.str();
}

}  // namespace

std::string render_check(const Network& net, const std::vector<ScenarioOutcome>& outcomes, OutputFormat format) {
    switch (format) {
    case OutputFormat::json:
        return dump_json(to_json(net, outcomes));
    case OutputFormat::csv:
        return render_csv(outcomes);
    case OutputFormat::md:
        return render_md(net, outcomes);
    case OutputFormat::text:
        break;
    }
    return render_text(net, outcomes);
}

namespace {

int run_check(const CheckFlags& f) {
    Distributor& ranks = process_distributor();
    Network net = load_model(f.model);
    const std::vector<const Scenario*> todo = select_scenarios(net, f.only);
    TerminalProgress progress(f.threads);
    std::vector<ScenarioOutcome> outcomes =
        check_scenarios_spread(net, todo, SearchOptions{}, progress.control(), ranks);
    if (!ranks.is_root()) return ok;  // rank 0 writes for all
    std::string text = render_check(net, outcomes, f.format);
    emit(f.output, text);
    for (const auto& o : outcomes)
        if (o.verdict == Verdict::fail) return check_failed;
    return ok;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
    auto flags = std::make_shared<CheckFlags>();
    auto* cmd = app.add_subcommand("check", "Check every scenario's expectations (exit 1 if one fails unexpectedly)");
    cmd->add_option("MODEL", flags->model, "Model file with scenarios (.yaml)")->required();
    cmd->add_option("--scenario", flags->only, "Check only these scenarios; repeatable");
    cmd->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
    add_format_option(cmd, flags->format);
    cmd->add_option("-o,--output", flags->output, "Write to this file (atomically) instead of stdout");
    cmd->callback([flags, &exit_code] { exit_code = run_guarded([&] { return run_check(*flags); }); });
}

}  // namespace bitsig::cli
