// SPDX-License-Identifier: MIT
// `bitsig screen`: rank single drugs/targets and their combinations by a goal phenotype.
// Flags -> ScreenRequest -> one engine call (query/screen) -> screen_render's table.
#include "query/screen.hpp"
#include "common.hpp"
#include "conditions.hpp"
#include "distributed/mpi/process.hpp"
#include "progress.hpp"
#include "screen_render.hpp"

namespace bitsig::cli {

namespace {

struct ScreenFlags {
    std::string model;
    ScreenAsk ask;
    OutputFormat format = OutputFormat::text;
    std::string output;
    unsigned threads = 0;
};

int run_screen_command(const ScreenFlags& f) {
    Distributor& ranks = process_distributor();
    Network net = load_model(f.model);
    TerminalProgress progress(f.threads);
    ScreenRequest request = screen_request(f.ask);
    // Text and Markdown show the top rows only: rank 0 need not hold the others.
    if (f.format == OutputFormat::text || f.format == OutputFormat::md) request.only_top = f.ask.top;
    ScreenResult result = screen(net, request, progress.control(), ranks);
    if (!ranks.is_root()) return ok;  // rank 0 writes for all
    emit(f.output, render_screen(net, result, f.ask, f.format));
    return ok;
}

}  // namespace

void add_screen_command(CLI::App& app, int& exit_code) {
    auto f = std::make_shared<ScreenFlags>();
    auto* cmd = app.add_subcommand("screen", "Rank drugs/targets and their combinations by a goal phenotype");
    cmd->add_option("MODEL", f->model, "Model file")->required();
    cmd->add_option("--drugs", f->ask.drugs, "Candidate drugs: 'all' or a comma-separated list");
    cmd->add_option("--targets", f->ask.targets,
                    "Candidate knockouts/overexpressions: 'all' or a comma-separated list");
    cmd->add_option("--goal", f->ask.goal, "Goal phenotype, e.g. \"Proliferation=0,Apoptosis=1\"")->required();
    cmd->add_option("--max-size", f->ask.max_size, "Largest combination (1, 2, 3, ...)")->check(CLI::Range(1, 6));
    add_update_option(cmd, f->ask.update);
    add_method_option(cmd, f->ask.method,
                      "Search method per condition; fixed-points ranks by stable states only, for large networks");
    cmd->add_option("--top", f->ask.top, "Rows shown in text output (and re-checked under the other update scheme)");
    cmd->add_option("--threads", f->threads, "Worker threads (default: all cores)");
    add_format_option(cmd, f->format);
    cmd->add_option("-o,--output", f->output, "Write to this file (atomically) instead of stdout");
    add_condition_flags(cmd, f->ask.base);
    cmd->callback([f, &exit_code] { exit_code = run_guarded([&] { return run_screen_command(*f); }); });
}

}  // namespace bitsig::cli
