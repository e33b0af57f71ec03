// SPDX-License-Identifier: MIT
// `bitsig trap-spaces`: minimal or maximal trap spaces of a (perturbed) model. Parses flags,
// makes one engine call (trapspace/trap_spaces.hpp) and renders its result as text, JSON
// (CONTRACTS.md), CSV or Markdown. Text groups each space's fixed variables into on and off, as the
// attractor text does, because an 800-character string of 0, 1 and * is unreadable.
#include "trapspace/trap_spaces.hpp"

#include <sstream>

#include <nlohmann/json.hpp>

#include "common.hpp"
#include "conditions.hpp"
#include "perturb/perturbation.hpp"
#include "progress.hpp"
#include "text_table.hpp"

namespace bitsig::cli {

namespace {

struct TrapSpaceFlags {
    std::string model;
    bool minimal = false;
    bool maximal = false;
    long long limit = 10'000;
    OutputFormat format = OutputFormat::text;
    std::string output;
    Conditions conditions;
};

// Text shows this many spaces; JSON and CSV list all of them.
constexpr std::size_t kTextSpacesShown = 100;

std::string render_json(const Network& net, const trapspace::Result& r) {
    nlohmann::json spaces = nlohmann::json::array();
    for (const auto& s : r.trap_spaces) spaces.push_back(s.to_string());
    nlohmann::json j{{"model", net.model_name()}, {"nodes", net.names()}, {"kind", to_string(r.kind)},
                     {"complete", r.complete},    {"limit", r.limit},     {"trap_spaces", std::move(spaces)}};
    return j.dump(2) + "\n";
}

std::string render_csv(const Network& net, const trapspace::Result& r) {
    std::ostringstream out;
    out << "trap_space,kind,free";
    for (const auto& name : net.names()) out << ',' << csv_field(name);
    out << '\n';
    for (const auto& s : r.trap_spaces) {
        out << s.to_string() << ',' << to_string(r.kind) << ',' << s.free_count();
        for (std::size_t i = 0; i < s.size(); ++i) out << ',' << s.at(i);
        out << '\n';
    }
    return out.str();
}

std::string render_text(const Network& net, const trapspace::Result& r, const std::string& conditions) {
    const auto names = net.names();
    std::ostringstream out;
    const std::size_t count = r.trap_spaces.size();
    out << net.model_name() << ": " << count_text(count) << ' ' << to_string(r.kind) << " trap space"
        << (count == 1 ? "" : "s") << " ("
        << (r.complete ? "complete" : "NOT complete: more exist beyond --limit " + count_text(r.limit)) << ")\n";
    out << "conditions: " << conditions << '\n';
    for (std::size_t k = 0; k < count && k < kTextSpacesShown; ++k) {
        const Subspace& s = r.trap_spaces[k];
        out << "\n#" << count_text(k + 1) << "  " << count_text(s.fixed_count()) << " fixed, "
            << count_text(s.free_count()) << " free\n";
        for (char want : {'1', '0'}) {
            std::string line;
            for (std::size_t i = 0; i < s.size(); ++i)
                if (s.at(i) == want) line += (line.empty() ? "" : ", ") + names[i];
            if (!line.empty()) out << (want == '1' ? "  on:  " : "  off: ") << line << '\n';
        }
    }
    if (count > kTextSpacesShown)
        out << "\n... and " << count_text(count - kTextSpacesShown) << " more (--format json or csv lists every one)\n";
    return out.str();
}

// Markdown: one row per space, its fixed variables split into on and off as in the text.
std::string render_md(const Network& net, const trapspace::Result& r, const std::string& conditions) {
    const auto names = net.names();
    const std::size_t count = r.trap_spaces.size();
    std::ostringstream out;
    out << "# " << to_string(r.kind) << " trap spaces of " << net.model_name() << "\n\n"
        << count_text(count) << " trap space" << (count == 1 ? "" : "s") << ", "
        << (r.complete ? "complete" : "NOT complete: more exist beyond --limit " + count_text(r.limit))
        << ". Conditions: " << conditions << ".\n\n";
    TextTable table({"#", "fixed", "free", "on", "off"});
    for (std::size_t k = 0; k < count; ++k) {
        const Subspace& s = r.trap_spaces[k];
        std::string on, off;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s.at(i) == '1') on += (on.empty() ? "" : ", ") + names[i];
            if (s.at(i) == '0') off += (off.empty() ? "" : ", ") + names[i];
        }
        table.add({count_text(k + 1), count_text(s.fixed_count()), count_text(s.free_count()), on, off});
    }
    out << table.render_markdown();
    return out.str();
}

int run_trap_spaces(const TrapSpaceFlags& f) {
    if (f.minimal && f.maximal) throw InputError(errors::min_and_max());
    if (f.limit < 0) throw InputError(errors::negative_limit(f.limit));
    Network net = load_model(f.model);
    Perturbation p = resolve(net, f.conditions);
    Network perturbed = apply(net, p);
    trapspace::Options o;
    o.kind = f.maximal ? trapspace::Kind::maximal : trapspace::Kind::minimal;
    o.limit = static_cast<std::size_t>(f.limit);
    TerminalProgress progress;
    const trapspace::Result r = trapspace::find_trap_spaces(perturbed, o, progress.control());
    const std::string text = f.format == OutputFormat::json  ? render_json(net, r)
                             : f.format == OutputFormat::csv ? render_csv(net, r)
                             : f.format == OutputFormat::md  ? render_md(net, r, f.conditions.describe())
                                                             : render_text(net, r, f.conditions.describe());
    emit(f.output, text);
    return ok;
}

}  // namespace

void add_trap_spaces_command(CLI::App& app, int& exit_code) {
    auto f = std::make_shared<TrapSpaceFlags>();
    auto* cmd = app.add_subcommand("trap-spaces", "Minimal (default) or maximal trap spaces, exactly, for any size");
    cmd->add_option("MODEL", f->model, "Model file (.yaml, .yml or .bnet)")->required();
    cmd->add_flag("--min", f->minimal, "Minimal trap spaces (the default)");
    cmd->add_flag("--max", f->maximal, "Maximal trap spaces (the whole space excluded)");
    cmd->add_option("--limit", f->limit, "List at most this many (complete is false when more exist)");
    add_format_option(cmd, f->format);
    cmd->add_option("-o,--output", f->output, "Write to this file (atomically) instead of stdout");
    add_condition_flags(cmd, f->conditions);
    cmd->callback([f, &exit_code] { exit_code = run_guarded([&] { return run_trap_spaces(*f); }); });
}

}  // namespace bitsig::cli
