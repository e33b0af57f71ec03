// SPDX-License-Identifier: MIT
// Padding is done by {fmt}, which measures UTF-8 text by its code points (a readout
// described as "p27 Kip1 (cytoplasmic)" or a name with a Greek letter still aligns).
#include "text_table.hpp"

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

namespace bitsig::cli {

std::size_t display_width(const std::string& text) {
    std::size_t width = 0;
    for (unsigned char c : text) width += (c & 0xC0) != 0x80;  // count lead bytes only
    return width;
}

namespace {

std::string cut(const std::string& text, std::size_t limit) {
    if (limit == 0 || display_width(text) <= limit) return text;
    std::string out;
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80 && ++width > limit - 3) break;
        out += text[i];
    }
    return out + "...";
}

}  // namespace

void TextTable::add(std::vector<std::string> row) {
    assert(row.size() <= header_.size());
    row.resize(header_.size());
    rows_.push_back(std::move(row));
}

void TextTable::limit_width(std::size_t column, std::size_t width) {
    if (limits_.size() <= column) limits_.resize(column + 1, 0);
    limits_[column] = width;
}

std::string TextTable::render() const {
    const std::size_t columns = header_.size();
    auto cell = [&](const std::vector<std::string>& row, std::size_t c) {
        return cut(row[c], c < limits_.size() ? limits_[c] : 0);
    };
    std::vector<std::size_t> width(columns, 0);
    for (std::size_t c = 0; c < columns; ++c) {
        width[c] = display_width(cell(header_, c));
        for (const auto& row : rows_) width[c] = std::max(width[c], display_width(cell(row, c)));
    }
    std::string out;
    auto line = [&](const std::vector<std::string>& row) {
        std::string text;
        for (std::size_t c = 0; c < columns; ++c) {
            const bool last = c + 1 == columns;
            text += last ? cell(row, c) : fmt::format("{:<{}}  ", cell(row, c), width[c]);
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out += text + '\n';
    };
    line(header_);
    std::vector<std::string> rule;
    for (std::size_t c = 0; c < columns; ++c) rule.push_back(std::string(width[c], '-'));
    line(rule);
    for (const auto& row : rows_) line(row);
    return out;
}

std::string TextTable::render_markdown() const {
    auto line = [](const std::vector<std::string>& row) {
        std::string text = "|";
        for (const auto& cell : row) text += " " + markdown_cell(cell) + " |";
        return text + "\n";
    };
    std::string out = line(header_);
    out += "|";
    for (std::size_t c = 0; c < header_.size(); ++c) out += "---|";
    out += "\n";
    for (const auto& row : rows_) out += line(row);
    return out;
}

std::string csv_quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string csv_field(const std::string& s) {
    return s.find_first_of(",\"\n\r") == std::string::npos ? s : csv_quoted(s);
}

std::string markdown_cell(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n' || c == '\r')
            out += ' ';
        else
            out += c;
    }
    return out;
}

}  // namespace bitsig::cli
