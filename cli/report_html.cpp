// SPDX-License-Identifier: MIT
// The report's HTML pieces. Pages are static (no scripts, no network): diagrams are inline
// SVG whose Graphviz width and height are replaced by width 100%, so the viewBox scales
// the drawing to the box; the unscaled file sits beside the page for zooming.
#include "report_html.hpp"

#include <iomanip>
#include <set>
#include <sstream>

#include "attractor/phenotype.hpp"

namespace bitsig::cli::html {

namespace {

const char* kStyle =
    R"(body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222;line-height:1.4}
h1{margin-bottom:0}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.on{background:#c8e6c9}td.off{background:#eeeeee}td.osc{background:#ffe082}
td.pass{background:#c8e6c9}td.FAIL{background:#ffcdd2}td.known{background:#fff9c4}tr.redundant td{color:#888}
.diagram{border:1px solid #ddd;margin:1em 0;padding:.5em}.diagram svg{width:100%;height:auto;display:block}
.plot svg{width:100%;height:auto;max-width:1000px;display:block}
code{background:#f5f5f5;padding:0 .2em}.note{color:#555;font-size:.9em}nav a{margin-right:1em})";

std::string readout_cell(double v) {
    std::string cls = v == 1.0 ? "on" : v == 0.0 ? "off" : "osc";
    return "<td class=\"" + cls + "\">" + escape(readout_word(v)) + "</td>";
}

// Graphviz SVG opens with an XML declaration and a DOCTYPE, which inline SVG must not
// have, and with its natural size in points, which would overflow the box.
std::string scaled_svg(const std::string& svg) {
    auto start = svg.find("<svg");
    if (start == std::string::npos) return {};
    std::string out = svg.substr(start);
    auto end = out.find('>');
    std::string tag = out.substr(0, end);
    for (const char* attr : {" width=\"", " height=\""}) {
        auto at = tag.find(attr);
        if (at == std::string::npos) continue;
        auto close = tag.find('"', at + std::string(attr).size());
        tag.erase(at, close + 1 - at);
    }
    tag.insert(4, " width=\"100%\"");
    return tag + out.substr(end);
}

}  // namespace

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string percent(double x) { return percent_text(x); }

std::string page_open(const std::string& title) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) +
           "</title><style>" + kStyle + "</style></head><body>\n";
}

std::string page_close() { return "</body></html>\n"; }

std::string description(const std::string& text) {
    std::string out, paragraph;
    bool in_list = false, item_open = false;
    auto flush_paragraph = [&] {
        if (!paragraph.empty()) out += "<p>" + escape(paragraph) + "</p>\n";
        paragraph.clear();
    };
    auto close_list = [&] {
        if (item_open) out += "</li>";
        if (in_list) out += "</ul>\n";
        in_list = item_open = false;
    };
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos) {
            flush_paragraph();
            close_list();
            continue;
        }
        std::string body = line.substr(first);
        if (body.rfind("- ", 0) == 0) {
            flush_paragraph();
            if (!in_list) out += "<ul>";
            if (item_open) out += "</li>\n";
            in_list = item_open = true;
            out += "<li>" + escape(body.substr(2));
        } else if (in_list) {
            out += " " + escape(body);  // the wrapped rest of a list item
        } else {
            paragraph += (paragraph.empty() ? "" : " ") + body;
        }
    }
    flush_paragraph();
    close_list();
    return out;
}

std::string attractor_table(const Network& net, const Result& r) {
    std::ostringstream html;
    const std::uint64_t basin_total = r.basin_total();
    html << "<table><tr><th>#</th><th>kind</th><th>states</th><th>basin</th>";
    for (const auto& ro : net.readouts()) html << "<th>" << escape(ro.name) << "</th>";
    html << "</tr>\n";
    for (std::size_t i = 0; i < r.attractors.size(); ++i) {
        const Attractor& a = r.attractors[i];
        html << "<tr><td>" << count_text(i + 1) << "</td><td>" << to_string(a.kind) << "</td><td>" << count_text(a.size)
             << "</td><td>" << (a.basin_size && basin_total ? percent(r.basin_share(*a.basin_size)) : "") << "</td>";
        for (double v : readout_values(net, a)) html << readout_cell(v);
        html << "</tr>\n";
    }
    html << "</table>\n";
    return html.str();
}

std::string diagram(const ReportSection& section) {
    if (section.diagram_svg.empty()) return {};
    std::string file = "diagram_" + section.id + ".svg";
    return "<div class=\"diagram\"><p class=\"note\">Wiring painted with the long-term values. <a href=\"" + file +
           "\">Open full size</a> (zoom in the browser).</p>\n" + scaled_svg(section.diagram_svg) + "</div>\n";
}

std::string verdict_class(Verdict v) {
    return v == Verdict::pass || v == Verdict::unexpected_pass ? "pass" : v == Verdict::fail ? "FAIL" : "known";
}

std::string reached_text(const SchemeOutcome& scheme) {
    std::string got;
    for (const auto& e : scheme.expectations) {
        std::set<double> distinct(e.values.begin(), e.values.end());
        got += (got.empty() ? "" : " ") + e.name + "=";
        bool first = true;
        for (double v : distinct) {
            got += (first ? "" : "|") + readout_word(v);
            first = false;
        }
        got += e.holds ? "" : "!";
    }
    return got;
}

}  // namespace bitsig::cli::html
