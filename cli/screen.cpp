// SPDX-License-Identifier: MIT
// `bitsig screen`: rank single drugs/targets and their combinations by a goal phenotype.
// Flags -> ScreenRequest -> one engine call (query/screen) -> screen_render's table; the
// rows of JSON and CSV are written as the engine hands them over (bounded memory).
#include "query/screen.hpp"

#include <cstdlib>
#include <iostream>
#include <optional>
#include <stdexcept>

#include "atomic_output.hpp"
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

// Test and tuning hooks, read from the environment: BITSIG_SCREEN_SPILL_ROWS=N holds at
// most N rows of a JSON/CSV ranking in memory (default kScreenRowsInMemory), so that a test
// reaches the sorted runs on disk with a small screen; BITSIG_SCREEN_STATS=1 says on
// stderr how many rows were held at once and how many runs were written.
std::size_t rows_in_memory() {
    const char* v = std::getenv("BITSIG_SCREEN_SPILL_ROWS");
    if (!v || !*v) return kScreenRowsInMemory;
    char* end = nullptr;
    const unsigned long long n = std::strtoull(v, &end, 10);
    return *end == '\0' && n > 0 ? static_cast<std::size_t>(n) : kScreenRowsInMemory;
}

void print_stats(const ScreenResult& r) {
    if (!std::getenv("BITSIG_SCREEN_STATS")) return;
    std::cerr << "bitsig screen: " << r.conditions << " rows, at most " << r.peak_rows << " held in memory at once, "
              << r.runs_written << " sorted runs written to disk\n";
}

int run_screen_command(const ScreenFlags& f) {
    Distributor& ranks = process_distributor();
    Network net = load_model(f.model);
    TerminalProgress progress(f.threads);
    ScreenRequest request = screen_request(f.ask);
    if (f.format == OutputFormat::text || f.format == OutputFormat::md) {
        // Text and Markdown show the top rows only: rank 0 need not hold the others.
        request.only_top = f.ask.top;
        ScreenResult result = screen(net, request, progress.control(), ranks);
        if (!ranks.is_root()) return ok;  // rank 0 writes for all
        print_stats(result);
        emit(f.output, render_screen(net, result, f.ask, f.format));
        return ok;
    }
    // JSON and CSV list every row: they go out one by one as the engine's ranking hands
    // them over, into an output that appears whole or not at all, and the ranking's runs
    // go beside it (the disk chosen for the output has room for about as much again). Only
    // rank 0 writes; its rank is known from the launcher before MPI starts (asking MPI
    // here would join it before the engine call, where a rank that fails early must not
    // have). A bad -o path fails now, before the work.
    std::optional<AtomicOutput> out;
    ScreenTableWriter writer(net, f.ask, f.format);
    if (mpi_launcher_rank() <= 0) {
        out.emplace(f.output);
        out->write(writer.opening(request.base));
        request.spill_directory = out->directory();
    }
    request.rows_in_memory = rows_in_memory();
    request.each_row = [&](std::size_t position, const ScreenEntry& row) {
        if (!out) throw std::logic_error("a screen row reached a rank that writes no output");
        out->write(writer.row(position, row));
    };
    ScreenResult result = screen(net, request, progress.control(), ranks);
    if (!ranks.is_root()) return ok;
    print_stats(result);
    if (!out) throw std::logic_error("MPI rank 0 has no output open");
    out->write(writer.closing(result));
    out->commit();
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
