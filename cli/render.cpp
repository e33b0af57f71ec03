// SPDX-License-Identifier: MIT
// Text output groups each attractor's variables into always-on, always-off and varying,
// because a 60-variable state string is unreadable; cycles list varying variables over
// time so the order of events can be read across a row.
#include "render.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include <fmt/format.h>

#include "attractor/phenotype.hpp"

namespace bitsig::cli {

namespace {

// Basins below a tenth of the space get one more digit, so that small ones do not all read 0.0%.
std::string percent(double x) { return percent_text(x, x * 100 < 10 ? 2 : 1); }

nlohmann::json readout_json(double v) {
    if (v == 1.0) return 1;
    if (v == 0.0) return 0;
    return v;
}

std::string csv_escape(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string kind_text(const Attractor& a) {
    switch (a.kind) {
    case AttractorKind::fixed_point:
        return "fixed point";
    case AttractorKind::cycle:
        return "cycle of " + count_text(a.size) + " states";
    case AttractorKind::complex:
        return "complex attractor of " + count_text(a.size) + " states" + (a.truncated ? " (listing truncated)" : "");
    }
    return "";
}

// "89,856 fixed points (listing the first 1,000)"
std::string fixed_point_count_text(const Result& res) {
    const Count& total = *res.fixed_point_count;
    std::string out = with_thousands(total) + (total == Count(1) ? " fixed point" : " fixed points");
    const Count listed(static_cast<std::uint64_t>(res.attractors.size()));
    // The diagram lists the smallest states; an enumeration stopped early lists those it met.
    if (listed < total)
        out += (res.method == Algorithm::bdd_fixed_points ? " (listing the first " : " (listing ") +
               with_thousands(listed) + ")";
    return out;
}

// Text is for reading: past this many attractors (a model with many free inputs easily
// has 100,000 fixed points, hundreds of megabytes of ON/OFF lists) the rest are counted,
// and the phenotype summary still covers all of them.
constexpr std::size_t kTextAttractorsShown = 100;

// The first lines: model, count, search, conditions, what was searched, the notes.
void text_header(std::ostringstream& out, const AttractorReport& r) {
    const Network& net = *r.net;
    const Result& res = r.result;
    const std::string noun = r.fixed_points_only ? "fixed point" : "attractor";
    out << net.model_name() << ": " << count_text(res.attractors.size()) << ' ' << noun
        << (res.attractors.size() == 1 ? "" : "s") << " (" << (r.fixed_points_only ? "" : to_string(res.update) + ", ")
        << res.method << ", " << (res.complete ? "complete" : "NOT complete: more " + noun + "s may exist") << ")\n";
    out << "conditions: " << r.conditions << '\n';
    // fixed-points' own count is the header's unless the listing stopped short of it.
    const bool count_in_header = r.fixed_points_only && res.fixed_point_count &&
                                 *res.fixed_point_count == Count(static_cast<std::uint64_t>(res.attractors.size()));
    if (res.fixed_point_count && !count_in_header) out << fixed_point_count_text(res) << '\n';
    if (res.searched_states > 0)
        out << "searched: " << count_text(res.searched_states) << " state" << (res.searched_states == 1 ? "" : "s")
            << " (" << count_text(res.searched_variables) << " free variable"
            << (res.searched_variables == 1 ? "" : "s") << ")\n";
    else
        out << "searched: " << count_text(res.searched_variables) << " free variables\n";
    for (const auto& note : res.notes) out << "note: " << group_thousands(note) << '\n';
}

// The variables that vary over an attractor's states, one row of 0/1 per variable.
void text_varying(std::ostringstream& out, const Attractor& a, const std::vector<std::size_t>& varying,
                  const std::vector<std::string>& names) {
    std::size_t width = 0;
    for (auto v : varying) width = std::max(width, names[v].size());
    out << "  varying (" << (a.kind == AttractorKind::cycle ? "in successor order" : "over states") << "):\n";
    std::size_t shown = std::min<std::size_t>(a.states.size(), 64);
    for (auto v : varying) {
        out << fmt::format("    {:<{}} ", names[v], width);
        for (std::size_t s = 0; s < shown; ++s) out << (a.states[s].get(v) ? '1' : '0');
        if (shown < a.states.size()) out << "...";
        out << '\n';
    }
}

// Attractor i: its kind and basin, the variables ON, OFF and varying, its phenotypes.
void text_attractor(std::ostringstream& out, const AttractorReport& r, std::size_t i,
                    const std::vector<std::string>& names, std::uint64_t basin_total) {
    const Network& net = *r.net;
    const Result& res = r.result;
    const Attractor& a = res.attractors[i];
    if (r.fixed_points_only)
        out << "\nFixed point " << count_text(i + 1);
    else
        out << "\nAttractor " << count_text(i + 1) << ": " << kind_text(a);
    if (a.basin_size && basin_total)
        out << (res.update == UpdateScheme::asynchronous ? ", strong basin " : ", basin ") << count_text(*a.basin_size)
            << (*a.basin_size == 1 ? " state (" : " states (") << percent(res.basin_share(*a.basin_size)) << ")";
    if (a.samples) out << ", reached by " << count_text(*a.samples) << " samples";
    out << '\n';
    std::vector<std::string> on, off;
    std::vector<std::size_t> varying;
    for (std::size_t v = 0; v < net.num_vars(); ++v) {
        bool first = a.states.front().get(v), same = true;
        for (const auto& s : a.states) same = same && s.get(v) == first;
        if (!same)
            varying.push_back(v);
        else
            (first ? on : off).push_back(names[v]);
    }
    auto list = [&](const char* label, const std::vector<std::string>& xs) {
        out << "  " << label;
        if (xs.empty()) out << " (none)";
        for (const auto& x : xs) out << ' ' << x;
        out << '\n';
    };
    list("ON: ", on);
    list("OFF:", off);
    if (!varying.empty()) text_varying(out, a, varying, names);
    if (!net.readouts().empty()) {
        auto values = readout_values(net, a);
        out << "  phenotypes:";
        for (std::size_t k = 0; k < values.size(); ++k)
            out << ' ' << net.readouts()[k].name << '=' << readout_word(values[k]);
        out << '\n';
    }
}

// Each readout over all attractors: ON, OFF or mixed, with the basin shares when known.
void text_summary(std::ostringstream& out, const AttractorReport& r, std::uint64_t basin_total) {
    const Network& net = *r.net;
    const Result& res = r.result;
    out << "\nsummary:\n";
    for (std::size_t k = 0; k < net.readouts().size(); ++k) {
        std::size_t on = 0, off = 0;
        std::uint64_t on_basin = 0, off_basin = 0;
        for (const auto& a : res.attractors) {
            double v = readout_values(net, a)[k];
            if (v == 1.0) {
                ++on;
                on_basin += a.basin_size.value_or(0);
            } else if (v == 0.0) {
                ++off;
                off_basin += a.basin_size.value_or(0);
            }
        }
        std::size_t n = res.attractors.size();
        const std::string& name = net.readouts()[k].name;
        out << "  " << name << ' ';
        if (on == n) {
            out << "ON in " << (n == 1 ? "the only attractor" : "all " + count_text(n) + " attractors");
        } else if (off == n) {
            out << "OFF in " << (n == 1 ? "the only attractor" : "all " + count_text(n) + " attractors");
        } else {
            out << "ON in " << count_text(on) << '/' << count_text(n) << ", OFF in " << count_text(off) << '/'
                << count_text(n) << ", oscillating in " << count_text(n - on - off) << '/' << count_text(n);
            if (basin_total)
                out << " (ON in " << percent(res.basin_share(on_basin)) << ", OFF in "
                    << percent(res.basin_share(off_basin)) << " of the basin)";
        }
        out << '\n';
    }
}

std::string text(const AttractorReport& r) {
    const Network& net = *r.net;
    const Result& res = r.result;
    auto names = net.names();
    std::ostringstream out;
    text_header(out, r);
    const std::uint64_t basin_total = res.basin_total();
    const std::size_t shown_attractors = std::min(res.attractors.size(), kTextAttractorsShown);
    for (std::size_t i = 0; i < shown_attractors; ++i) text_attractor(out, r, i, names, basin_total);
    if (shown_attractors < res.attractors.size())
        out << "\n... and "
            << with_thousands(Count(static_cast<std::uint64_t>(res.attractors.size() - shown_attractors)))
            << " more attractors, not shown here (--format csv or json lists every one)\n";
    if (!net.readouts().empty() && !res.attractors.empty()) text_summary(out, r, basin_total);
    return out.str();
}

std::string csv(const AttractorReport& r) {
    const Network& net = *r.net;
    std::string out = "attractor,kind,state,basin_size";
    for (const auto& n : net.names()) out += ',' + csv_escape(n);
    for (const auto& ro : net.readouts()) out += ',' + csv_escape(ro.name);
    out += '\n';
    std::size_t rows = 0;
    for (const auto& a : r.result.attractors) rows += a.states.size();
    out.reserve(out.size() + rows * (2 * (net.num_vars() + net.readouts().size()) + 40));
    for (std::size_t i = 0; i < r.result.attractors.size(); ++i) {
        const Attractor& a = r.result.attractors[i];
        const std::string prefix = std::to_string(i + 1) + ',' + to_string(a.kind) + ',';
        for (std::size_t s = 0; s < a.states.size(); ++s) {
            out += prefix;
            out += std::to_string(s + 1);
            out += ',';
            if (a.basin_size) out += std::to_string(*a.basin_size);
            for (std::size_t v = 0; v < net.num_vars(); ++v) {
                out += ',';
                out += a.states[s].get(v) ? '1' : '0';
            }
            if (!net.readouts().empty()) {
                Attractor one;
                one.states = {a.states[s]};
                for (double x : readout_values(net, one)) {
                    out += ',';
                    out += x == 1.0 ? '1' : '0';
                }
            }
            out += '\n';
        }
    }
    return out;
}

std::string markdown(const AttractorReport& r) {
    const Network& net = *r.net;
    const Result& res = r.result;
    std::ostringstream out;
    out << "## " << net.model_name() << ": " << r.conditions << "\n\n";
    out << count_text(res.attractors.size()) << " attractors, " << to_string(res.update) << " updating, method "
        << res.method << ", " << (res.complete ? "complete" : "**not complete**") << ".";
    if (res.fixed_point_count) out << ' ' << fixed_point_count_text(res) << '.';
    out << "\n\n";
    out << "| # | kind | states | basin |";
    for (const auto& ro : net.readouts()) out << ' ' << ro.name << " |";
    out << "\n|---|---|---|---|";
    for (std::size_t k = 0; k < net.readouts().size(); ++k) out << "---|";
    out << '\n';
    std::uint64_t basin_total = res.basin_total();
    for (std::size_t i = 0; i < res.attractors.size(); ++i) {
        const Attractor& a = res.attractors[i];
        out << "| " << count_text(i + 1) << " | " << to_string(a.kind) << " | " << count_text(a.size) << " | ";
        if (a.basin_size && basin_total) out << percent(res.basin_share(*a.basin_size));
        out << " |";
        for (double v : readout_values(net, a)) out << ' ' << readout_word(v) << " |";
        out << '\n';
    }
    out << "\nStates (variables in model order: ";
    auto names = net.names();
    for (std::size_t v = 0; v < names.size(); ++v) out << (v ? " " : "") << names[v];
    out << "):\n\n";
    for (std::size_t i = 0; i < res.attractors.size(); ++i) {
        out << "- " << count_text(i + 1) << ":";
        for (const auto& s : res.attractors[i].states) out << " `" << s << '`';
        out << '\n';
    }
    return out.str();
}

}  // namespace

std::string dump_json(const nlohmann::json& j) {
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string readout_word(double value) {
    if (value == 1.0) return "ON";
    if (value == 0.0) return "OFF";
    return percent(value) + " on";
}

namespace {

// Everything but the attractors.
nlohmann::json header_json(const AttractorReport& r) {
    using nlohmann::json;
    const Network& net = *r.net;
    const Result& res = r.result;
    json j;
    j["model"] = net.model_name();
    j["nodes"] = net.names();
    j["update"] = to_string(res.update);
    j["method"] = to_string(res.method);
    j["algorithm"] = algorithm_name(res.method);
    j["complete"] = res.complete;
    json perturbations = json::object();
    for (const auto& f : r.perturbation.fixes) perturbations[net.name(f.var)] = f.value ? 1 : 0;
    j["perturbations"] = perturbations;
    j["drugs"] = r.perturbation.drugs;
    j["contexts"] = r.perturbation.contexts;
    json cuts = json::array();
    for (const auto& c : r.perturbation.cuts) cuts.push_back(net.name(c.regulator) + "->" + net.name(c.target));
    j["cuts"] = cuts;
    json held = json::object();
    for (const auto& f : r.perturbation.defaults) held[net.name(f.var)] = f.value ? 1 : 0;
    j["input_defaults"] = held;
    j["searched_variables"] = res.searched_variables;
    if (res.searched_states > 0) j["searched_states"] = res.searched_states;
    // A number, or its decimal digits as a string beyond 64 bits.
    if (res.fixed_point_count) {
        if (auto small = res.fixed_point_count->to_u64())
            j["fixed_point_count"] = *small;
        else
            j["fixed_point_count"] = res.fixed_point_count->to_string();
    }
    j["notes"] = res.notes;
    if (res.timed_out) j["timed_out"] = true;
    // Synchronous basins partition the space; asynchronous ones are strong basins (states
    // that can reach only that attractor), which need not cover it.
    if (std::any_of(res.attractors.begin(), res.attractors.end(),
                    [](const Attractor& a) { return a.basin_size.has_value(); }))
        j["basin_kind"] = res.update == UpdateScheme::asynchronous ? "strong" : "exact";
    return j;
}

}  // namespace

namespace {

// A JSON string of characters that need no escaping (state strings, kinds, trap spaces).
void append_plain_string(std::string& out, const std::string& s) {
    out += '"';
    out += s;
    out += '"';
}

// The "attractors" array as nlohmann's dump(2) writes it at depth 1 (keys sorted), written
// directly: a model with 100,000 fixed points made the document tree the slowest part of
// the whole run (seconds, for a 34 MB file).
void append_attractors_json(std::string& out, const AttractorReport& r) {
    const Network& net = *r.net;
    const auto& attractors = r.result.attractors;
    if (attractors.empty()) {
        out += "[]";
        return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < attractors.size(); ++i) {
        const Attractor& a = attractors[i];
        out += "    {\n";
        if (a.basin_size) out += "      \"basin_size\": " + std::to_string(*a.basin_size) + ",\n";
        out += "      \"kind\": ";
        append_plain_string(out, to_string(a.kind));
        out += ",\n";
        if (!net.readouts().empty()) {
            nlohmann::json ph = nlohmann::json::object();
            auto values = readout_values(net, a);
            for (std::size_t k = 0; k < values.size(); ++k) ph[net.readouts()[k].name] = readout_json(values[k]);
            std::string text = ph.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
            out += "      \"phenotypes\": ";
            for (char c : text) {
                out += c;
                if (c == '\n') out += "      ";
            }
            out += ",\n";
        }
        if (a.samples) out += "      \"samples\": " + std::to_string(*a.samples) + ",\n";
        out += "      \"size\": " + std::to_string(a.size) + ",\n";
        out += "      \"states\": ";
        if (a.states.empty()) {
            out += "[]";
        } else {
            out += "[\n";
            for (std::size_t s = 0; s < a.states.size(); ++s) {
                out += "        ";
                append_plain_string(out, a.states[s].to_string());
                out += s + 1 < a.states.size() ? ",\n" : "\n";
            }
            out += "      ]";
        }
        if (!a.trap_space.empty()) {
            out += ",\n      \"trap_space\": ";
            append_plain_string(out, a.trap_space);
        }
        if (a.truncated) out += ",\n      \"truncated\": true";
        out += i + 1 < attractors.size() ? "\n    },\n" : "\n    }\n";
    }
    out += "  ]";
}

std::string json_text(const AttractorReport& r) {
    const std::string rest = header_json(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    // "attractors" sorts before every other key, so it opens the object.
    std::string out;
    std::size_t per_state = r.net->num_vars() + 12;
    std::size_t states = 0;
    for (const auto& a : r.result.attractors) states += a.states.size();
    out.reserve(rest.size() + states * per_state + r.result.attractors.size() * 64 + 32);
    out += "{\n  \"attractors\": ";
    append_attractors_json(out, r);
    out += ",\n";
    out.append(rest, 2, std::string::npos);  // after "{\n"
    out += '\n';
    return out;
}

}  // namespace

// The same document as --format json, read back: one writer for the attractors' layout.
// Reports embed it a few times per scenario, where parsing costs nothing worth counting.
nlohmann::json to_json(const AttractorReport& r) { return nlohmann::json::parse(json_text(r)); }

std::string render(const AttractorReport& r, OutputFormat format) {
    switch (format) {
    case OutputFormat::json:
        return json_text(r);
    case OutputFormat::csv:
        return csv(r);
    case OutputFormat::md:
        return markdown(r);
    case OutputFormat::text:
        break;
    }
    return text(r);
}

}  // namespace bitsig::cli
