// SPDX-License-Identifier: MIT
// `bitsig respond MODEL [--from C] --to C [--then C]... [--initial S]`: where a cell in a
// start attractor goes when the conditions change, and with which probability. The engine
// answers in one call (response/response.hpp); this file parses flags and renders. Attractor
// objects in JSON come from the attractor writer (render.cpp), so they match
// `attractors --format json` exactly.
#include <cmath>
#include <iomanip>
#include <sstream>

#include <nlohmann/json.hpp>

#include "attractor/phenotype.hpp"
#include "common.hpp"
#include "perturb/conditions.hpp"
#include "progress.hpp"
#include "render.hpp"
#include "respond.hpp"
#include "response/response.hpp"
#include "text_table.hpp"

namespace bitsig::cli {

namespace {

struct RespondFlags : RespondRequest {
    std::string model;
    OutputFormat format = OutputFormat::text;
    std::string output;
    unsigned threads = 0;
};

// The attractor objects of `attractors --format json`, from its writer.
nlohmann::json attractor_objects(const Network& net, const std::vector<Attractor>& atts, UpdateScheme update) {
    AttractorReport rep;
    rep.net = &net;
    rep.result.attractors = atts;
    rep.result.update = update;
    return to_json(rep)["attractors"];
}

// "Proliferation Stemness" (readouts on), "Proliferation 50%" for oscillating ones.
std::string phenotype_text(const Network& net, const Attractor& a) {
    if (net.readouts().empty()) {
        if (a.states.size() == 1 && net.num_vars() <= 40) return a.states.front().to_string();
        if (a.kind == AttractorKind::fixed_point) return "fixed point";
        return to_string(a.kind) + " of " + count_text(a.size) + " states";
    }
    auto values = readout_values(net, a);
    std::string out;
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (values[k] == 0.0) continue;
        out += (out.empty() ? "" : " ") + net.readouts()[k].name;
        if (values[k] != 1.0) out += " " + readout_word(values[k]).substr(0, readout_word(values[k]).find(' '));
    }
    return out.empty() ? "no readout on" : out;
}

std::string probability_text(double p) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(6) << p;
    return out.str();
}

std::string start_label(const ResponseResult& r, std::size_t i) {
    return r.from_initial ? "initial state" : "start " + std::to_string(i + 1);
}

std::string text(const Network& net, const RespondFlags& f, const ResponseResult& r) {
    std::ostringstream out;
    out << net.model_name() << ": response, " << to_string(r.update) << " updating (" << r.method << ", "
        << (r.complete ? "complete" : "NOT complete") << ", "
        << (r.probabilities_exact ? "probabilities exact" : "probabilities estimated") << ")\n";
    out << "from: " << (r.from_initial ? "initial state " + f.initial : Conditions::parse(f.from).describe()) << '\n';
    std::vector<std::string> steps{f.to};
    steps.insert(steps.end(), f.then.begin(), f.then.end());
    for (std::size_t i = 0; i < steps.size(); ++i)
        out << "step " << i + 1 << ": " << Conditions::parse(steps[i]).describe() << '\n';
    if (r.method != "sample")
        out << "explored: " << count_text(r.explored_states) << (r.explored_states == 1 ? " state\n" : " states\n");
    // Without readouts the description would only repeat the kind or the state printed beside it.
    auto readouts_of = [&](const Attractor& a) {
        return net.readouts().empty() ? std::string() : " (" + phenotype_text(net, a) + ")";
    };
    for (const auto& n : r.notes) out << "note: " << group_thousands(n) << '\n';
    auto list = [&](const std::string& title, const std::vector<Attractor>& atts, const std::string& prefix) {
        out << '\n' << title << ":\n";
        for (std::size_t i = 0; i < atts.size(); ++i) {
            const Attractor& a = atts[i];
            out << "  " << prefix << i + 1 << ": "
                << (a.kind == AttractorKind::fixed_point ? "fixed point" : to_string(a.kind))
                << (a.size > 1 ? " of " + count_text(a.size) + " states" : "") << readouts_of(a);
            if (a.size == 1)
                out << ' ' << a.states.front();
            else if (!a.trap_space.empty())
                out << ' ' << a.trap_space;
            out << '\n';
        }
    };
    if (r.from_initial) {
        const Attractor& a = r.start.front();
        out << "\nstart (initial states):\n  " << count_text(a.size) << (a.size == 1 ? " state" : " states")
            << readouts_of(a) << ' ' << (a.trap_space.empty() ? a.states.front().to_string() : a.trap_space) << '\n';
    } else {
        list("start attractors", r.start, "start ");
    }
    list("attractors reached", r.attractors, "attractor ");
    out << "\nresponses:\n";
    for (const auto& sr : r.responses) {
        for (std::size_t k = 0; k < sr.reachable.size(); ++k) {
            std::size_t j = sr.reachable[k];
            out << "  " << start_label(r, sr.start) << " (" << phenotype_text(net, r.start[sr.start])
                << ") \u2192 attractor " << j + 1 << " (" << phenotype_text(net, r.attractors[j])
                << "): " << probability_text(sr.probabilities[k]);
            if (!sr.standard_errors.empty()) out << " \u00b1 " << probability_text(sr.standard_errors[k]);
            out << '\n';
        }
        if (sr.reachable.empty()) out << "  " << start_label(r, sr.start) << ": no attractor reached\n";
    }
    return out.str();
}

}  // namespace

