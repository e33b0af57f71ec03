// SPDX-License-Identifier: MIT
// Wording of user-facing errors lives here so that messages stay consistent and tests can
// pin them verbatim. Suggestions use Levenshtein distance, the usual typo measure.
#include "core/error.hpp"

#include <algorithm>
#include <numeric>
#include <sstream>

namespace bitsig {

namespace {

std::string join_messages(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds) {
        if (!out.empty()) out += '\n';
        out += format_diagnostic(d);
    }
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
    std::ostringstream out;
    if (!d.where.file.empty()) {
        out << d.where.file;
        if (d.where.line > 0) {
            out << ':' << d.where.line;
            if (d.where.column > 0) out << ':' << d.where.column;
        }
        out << ": ";
    }
    out << (d.severity == Severity::warning ? "warning: " : "error: ") << d.message;
    if (!d.source_line.empty() && d.where.line > 0) {
        // Long lines (e.g. 1 MB DNF rules) are cut around the caret so the message stays readable.
        std::string shown = d.source_line;
        // A column past the end (a parser's count of an odd line) points just after the line.
        std::size_t caret = std::min(d.where.column > 0 ? d.where.column - 1 : 0, shown.size());
        constexpr std::size_t window = 100;
        std::string prefix;
        if (shown.size() > window) {
            std::size_t start = caret > window / 2 ? caret - window / 2 : 0;
            if (start > 0) prefix = "...";
            shown = prefix + shown.substr(start, window) + (start + window < shown.size() ? "..." : "");
            caret = caret - start + prefix.size();
        }
        std::string number = std::to_string(d.where.line);
        out << "\n " << std::string(number.size() < 4 ? 4 - number.size() : 0, ' ') << number << " | " << shown << "\n "
            << std::string(std::max<std::size_t>(number.size(), 4), ' ') << " | ";
        for (std::size_t i = 0; i < caret && i < shown.size(); ++i) out << (shown[i] == '\t' ? '\t' : ' ');
        out << '^' << std::string(d.span > 1 ? d.span - 1 : 0, '~');
    }
    if (!d.note.empty()) out << "\nnote: " << d.note;
    return out.str();
}

InputError::InputError(Diagnostic d) : InputError(std::vector<Diagnostic>{std::move(d)}) {}

InputError::InputError(std::vector<Diagnostic> ds)
    : std::runtime_error(join_messages(ds)), diagnostics_(std::move(ds)) {}

std::string nearest_name(std::string_view name, const std::vector<std::string>& candidates) {
    // An abbreviation ("Prolif") is as likely as a typo: a unique candidate that starts
    // with the name wins.
    std::string prefix_match;
    std::size_t prefix_count = 0;
    if (name.size() >= 3)
        for (const auto& c : candidates)
            if (c.size() > name.size() && edit_distance(name, c.substr(0, name.size())) == 0) {
                prefix_match = c;
                ++prefix_count;
            }
    if (prefix_count == 1) return prefix_match;
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(name, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
    std::string best = nearest_name(name, candidates);
    return best.empty() ? std::string{} : "did you mean '" + best + "'?";
}

std::string name_list(const std::vector<std::string>& names, std::size_t shown) {
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i == shown) {
            list += ", ... (" + std::to_string(names.size()) + " in all)";
            break;
        }
        list += (i ? ", " : "") + names[i];
    }
    return list;
}

std::string line_of(std::string_view text, std::size_t line) {
    if (line == 0) return {};
    std::size_t start = 0;
    for (std::size_t l = 1; l < line; ++l) {
        start = text.find('\n', start);
        if (start == std::string_view::npos) return {};
        ++start;
    }
    std::size_t end = text.find('\n', start);
    std::string_view out = text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
    if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
    return std::string(out);
}

namespace errors {

namespace {
std::string str(std::string_view s) { return std::string(s); }

// "a, b, c" (and "a, b or c" with `last` = " or ").
std::string join(const std::vector<std::string>& items, std::string_view last = ", ") {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == items.size() ? str(last) : ", ") + items[i];
    return out;
}
}  // namespace

Diagnostic general(std::string message, std::string note) {
    Diagnostic d;
    d.message = std::move(message);
    d.note = std::move(note);
    return d;
}

Diagnostic in_file(std::string file, std::string message, std::string note) {
    Diagnostic d = general(std::move(message), std::move(note));
    d.where.file = std::move(file);
    return d;
}

Diagnostic warning_in_file(std::string file, std::string message) {
    Diagnostic d = in_file(std::move(file), std::move(message));
    d.severity = Severity::warning;
    return d;
}

Diagnostic located(Location at, std::string message, std::string source_line, std::size_t span, std::string note) {
    Diagnostic d = general(std::move(message), std::move(note));
    d.where = std::move(at);
    d.source_line = std::move(source_line);
    d.span = span;
    return d;
}

Diagnostic approximate(Diagnostic d, bool approximate) {
    if (approximate) d.message += " (position approximate)";
    return d;
}

Diagnostic unknown_variable(Location at, std::string_view name, std::string_view owner,
                            const std::vector<std::string>& known) {
    return unknown_variable_in(std::move(at), name, "the rule of '" + str(owner) + "'", known);
}

Diagnostic unknown_variable_in(Location at, std::string_view name, std::string_view where,
                               const std::vector<std::string>& known) {
    return located(std::move(at), "unknown variable '" + str(name) + "' in " + str(where), {}, name.size(),
                   did_you_mean(name, known));
}

