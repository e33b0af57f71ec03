// SPDX-License-Identifier: MIT
// `bitsig attractors` and `bitsig fixed-points`.
#include "attractor/order.hpp"
#include "attractor/search.hpp"
#include "common.hpp"
#include "conditions.hpp"
#include "perturb/perturbation.hpp"
#include "progress.hpp"
#include "render.hpp"

namespace bitsig::cli {

namespace {

struct SearchFlags {
    std::string model;
    std::string update = "sync";
    Method method = Method::automatic;
    OutputFormat format = OutputFormat::text;
    std::string order = "file";
    std::string output;
    bool basins = false;
    bool no_reduce = false;
    bool no_peel = false;
    std::uint64_t samples = 4096;
    std::uint64_t steps = 1000;
    std::uint64_t seed = 1;
    std::size_t max_cycle_length = 0;
    std::uint64_t max_fixed_points = 100'000;
    bool exact_count = false;
    // Enough for the diagram on nearly every BBM model with more fixed points than listed
    // (ERBB: 0.5-0.9 s), short enough that the three it cannot count cost little.
    double count_seconds = 1.0;
    unsigned threads = 0;
    double timeout = 0;  // seconds; 0: none
    Conditions conditions;
};

void add_search_flags(CLI::App* cmd, SearchFlags& f, bool with_update) {
    cmd->add_option("MODEL", f.model, "Model file (.yaml, .yml, .bnet, .sbml, .xml, .booleannet or .bn)")->required();
    if (with_update) {
        add_update_option(cmd, f.update);
        add_method_option(cmd, f.method, "Search method (auto picks and says which ran)");
        cmd->add_flag("--basins", f.basins,
                      "Basin sizes: synchronous, enumerate the state space even where SAT would be faster; "
                      "asynchronous, also compute strong basins (costs extra passes)");
        cmd->add_option("--samples", f.samples, "Sampling: number of random trajectories");
        cmd->add_option("--steps", f.steps, "Sampling: steps per trajectory before it is examined");
        cmd->add_option("--seed", f.seed, "Sampling: random seed");
        cmd->add_option("--max-cycle-length", f.max_cycle_length,
                        "SAT synchronous search: only cycles up to this length (result not complete)");
    }
    cmd->add_option("--max-fixed-points", f.max_fixed_points, "List at most this many fixed points");
    cmd->add_flag("--exact-count", f.exact_count,
                  "Build the fixed points as a decision diagram first: an exact count of any size and the first "
                  "--max-fixed-points in order (gives up after about 2 s and enumerates instead)");
    cmd->add_option("--count-seconds", f.count_seconds,
                    "When there are more fixed points than listed, count them exactly with a decision diagram "
                    "built alongside the search, for at most this many seconds (0: do not count)")
        ->check(CLI::Range(0.0, 3600.0));
    cmd->add_flag("--no-reduce", f.no_reduce, "Do not percolate fixed values before searching");
    cmd->add_flag(
        "--no-peel", f.no_peel,
        "Synchronous exhaustive: enumerate variables nothing reads too (same answer, slower; for benchmarks)");
    cmd->add_option("--threads", f.threads, "Worker threads (default: all cores)");
    cmd->add_option("--timeout", f.timeout,
                    "Stop after this many seconds and write what was found so far, marked incomplete")
        ->check(CLI::Range(0.0, 1e7));
    cmd->add_option("--order", f.order,
                    "Attractor order: file (canonical, by first state) or boolnet (as BoolNet's getAttractors "
                    "lists them: by length, then by basin; cycles start at the smallest BoolNet code)")
        ->check(CLI::IsMember({"file", "boolnet"}));
    add_format_option(cmd, f.format);
    cmd->add_option("-o,--output", f.output, "Write to this file (atomically) instead of stdout");
    add_condition_flags(cmd, f.conditions);
}

SearchOptions options_from(const SearchFlags& f) {
    SearchOptions o;
    o.update =
        (f.update == "async" || f.update == "asynchronous") ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
    o.method = f.method;
    o.reduce = !f.no_reduce;
    o.async_basins = f.basins;
    o.sync_basins = f.basins;
    o.exhaustive.peel_leaves = !f.no_peel;
    o.sampling.samples = f.samples;
    o.sampling.steps = f.steps;
    o.sampling.seed = f.seed;
    o.sync_sat.max_cycle_length = f.max_cycle_length;
    o.fixed_points.max_solutions = f.max_fixed_points;
    if (f.exact_count)
        o.fixed_points.symbolic_max_nodes = FixedPointOptions::kSymbolicNodes;
    else
        o.fixed_points.background_count_seconds = f.count_seconds;
    return o;
}

int run_search(const SearchFlags& f, bool fixed_points_only) {
    Network net = load_model(f.model);
    Perturbation p = resolve(net, f.conditions);
    Network perturbed = apply(net, p);
    SearchOptions o = options_from(f);
    TerminalProgress progress(f.threads, f.timeout);
    AttractorReport report;
    report.net = &net;
    report.perturbation = p;
    report.conditions = f.conditions.describe();
    report.fixed_points_only = fixed_points_only;
    report.result = fixed_points_only ? find_all_fixed_points(perturbed, o, progress.control())
                                      : find_attractors(perturbed, o, progress.control());
    order_attractors(report.result, perturbed, f.order == "boolnet" ? AttractorOrder::boolnet : AttractorOrder::file,
                     progress.control());
    emit(f.output, render(report, f.format));
    return ok;
}

}  // namespace

void add_attractor_commands(CLI::App& app, int& exit_code) {
    auto flags = std::make_shared<SearchFlags>();
    auto* cmd = app.add_subcommand("attractors", "Find attractors (stable states and cycles) and their basins");
    add_search_flags(cmd, *flags, true);
    cmd->callback([flags, &exit_code] { exit_code = run_guarded([&] { return run_search(*flags, false); }); });

    auto fp_flags = std::make_shared<SearchFlags>();
    auto* fp = app.add_subcommand("fixed-points", "Every fixed point, exactly, for any size (same for sync and async)");
    add_search_flags(fp, *fp_flags, false);
    fp->callback([fp_flags, &exit_code] { exit_code = run_guarded([&] { return run_search(*fp_flags, true); }); });
}

}  // namespace bitsig::cli
