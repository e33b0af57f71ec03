// SPDX-License-Identifier: MIT
// The report's data files (JSON, CSV, Markdown), each written by the renderer of the
// command that answers the same question (attractors, check, screen).
#include <sstream>

#include <nlohmann/json.hpp>

#include "common.hpp"
#include "report_html.hpp"
#include "report_model.hpp"
#include "simulate_render.hpp"

namespace bitsig::cli {

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

void add_data_files(const ReportData& data, std::map<std::string, std::string>& files) {
    const Network& net = *data.net;
    nlohmann::json summary;
    summary["model"] = net.model_name();
    summary["update"] = data.update;
    nlohmann::json conds = nlohmann::json::array();
    for (const auto& s : data.sections) {
        nlohmann::json cond{{"id", s.id}, {"title", s.title}, {"result", to_json(s.report)}};
        // `report --simulate`: the JSON `bitsig simulate` writes for the same conditions.
        if (s.simulation) cond["simulation"] = simulation_json(net, *s.simulation, s.report.conditions);
        conds.push_back(cond);
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
        // The very files `bitsig screen --format csv|json` writes for the same question.
        files["screen.csv"] = render_screen(net, *data.screen, data.screen_ask, OutputFormat::csv);
        summary["screen"] =
            nlohmann::json::parse(render_screen(net, *data.screen, data.screen_ask, OutputFormat::json));
    }
    files["report.json"] = dump_json(summary);

    std::ostringstream md;
    md << "# " << net.model_name() << "\n\n" << net.description() << "\n\n";
    for (const auto& s : data.sections) md << render(s.report, OutputFormat::md) << "\n";
    if (!data.checks.empty()) md << render_check(net, data.checks, OutputFormat::md) << "\n";
    if (data.screen) md << render_screen(net, *data.screen, data.screen_ask, OutputFormat::md) << "\n";
    files["report.md"] = md.str();
}

}  // namespace bitsig::cli