Diagnostic duplicate_variable(Location at, std::string_view name, const Location& first) {
    return located(std::move(at), "variable '" + str(name) + "' is defined twice", {}, name.size(),
                   "first defined at line " + std::to_string(first.line));
}

Diagnostic syntax(Location at, std::string_view what) { return located(std::move(at), str(what)); }

namespace {
Diagnostic about(Diagnostic d, std::string_view subject) {
    d.subject = str(subject);
    return d;
}
}  // namespace

Diagnostic unknown_name(std::string_view kind, std::string_view name, const std::vector<std::string>& known) {
    std::string suggestion = did_you_mean(name, known);
    std::string list;
    for (std::size_t i = 0; i < known.size() && i < 60; ++i) list += (i ? ", " : "") + known[i];
    if (known.size() > 60) list += ", ...";
    return about(
        general("unknown " + str(kind) + " '" + str(name) + "'",
                (suggestion.empty() ? "" : suggestion + "\n") +
                    (known.empty() ? "the model defines no " + str(kind) + "s" : "known " + str(kind) + "s: " + list)),
        name);
}

Diagnostic conflicting_fixes(std::string_view first_source, std::string_view variable, bool first_value,
                             std::string_view second_source, bool second_value, std::string_view first_word) {
    return about(general("conflicting perturbations: " + str(first_source) + " holds '" + str(variable) + "' at " +
                         (first_value ? "1" : "0") + " but " + str(second_source) + " holds it at " +
                         (second_value ? "1" : "0")),
                 first_word.empty() ? variable : first_word);
}

Diagnostic condition_not_key_value(std::string_view word) {
    return general("condition '" + str(word) + "' is not of the form key=value",
                   "keys: drug, context, mutation, ko, oe, fix, cut, scenario; e.g. \"context=pten_loss "
                   "drug=trastuzumab\"");
}

Diagnostic unknown_condition_key(std::string_view key, std::string_view word) {
    std::string note = did_you_mean(key, {"drug", "context", "mutation", "ko", "oe", "fix", "cut", "scenario"});
    if (note.empty()) note = "keys: drug, context, mutation, ko, oe, fix, cut, scenario";
    return general("unknown condition key '" + str(key) + "' in '" + str(word) + "'", note);
}

Diagnostic bad_fix(std::string_view spec) {
    return about(general("--fix expects NAME=0 or NAME=1, got '" + str(spec) + "'"), spec);
}

Diagnostic bad_cut(std::string_view spec) {
    return about(general("--cut expects REGULATOR->TARGET, got '" + str(spec) + "'"), spec);
}

Diagnostic cut_not_in_rule(std::string_view spec, std::string_view regulator, std::string_view target) {
    return about(general("--cut " + str(spec) + ": '" + str(regulator) + "' does not appear in the rule of '" +
                         str(target) + "'"),
                 regulator);
}

Diagnostic bad_goal_term(std::string_view term) {
    return general("goal term '" + str(term) + "' is not NAME=0 or NAME=1");
}

Diagnostic unknown_goal_name(std::string_view name, const std::vector<std::string>& known) {
    return general("unknown readout or variable '" + str(name) + "' in the goal", did_you_mean(name, known));
}

Diagnostic empty_goal() { return general("empty goal: expected e.g. \"Proliferation=0,Apoptosis=1\""); }

Diagnostic nothing_to_screen() { return general("nothing to screen: give --drugs all|LIST and/or --targets all|LIST"); }

Diagnostic unknown_method(std::string_view name, const std::vector<std::string>& choices) {
    return unknown_among("search method", name, choices);
}

Diagnostic unknown_among(std::string_view kind, std::string_view name, const std::vector<std::string>& choices) {
    return general("unknown " + str(kind) + " '" + str(name) + "' (known: " + join(choices) + ")");
}

Diagnostic unknown_expected(std::string_view kind, std::string_view name, const std::vector<std::string>& choices,
                            std::string file) {
    return in_file(std::move(file), "unknown " + str(kind) + " '" + str(name) + "': expected " + join(choices, " or "));
}

Diagnostic unknown_name_hint(std::string_view kind, std::string_view name, const std::vector<std::string>& known) {
    return general("unknown " + str(kind) + " '" + str(name) + "'", did_you_mean(name, known));
}

std::string invalid_variable_name(std::string_view name) {
    return "invalid variable name '" + str(name) + "': expected letters, digits and '_', starting with a letter or '_'";
}

Diagnostic unsupported(Location at, std::string_view construct, std::string source_line, std::size_t span,
                       std::string note, bool plural) {
    return located(std::move(at), str(construct) + (plural ? " are" : " is") + " not supported", std::move(source_line),
                   span, std::move(note));
}

Diagnostic nothing_declared(std::string file, std::string_view what, std::string_view expected) {
    return in_file(std::move(file), "no " + str(what) + ": expected " + str(expected));
}

Diagnostic cannot_write(std::string file, std::string_view reason, std::string note) {
    return in_file(std::move(file), "cannot write: " + str(reason), std::move(note));
}

namespace {
// "unknown ..." at a name: the caret under the whole name, a suggestion as the note.
Diagnostic unknown_at(Location at, std::string message, std::string_view name, std::size_t span,
                      const std::vector<std::string>& known) {
    return located(std::move(at), std::move(message), {}, span, did_you_mean(name, known));
}
}  // namespace

