// SPDX-License-Identifier: MIT
// Aligned text tables for people: every column as wide as its widest cell, whatever the
// content (names, percentages, long condition lists), so rows never drift apart.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace bitsig::cli {

class TextTable {
public:
    explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
    /// A row; missing cells are empty, extra cells are an error of ours (asserted).
    void add(std::vector<std::string> row);
    /// Cells wider than this are cut with "..." (0: never), for free-text columns.
    void limit_width(std::size_t column, std::size_t width);
    /// The header, a rule under it, and the rows; columns two spaces apart, no trailing blanks.
    std::string render() const;
    /// The same table in Markdown (pipes in cells escaped), for `--format md`.
    std::string render_markdown() const;

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
    std::vector<std::size_t> limits_;
};

/// A CSV cell (RFC 4180): quoted, with doubled quotes, when it holds a comma, quote or newline.
std::string csv_field(const std::string& s);
/// A CSV cell always quoted (columns whose cells are quoted in every row), quotes doubled.
std::string csv_quoted(const std::string& s);
/// A Markdown table cell: pipes escaped, line breaks as spaces.
std::string markdown_cell(const std::string& s);

/// Display width of UTF-8 text (code points; the tables hold no wide characters).
std::size_t display_width(const std::string& text);

}  // namespace bitsig::cli
