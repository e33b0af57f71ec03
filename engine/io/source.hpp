// SPDX-License-Identifier: MIT
// Reading model files: the checks every format shares (missing, directory, binary, empty)
// and the dispatch on file extension.
#pragma once

#include <string>
#include <string_view>

#include "model/network.hpp"

namespace bitsig {

enum class ModelFormat { yaml, bnet, maboss, sbml, booleannet };

/// The format a path's extension names; throws InputError for an unknown extension.
ModelFormat format_for_path(const std::string& path);

/// The whole file as text. Throws InputError if it is missing, a directory, unreadable,
/// empty (only whitespace) or not text.
std::string read_text_file(const std::string& path);

/// Loads a network from a .yaml/.yml, .bnet, MaBoSS .bnd (its logic), .sbml/.xml (SBML-qual) or
/// .booleannet file.
Network load_network(const std::string& path);

/// Parses network text in the given format; `path` is only used in messages.
Network parse_network(std::string_view text, ModelFormat format, const std::string& path);

/// Writes `text` to `path` atomically: a temporary file in the same folder, then rename,
/// so an interrupted run never leaves a half-written file. Throws InputError on failure.
void write_file_atomically(const std::string& path, std::string_view text);

}  // namespace bitsig
