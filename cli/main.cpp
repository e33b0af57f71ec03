// SPDX-License-Identifier: MIT
// The bitsig command: declares subcommands and dispatches; each lives in its own file.
#include <iostream>

#include "common.hpp"

int main(int argc, char** argv) {
    using namespace bitsig::cli;
    CLI::App app{"bitsig: attractors and perturbations of Boolean signaling networks"};
    app.set_version_flag("--version", std::string("bitsig ") + BITSIG_VERSION);
    app.require_subcommand(1);
    // Defaults belong in --help: "--samples UINT [4096]" tells more than "--samples UINT".
    app.option_defaults()->always_capture_default();
    int exit_code = ok;
    add_info_command(app, exit_code);
    add_convert_command(app, exit_code);
    add_attractor_commands(app, exit_code);
    add_check_command(app, exit_code);
    add_compare_command(app, exit_code);
    add_screen_command(app, exit_code);
    add_draw_command(app, exit_code);
    add_report_command(app, exit_code);
    add_simulate_command(app, exit_code);
    add_respond_command(app, exit_code);
    add_trap_spaces_command(app, exit_code);
    install_interrupt_handler();
    if (int code = reject_unknown_command(app, argc, argv); code != ok) return code;
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        // CLI11 reports usage errors with its own codes; the contract says 2 for all of them.
        return code == 0 ? ok : bad_input;
    }
    return exit_code;
}
