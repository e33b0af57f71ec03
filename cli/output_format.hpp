// SPDX-License-Identifier: MIT
// What `--format` asks for, as a type: renderers take it, and one option helper in
// common.hpp parses it, so every command spells the formats the same way.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.hpp"

namespace bitsig::cli {

/// Every command that prints a table takes all four; JSON and CSV are for programs (plain
/// numbers), text and md for people (counts grouped by thousands, see count_text).
enum class OutputFormat { text, json, csv, md };

/// "text", "json", "csv" or "md".
const char* format_name(OutputFormat format);

/// "3,005,292,544": how every count is written in text and md output (JSON and CSV write
/// plain digits). One rule for all commands: digits grouped by thousands from 1,000 up.
std::string count_text(std::uint64_t n);

/// Prose from the engine (notes, warnings, progress) in the same number format: every
/// word that is an integer of 4 digits or more (with brackets or punctuation around it)
/// grouped by thousands. Numbers inside names, paths, decimals and exponents are left alone.
std::string group_thousands(const std::string& prose);

/// A warning formatted with its message and note grouped as above, but not its file name
/// or source line.
std::string group_thousands(Diagnostic d);

/// A share (0.25) as text and md write it ("25.0%"), with `decimals` digits after the point.
std::string percent_text(double share, int decimals = 1);

}  // namespace bitsig::cli
