// SPDX-License-Identifier: MIT
// Pieces shared by the readers: the line splitting of the line-based formats (.bnet and
// BooleanNet: `#` comments, one statement a line) and the default model name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bitsig::io {

/// One line that holds more than a comment.
struct TextLine {
    std::size_t number = 0;  // 1-based
    std::string_view text;   // without comment and line ending
    std::string full;        // the original line, for carets
};

/// The lines of `text` that hold more than a comment or blanks, with their numbers. A
/// leading UTF-8 byte order mark (Windows editors write one) is skipped: it is not part
/// of the first name.
std::vector<TextLine> content_lines(std::string_view text);

/// `s` without leading and trailing white space.
std::string_view trim(std::string_view s);

/// The file name without folders and extension: a model's name when the file gives none.
std::string file_stem(const std::string& path);

}  // namespace bitsig::io
