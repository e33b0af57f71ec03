// SPDX-License-Identifier: MIT
// The report's data files (JSON, CSV, Markdown) and the screen bookkeeping they share with
// the pages. A combination is redundant when it reaches the goal at least in part and one of
// its proper parts, alone, already reaches that goal share: it adds a drug for nothing.
#include <algorithm>
#include <iomanip>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common.hpp"
#include "report_html.hpp"
#include "report_model.hpp"

namespace bitsig::cli {

double goal_share(const ScreenEntry& e) { return e.basin_fraction.value_or(e.attractor_fraction); }

std::string combination_label(const ScreenEntry& e, const char* joiner) {
    if (e.members.empty()) return "(base alone)";
    std::string out;
    for (const auto& m : e.members) out += (out.empty() ? "" : joiner) + m;
    return out;
}

void mark_redundant(ReportScreen& screen) {
    std::map<std::vector<std::string>, double> share;
    for (const auto& e : screen.entries) {
        auto key = e.members;
        std::sort(key.begin(), key.end());
        share[key] = goal_share(e);
    }
    screen.redundant.assign(screen.entries.size(), false);
    screen.redundant_because.assign(screen.entries.size(), "");
    for (std::size_t i = 0; i < screen.entries.size(); ++i) {
        const auto& members = screen.entries[i].members;
        if (members.size() < 2) continue;
        double mine = goal_share(screen.entries[i]);
        if (mine <= 0) continue;  // a combination that achieves nothing is ineffective, not redundant
        // Proper parts: every subset short of the whole, the empty one excepted (the
        // base alone doing as well makes every entry redundant, which says nothing).
        std::size_t n = members.size();
        for (std::size_t mask = 1; mask + 1 < (std::size_t{1} << n); ++mask) {
            std::vector<std::string> part;
            for (std::size_t k = 0; k < n; ++k)
                if (mask >> k & 1) part.push_back(members[k]);
            std::vector<std::string> key = part;
            std::sort(key.begin(), key.end());
            auto it = share.find(key);
            if (it != share.end() && it->second + 1e-12 >= mine) {
                screen.redundant[i] = true;
                std::string label;
                for (const auto& m : part) label += (label.empty() ? "" : " + ") + m;
                screen.redundant_because[i] = label;
                break;
            }
        }
    }
}

const ScenarioOutcome* find_check(const ReportData& data, const std::string& name) {
    for (const auto& c : data.checks)
        if (c.name == name) return &c;
    return nullptr;
}

std::string scenario_page(const ReportData& data, const std::string& name) {
    for (const auto& s : data.sections)
        if (s.scenario && s.scenario->name == name) return s.id + ".html";
    return {};
}

namespace {

std::string screen_markdown(const Network& net, const ReportScreen& screen) {
    std::ostringstream md;
    std::size_t total = screen.entries.size(), redundant = 0;
    for (bool r : screen.redundant) redundant += r;
    std::size_t shown = std::min(screen.shown + 1, total);
    md << "## Screen\n\nAdded to " << screen.base.describe() << "; goal " << screen.goal.describe() << ".\n\n"
       << "Top " << (shown == 0 ? 0 : shown - 1) << " of " << (total == 0 ? 0 : total - 1)
       << " combinations (after the base alone); " << redundant
       << " are redundant (a part of them alone does as well) and marked *redundant*.\n\n"
       << "| rank | added | goal share | attractors |";
    for (const auto& ro : net.readouts()) md << ' ' << ro.name << " |";
    md << "\n|---|---|---|---|";
    for (std::size_t k = 0; k < net.readouts().size(); ++k) md << "---|";
    md << '\n';
    for (std::size_t i = 0; i < shown; ++i) {
        const ScreenEntry& e = screen.entries[i];
        md << "| " << (i == 0 ? std::string("-") : std::to_string(i)) << " | " << combination_label(e)
           << (screen.redundant[i] ? " *redundant: " + screen.redundant_because[i] + " alone does as well*" : "")
           << " | " << html::percent(goal_share(e)) << " | " << e.attractors << " |";
        for (double v : e.readouts) md << ' ' << html::percent(v) << " |";
        md << '\n';
    }
    return md.str();
}

}  // namespace

void add_data_files(const ReportData& data, std::map<std::string, std::string>& files) {
    const Network& net = *data.net;
    nlohmann::json summary;
    summary["model"] = net.model_name();
    summary["update"] = data.update;
    nlohmann::json conds = nlohmann::json::array();
    for (const auto& s : data.sections) {
        conds.push_back({{"id", s.id}, {"title", s.title}, {"result", to_json(s.report)}});
        files["attractors_" + s.id + ".json"] = render(s.report, OutputFormat::json);
        files["attractors_" + s.id + ".csv"] = render(s.report, OutputFormat::csv);
        files["attractors_" + s.id + ".md"] = render(s.report, OutputFormat::md);
    }
    summary["conditions"] = conds;
    if (!data.checks.empty()) {
        summary["check"] = nlohmann::json::parse(render_check(net, data.checks, OutputFormat::json));
        files["check.csv"] = render_check(net, data.checks, OutputFormat::csv);
        files["check.md"] = render_check(net, data.checks, OutputFormat::md);
    }
    if (data.screen) {
        const ReportScreen& screen = *data.screen;
        std::ostringstream csv;
        csv << "rank,added,goal_share,attractors,redundant\n";
        nlohmann::json rows = nlohmann::json::array();
        for (std::size_t i = 0; i < screen.entries.size(); ++i) {
            const ScreenEntry& e = screen.entries[i];
            std::string added;
            for (const auto& m : e.members) added += (added.empty() ? "" : "+") + m;
            csv << i << ',' << added << ',' << goal_share(e) << ',' << e.attractors << ','
                << (screen.redundant[i] ? 1 : 0) << '\n';
            rows.push_back({{"added", e.members},
                            {"goal_share", goal_share(e)},
                            {"attractors", e.attractors},
                            {"redundant", static_cast<bool>(screen.redundant[i])}});
        }
        files["screen.csv"] = csv.str();
        summary["screen"] = {{"base", screen.base.describe()}, {"goal", screen.goal.describe()}, {"entries", rows}};
    }
    files["report.json"] = dump_json(summary);

    std::ostringstream md;
    md << "# " << net.model_name() << "\n\n" << net.description() << "\n\n";
    for (const auto& s : data.sections) md << render(s.report, OutputFormat::md) << "\n";
    if (!data.checks.empty()) md << render_check(net, data.checks, OutputFormat::md) << "\n";
    if (data.screen) md << screen_markdown(net, *data.screen) << "\n";
    files["report.md"] = md.str();
}

}  // namespace bitsig::cli
