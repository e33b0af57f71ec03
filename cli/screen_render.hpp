// SPDX-License-Identifier: MIT
// The screen's one table, for `bitsig screen` and `bitsig report --screen-goal` alike: the
// same rows, columns and redundancy marks in text, JSON, CSV and Markdown, so the two
// front ends cannot drift apart again (they did: the report wrote other CSV columns).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/network.hpp"
#include "output_format.hpp"
#include "perturb/conditions.hpp"
#include "query/screen.hpp"

namespace bitsig::cli {

/// A screen as both front ends take it from their flags (`screen --goal --drugs ...`,
/// `report --screen-goal --screen-drugs ...`).
struct ScreenAsk {
    std::string goal;             // "Proliferation=0,Apoptosis=1"
    Conditions base;              // what every candidate is added to
    std::string drugs;            // "" none, "all" every drug, else names separated by commas or spaces
    std::string targets;          // the same, for knockout/overexpression targets
    std::string update = "sync";  // "sync" or "async" (add_update_option's words)
    Method method = Method::automatic;
    std::size_t max_size = 2;
    std::size_t top = 30;  // rows of the text and Markdown tables after the base alone
};

/// The engine's question for `ask` (names are validated by the engine's screen()).
ScreenRequest screen_request(const ScreenAsk& ask);

/// "a + b", or "(base alone)".
std::string combination_label(const ScreenEntry& e);

/// The screen in `format`: text and md show the top rows, say "top N of M" and mark
/// redundant combinations; JSON and CSV list every entry with the same fields (written by
/// a ScreenTableWriter).
std::string render_screen(const Network& net, const ScreenResult& result, const ScreenAsk& ask, OutputFormat format);

/// The JSON or CSV of a screen in pieces, for rows that stream out of the engine
/// (ScreenRequest::each_row): opening() before the first row, row() for each in ranked
/// order, closing() after the last; together the bytes render_screen writes.
class ScreenTableWriter {
public:
    ScreenTableWriter(const Network& net, const ScreenAsk& ask, OutputFormat format);
    /// Needs only the base: what the JSON lists before its entries.
    std::string opening(const Conditions& base);
    std::string row(std::size_t position, const ScreenEntry& e);
    std::string closing(const ScreenResult& result) const;

private:
    const Network* net_;
    ScreenAsk ask_;
    OutputFormat format_;
    std::string base_;
    std::string opening_;
    std::size_t rows_ = 0;
};

}  // namespace bitsig::cli