nlohmann::json response_json(const Network& net, const RespondRequest& f, const ResponseResult& r) {
    using nlohmann::json;
    json j;
    j["model"] = net.model_name();
    j["nodes"] = net.names();
    j["update"] = to_string(r.update);
    j["method"] = r.method;
    j["complete"] = r.complete;
    j["probabilities_exact"] = r.probabilities_exact;
    if (r.method != "sample") j["max_error"] = r.max_error;
    if (r.method == "sample" || r.samples > 0) j["samples"] = r.samples;
    j["from"] = f.from;
    if (r.from_initial) j["initial"] = f.initial;
    json steps = json::array({f.to});
    for (const auto& t : f.then) steps.push_back(t);
    j["steps"] = steps;
    j["start"] = attractor_objects(net, r.start, r.update);
    j["attractors"] = attractor_objects(net, r.attractors, r.update);
    json inter = json::array();
    for (const auto& step : r.intermediate) inter.push_back(attractor_objects(net, step, r.update));
    j["intermediate"] = inter;
    json responses = json::array();
    for (const auto& sr : r.responses) {
        json x{{"start", sr.start}, {"reachable", sr.reachable}, {"probabilities", sr.probabilities}};
        if (!sr.standard_errors.empty()) x["standard_errors"] = sr.standard_errors;
        responses.push_back(x);
    }
    j["responses"] = responses;
    j["explored_states"] = r.explored_states;
    j["notes"] = r.notes;
    return j;
}

ResponseQuery response_query(const RespondRequest& f) {
    ResponseQuery q;
    q.from = Conditions::parse(f.from);
    q.steps.push_back(Conditions::parse(f.to));
    for (const auto& t : f.then) q.steps.push_back(Conditions::parse(t));
    if (!f.initial.empty()) q.initial = f.initial;
    q.from_source = {"--from", f.from};
    q.step_sources.push_back({"--to", f.to});
    for (const auto& t : f.then) q.step_sources.push_back({"--then", t});
    q.update =
        (f.update == "sync" || f.update == "synchronous") ? UpdateScheme::synchronous : UpdateScheme::asynchronous;
    return q;
}

ResponseOptions response_options(const RespondRequest& f) {
    ResponseOptions o;
    o.method = parse_response_method(f.method);
    o.samples = f.samples;
    o.seed = f.seed;
    return o;
}