Diagnostic duplicate_key(Location at, std::string_view key, std::size_t first_line) {
    return located(std::move(at), "duplicate key '" + str(key) + "' (first at line " + std::to_string(first_line) + ")",
                   {}, std::max<std::size_t>(1, key.size()));
}

Diagnostic unknown_key(Location at, std::string_view key, std::string_view where,
                       const std::vector<std::string>& allowed) {
    Diagnostic d =
        unknown_at(std::move(at), "unknown key '" + str(key) + "' in " + str(where), key, key.size(), allowed);
    if (d.note.empty()) d.note = "expected one of: " + join(allowed);
    return d;
}

Diagnostic default_on_rule(Location at, std::string_view variable) {
    return located(std::move(at), "'default' is only allowed on inputs, and '" + str(variable) +
                                      "' has a rule; remove the rule or the default");
}

Diagnostic invalid_model_name(Location at, std::string_view name) {
    return located(std::move(at), "invalid model name '" + str(name) + "': expected letters, digits, '_' and '-'", {},
                   std::max<std::size_t>(1, name.size()));
}

Diagnostic unknown_initial_variable(Location at, std::string_view name, std::string_view what,
                                    const std::vector<std::string>& known) {
    return unknown_at(std::move(at), "unknown variable '" + str(name) + "' in 'initial' of " + str(what), name, 1,
                      known);
}

Diagnostic unknown_expected_name(Location at, std::string_view name, std::string_view key, std::string_view what,
                                 const std::vector<std::string>& known) {
    return unknown_at(std::move(at),
                      "unknown readout or variable '" + str(name) + "' in '" + str(key) + "' of " + str(what), name,
                      name.size(), known);
}

Diagnostic unknown_used_name(Location at, std::string_view kind, std::string_view name, std::string_view what,
                             const std::vector<std::string>& known) {
    Diagnostic d = unknown_at(std::move(at), "unknown " + str(kind) + " '" + str(name) + "' in " + str(what), name,
                              name.size(), known);
    if (d.note.empty() && !known.empty()) d.note = "known " + str(kind) + "s: " + join(known);
    return d;
}

Diagnostic invalid_node_name(Location at, std::size_t span, std::string_view name) {
    return located(std::move(at), "invalid node name '" + str(name) + "'", {}, span);
}

Diagnostic node_declared_twice(Location at, std::size_t span, std::string_view name) {
    return located(std::move(at), "node '" + str(name) + "' is declared twice", {}, span);
}

Diagnostic unknown_node(Location at, std::size_t span, std::string_view name, const std::vector<std::string>& known) {
    return unknown_at(std::move(at), "unknown node '" + str(name) + "'", name, span, known);
}

Diagnostic undefined_parameter(Location at, std::size_t span, std::string_view name) {
    return located(std::move(at), "undefined parameter '$" + str(name) + "'", {}, span);
}

Diagnostic state_in_configuration(Location at, std::size_t span, std::string_view atom) {
    return located(std::move(at),
                   "'" + str(atom) + "' in a configuration value: expected numbers and '$parameters' only", {}, span);
}

Diagnostic rate_reads_too_many(Location at, std::size_t span, std::string_view rate, std::string_view node,
                               std::size_t nodes, std::size_t limit) {
    return located(std::move(at),
                   str(rate) + " of '" + str(node) + "' reads " + std::to_string(nodes) + " nodes: at most " +
                       std::to_string(limit) + " are supported in a rate",
                   {}, span);
}

Diagnostic invalid_rate(Location at, std::size_t span, std::string_view rate, std::string_view node, bool finite) {
    return located(std::move(at),
                   str(rate) + " of '" + str(node) + "' is " + (finite ? "negative" : "not a number") +
                       " in some states: expected a rate >= 0",
                   {}, span);
}

Diagnostic missing_attribute(Location at, std::size_t span, std::string_view node, std::string_view attribute) {
    return located(std::move(at), "node '" + str(node) + "' has no attribute '" + str(attribute) + "'", {}, span);
}

Diagnostic circular_attribute(Location at, std::size_t span, std::string_view attribute) {
    return located(std::move(at), "'@" + str(attribute) + "' refers to itself or to a rate: not supported", {}, span);
}

Diagnostic logic_constant(Location at, std::size_t span, std::string_view value) {
    return located(std::move(at), "a logic constant must be 0 or 1, found '" + str(value) + "'", {}, span);
}

Diagnostic reference_in_logic(Location at, std::size_t span, std::string_view name, bool alias) {
    return located(std::move(at),
                   alias ? "attributes ('@" + str(name) + "') in a logic are not supported by bitsig"
                         : "parameters ('$" + str(name) + "') in a logic are not supported by bitsig",
                   {}, span);
}

Diagnostic arithmetic_in_logic(Location at, std::size_t span) {
    return located(std::move(at),
                   "arithmetic and comparisons in a logic are not supported by bitsig: expected a Boolean formula", {},
                   span);
}

std::string yaml_not_a_network() { return "expected a mapping with 'format', 'name' and 'variables' at the top level"; }

std::string unsupported_yaml_format(std::string_view found, std::string_view expected) {
    return "unsupported format '" + str(found) + "': expected '" + str(expected) + "'";
}

std::string no_variables() { return "'variables' is empty: expected at least one variable"; }

std::string expected_mapping(std::string_view what) { return "expected a mapping for " + str(what); }

std::string expected_value(std::string_view expected, std::string_view key, std::string_view found) {
    return "expected " + str(expected) + " for '" + str(key) + "', found '" + str(found) + "'";
}

