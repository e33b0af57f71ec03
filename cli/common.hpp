// SPDX-License-Identifier: MIT
// What every subcommand shares: the exit-code funnel, output to stdout or an atomic file,
// and the SIGINT flag that long computations poll.
#pragma once

#include <CLI/CLI.hpp>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "attractor/search.hpp"
#include "model/network.hpp"
#include "output_format.hpp"
#include "query/check.hpp"

namespace bitsig::cli {

/// Exit codes from CONTRACTS.md. `internal` (70, EX_SOFTWARE) is a bug in bitsig, never
/// the user's mistake; 130 and 143 are the shell's codes for SIGINT and SIGTERM.
enum ExitCode : int {
    ok = 0,
    check_failed = 1,
    bad_input = 2,
    refused = 3,
    internal = 70,
    interrupted = 130,
    terminated = 143
};

/// Runs `body`, turning every error into its message on stderr and its exit code.
/// This is the only place that catches.
int run_guarded(const std::function<int()>& body);

/// When the first argument names no subcommand, says so with the nearest one and returns
/// bad_input (CLI11 alone says only "the following argument was not expected"); else ok.
int reject_unknown_command(const CLI::App& app, int argc, char** argv);

/// `--update` with the same spellings on every command: sync|synchronous|async|asynchronous,
/// stored as "sync" or "async" whatever was typed.
CLI::Option* add_update_option(CLI::App* cmd, std::string& update, const std::string& help = "Update scheme");

/// `--format` with the same spellings on every command; `accepted` narrows the list for the
/// few commands whose answer is not a table (info).
CLI::Option* add_format_option(CLI::App* cmd, OutputFormat& format,
                               const std::vector<OutputFormat>& accepted = {OutputFormat::text, OutputFormat::json,
                                                                            OutputFormat::csv, OutputFormat::md});

/// `--update` straight into the enum (same spellings as above).
CLI::Option* add_update_option(CLI::App* cmd, UpdateScheme& update, const std::string& help = "Update scheme");

/// `--method auto|exhaustive|sat|sample|fixed-points` into the enum, the same on every
/// command that searches attractors.
CLI::Option* add_method_option(CLI::App* cmd, Method& method, const std::string& help);

/// Loads a model and prints its warnings on stderr.
Network load_model(const std::string& path);

/// Writes to `path` atomically, or to stdout when path is empty or "-".
void emit(const std::string& path, const std::string& text);

/// Set by SIGINT and SIGTERM; computations poll it and stop cleanly.
std::atomic<bool>& interrupt_flag();
void install_interrupt_handler();
/// A Control that stops on Ctrl-C (no progress display, all cores).
Control interruptible();

/// True when stderr is a terminal (progress is shown only then).
bool stderr_is_terminal();

/// The check table as text, json, csv or md.
std::string render_check(const Network& net, const std::vector<ScenarioOutcome>& outcomes, OutputFormat format);

void add_info_command(CLI::App& app, int& exit_code);
void add_convert_command(CLI::App& app, int& exit_code);
void add_attractor_commands(CLI::App& app, int& exit_code);
void add_check_command(CLI::App& app, int& exit_code);
void add_screen_command(CLI::App& app, int& exit_code);
void add_compare_command(CLI::App& app, int& exit_code);
void add_draw_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_simulate_command(CLI::App& app, int& exit_code);
void add_respond_command(CLI::App& app, int& exit_code);
void add_trap_spaces_command(CLI::App& app, int& exit_code);

}  // namespace bitsig::cli
