// SPDX-License-Identifier: MIT
// Line splitting for the line-based readers. Lines are views into the caller's text (the
// readers keep it alive while parsing), plus a copy of each for the caret display.
#include "io/text_lines.hpp"

#include <cctype>

namespace bitsig::io {

std::vector<TextLine> content_lines(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<TextLine> lines;
    std::size_t start = 0, number = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        ++number;
        std::string_view raw = text.substr(start, end - start);
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        std::string_view content = raw.substr(0, raw.find('#'));
        if (!trim(content).empty()) lines.push_back({number, content, std::string(raw)});
        if (end == text.size()) break;
        start = end + 1;
    }
    return lines;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string file_stem(const std::string& path) {
    std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    auto dot = name.find_last_of('.');
    return dot == std::string::npos ? name : name.substr(0, dot);
}

}  // namespace bitsig::io
