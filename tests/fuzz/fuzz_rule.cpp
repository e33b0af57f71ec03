// SPDX-License-Identifier: MIT
// libFuzzer harness for the rule parser (expr/parse). Any bytes are a candidate rule: a
// syntax error is an expected InputError; a rule that parses must print back (in both
// syntaxes) to text that parses to the same function, checked on pseudo-random states with
// the reference evaluator. Anything else (crash, other exception, sanitizer report, a
// printed rule that changes meaning) is a finding.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "expr/expr.hpp"
#include "expr/parse.hpp"

namespace {

// Every new name becomes a variable, as in .bnet; names starting with 'u' stay unknown so
// the parser's collected-error path is exercised too.
class Names {
public:
    std::optional<bitsig::VarId> resolve(std::string_view name) {
        if (!name.empty() && name[0] == 'u') return std::nullopt;
        for (std::uint32_t i = 0; i < names_.size(); ++i)
            if (names_[i] == name) return bitsig::VarId{i};
        names_.emplace_back(name);
        return bitsig::VarId{static_cast<std::uint32_t>(names_.size() - 1)};
    }
    const std::vector<std::string>& all() const { return names_; }

private:
    std::vector<std::string> names_;
};

bool same_function(const bitsig::Expr& a, const bitsig::Expr& b, std::size_t num_vars) {
    std::uint64_t x = 0x9E3779B97F4A7C15ull;
    for (int round = 0; round < 32; ++round) {
        std::vector<bool> state(num_vars);
        for (std::size_t i = 0; i < num_vars; ++i) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;  // xorshift: deterministic, no global state
            state[i] = (x & 1) != 0;
        }
        if (bitsig::evaluate(a, state) != bitsig::evaluate(b, state)) return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    Names names;
    bitsig::NameResolver resolve = [&](std::string_view n) { return names.resolve(n); };
    bitsig::RuleSource source;
    source.start = bitsig::Location{"fuzz.rule", 1, 1};
    source.source_line = std::string(text);
    bitsig::ParsedRule parsed;
    try {
        parsed = bitsig::parse_rule(text, source, resolve);
    } catch (const bitsig::InputError& e) {
        for (const auto& d : e.diagnostics()) (void)bitsig::format_diagnostic(d);
        return 0;
    }
    for (auto syntax : {bitsig::Syntax::bitsig, bitsig::Syntax::bnet}) {
        if (bitsig::printed_size(parsed.expr, names.all(), syntax) > (1u << 16)) continue;
        std::string printed = bitsig::to_string(parsed.expr, names.all(), syntax);
        if (printed.size() != bitsig::printed_size(parsed.expr, names.all(), syntax)) std::abort();
        // The printed text names only known variables (unknown ones became constants).
        bitsig::RuleSource printed_source;
        printed_source.start = bitsig::Location{"printed", 1, 1};
        printed_source.source_line = printed;
        bitsig::ParsedRule back = bitsig::parse_rule(printed, printed_source, resolve);
        if (!back.unresolved.empty() || !same_function(parsed.expr, back.expr, names.all().size())) std::abort();
    }
    return 0;
}