std::string expected_plain_key() { return "expected a plain name as key"; }

std::string expected_single_value(std::string_view key) { return "expected a single value for '" + str(key) + "'"; }

std::string expected_list(std::string_view key) { return "expected a list for '" + str(key) + "'"; }

std::string missing_key(std::string_view key, std::string_view where) {
    return "missing '" + str(key) + "' in " + str(where);
}

std::string drug_defined_twice(std::string_view name) { return "drug '" + str(name) + "' is defined twice"; }

std::string drug_alias_taken(std::string_view alias) {
    return "drug alias '" + str(alias) + "' is already a drug name or alias";
}

std::string probability_needs_start(std::string_view what) {
    return "'expect_probability' of " + str(what) + " needs a start: add 'from' (conditions) or 'initial' (a state)";
}

std::string expected_setting(std::string_view expected, std::string_view key, std::string_view where) {
    return "expected " + str(expected) + " for '" + str(key) + "' in " + str(where);
}

std::string missing_bounds(std::string_view where) {
    return "expected 'expect' in " + str(where) + ": bounds such as {Apoptosis: {at_least: 0.8}}";
}

std::string from_and_initial(std::string_view what) {
    return "'from' and 'initial' both give the start of " + str(what) + "; use one of them";
}

std::string steps_and_own_conditions(std::string_view what) {
    return str(what) + " has both its own drugs/contexts/fix and 'steps'; put the first step in 'steps'";
}

std::string expected_steps(std::string_view what) {
    return "expected a list of steps (each with drugs, contexts, fix) for 'steps' of " + str(what);
}

std::string initial_bad_character(std::string_view what, char c) {
    return std::string("'initial' of ") + str(what) + ": character '" + c + "' is not 0 or 1";
}

std::string initial_wrong_length(std::string_view what, std::size_t length, std::size_t variables) {
    return "'initial' of " + str(what) + " has " + std::to_string(length) + " characters but the model has " +
           std::to_string(variables) + " variables";
}

std::string initial_bad_assignment(std::string_view what, std::string_view word) {
    return "'initial' of " + str(what) + " expects NAME=0 or NAME=1, got '" + str(word) + "'";
}

std::string expected_bound_kind(std::string_view where) { return "expected 'at_least' or 'at_most' in " + str(where); }

std::string yaml_too_deep(std::size_t limit) {
    return "nested too deeply: a network file needs a few levels of mappings and lists, and more than " +
           std::to_string(limit) + " are refused";
}

std::string invalid_yaml(std::string_view detail) { return "invalid YAML: " + str(detail); }

std::string second_yaml_document() {
    return "a second YAML document starts here: a network file holds one document (remove the '---' line or split the "
           "file)";
}

std::string alias_contains_itself() { return "alias refers to a node that contains it"; }

std::string alias_expansion(std::size_t limit) {
    return "aliases expand the document by more than " + std::to_string(limit) + " nodes";
}

std::string invalid_number() { return "invalid number"; }

std::string unterminated_string() { return "unterminated string: expected a closing '\"'"; }

std::string unexpected_character(char c) { return std::string("unexpected character '") + c + "'"; }

std::string unterminated_comment() { return "unterminated comment: expected '*/'"; }

std::string expected_token(std::string_view token, std::string_view context, std::string_view found) {
    return "expected '" + str(token) + "' " + str(context) + ", found " + str(found);
}

std::string expression_too_deep(std::size_t limit) {
    return "expression nested too deeply (at most " + std::to_string(limit) + " levels)";
}

std::string function_call(std::string_view name) {
    return "function calls such as '" + str(name) + "(...)' are not supported by bitsig";
}

std::string cell_number() { return "'#cell_number' (PopMaBoSS) is not supported by bitsig"; }

std::string expected_operand(std::string_view found) {
    return "expected a node, a number, '$parameter', '@attribute', '!' or '(', found " + str(found);
}

std::string expected_node_name(std::string_view found) {
    return "expected a node name after 'Node', found " + str(found);
}

std::string expected_node_attribute(std::string_view found) {
    return "expected an attribute such as 'logic = ...;' or '}', found " + str(found);
}

std::string attribute_twice(std::string_view attribute, std::string_view node) {
    return "'" + str(attribute) + "' is given twice for node '" + str(node) + "'";
}

std::string popmaboss_block(std::string_view word) {
    return "'" + str(word) + "' blocks (PopMaBoSS) are not supported by bitsig";
}

std::string expected_node_block(std::string_view found) { return "expected 'Node NAME { ... }', found " + str(found); }

std::string expected_group_node(std::string_view found) {
    return "expected a node name in '[...]', found " + str(found);
}

std::string expected_group_istate(std::string_view found) {
    return "expected 'istate' after '[...].', found " + str(found);
}

std::string negative_istate_weight() { return "expected a probability >= 0 before '[...]'"; }

std::string istate_row_width(std::size_t values, std::size_t nodes) {
    return "this state has " + std::to_string(values) + " values for " + std::to_string(nodes) + " nodes";
}

std::string istate_weights_zero() { return "the istate probabilities sum to 0"; }

std::string istate_value() { return "expected 0 or 1 in an istate state"; }

std::string expected_cfg_statement(std::string_view found) {
    return "expected '$parameter = ...;', 'setting = ...;' or 'NODE.istate = ...;', found " + str(found);
}

std::string istate_single_value() { return "expected 0, 1 or -1 (random) for 'istate'"; }

