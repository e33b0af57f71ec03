// SPDX-License-Identifier: MIT
// Text -> rule. One recursive-descent parser serves YAML rules, .bnet lines and readouts.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "expr/expr.hpp"

namespace bitsig {

/// Where a rule's text sits in its file, so errors can point at the exact column.
struct RuleSource {
    Location start;           // location of the rule's first character
    std::string source_line;  // the whole line containing it (for the caret display)
    // For a rule that is not a verbatim copy of part of one line (a YAML block or multi-line
    // quoted scalar): the file position of each byte of the text and one past its end, and
    // the file, for the caret line. Empty: the text continues `start` line by line.
    std::vector<Location> positions = {};
    std::string_view file_text = {};
    bool approximate = false;  // positions only say which scalar; messages say so
};

/// A name the resolver did not know, with its column, for a collected error.
struct UnresolvedName {
    std::string name;
    Location where;
    bool approximate = false;  // RuleSource::approximate
};

struct ParsedRule {
    Expr expr;
    std::vector<UnresolvedName> unresolved;  // empty when every name resolved
};

/// Maps a name to a variable, or nullopt when the name is unknown.
using NameResolver = std::function<std::optional<VarId>(std::string_view)>;

/// Parses `text` (operators `! & ^ |`, words `not and or`, constants `0 1 true false`,
/// parentheses). Syntax errors throw InputError at the first problem; unknown names are
/// collected in the result instead, so a caller can report all of them at once.
ParsedRule parse_rule(std::string_view text, const RuleSource& source, const NameResolver& resolve);

/// True when `name` is a valid variable name: [A-Za-z_][A-Za-z0-9_]*, not a keyword.
bool is_valid_name(std::string_view name);

}  // namespace bitsig
