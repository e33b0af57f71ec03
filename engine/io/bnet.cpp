// SPDX-License-Identifier: MIT
// .bnet reader and writer. The format is one `target, rule` line per variable, an optional
// `targets, factors` header, and `#` comments. Reading is two-pass: first every target is
// declared (so rules may mention variables defined later), then rules are parsed.
#include "io/bnet.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "expr/parse.hpp"
#include "io/text_lines.hpp"

namespace bitsig {

namespace {

using io::trim;
using Line = io::TextLine;

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// BoolNet's temporal networks (Lähdesmäki-style delays, loadNetwork with `B[-2]`, `sumgt`,
// `timeis`, ...) read earlier states or the time step; bitsig rules see only the current
// state. They are caught here, before the rule parser, so the message names the construct
// instead of complaining about a '[' or '('.
void refuse_temporal(std::string_view rule, const Line& l, std::size_t rule_offset, const std::string& path) {
    static constexpr std::string_view kOperators[] = {"all",   "any",    "maj",    "sumgt", "sumlt",
                                                      "sumis", "timegt", "timelt", "timeis"};
    for (std::size_t i = 0; i < rule.size();) {
        unsigned char c = static_cast<unsigned char>(rule[i]);
        if (!std::isalpha(c) && c != '_') {
            ++i;
            continue;
        }
        std::size_t start = i;
        while (i < rule.size() && (std::isalnum(static_cast<unsigned char>(rule[i])) || rule[i] == '_')) ++i;
        std::string_view word = rule.substr(start, i - start);
        std::size_t next = i;
        while (next < rule.size() && rule[next] == ' ') ++next;
        if (next >= rule.size() || (rule[next] != '[' && rule[next] != '(')) continue;
        bool known = std::find(std::begin(kOperators), std::end(kOperators), lower(word)) != std::end(kOperators);
        if (!known && rule[next] == '(') continue;  // the rule parser's message covers other calls
        std::size_t close = rule.find(']', next);
        std::size_t end = known ? i : close == std::string_view::npos ? rule.size() : close + 1;
        throw InputError(errors::boolnet_temporal(Location{path, l.number, rule_offset + start + 1},
                                                  rule.substr(start, end - start), known, l.full, end - start));
    }
}

// "12 MB", "3 GB": the order of magnitude is what the user needs to see.
std::string describe_bytes(std::uint64_t bytes) {
    if (bytes >= std::uint64_t{1} << 62) return "more than 4 EB";  // printed_size saturated
    const char* units[] = {"MB", "GB", "TB", "PB", "EB"};
    std::uint64_t value = (bytes + 999'999) / 1'000'000;
    std::size_t unit = 0;
    while (value >= 10'000 && unit + 1 < std::size(units)) {
        value = (value + 999) / 1000;
        ++unit;
    }
    return std::to_string(value) + " " + units[unit];
}

Location at_offset(const std::string& path, const Line& l, std::size_t offset) {
    return Location{path, l.number, offset + 1};
}

// Whether the first line is the optional header: its first field is "targets" (a
// variable such as `targets_of_p53` may start the file, so the prefix alone is not
// enough). A header other than `targets, factors` is refused.
bool is_header(const Line& l, const std::string& path) {
    std::string_view t = trim(l.text);
    auto comma = t.find(',');
    bool header = comma == std::string_view::npos ? lower(t.substr(0, 7)) == "targets"
                                                  : lower(trim(t.substr(0, comma))) == "targets";
    if (!header) return false;
    std::string rest = comma == std::string_view::npos ? "" : lower(trim(t.substr(comma + 1)));
    const Location at = at_offset(path, l, static_cast<std::size_t>(t.data() - l.text.data()));
    if (rest.starts_with("factors") && rest.find("probabilit") != std::string::npos)
        throw InputError(errors::boolnet_probabilistic(at, t, l.full, t.size()));
    if (rest != "factors" || lower(trim(t.substr(0, comma))) != "targets")
        throw InputError(errors::bad_bnet_header(at, t, l.full, t.size()));
    return true;
}

// A declared target whose rule is parsed once every target is known.
struct PendingRule {
    VarId var;
    const Line* line;
    std::string_view rule;
    std::size_t rule_offset;
};

// Declares the target of every `target, rule` line (first pass).
std::vector<PendingRule> declare_targets(const std::vector<Line>& lines, std::size_t first, NetworkBuilder& builder,
                                         const std::string& path) {
    std::vector<PendingRule> pending;
    for (std::size_t i = first; i < lines.size(); ++i) {
        const Line& l = lines[i];
        auto comma = l.text.find(',');
        if (comma == std::string_view::npos) {
            std::string_view t = trim(l.text);
            throw InputError(errors::bnet_missing_comma(
                at_offset(path, l, static_cast<std::size_t>(t.data() - l.text.data())), l.full, t.size()));
        }
        std::string_view target = trim(l.text.substr(0, comma));
        const Location at = at_offset(path, l, static_cast<std::size_t>(target.data() - l.text.data()));
        if (!is_valid_name(target))
            throw InputError(errors::located(
                at, target.empty() ? errors::missing_name_before(',') : errors::invalid_variable_name(target), l.full,
                std::max<std::size_t>(1, target.size())));
        if (auto existing = builder.find(target))
            throw InputError(
                errors::bnet_second_rule(at, target, builder.variable(*existing).where.line, l.full, target.size()));
        VarId v = builder.declare(std::string(target), at);
        pending.push_back({v, &l, l.text.substr(comma + 1), comma + 1});
    }
    return pending;
}

// Parses the rules (second pass). A name with no rule line becomes an input, with one
// warning that lists the first few.
void parse_rules(const std::vector<PendingRule>& pending, NetworkBuilder& builder, const std::string& path) {
    std::vector<std::string> implicit_inputs;
    NameResolver resolve = [&](std::string_view name) -> std::optional<VarId> {
        if (auto v = builder.find(name)) return v;
        implicit_inputs.emplace_back(name);
        return builder.declare(std::string(name));
    };
    for (const auto& p : pending) {
        refuse_temporal(p.rule, *p.line, p.rule_offset, path);
        RuleSource src{at_offset(path, *p.line, p.rule_offset), p.line->full};
        ParsedRule parsed = parse_rule(p.rule, src, resolve);
        builder.set_rule(p.var, std::move(parsed.expr));
    }
    if (implicit_inputs.empty()) return;
    builder.warn(errors::bnet_implicit_inputs(path, implicit_inputs));
}

}  // namespace

Network read_bnet(std::string_view text, const std::string& path) {
    const std::vector<Line> lines = io::content_lines(text);
    NetworkBuilder builder(io::file_stem(path), path);
    const std::size_t first = !lines.empty() && is_header(lines[0], path) ? 1 : 0;
    parse_rules(declare_targets(lines, first, builder, path), builder, path);
    if (builder.num_vars() == 0) throw InputError(errors::bnet_no_rules(path));
    return std::move(builder).build();
}

// .bnet has no exclusive-or, and its expansion doubles per operand (20 operands: 10 MB);
// a rule that would grow by more than this is refused rather than written, since no tool
// reads it usefully. Long rules without '^' (published models have 1.3 MB lines) are fine.
constexpr std::uint64_t kMaxXorExpansionBytes = 1'000'000;

std::string write_bnet(const Network& net) {
    std::string out = "targets, factors\n";
    auto names = net.names();
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
        VarId v{i};
        std::uint64_t size = printed_size(net.rule(v), names, Syntax::bnet);
        if (size > printed_size(net.rule(v), names, Syntax::bitsig) + kMaxXorExpansionBytes)
            throw ResourceError(errors::bnet_xor_expansion(names[i], describe_bytes(size)));
        out += names[i];
        out += ", ";
        out += to_string(net.rule(v), names, Syntax::bnet);
        out += '\n';
    }
    return out;
}

}  // namespace bitsig