std::string unsupported_node_attribute(std::string_view attribute) {
    return "node attribute '" + str(attribute) + "' is not supported: expected istate, is_internal or refstate";
}

std::string cfg_whole_number(int at_least, std::string_view key) {
    return "expected a whole number >= " + std::to_string(at_least) + " for '" + str(key) + "'";
}

std::string cfg_positive(std::string_view key) { return "expected a positive number for '" + str(key) + "'"; }

std::string unsupported_setting(std::string_view key) {
    return "setting '" + str(key) +
           "' is not supported: expected sample_count, max_time, time_tick, discrete_time, thread_count or "
           "seed_pseudorandom";
}

Diagnostic placed(Diagnostic d, Location at, std::string source_line, std::size_t span) {
    d.where = std::move(at);
    d.source_line = std::move(source_line);
    d.span = span;
    return d;
}

std::string unknown_model_format(std::string_view extension) {
    return "unknown model format '" + (extension.empty() ? std::string("(no extension)") : str(extension)) +
           "': expected .yaml, .yml, .bnet, .bnd, .sbml, .xml, .booleannet or .bn";
}

std::string no_such_file() { return "no such file"; }

std::string is_a_directory() { return "is a directory: expected a model file"; }

std::string cannot_open(std::string_view reason) { return "cannot open: " + str(reason); }

std::string binary_file() { return "is a binary file: expected a text model (.yaml or .bnet)"; }

std::string empty_file() { return "is empty: expected a model"; }

Diagnostic invalid_utf8(Location at, std::string_view byte) {
    return located(std::move(at), "invalid UTF-8 (byte " + str(byte) + "): model files must be UTF-8 text", {}, 1,
                   "re-save the file as UTF-8 (for example: iconv -f latin1 -t utf-8)");
}

Diagnostic boolnet_temporal(Location at, std::string_view text, bool known_operator, std::string source_line,
                            std::size_t span) {
    return unsupported(std::move(at),
                       std::string(known_operator ? "BoolNet temporal operator '" : "BoolNet temporal predicate '") +
                           str(text) + "'",
                       std::move(source_line), span,
                       "bitsig rules read only the current state: temporal BoolNet networks have no equivalent");
}

Diagnostic boolnet_probabilistic(Location at, std::string_view header, std::string source_line, std::size_t span) {
    return unsupported(std::move(at), "BoolNet probabilistic networks ('" + str(header) + "')", std::move(source_line),
                       span, "bitsig rules are deterministic: write one rule per target under 'targets, factors'",
                       true);
}

Diagnostic bad_bnet_header(Location at, std::string_view header, std::string source_line, std::size_t span) {
    return located(std::move(at), "bad .bnet header '" + str(header) + "': expected 'targets, factors'",
                   std::move(source_line), span);
}

Diagnostic bnet_missing_comma(Location at, std::string source_line, std::size_t span) {
    return located(std::move(at), "expected 'target, rule' (a comma after the variable name)", std::move(source_line),
                   span);
}

std::string missing_name_before(char separator) {
    return std::string("missing variable name before '") + separator + "'";
}

Diagnostic bnet_second_rule(Location at, std::string_view target, std::size_t first_line, std::string source_line,
                            std::size_t span) {
    return located(std::move(at),
                   "'" + str(target) + "' has a second rule (first at line " + std::to_string(first_line) + ")",
                   std::move(source_line), span,
                   "BoolNet reads one target on several lines as a probabilistic network, which bitsig does "
                   "not support (other tools join the lines with '|'); write one rule for it");
}

Diagnostic bnet_implicit_inputs(std::string file, const std::vector<std::string>& names) {
    return warning_in_file(
        std::move(file),
        std::to_string(names.size()) +
            " variable(s) have no rule line and are treated as inputs (they keep their value): " + name_list(names, 8));
}

Diagnostic bnet_no_rules(std::string file) {
    return nothing_declared(std::move(file), "'target, rule' lines", "at least one variable");
}

std::string bnet_xor_expansion(std::string_view variable, std::string_view size) {
    return "cannot write '" + str(variable) + "' as .bnet: .bnet has no '^', and expanding the " +
           "exclusive-or in its rule into '&', '|' and '!' would take " + str(size) +
           " (a rule may grow by at most 1 MB); write YAML instead (.yaml keeps '^')";
}

std::string booleannet_expected_line() {
    return "expected an update rule 'A* = B and not C' or an initial value 'A = True'";
}

Diagnostic booleannet_no_rules(std::string file) {
    return nothing_declared(std::move(file), "update rules", "lines such as 'A* = B and not C'");
}

Diagnostic booleannet_ranks_ignored(std::string file, std::size_t count) {
    return warning_in_file(std::move(file),
                           std::to_string(count) +
                               " rank prefix(es) ('N:') ignored: they only order BooleanNet's asynchronous updates");
}

Diagnostic booleannet_initials_ignored(std::string file, std::size_t count) {
    return warning_in_file(std::move(file),
                           std::to_string(count) +
                               " initial value(s) of variables with update rules ignored: bitsig searches every state");
}

Diagnostic booleannet_second_rule(std::string_view name, std::size_t first_line) {
    return general("'" + str(name) + "' has a second update rule (first at line " + std::to_string(first_line) + ")",
                   "write one update rule per variable");
}

Diagnostic booleannet_initial_value() {
    return general("expected True, False or Random as an initial value",
                   "an update rule needs a '*' after its target: 'A* = ...'");
}

