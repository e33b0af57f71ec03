// SPDX-License-Identifier: MIT
// `bitsig simulate`: flags -> SimulationRequest, one engine call, one renderer. Settings
// given on the command line override the MaBoSS .cfg's.
#include "query/simulate.hpp"

#include <iostream>

#include "common.hpp"
#include "conditions.hpp"
#include "distributed/mpi/process.hpp"
#include "progress.hpp"
#include "simulate_render.hpp"
#include "svg_chart.hpp"

namespace bitsig::cli {

namespace {

struct SimulateFlags {
    std::string model, cfg, initial, output, svg;
    OutputFormat format = OutputFormat::text;
    std::uint64_t samples = kDefaultSamples, seed = 1;
    double max_time = kDefaultMaxTime, time_tick = kDefaultTimeTick;
    bool discrete_time = false;
    unsigned threads = 0;
    Conditions conditions;
    CLI::Option *samples_opt = nullptr, *seed_opt = nullptr, *max_time_opt = nullptr, *tick_opt = nullptr,
                *discrete_opt = nullptr, *threads_opt = nullptr;
};

int run(const SimulateFlags& f) {
    Distributor& ranks = process_distributor();
    SimulationRequest q;
    q.model_path = f.model;
    q.cfg_path = f.cfg;
    q.conditions = f.conditions;
    q.initial = f.initial;
    if (f.samples_opt->count()) q.samples = f.samples;
    if (f.seed_opt->count()) q.seed = f.seed;
    if (f.max_time_opt->count()) q.max_time = f.max_time;
    if (f.tick_opt->count()) q.time_tick = f.time_tick;
    if (f.discrete_opt->count()) q.discrete_time = f.discrete_time;
    if (f.threads_opt->count()) q.threads = f.threads;
    TerminalProgress progress(f.threads);
    SimulationAnswer answer = run_simulation(q, progress.control(), ranks);
    if (!ranks.is_root()) return ok;  // rank 0 writes for all
    for (const auto& w : answer.warnings) std::cerr << group_thousands(w) << '\n';
    if (!f.svg.empty())
        emit(f.svg, render_svg(readout_chart(answer.result, answer.net.model_name() + ": " + answer.conditions)));
    emit(f.output, render(answer, f.format));
    return ok;
}

}  // namespace

void add_simulate_command(CLI::App& app, int& exit_code) {
    auto f = std::make_shared<SimulateFlags>();
    auto* cmd = app.add_subcommand(
        "simulate", "Stochastic simulation (MaBoSS semantics): probability of each node and readout over time");
    cmd->add_option("MODEL", f->model, "Model file (.yaml, .yml, .bnet or MaBoSS .bnd)")->required();
    cmd->add_option("--cfg", f->cfg, "MaBoSS .cfg for a .bnd model (parameters, istates, settings)");
    f->samples_opt = cmd->add_option("--samples", f->samples, "Number of trajectories (cfg: sample_count)");
    f->max_time_opt = cmd->add_option("--max-time", f->max_time, "Simulated time (cfg: max_time)");
    f->tick_opt = cmd->add_option("--time-tick", f->time_tick, "Width of the averaging windows (cfg: time_tick)");
    f->seed_opt = cmd->add_option("--seed", f->seed, "Random seed (cfg: seed_pseudorandom)");
    f->discrete_opt = cmd->add_flag("--discrete-time{true},--continuous-time{false}", f->discrete_time,
                                    "Every jump takes exactly one time tick (cfg: discrete_time)");
    f->threads_opt = cmd->add_option("--threads", f->threads, "Worker threads (default: all cores; cfg: thread_count)");
    cmd->add_option("--initial", f->initial,
                    "Initial values: \"X=1 Y=0\" or a full state string (others: the model's istate, else 0/1 "
                    "with probability 1/2)");
    add_format_option(cmd, f->format);
    cmd->add_option("-o,--output", f->output, "Write to this file (atomically) instead of stdout");
    cmd->add_option("--svg", f->svg, "Also draw the readouts over time as an SVG line chart in this file");
    add_condition_flags(cmd, f->conditions);
    cmd->callback([f, &exit_code] { exit_code = run_guarded([&] { return run(*f); }); });
}

}  // namespace bitsig::cli
