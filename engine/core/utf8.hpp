// SPDX-License-Identifier: MIT
// UTF-8 validity. Model files are text that ends up in JSON, HTML and SVG outputs, all of
// which must be UTF-8; an invalid byte is the user's file's problem, so it is found on
// reading (with its position) rather than when an output is written.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace bitsig {

/// Offset of the first byte that does not start or continue a well-formed UTF-8 sequence
/// (overlong forms, surrogates and code points above U+10FFFF are ill-formed too), or
/// nullopt when the whole text is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace bitsig