Diagnostic booleannet_implicit_inputs(std::string file, const std::vector<std::string>& names) {
    return warning_in_file(std::move(file),
                           std::to_string(names.size()) +
                               " variable(s) have neither an update rule nor an initial value and are treated as "
                               "inputs (they keep their value): " +
                               name_list(names, 8));
}

Diagnostic maboss_no_nodes(std::string file) {
    return nothing_declared(std::move(file), "'Node' declarations", "at least one node");
}

Diagnostic maboss_no_logic(std::string file, const std::vector<std::string>& nodes) {
    return warning_in_file(
        std::move(file),
        std::to_string(nodes.size()) +
            " node(s) have no logic and are treated as inputs (their rule is themselves): " + join(nodes));
}

std::string sbml_no_model() { return "no <model> element: expected an SBML-qual model"; }

std::string sbml_not_qual() { return "not an SBML-qual model: expected qual:listOfQualitativeSpecies in the model"; }

std::string invalid_sbml(std::string_view detail) { return "invalid SBML: " + str(detail); }

Diagnostic sbml_reserved_id(std::string_view id) {
    return general("qualitative species id '" + str(id) + "' cannot be a variable name",
                   "and, or, not, true and false are words of the rule syntax; rename the species");
}

Diagnostic sbml_multivalued(std::string_view id, int max_level) {
    return general("qualitative species '" + str(id) + "' has maxLevel " + std::to_string(max_level) +
                       ": only Boolean species (maxLevel 1) are supported",
                   "multi-valued models can be Booleanized first, e.g. with bioLQM's booleanize");
}

std::string sbml_initial_level(std::string_view id, int level) {
    return "qualitative species '" + str(id) + "' has initialLevel " + std::to_string(level) + ": expected 0 or 1";
}

std::string sbml_species_twice(std::string_view id) { return "qualitative species id '" + str(id) + "' is used twice"; }

std::string sbml_no_output(std::string_view transition) {
    return "transition '" + str(transition) + "' has no output species";
}

std::string sbml_production(std::string_view output, std::string_view transition) {
    return "output '" + str(output) + "' of transition '" + str(transition) +
           "' has transitionEffect 'production': only 'assignmentLevel' is supported";
}

Diagnostic sbml_second_transition(std::string_view species, std::string_view transition, std::string_view first,
                                  unsigned first_line) {
    return general("species '" + str(species) + "' is the output of a second transition '" + str(transition) +
                       "' (first: '" + str(first) + "' at line " + std::to_string(first_line) + ")",
                   "write one transition per species");
}

std::string sbml_constant_output(std::string_view species, std::string_view transition) {
    return "species '" + str(species) + "' is constant but is the output of transition '" + str(transition) + "'";
}

std::string sbml_result_level(bool default_term, std::string_view transition, int level) {
    return std::string(default_term ? "default" : "function") + " term of transition '" + str(transition) +
           "' has resultLevel " + std::to_string(level) + ": expected 0 or 1";
}

std::string sbml_no_math(std::string_view transition) {
    return "function term of transition '" + str(transition) + "' has no math";
}

Diagnostic sbml_unknown_name(std::string_view id, std::string_view transition, const std::vector<std::string>& known) {
    return general("unknown name '" + str(id) + "' in a function term of transition '" + str(transition) +
                       "': expected a qualitative species or an input with a thresholdLevel",
                   did_you_mean(id, known));
}

std::string sbml_unsupported_math(std::string_view formula, std::string_view transition, std::string_view expected) {
    return "unsupported math '" + str(formula) + "' in a function term of transition '" + str(transition) +
           "': " + str(expected);
}

Diagnostic sbml_unknown_species(std::string_view id, std::string_view role, std::string_view transition,
                                const std::vector<std::string>& known) {
    return general("unknown qualitative species '" + str(id) + "' as " + str(role) + " of transition '" +
                       str(transition) + "'",
                   did_you_mean(id, known));
}

std::string rule_empty() { return "empty rule: expected an expression"; }

std::string rule_too_deep(std::size_t depth, std::size_t limit) {
    return "rule nested too deeply (" + std::to_string(depth) + " levels of alternating operators; at most " +
           std::to_string(limit) + " are supported)";
}

std::string rule_invalid_name(std::string_view word) {
    return "invalid name '" + str(word) + "': names start with a letter or '_'";
}

std::string rule_unexpected_character(std::string_view character) {
    return "unexpected character '" + str(character) + "' in rule: expected a name, '!', '(', '0' or '1'";
}

std::string rule_empty_parentheses() { return "empty parentheses: expected an expression"; }

std::string rule_operand_before_paren() { return "expected a name, '!', '(' or a constant before ')'"; }

std::string rule_unexpected_end() { return "unexpected end of rule: expected a name, '!', '(' or a constant"; }

std::string rule_expected_operand(std::string_view found) {
    return "expected a name, '!', '(' or a constant, found '" + str(found) + "'";
}

std::string rule_unmatched_paren() { return "unmatched ')' in rule"; }

std::string rule_unclosed_paren(std::size_t line, std::size_t column, bool same_line) {
    return "expected ')' to close the '(' at " + (same_line ? std::string() : "line " + std::to_string(line) + ", ") +
           "column " + std::to_string(column);
}

std::string rule_expected_operator(std::string_view found) {
    return "expected an operator ('&', '|', '^') or the end of the rule, found '" + str(found) + "'";
}

Diagnostic no_network_variables(std::string file) { return in_file(std::move(file), "the network has no variables"); }

