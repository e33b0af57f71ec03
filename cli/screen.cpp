// SPDX-License-Identifier: MIT
// `bitsig screen`: rank single drugs/targets and their combinations by a goal phenotype.
#include <nlohmann/json.hpp>

#include <iomanip>
#include <sstream>

#include "common.hpp"
#include "conditions.hpp"
#include "distributed/mpi/process.hpp"
#include "progress.hpp"
#include "query/screen.hpp"
#include "query/screen_spread.hpp"
#include "render.hpp"
#include "text_table.hpp"

namespace bitsig::cli {

namespace {

struct ScreenFlags {
    std::string model;
    Conditions base;
    std::string drugs;    // "all" or comma list; empty = none
    std::string targets;  // "all" or comma list; empty = none
    std::string goal;
    std::size_t max_size = 2;
    std::string update = "sync";
    std::string method = "auto";
    std::string format = "text";
    std::string output;
    std::size_t top = 30;
    unsigned threads = 0;
};

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s + ",") {
        if (c == ',' || c == ' ') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    return out;
}

std::string percent(double x) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << 100 * x << "%";
    return out.str();
}

std::string members_text(const ScreenEntry& e) {
    if (e.members.empty()) return "(base alone)";
    std::string out;
    for (const auto& m : e.members) out += (out.empty() ? "" : " + ") + m;
    return out;
}

std::string agree_text(const ScreenEntry& e) {
    if (!e.other_scheme_agrees) return "";
    return *e.other_scheme_agrees ? "same" : "DIFFERS";
}

std::string render_text(const Network& net, const ScreenFlags& f, const Goal& goal,
                        const std::vector<ScreenEntry>& entries, std::uint64_t conditions, const std::string& other) {
    std::ostringstream out;
    out << net.model_name() << ": screen of " << conditions << " conditions on top of " << f.base.describe()
        << "\ngoal: " << goal.describe() << " (";
    if (f.method == "fixed-points")
        out << "share of fixed points where the goal holds; cyclic attractors not searched)\n\n";
    else
        out << f.update
            << " updating; share of basin where the goal holds, or of attractors when basins are not known)\n\n";
    std::vector<std::string> header{"rank", "added", "goal", "attractors"};
    for (const auto& r : net.readouts()) header.push_back(r.name);
    if (!other.empty()) header.push_back(other);
    TextTable table(header);
    for (std::size_t i = 0; i < entries.size() && i < f.top + 1; ++i) {
        const ScreenEntry& e = entries[i];
        std::vector<std::string> row{i == 0 ? "-" : std::to_string(i), members_text(e),
                                     percent(e.basin_fraction.value_or(e.attractor_fraction)),
                                     std::to_string(e.attractors) + (e.complete ? "" : "+")};
        for (double v : e.readouts) row.push_back(percent(v));
        if (!other.empty()) row.push_back(agree_text(e));
        table.add(std::move(row));
    }
    out << table.render();
    if (conditions > f.top + 1) out << "... " << conditions - f.top - 1 << " more (use --top or -o FILE.csv)\n";
    out << "\nreadout columns: share of basin (or of attractors) where the readout is on; '+' after the attractor "
           "count: search not complete\n";
    return out.str();
}

nlohmann::json to_json(const Network& net, const ScreenFlags& f, const Goal& goal,
                       const std::vector<ScreenEntry>& entries) {
    using nlohmann::json;
    json rows = json::array();
    for (const auto& e : entries) {
        json row{{"added", e.members},
                 {"goal_attractor_fraction", e.attractor_fraction},
                 {"attractors", e.attractors},
                 {"complete", e.complete},
                 {"method", e.method}};
        if (e.basin_fraction) row["goal_basin_fraction"] = *e.basin_fraction;
        json ro = json::object();
        for (std::size_t k = 0; k < e.readouts.size(); ++k) ro[net.readouts()[k].name] = e.readouts[k];
        row["readouts"] = ro;
        if (e.other_scheme_agrees) row["other_update_agrees"] = *e.other_scheme_agrees;
        rows.push_back(row);
    }
    return json{
        {"model", net.model_name()}, {"base", f.base.describe()}, {"goal", goal.describe()}, {"update", f.update},
        {"search_method", f.method}, {"max_size", f.max_size},    {"entries", rows}};
}

