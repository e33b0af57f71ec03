// SPDX-License-Identifier: MIT
// Renderers of a screen result. A combination is redundant when one of its proper parts
// alone already reaches at least its goal share: it adds a drug for nothing. People read
// the ranking as "what to try", so redundant rows are marked (and the report folds them);
// programs get every row with a `redundant_because` field.
#include "screen_render.hpp"

#include <algorithm>
#include <cctype>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

#include "render.hpp"
#include "text_table.hpp"

namespace bitsig::cli {

namespace {

std::string percent(double x) { return percent_text(x); }

std::string agree_text(const ScreenEntry& e) {
    if (!e.other_scheme_agrees) return "";
    return *e.other_scheme_agrees ? "same" : "DIFFERS";
}

std::string other_scheme(const ScreenResult& r) {
    if (!r.rechecked_under) return "";
    return *r.rechecked_under == UpdateScheme::synchronous ? "sync" : "async";
}

// What the text and Markdown tables share: the opening lines and the rows.
struct PeopleTable {
    std::string heading;
    TextTable table;
    std::string footer;
};

// The counts come from the result, not from its entries: a text screen may hold only the
// top rows (ScreenRequest::only_top).
PeopleTable people_table(const Network& net, const ScreenResult& r, const ScreenAsk& shown) {
    const std::uint64_t combinations = r.conditions == 0 ? 0 : r.conditions - 1;
    const std::size_t rows = static_cast<std::size_t>(std::min<std::uint64_t>(shown.top, combinations));
    const std::uint64_t marked = r.redundant;
    std::ostringstream head;
    head << net.model_name() << ": screen of " << count_text(r.conditions) << " conditions on top of "
         << r.base.describe() << "\ngoal: " << r.goal.describe() << " (";
    if (shown.method == Method::fixed_points)
        head << "share of fixed points where the goal holds; cyclic attractors not searched)\n";
    else
        head << shown.update
             << " updating; share of basin where the goal holds, or of attractors when basins are not known)\n";
    head << "top " << count_text(rows) << " of " << count_text(combinations) << " combinations, after the base alone; "
         << count_text(marked) << " redundant (a part of them alone does as well)\n";
    const std::string other = other_scheme(r);
    std::vector<std::string> header{"rank", "added", "goal", "attractors"};
    for (const auto& ro : net.readouts()) header.push_back(ro.name);
    if (!other.empty()) header.push_back(other);
    header.push_back("redundant");
    PeopleTable out{head.str(), TextTable(header), ""};
    for (std::size_t i = 0; i < r.entries.size() && i < rows + 1; ++i) {
        const ScreenEntry& e = r.entries[i];
        std::vector<std::string> row{i == 0 ? "-" : count_text(i), combination_label(e), percent(e.goal_share()),
                                     count_text(e.attractors) + (e.complete ? "" : "+")};
        for (double v : e.readouts) row.push_back(percent(v));
        if (!other.empty()) row.push_back(agree_text(e));
        row.push_back(e.redundant_because.empty() ? "" : e.redundant_because + " alone does as well");
        out.table.add(std::move(row));
    }
    std::ostringstream foot;
    if (combinations > rows) foot << "... " << count_text(combinations - rows) << " more (use --top or -o FILE.csv)\n";
    foot << "\nreadout columns: share of basin (or of attractors) where the readout is on; '+' after the attractor "
            "count: search not complete\n";
    out.footer = foot.str();
    return out;
}

std::string render_text(const Network& net, const ScreenResult& r, const ScreenAsk& shown) {
    PeopleTable t = people_table(net, r, shown);
    return t.heading + "\n" + t.table.render() + t.footer;
}

std::string render_md(const Network& net, const ScreenResult& r, const ScreenAsk& shown) {
    PeopleTable t = people_table(net, r, shown);
    std::string out = "## Screen\n\n";
    std::istringstream lines(t.heading);
    bool first = true;  // the model's name keeps its case; "goal: ..." and "top ..." start sentences
    for (std::string line; std::getline(lines, line); first = false) {
        if (!first && !line.empty()) line[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(line[0])));
        out += line + ".\n\n";
    }
    out += t.table.render_markdown();
    std::istringstream foot(t.footer);
    for (std::string line; std::getline(foot, line);)
        if (!line.empty()) out += "\n" + line + "\n";
    return out;
}

nlohmann::json row_json(const Network& net, const ScreenEntry& e) {
    using nlohmann::json;
    json row{{"added", e.members},
             {"goal_attractor_fraction", e.attractor_fraction},
             {"attractors", e.attractors},
             {"complete", e.complete},
             {"method", to_string(e.method)},
             {"algorithm", algorithm_name(e.method)}};
    if (e.basin_fraction) row["goal_basin_fraction"] = *e.basin_fraction;
    json ro = json::object();
    for (std::size_t k = 0; k < e.readouts.size(); ++k) ro[net.readouts()[k].name] = e.readouts[k];
    row["readouts"] = ro;
    if (e.other_scheme_agrees) row["other_update_agrees"] = *e.other_scheme_agrees;
    if (!e.redundant_because.empty()) row["redundant_because"] = e.redundant_because;
    return row;
}

// The whole JSON document with an empty "entries", cut where the rows go: before is up to
// and including "entries": [, after starts at its ]. nlohmann-json orders keys by name, so
// "base" comes before the entries and everything else after them; a string cannot hold
// the cut's raw newline, so it is found only where the key is.
std::pair<std::string, std::string> json_frame(const Network& net, const std::string& base, const std::string& goal,
                                               const ScreenAsk& shown) {
    using nlohmann::json;
    const std::string text = dump_json(json{{"model", net.model_name()},
                                            {"base", base},
                                            {"goal", goal},
                                            {"update", shown.update},
                                            {"search_method", to_string(shown.method)},
                                            {"max_size", shown.max_size},
                                            {"entries", json::array()}});
    const std::string cut = "\n  \"entries\": [";
    const std::size_t at = text.find(cut + "]");
    if (at == std::string::npos) throw std::logic_error("the screen JSON has no entries to cut at");
    return {text.substr(0, at + cut.size()), text.substr(at + cut.size())};
}

// A row as it sits in the document: two levels deep, so every line indented by 4 more.
std::string indented_row(const Network& net, const ScreenEntry& e) {
    const std::string alone = row_json(net, e).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string out = "    ";
    for (char c : alone) {
        out += c;
        if (c == '\n') out += "    ";
    }
    return out;
}

std::string csv_header(const Network& net) {
    std::string out = "rank,added,size,goal_basin_fraction,goal_attractor_fraction,attractors,complete";
    for (const auto& ro : net.readouts()) out += ',' + ro.name;
    return out + ",other_update_agrees,redundant_because\n";
}

std::string csv_row(std::size_t rank, const ScreenEntry& e) {
    std::ostringstream out;
    std::string added;
    for (const auto& m : e.members) added += (added.empty() ? "" : "+") + m;
    std::string because;  // "a + b" written as "a+b", as `added` is
    for (char c : e.redundant_because)
        if (c != ' ') because += c;
    out << rank << ',' << added << ',' << e.members.size() << ',';
    if (e.basin_fraction) out << *e.basin_fraction;
    out << ',' << e.attractor_fraction << ',' << e.attractors << ',' << (e.complete ? 1 : 0);
    for (double v : e.readouts) out << ',' << v;
    out << ',' << agree_text(e) << ',' << because << '\n';
    return out.str();
}

std::optional<std::vector<std::string>> candidate_list(const std::string& words) {
    if (words.empty()) return std::nullopt;
    std::vector<std::string> out;
    if (words == "all") return out;
    std::string cur;
    for (char c : words + ",") {
        if (c == ',' || c == ' ') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    return out;
}

}  // namespace

ScreenRequest screen_request(const ScreenAsk& ask) {
    ScreenRequest request;
    request.goal = ask.goal;
    request.base = ask.base;
    request.drugs = candidate_list(ask.drugs);
    request.targets = candidate_list(ask.targets);
    request.search.update = ask.update == "async" ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
    request.search.method = ask.method;
    request.screen.max_size = ask.max_size;
    request.screen.verify_top = ask.top;
    return request;
}

std::string combination_label(const ScreenEntry& e) {
    if (e.members.empty()) return "(base alone)";
    std::string out;
    for (const auto& m : e.members) out += (out.empty() ? "" : " + ") + m;
    return out;
}

ScreenTableWriter::ScreenTableWriter(const Network& net, const ScreenAsk& ask, OutputFormat format)
    : net_(&net), ask_(ask), format_(format) {
    if (format != OutputFormat::json && format != OutputFormat::csv)
        throw std::logic_error("a screen is written row by row in JSON or CSV only");
}

std::string ScreenTableWriter::opening(const Conditions& base) {
    if (format_ == OutputFormat::csv) return csv_header(*net_);
    base_ = base.describe();
    opening_ = json_frame(*net_, base_, "", ask_).first;
    return opening_;
}

std::string ScreenTableWriter::row(std::size_t position, const ScreenEntry& e) {
    if (format_ == OutputFormat::csv) return csv_row(position, e);
    return (rows_++ == 0 ? "\n" : ",\n") + indented_row(*net_, e);
}

std::string ScreenTableWriter::closing(const ScreenResult& result) const {
    if (format_ == OutputFormat::csv) return "";
    const auto [before, after] = json_frame(*net_, base_, result.goal.describe(), ask_);
    if (before != opening_) throw std::logic_error("the screen JSON's opening depends on what follows the rows");
    return (rows_ == 0 ? "" : "\n  ") + after;
}

std::string render_screen(const Network& net, const ScreenResult& result, const ScreenAsk& ask, OutputFormat format) {
    switch (format) {
    case OutputFormat::json:
    case OutputFormat::csv: {
        ScreenTableWriter writer(net, ask, format);
        std::string out = writer.opening(result.base);
        for (std::size_t i = 0; i < result.entries.size(); ++i) out += writer.row(i, result.entries[i]);
        return out + writer.closing(result);
    }
    case OutputFormat::md:
        return render_md(net, result, ask);
    case OutputFormat::text:
        break;
    }
    return render_text(net, result, ask);
}

}  // namespace bitsig::cli