Diagnostic no_scenarios(std::string file) { return in_file(std::move(file), "the model has no scenarios to check"); }

Diagnostic cfg_without_bnd(std::string cfg, std::string_view model) {
    return in_file(std::move(cfg), "a MaBoSS .cfg goes with a MaBoSS .bnd model, and '" + str(model) + "' is not one");
}

Diagnostic foreign_file(std::string file) {
    return cannot_write(std::move(file), "a file of this name exists and was not written by bitsig",
                        "move it away or choose another folder");
}

Diagnostic not_a_folder(std::string path) {
    return cannot_write(std::move(path), "exists and is not a folder", "choose a folder for -o");
}

Diagnostic folder_not_ours(std::string folder, std::string_view marker) {
    return cannot_write(std::move(folder),
                        "the folder is not empty and was not written by bitsig (it has no " + str(marker) + " marker)",
                        "choose a new or empty folder; bitsig never removes files it did not write");
}

std::string initial_flag_empty(std::size_t variables) {
    return "empty initial state: expected " + std::to_string(variables) + " characters 0/1 or NAME=0/1 words";
}

std::string initial_flag_character(char c, std::size_t position) {
    return std::string("initial state: character '") + c + "' at position " + std::to_string(position) +
           " is not 0 or 1";
}

Diagnostic initial_flag_length(std::size_t length, std::size_t variables) {
    return general("initial state has " + std::to_string(length) + " characters but the model has " +
                       std::to_string(variables) + " variables",
                   "one character per variable, in model order (bitsig info lists them)");
}

std::string initial_flag_assignment(std::string_view word) {
    return "--initial expects NAME=0 or NAME=1, got '" + str(word) + "'";
}

Diagnostic initial_flag_unknown(std::string_view name, const std::vector<std::string>& known) {
    return general("unknown variable '" + str(name) + "' in --initial", did_you_mean(name, known));
}

std::string initial_flag_twice(std::string_view name) { return "--initial sets '" + str(name) + "' to both 0 and 1"; }

std::string start_against_held(std::string_view name, bool held, bool start) {
    return "'" + str(name) + "' is held at " + (held ? "1" : "0") + " by the conditions and cannot start at " +
           (start ? "1" : "0");
}

std::string start_state_width(std::string_view state, std::size_t values, std::size_t variables) {
    return "state '" + str(state) + "' has " + std::to_string(values) + " values; the model has " +
           std::to_string(variables) + " variables";
}

std::string start_assignment(std::string_view token) { return "expected NAME=0 or NAME=1, found '" + str(token) + "'"; }

std::string start_unknown_variable(std::string_view name) { return "unknown variable '" + str(name) + "'"; }

Diagnostic response_without_steps() { return general("a response needs at least one step (--to CONDITIONS)"); }

Diagnostic initial_and_from() { return general("--initial and --from both give the start; use one of them"); }

std::string exact_response_too_large(std::string_view what, std::string_view need, std::string_view budget) {
    return "exact response: " + str(what) + " needs about " + str(need) + ", more than the " + str(budget) +
           " allowed; use --method sample for estimates, or hold more variables (--from/--to fix=...)";
}

std::string exact_response_too_many_listed(std::uint64_t limit) {
    return "exact response: the attractors reached have more than " + std::to_string(limit) +
           " states in all, too many to list; use --method sample";
}

std::string exact_response_whole_space_limit(std::size_t limit, std::size_t free_variables) {
    return "exact response: the whole-space method packs at most " + std::to_string(limit) +
           " free variables, this step leaves " + std::to_string(free_variables);
}

std::string exact_response_too_many_states(std::uint64_t budget, std::size_t free_variables, std::string_view memory) {
    return "exact response: more than " + std::to_string(budget) + " states are reachable (of 2^" +
           std::to_string(free_variables) + "), about " + str(memory) +
           " of memory; use --method sample for estimates, or hold more variables (--from/--to fix=...)";
}

std::string exact_response_symbolic_stopped(std::size_t free_variables, std::string_view reason) {
    return "exact response: symbolic reachability over " + std::to_string(free_variables) +
           " free variables stopped: " + str(reason) +
           "; use --method sample for estimates, or hold more variables (--from/--to fix=...)";
}

std::string exact_response_too_many_free(std::size_t free_variables) {
    return "exact response: " + std::to_string(free_variables) +
           " variables are free in this step, beyond the 64 an explicit exploration packs; use "
           "--method sample, or hold more variables";
}

std::string exact_response_initial_free(std::size_t free_variables, std::size_t limit) {
    return "exact response: the initial state leaves " + std::to_string(free_variables) + " variables free (2^" +
           std::to_string(free_variables) + " start states, the limit is 2^" + std::to_string(limit) +
           "); give more of them in --initial, or use --method sample";
}

std::string exact_response_attractor_unlisted(std::uint64_t states) {
    return "exact response: a start attractor has " + std::to_string(states) +
           " states, more than could be listed; use --method sample";
}

std::string response_sampling_limit(std::size_t free_variables) {
    return "response sampling packs at most 64 free variables per step, and this step leaves " +
           std::to_string(free_variables) + "; hold more variables";
}

namespace {
std::string exhaustive_advice(bool synchronous) {
    return synchronous ? "--method sat (exact, large networks)" : "--method sat for fixed points or --method sample";
}
}  // namespace