std::string render_csv(const Network& net, const std::vector<ScreenEntry>& entries) {
    std::ostringstream out;
    out << "rank,added,size,goal_basin_fraction,goal_attractor_fraction,attractors,complete";
    for (const auto& r : net.readouts()) out << ',' << r.name;
    out << ",other_update_agrees\n";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const ScreenEntry& e = entries[i];
        std::string added;
        for (const auto& m : e.members) added += (added.empty() ? "" : "+") + m;
        out << i << ',' << added << ',' << e.members.size() << ',';
        if (e.basin_fraction) out << *e.basin_fraction;
        out << ',' << e.attractor_fraction << ',' << e.attractors << ',' << (e.complete ? 1 : 0);
        for (double r : e.readouts) out << ',' << r;
        out << ',' << agree_text(e) << '\n';
    }
    return out.str();
}

int run_screen_command(const ScreenFlags& f) {
    Distributor& ranks = process_distributor();
    Network net = load_model(f.model);
    Goal goal = Goal::parse(net, f.goal);
    resolve(net, f.base);  // report bad names in the base before any work
    std::vector<Candidate> candidates;
    if (!f.drugs.empty()) {
        auto names = f.drugs == "all" ? std::vector<std::string>{} : split_list(f.drugs);
        for (auto& c : drug_candidates(net, names))
            if (std::find(f.base.drugs.begin(), f.base.drugs.end(), c.label) == f.base.drugs.end())
                candidates.push_back(std::move(c));
    }
    if (!f.targets.empty()) {
        auto cs = target_candidates(net, f.targets == "all" ? std::vector<std::string>{} : split_list(f.targets));
        candidates.insert(candidates.end(), cs.begin(), cs.end());
    }
    if (candidates.empty()) {
        Diagnostic d;
        d.message = "nothing to screen: give --drugs all|LIST and/or --targets all|LIST";
        throw InputError(d);
    }
    for (const auto& c : candidates) resolve(net, c.conditions);  // unknown names: exit 2 now
    std::uint64_t total = screen_size(candidates.size(), f.max_size);
    check_screen_fits(total, ranks.ranks());
    SearchOptions search;
    search.update =
        (f.update == "async" || f.update == "asynchronous") ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
    search.method = parse_method(f.method);
    ScreenOptions screen;
    screen.max_size = f.max_size;
    screen.verify_top = f.top;
    TerminalProgress progress(f.threads);
    // Text shows the top rows only: rank 0 keeps no more (memory independent of the screen).
    const SpreadScreen screened = run_screen_spread(net, f.base, candidates, goal, screen, search, progress.control(),
                                                    ranks, f.format == "text" ? f.top + 1 : 0);
    const std::vector<ScreenEntry>& entries = screened.entries;
    if (!ranks.is_root()) return ok;  // rank 0 writes for all
    // Fixed points are the same under both schemes: no re-check column then.
    std::string other = search.method == Method::fixed_points        ? ""
                        : search.update == UpdateScheme::synchronous ? "async"
                                                                     : "sync";
    std::string text = f.format == "json"  ? dump_json(to_json(net, f, goal, entries))
                       : f.format == "csv" ? render_csv(net, entries)
                                           : render_text(net, f, goal, entries, screened.conditions, other);
    emit(f.output, text);
    return ok;
}

}  // namespace

void add_screen_command(CLI::App& app, int& exit_code) {
    auto f = std::make_shared<ScreenFlags>();
    auto* cmd = app.add_subcommand("screen", "Rank drugs/targets and their combinations by a goal phenotype");
    cmd->add_option("MODEL", f->model, "Model file")->required();
    cmd->add_option("--drugs", f->drugs, "Candidate drugs: 'all' or a comma-separated list");
    cmd->add_option("--targets", f->targets, "Candidate knockouts/overexpressions: 'all' or a comma-separated list");
    cmd->add_option("--goal", f->goal, "Goal phenotype, e.g. \"Proliferation=0,Apoptosis=1\"")->required();
    cmd->add_option("--max-size", f->max_size, "Largest combination (1, 2, 3, ...)")->check(CLI::Range(1, 6));
    add_update_option(cmd, f->update);
    cmd->add_option("--method", f->method,
                    "Search method per condition; fixed-points ranks by stable states only, for large networks")
        ->check(CLI::IsMember(method_names()));
    cmd->add_option("--top", f->top, "Rows shown in text output (and re-checked under the other update scheme)");
    cmd->add_option("--threads", f->threads, "Worker threads (default: all cores)");
    cmd->add_option("--format", f->format, "Output format")->check(CLI::IsMember({"text", "json", "csv"}));
    cmd->add_option("-o,--output", f->output, "Write to this file (atomically) instead of stdout");
    add_condition_flags(cmd, f->base);
    cmd->callback([f, &exit_code] { exit_code = run_guarded([&] { return run_screen_command(*f); }); });
}

}  // namespace bitsig::cli