namespace {

std::string csv(const Network& net, const ResponseResult& r) {
    std::string out = "start,attractor,probability,standard_error,start_phenotypes,attractor_phenotypes\n";
    for (const auto& sr : r.responses)
        for (std::size_t k = 0; k < sr.reachable.size(); ++k) {
            std::size_t j = sr.reachable[k];
            out += std::to_string(sr.start + 1) + ',' + std::to_string(j + 1) + ',' +
                   probability_text(sr.probabilities[k]) + ',' +
                   (sr.standard_errors.empty() ? "" : probability_text(sr.standard_errors[k])) + ',' +
                   csv_field(phenotype_text(net, r.start[sr.start])) + ',' +
                   csv_field(phenotype_text(net, r.attractors[j])) + '\n';
        }
    return out;
}

std::string markdown(const Network& net, const RespondFlags& f, const ResponseResult& r) {
    std::ostringstream out;
    out << "## " << net.model_name() << ": response to " << Conditions::parse(f.to).describe();
    for (const auto& t : f.then) out << ", then " << Conditions::parse(t).describe();
    out << "\n\n"
        << to_string(r.update) << " updating, " << r.method << ", " << (r.complete ? "complete" : "**not complete**")
        << ", " << (r.probabilities_exact ? "probabilities exact" : "probabilities **estimated**") << ".\n\n";
    out << "| from | to | probability |\n|---|---|---|\n";
    for (const auto& sr : r.responses)
        for (std::size_t k = 0; k < sr.reachable.size(); ++k) {
            std::size_t j = sr.reachable[k];
            out << "| " << start_label(r, sr.start) << " (" << phenotype_text(net, r.start[sr.start])
                << ") | attractor " << j + 1 << " (" << phenotype_text(net, r.attractors[j]) << ") | "
                << probability_text(sr.probabilities[k]);
            if (!sr.standard_errors.empty()) out << " ± " << probability_text(sr.standard_errors[k]);
            out << " |\n";
        }
    return out.str();
}

int run_respond(const RespondFlags& f) {
    Network net = load_model(f.model);
    TerminalProgress progress(f.threads);
    ResponseResult r = respond(net, response_query(f), response_options(f), progress.control());
    if (f.format == OutputFormat::json)
        emit(f.output, dump_json(response_json(net, f, r)));
    else if (f.format == OutputFormat::csv)
        emit(f.output, csv(net, r));
    else if (f.format == OutputFormat::md)
        emit(f.output, markdown(net, f, r));
    else
        emit(f.output, text(net, f, r));
    return ok;
}

}  // namespace

void add_respond_command(CLI::App& app, int& exit_code) {
    auto f = std::make_shared<RespondFlags>();
    auto* cmd = app.add_subcommand("respond", "Response to treatment: from each start attractor, which attractors the "
                                              "changed conditions reach, with probabilities");
    cmd->add_option("MODEL", f->model, "Model file")->required();
    cmd->add_option("--from", f->from,
                    "Start in the attractors of these conditions, e.g. \"context=pten_loss\" "
                    "(empty: input defaults)");
    cmd->add_option("--to", f->to, "Conditions of the first step, e.g. \"drug=trastuzumab\"")->required();
    cmd->add_option("--then", f->then, "Conditions of a further step, from where the previous one ended; repeatable");
    cmd->add_option("--initial", f->initial,
                    "Start from this state instead: one 0/1 per variable, or \"X=1 Y=0\" (others range over both "
                    "values)");
    add_update_option(cmd, f->update, "Update scheme (default async: probabilities of the uniform random walk)");
    cmd->add_option("--method", f->method,
                    "auto (exact when it fits: whole state space, reachable states or decision diagrams; else "
                    "sampling), exact or sample")
        ->check(CLI::IsMember({"auto", "exact", "sample"}));
    cmd->add_option("--samples", f->samples, "Sampling: walks per start")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40));
    cmd->add_option("--seed", f->seed, "Sampling: random seed");
    cmd->add_option("--threads", f->threads, "Worker threads for the start attractor search (default: all cores)");
    add_format_option(cmd, f->format);
    cmd->add_option("-o,--output", f->output, "Write to this file (atomically) instead of stdout");
    cmd->callback([f, &exit_code] { exit_code = run_guarded([&] { return run_respond(*f); }); });
}

}  // namespace bitsig::cli
