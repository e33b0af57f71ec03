// SPDX-License-Identifier: MIT
// HTML building blocks shared by the report's pages: escaping, the page frame, the model
// description as paragraphs, attractor and check tables, scaled diagrams.
#pragma once

#include <string>

#include "report_model.hpp"

namespace bitsig::cli::html {

/// Text with &, <, > and " escaped.
std::string escape(const std::string& s);
/// "12.5%".
std::string percent(double x);
/// The opening of a page (doctype, style, title) and its end.
std::string page_open(const std::string& title);
std::string page_close();
/// A free-text description as HTML: blank lines separate paragraphs, "- " lines form
/// lists, hard-wrapped lines are joined. Paths and names stay plain text, never links.
std::string description(const std::string& text);
/// The attractors of one condition: kind, size, basin share and readouts.
std::string attractor_table(const Network& net, const Result& r);
/// A diagram scaled to the width of its box, with a link to the full-size file.
std::string diagram(const ReportSection& section);
/// CSS class and word for a verdict: "pass", "FAIL", "known".
std::string verdict_class(Verdict v);
/// "Proliferation=0|1" style summary of what a scheme reached.
std::string reached_text(const SchemeOutcome& scheme);

}  // namespace bitsig::cli::html