std::string exhaustive_beyond_limit(std::string_view update, bool synchronous, std::size_t free_variables,
                                    std::size_t limit) {
    return "exhaustive " + str(update) + " search over " + std::to_string(free_variables) + " free variables (2^" +
           std::to_string(free_variables) + " states) is beyond the limit of " + std::to_string(limit) +
           "; fix inputs or use " + exhaustive_advice(synchronous);
}

std::string exhaustive_out_of_memory(std::string_view update, bool synchronous, std::size_t free_variables,
                                     std::string_view need, std::string_view available) {
    return "exhaustive " + str(update) + " search over " + std::to_string(free_variables) +
           " free variables needs about " + str(need) + " of memory but " + str(available) +
           " is available; fix some inputs, or use " + exhaustive_advice(synchronous);
}

std::string state_graph_too_large(std::size_t free_variables, std::size_t limit) {
    return "the state transition graph has 2^" + std::to_string(free_variables) + " states (" +
           std::to_string(free_variables) + " free variables after fixing held values); drawing is limited to " +
           std::to_string(limit) +
           " free variables: fix inputs or knock out variables, or draw the wiring diagram instead";
}

std::string trap_rule_too_large(std::string_view variable) {
    return "the rule of " + str(variable) +
           " is too large to encode exactly for trap spaces (its decision diagram and its cofactors exceed their "
           "budgets)";
}

std::string fixed_point_count_out_of_nodes() {
    return "counting fixed points under conditions ran out of decision-diagram nodes";
}

std::string fixed_point_list_out_of_nodes() { return "listing fixed points ran out of decision-diagram nodes"; }

std::string scenario_refused(std::string_view scenario, std::string_view update, std::string_view reason) {
    return "scenario " + str(scenario) + " (" + str(update) + " updating): " + str(reason);
}

std::string screen_too_large(std::uint64_t total, unsigned ranks, std::uint64_t per_rank) {
    const std::uint64_t need = (total + per_rank - 1) / per_rank;
    std::string message = "the screen would evaluate " + std::to_string(total) + " conditions";
    if (ranks > 1)
        message += ", more than " + std::to_string(per_rank) + " per rank over " + std::to_string(ranks) + " MPI ranks";
    message += "; lower --max-size or list fewer --drugs/--targets, or run it over at least " + std::to_string(need) +
               " MPI ranks (mpirun -np " + std::to_string(need) + "; " + std::to_string(per_rank) +
               " conditions fit per rank)";
    return message;
}

std::string simulation_samples() { return "--samples must be at least 1"; }

std::string simulation_max_time() { return "--max-time must be a positive number"; }

std::string simulation_time_tick() { return "--time-tick must be a positive number"; }

std::string simulation_windows() {
    return "--max-time / --time-tick gives more than 10^7 windows: use a larger --time-tick";
}

std::string table_engine_limit(std::size_t variables) {
    return "the table engine takes at most " + std::to_string(variables) + " variables and 64 variables and readouts";
}

std::string mpi_rank_of(std::size_t rank, std::size_t ranks) {
    return "rank " + std::to_string(rank) + " of " + std::to_string(ranks);
}

Diagnostic reported_by(Diagnostic d, std::string_view where) {
    d.note += (d.note.empty() ? "" : "; ") + ("reported by MPI " + str(where));
    return d;
}

std::string refused_on(std::string_view reason, std::string_view where) {
    return str(reason) + " (on MPI " + str(where) + ")";
}

Diagnostic rank_work_mismatch(std::size_t rank, std::uint64_t theirs, std::string_view what, std::uint64_t count) {
    return general("MPI rank " + std::to_string(rank) + " has " + std::to_string(theirs) + " work items (" + str(what) +
                       ") where rank 0 has " + std::to_string(count),
                   "every rank must run the same command on the same files");
}

Diagnostic min_and_max() { return general("--min and --max exclude each other"); }

Diagnostic negative_limit(long long limit) {
    return general("--limit expects a count of 0 or more, got " + std::to_string(limit));
}

Diagnostic no_such_attractor(std::size_t index, std::size_t count) {
    return general("--attractor " + std::to_string(index) + ": these conditions have " + std::to_string(count) +
                   " attractor(s)");
}

Diagnostic diff_needs_two() {
    return general("--diff takes two condition lists, e.g. --diff \"context=pten_loss\" "
                   "\"context=pten_loss drug=pi3k_inhibitor\"");
}

Diagnostic booleannet_read_only(std::string file) {
    return in_file(std::move(file), "BooleanNet is read only: write .bnet, .yaml or .sbml");
}

Diagnostic maboss_read_only(std::string file) {
    return in_file(std::move(file),
                   "bitsig reads MaBoSS .bnd files but does not write them: expected .yaml, .yml, .bnet or .sbml");
}

std::string many_attractors(std::string_view at_least, std::size_t inputs) {
    return "at least " + str(at_least) + " attractors: each of the 2^" + std::to_string(inputs) +
           " combinations of the " + std::to_string(inputs) +
           " free inputs holds one; hold inputs with --fix or --context, count them with `bitsig "
           "fixed-points`, or bound the run with --timeout";
}

std::string python_bad_fix(std::string_view name, int value) {
    return "fix: " + str(name) + "=" + std::to_string(value) + ": expected 0 or 1";
}

std::string python_bad_update(std::string_view update) {
    return "update '" + str(update) + "': expected 'sync' or 'async'";
}

std::string python_bad_order(std::string_view order) {
    return "order '" + str(order) + "': expected 'file' or 'boolnet'";
}
}  // namespace errors
}  // namespace bitsig
