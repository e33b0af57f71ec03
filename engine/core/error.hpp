// SPDX-License-Identifier: MIT
// Errors a user can cause (bad files, bad names) and refusals for resource limits.
// Every user-facing error is an InputError carrying Diagnostics in the GCC shape
// `file:line:column: error: message`, which editors can jump to. Our own misuse of the
// API is an assert, never an InputError.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bitsig {

/// Where in an input something is. Lines and columns are 1-based; 0 means unknown.
struct Location {
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;
};

/// One message for the user, optionally with the offending source line and a caret span.
/// An error stops the run (exit 2); a warning is printed and the run goes on.
enum class Severity { error, warning };

struct Diagnostic {
    Location where;
    std::string message;
    std::string note;         // "did you mean 'Ras'?"; empty when there is nothing to add
    std::string source_line;  // the text of where.line, for the caret display
    std::size_t span = 1;     // how many characters the caret underlines
    Severity severity = Severity::error;
    // The user's word the message is about ("trastuzumb" in "unknown drug 'trastuzumb'"), so
    // that a caller holding the text the word came from can point at it; empty when none.
    std::string subject;
};

/// Renders a diagnostic as `file:line:col: error: message` (or `warning:`), source line,
/// caret and note.
std::string format_diagnostic(const Diagnostic& d);

/// A problem with the user's input. Exit code 2.
class InputError : public std::runtime_error {
public:
    explicit InputError(Diagnostic d);
    explicit InputError(std::vector<Diagnostic> ds);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

/// A computation refused because it would not fit (memory, states). Exit code 3.
class ResourceError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The user pressed Ctrl-C (or a deadline passed) while a long computation ran.
class Interrupted : public std::runtime_error {
public:
    Interrupted() : std::runtime_error("interrupted") {}
};

/// The closest candidate to `name` by edit distance, or "" when none is close enough
/// to be a plausible typo.
std::string nearest_name(std::string_view name, const std::vector<std::string>& candidates);

/// "did you mean 'X'?" or "" when nothing is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

/// "a, b, c" or, past `shown` names, "a, b, ... (N in all)": names in a warning or note.
std::string name_list(const std::vector<std::string>& names, std::size_t shown);

/// Line `line` (1-based) of `text`, without its newline; "" when out of range.
std::string line_of(std::string_view text, std::size_t line);

/// The message catalogue: every user-facing wording is built here, once, so that the
/// front ends agree and tests can pin the text.
namespace errors {

// The shapes every message takes: where it points decides which one.

/// A problem with an option or with the request as a whole: no place in a file.
Diagnostic general(std::string message, std::string note = {});
/// A problem with a whole file: `FILE: error: message`.
Diagnostic in_file(std::string file, std::string message, std::string note = {});
/// A problem at a place in a text; with `source_line` it is shown under a caret `span` wide.
Diagnostic located(Location at, std::string message, std::string source_line = {}, std::size_t span = 1,
                   std::string note = {});
/// Something a reader let pass but the user should know (`FILE: warning: message`).
Diagnostic warning_in_file(std::string file, std::string message);
/// Says that the diagnostic's position is the loader's best estimate (`approximate` false: unchanged).
Diagnostic approximate(Diagnostic d, bool approximate = true);

// Recurring kinds of message.

/// "unknown variable 'X' in the rule of 'Y'" with a suggestion.
Diagnostic unknown_variable(Location at, std::string_view name, std::string_view owner,
                            const std::vector<std::string>& known);
/// "unknown variable 'X' in WHERE" (e.g. "readout 'R'") with a suggestion.
Diagnostic unknown_variable_in(Location at, std::string_view name, std::string_view where,
                               const std::vector<std::string>& known);
Diagnostic duplicate_variable(Location at, std::string_view name, const Location& first);
Diagnostic syntax(Location at, std::string_view what);

/// "unknown drug 'X'" with a suggestion and the list of what the model defines (`kind` is
/// drug, context, scenario or variable).
Diagnostic unknown_name(std::string_view kind, std::string_view name, const std::vector<std::string>& known);
/// Two conditions hold one variable at different values. The subject is `first_word`, the
/// word of the first condition (a drug, context or scenario name), or the variable when empty.
Diagnostic conflicting_fixes(std::string_view first_source, std::string_view variable, bool first_value,
                             std::string_view second_source, bool second_value, std::string_view first_word = {});
/// A condition word without '='.
Diagnostic condition_not_key_value(std::string_view word);
/// A condition word whose key is not one of drug, context, ...
Diagnostic unknown_condition_key(std::string_view key, std::string_view word);
/// --fix that is not NAME=0 or NAME=1.
Diagnostic bad_fix(std::string_view spec);
/// --cut that is not REGULATOR->TARGET.
Diagnostic bad_cut(std::string_view spec);
/// --cut A->X where A does not appear in X's rule.
Diagnostic cut_not_in_rule(std::string_view spec, std::string_view regulator, std::string_view target);
/// A goal term that is not NAME=0 or NAME=1.
Diagnostic bad_goal_term(std::string_view term);
/// A goal naming neither a readout nor a variable.
Diagnostic unknown_goal_name(std::string_view name, const std::vector<std::string>& known);
/// A goal with no terms.
Diagnostic empty_goal();
/// A screen with no candidates.
Diagnostic nothing_to_screen();
/// A --method that is not one of `choices`.
Diagnostic unknown_method(std::string_view name, const std::vector<std::string>& choices);
/// "unknown KIND 'NAME' (known: a, b, c)": a closed set of spellings such as methods.
Diagnostic unknown_among(std::string_view kind, std::string_view name, const std::vector<std::string>& choices);
/// "unknown KIND 'NAME': expected a, b or c", about `file` when it is not empty.
Diagnostic unknown_expected(std::string_view kind, std::string_view name, const std::vector<std::string>& choices,
                            std::string file = {});
/// "unknown KIND 'NAME'" with only a suggestion (no list of what is known).
Diagnostic unknown_name_hint(std::string_view kind, std::string_view name, const std::vector<std::string>& known);
/// The wording for a variable name outside networks/FORMAT.md's alphabet (the readers place it).
std::string invalid_variable_name(std::string_view name);
/// A construct of another tool's format with no bitsig equivalent: "CONSTRUCT is (are) not supported".
Diagnostic unsupported(Location at, std::string_view construct, std::string source_line, std::size_t span,
                       std::string note, bool plural = false);
/// A model file that declares nothing: "no WHAT: expected EXPECTED".
Diagnostic nothing_declared(std::string file, std::string_view what, std::string_view expected);
/// A file that cannot be written: "cannot write: REASON" (reason: the system's text).
Diagnostic cannot_write(std::string file, std::string_view reason, std::string note = {});

// The YAML reader (io/yaml_reader.cpp); it adds the source line and the alias notes.

/// A mapping key given twice: "duplicate key 'K' (first at line N)", under the key.
Diagnostic duplicate_key(Location at, std::string_view key, std::size_t first_line);
/// A key the section does not know, with a suggestion or else the keys it allows.
Diagnostic unknown_key(Location at, std::string_view key, std::string_view where,
                       const std::vector<std::string>& allowed);
/// 'default' given to a variable that has a rule.
Diagnostic default_on_rule(Location at, std::string_view variable);
/// A model name outside letters, digits, '_' and '-'.
Diagnostic invalid_model_name(Location at, std::string_view name);
/// A name in the 'initial' state of a scenario (WHAT) that is not a variable.
Diagnostic unknown_initial_variable(Location at, std::string_view name, std::string_view what,
                                    const std::vector<std::string>& known);
/// An expectation of scenario WHAT (under KEY) naming neither a readout nor a variable.
Diagnostic unknown_expected_name(Location at, std::string_view name, std::string_view key, std::string_view what,
                                 const std::vector<std::string>& known);
/// A drug or context (KIND) that a scenario uses and the model does not define, with a
/// suggestion or else the list of those it defines.
Diagnostic unknown_used_name(Location at, std::string_view kind, std::string_view name, std::string_view what,
                             const std::vector<std::string>& known);

// The MaBoSS reader (io/maboss.cpp): `span` is the width of the offending token; the
// reader adds the source line.

Diagnostic invalid_node_name(Location at, std::size_t span, std::string_view name);
Diagnostic node_declared_twice(Location at, std::size_t span, std::string_view name);
/// "unknown node 'X'" with a suggestion.
Diagnostic unknown_node(Location at, std::size_t span, std::string_view name, const std::vector<std::string>& known);
/// A '$parameter' no configuration line defines.
Diagnostic undefined_parameter(Location at, std::size_t span, std::string_view name);
/// A node or '@attribute' (`atom`, with its sigil) in a configuration value.
Diagnostic state_in_configuration(Location at, std::size_t span, std::string_view atom);
/// A rate (RATE of NODE) that reads more than `limit` nodes.
Diagnostic rate_reads_too_many(Location at, std::size_t span, std::string_view rate, std::string_view node,
                               std::size_t nodes, std::size_t limit);
/// A rate that is negative or not a number (`finite` false) in some states.
Diagnostic invalid_rate(Location at, std::size_t span, std::string_view rate, std::string_view node, bool finite);
/// '@ATTRIBUTE' read in a rate of NODE that does not define it.
Diagnostic missing_attribute(Location at, std::size_t span, std::string_view node, std::string_view attribute);
/// '@ATTRIBUTE' that refers to itself or to a rate.
Diagnostic circular_attribute(Location at, std::size_t span, std::string_view attribute);
/// A number other than 0 and 1 (as written: `value`) in a logic.
Diagnostic logic_constant(Location at, std::size_t span, std::string_view value);
/// A '$parameter' (`alias` false) or an '@attribute' (`alias` true) in a logic.
Diagnostic reference_in_logic(Location at, std::size_t span, std::string_view name, bool alias);
/// Arithmetic or a comparison in a logic.
Diagnostic arithmetic_in_logic(Location at, std::size_t span);

// Wordings the YAML reader places under the node they are about (it adds the location,
// the source line and the alias notes).

/// The top level is not a mapping.
std::string yaml_not_a_network();
/// A 'format' other than bitsig's tag.
std::string unsupported_yaml_format(std::string_view found, std::string_view expected);
/// An empty 'variables' section.
std::string no_variables();
/// WHAT (e.g. "variable 'X'") is not a mapping.
std::string expected_mapping(std::string_view what);
/// "expected EXPECTED for 'KEY', found 'FOUND'": a value of the wrong kind.
std::string expected_value(std::string_view expected, std::string_view key, std::string_view found);
/// A mapping key that is not a scalar.
std::string expected_plain_key();
/// A list or mapping where one value belongs.
std::string expected_single_value(std::string_view key);
/// A mapping where a list belongs.
std::string expected_list(std::string_view key);
/// A required key that is absent.
std::string missing_key(std::string_view key, std::string_view where);
/// Two drugs of one name.
std::string drug_defined_twice(std::string_view name);
/// An alias that another drug already answers to.
std::string drug_alias_taken(std::string_view alias);
/// Probabilities asked of a scenario (WHAT) without a start.
std::string probability_needs_start(std::string_view what);
/// "expected EXPECTED for 'KEY' in WHERE": a setting out of range.
std::string expected_setting(std::string_view expected, std::string_view key, std::string_view where);
/// A 'simulate:' block without bounds.
std::string missing_bounds(std::string_view where);
/// A scenario with two starts.
std::string from_and_initial(std::string_view what);
/// A scenario with conditions both outside and inside 'steps'.
std::string steps_and_own_conditions(std::string_view what);
/// 'steps' that is not a non-empty list.
std::string expected_steps(std::string_view what);
/// A whole-state 'initial' with a character other than 0 and 1.
std::string initial_bad_character(std::string_view what, char c);
/// A whole-state 'initial' of the wrong length.
std::string initial_wrong_length(std::string_view what, std::size_t length, std::size_t variables);
/// A word of a partial 'initial' that is not NAME=0 or NAME=1.
std::string initial_bad_assignment(std::string_view what, std::string_view word);
/// A bound without its direction.
std::string expected_bound_kind(std::string_view where);
/// Nesting beyond `limit` levels (a guard against hostile files).
std::string yaml_too_deep(std::size_t limit);
/// yaml-cpp's own complaint.
std::string invalid_yaml(std::string_view detail);
/// A '---' after the first document.
std::string second_yaml_document();
/// A recursive alias.
std::string alias_contains_itself();
/// Aliases that would copy more than `limit` nodes (a guard against alias bombs).
std::string alias_expansion(std::size_t limit);

// Wordings the MaBoSS reader places under the token they are about.

std::string invalid_number();
std::string unterminated_string();
std::string unexpected_character(char c);
std::string unterminated_comment();
/// "expected 'TOKEN' CONTEXT, found FOUND" (FOUND as the parser describes a token).
std::string expected_token(std::string_view token, std::string_view context, std::string_view found);
std::string expression_too_deep(std::size_t limit);
std::string function_call(std::string_view name);
std::string cell_number();
std::string expected_operand(std::string_view found);
std::string expected_node_name(std::string_view found);
std::string expected_node_attribute(std::string_view found);
std::string attribute_twice(std::string_view attribute, std::string_view node);
std::string popmaboss_block(std::string_view word);
std::string expected_node_block(std::string_view found);
std::string expected_group_node(std::string_view found);
std::string expected_group_istate(std::string_view found);
std::string negative_istate_weight();
std::string istate_row_width(std::size_t values, std::size_t nodes);
std::string istate_weights_zero();
std::string istate_value();
std::string expected_cfg_statement(std::string_view found);
std::string istate_single_value();
std::string unsupported_node_attribute(std::string_view attribute);
std::string cfg_whole_number(int at_least, std::string_view key);
std::string cfg_positive(std::string_view key);
std::string unsupported_setting(std::string_view key);

/// Puts a wording built without a place (general()) at `at`, under a caret `span` wide.
Diagnostic placed(Diagnostic d, Location at, std::string source_line = {}, std::size_t span = 1);

// Reading a model file (io/source.cpp): wordings placed on the whole file.

/// An extension no reader knows ("" when the path has none).
std::string unknown_model_format(std::string_view extension);
std::string no_such_file();
std::string is_a_directory();
/// The file exists but cannot be opened (reason: the system's text).
std::string cannot_open(std::string_view reason);
std::string binary_file();
std::string empty_file();
/// A byte (as written: "0xE9") that is not UTF-8, with the advice to re-save.
Diagnostic invalid_utf8(Location at, std::string_view byte);

// The .bnet reader and writer (io/bnet.cpp).

/// A BoolNet temporal operator (`known_operator`) or predicate such as 'f[t-1]'.
Diagnostic boolnet_temporal(Location at, std::string_view text, bool known_operator, std::string source_line,
                            std::size_t span);
/// The header of a BoolNet probabilistic network.
Diagnostic boolnet_probabilistic(Location at, std::string_view header, std::string source_line, std::size_t span);
/// A first line that starts like a header but is not 'targets, factors'.
Diagnostic bad_bnet_header(Location at, std::string_view header, std::string source_line, std::size_t span);
/// A line without the comma after its target.
Diagnostic bnet_missing_comma(Location at, std::string source_line, std::size_t span);
/// "missing variable name before 'SEPARATOR'" (',' in .bnet, '=' in BooleanNet).
std::string missing_name_before(char separator);
/// A target with a second rule line (BoolNet's probabilistic form).
Diagnostic bnet_second_rule(Location at, std::string_view target, std::size_t first_line, std::string source_line,
                            std::size_t span);
/// Names read in rules that have no line of their own.
Diagnostic bnet_implicit_inputs(std::string file, const std::vector<std::string>& names);
/// A .bnet with no rule lines.
Diagnostic bnet_no_rules(std::string file);
/// A rule whose exclusive-or expansion would take `size` (e.g. "12 MB") in .bnet.
std::string bnet_xor_expansion(std::string_view variable, std::string_view size);

// The BooleanNet reader (io/booleannet.cpp): it places the wordings on the offending part.

/// A line that is neither an update rule nor an initial value.
std::string booleannet_expected_line();
/// A file without update rules.
Diagnostic booleannet_no_rules(std::string file);
/// Rank prefixes ('N:') dropped.
Diagnostic booleannet_ranks_ignored(std::string file, std::size_t count);
/// Initial values of variables that have update rules dropped.
Diagnostic booleannet_initials_ignored(std::string file, std::size_t count);
/// A second update rule for `name`, with the advice (placed by the reader).
Diagnostic booleannet_second_rule(std::string_view name, std::size_t first_line);
/// An initial value other than True, False or Random (placed by the reader).
Diagnostic booleannet_initial_value();
/// Names with neither an update rule nor an initial value.
Diagnostic booleannet_implicit_inputs(std::string file, const std::vector<std::string>& names);

// The MaBoSS reader (io/maboss.cpp), whole-file wordings.

/// A .bnd without 'Node' declarations.
Diagnostic maboss_no_nodes(std::string file);
/// Nodes without a logic, all named.
Diagnostic maboss_no_logic(std::string file, const std::vector<std::string>& nodes);

// The SBML-qual reader (io/sbml.cpp): it places the wordings on the element.

std::string sbml_no_model();
std::string sbml_not_qual();
/// The first line of libsbml's own complaint.
std::string invalid_sbml(std::string_view detail);
/// A species id that is a word of the rule syntax (with the advice).
Diagnostic sbml_reserved_id(std::string_view id);
/// A species with maxLevel above 1 (with the advice to Booleanize).
Diagnostic sbml_multivalued(std::string_view id, int max_level);
std::string sbml_initial_level(std::string_view id, int level);
std::string sbml_species_twice(std::string_view id);
std::string sbml_no_output(std::string_view transition);
/// An output with transitionEffect 'production'.
std::string sbml_production(std::string_view output, std::string_view transition);
/// A species that is the output of a second transition (FIRST at FIRST_LINE).
Diagnostic sbml_second_transition(std::string_view species, std::string_view transition, std::string_view first,
                                  unsigned first_line);
std::string sbml_constant_output(std::string_view species, std::string_view transition);
/// A default term (`default_term`) or function term with a resultLevel other than 0 and 1.
std::string sbml_result_level(bool default_term, std::string_view transition, int level);
std::string sbml_no_math(std::string_view transition);
/// A name in a function term that is neither a species nor an input with a threshold.
Diagnostic sbml_unknown_name(std::string_view id, std::string_view transition, const std::vector<std::string>& known);
/// "unsupported math 'FORMULA' in a function term of transition 'T': EXPECTED".
std::string sbml_unsupported_math(std::string_view formula, std::string_view transition, std::string_view expected);
/// A species id (as ROLE of a transition) that no species declares.
Diagnostic sbml_unknown_species(std::string_view id, std::string_view role, std::string_view transition,
                                const std::vector<std::string>& known);

// The rule parser (expr/parse.cpp): it places the wordings in the rule.

std::string rule_empty();
/// A rule deeper than `limit` levels of alternating operators.
std::string rule_too_deep(std::size_t depth, std::size_t limit);
std::string rule_invalid_name(std::string_view word);
/// A character (as written, possibly several UTF-8 bytes) that starts no token.
std::string rule_unexpected_character(std::string_view character);
std::string rule_empty_parentheses();
std::string rule_operand_before_paren();
std::string rule_unexpected_end();
std::string rule_expected_operand(std::string_view found);
std::string rule_unmatched_paren();
/// An unclosed '(' at LINE (named only when `same_line` is false) and COLUMN.
std::string rule_unclosed_paren(std::size_t line, std::size_t column, bool same_line);
std::string rule_expected_operator(std::string_view found);

// The model as a whole (model/network.cpp, query/check.cpp, query/simulate.cpp).

Diagnostic no_network_variables(std::string file);
Diagnostic no_scenarios(std::string file);
/// A MaBoSS .cfg given with a model that is not a .bnd.
Diagnostic cfg_without_bnd(std::string cfg, std::string_view model);

// Output folders (io/output_folder.cpp).

/// A file of ours would replace one bitsig did not write.
Diagnostic foreign_file(std::string file);
/// -o names something that is not a folder.
Diagnostic not_a_folder(std::string path);
/// A non-empty folder without bitsig's `marker` file.
Diagnostic folder_not_ours(std::string folder, std::string_view marker);

// A start state given as text (response/initial.cpp for --initial, simulate/stochastic_model.cpp).

/// An empty --initial for a model of `variables` variables.
std::string initial_flag_empty(std::size_t variables);
/// A character of a whole-state --initial that is not 0 or 1 (position 1-based).
std::string initial_flag_character(char c, std::size_t position);
/// A whole-state --initial of the wrong length (with the advice).
Diagnostic initial_flag_length(std::size_t length, std::size_t variables);
std::string initial_flag_assignment(std::string_view word);
/// A name in --initial that is not a variable, with a suggestion (placed by the parser).
Diagnostic initial_flag_unknown(std::string_view name, const std::vector<std::string>& known);
std::string initial_flag_twice(std::string_view name);
/// A start value against the value the conditions hold the variable at.
std::string start_against_held(std::string_view name, bool held, bool start);
/// A whole start state of the wrong width.
std::string start_state_width(std::string_view state, std::size_t values, std::size_t variables);
std::string start_assignment(std::string_view token);
/// "unknown variable 'X'" (the suggestion goes in the note).
std::string start_unknown_variable(std::string_view name);

// Response questions (response/): requests and refusals (ResourceError texts).

Diagnostic response_without_steps();
Diagnostic initial_and_from();
/// An exact response whose WHAT needs about NEED of memory, more than BUDGET (sizes as written).
std::string exact_response_too_large(std::string_view what, std::string_view need, std::string_view budget);
std::string exact_response_too_many_listed(std::uint64_t limit);
std::string exact_response_whole_space_limit(std::size_t limit, std::size_t free_variables);
std::string exact_response_too_many_states(std::uint64_t budget, std::size_t free_variables, std::string_view memory);
/// Symbolic reachability that stopped (REASON: what stopped it).
std::string exact_response_symbolic_stopped(std::size_t free_variables, std::string_view reason);
std::string exact_response_too_many_free(std::size_t free_variables);
std::string exact_response_initial_free(std::size_t free_variables, std::size_t limit);
std::string exact_response_attractor_unlisted(std::uint64_t states);
std::string response_sampling_limit(std::size_t free_variables);

// Other refusals (ResourceError texts).

/// An exhaustive search past the variable limit (UPDATE as the scheme is written).
std::string exhaustive_beyond_limit(std::string_view update, bool synchronous, std::size_t free_variables,
                                    std::size_t limit);
/// An exhaustive search that needs NEED of memory while AVAILABLE is (sizes as written).
std::string exhaustive_out_of_memory(std::string_view update, bool synchronous, std::size_t free_variables,
                                     std::string_view need, std::string_view available);
std::string state_graph_too_large(std::size_t free_variables, std::size_t limit);
/// A rule too large for the exact trap-space encoding.
std::string trap_rule_too_large(std::string_view variable);
std::string fixed_point_count_out_of_nodes();
std::string fixed_point_list_out_of_nodes();
/// A scenario (checked under UPDATE) whose question was refused for REASON.
std::string scenario_refused(std::string_view scenario, std::string_view update, std::string_view reason);
/// A screen of TOTAL conditions beyond PER_RANK on each of RANKS ranks.
std::string screen_too_large(std::uint64_t total, unsigned ranks, std::uint64_t per_rank);

// Simulation options (simulate/simulate.cpp).

std::string simulation_samples();
std::string simulation_max_time();
std::string simulation_time_tick();
std::string simulation_windows();
std::string table_engine_limit(std::size_t variables);

// Distributed runs (distributed/distributor.cpp).

/// "rank R of N": where a failure happened.
std::string mpi_rank_of(std::size_t rank, std::size_t ranks);
/// Another rank's diagnostic, its note naming the rank (WHERE from mpi_rank_of).
Diagnostic reported_by(Diagnostic d, std::string_view where);
/// Another rank's refusal (WHERE from mpi_rank_of).
std::string refused_on(std::string_view reason, std::string_view where);
/// A rank that planned another count of work items than rank 0.
Diagnostic rank_work_mismatch(std::size_t rank, std::uint64_t theirs, std::string_view what, std::uint64_t count);

// Command-line requests (cli/).

Diagnostic min_and_max();
Diagnostic negative_limit(long long limit);
/// --attractor INDEX when the conditions have COUNT attractors.
Diagnostic no_such_attractor(std::size_t index, std::size_t count);
Diagnostic diff_needs_two();
/// An output path in a format bitsig reads but does not write.
Diagnostic booleannet_read_only(std::string file);
Diagnostic maboss_read_only(std::string file);

// Warnings given while a question runs (Control::warning) and the Python module's ValueErrors.

/// A search with INPUTS free inputs, so AT_LEAST (e.g. "1,048,576" or "2^70") attractors.
std::string many_attractors(std::string_view at_least, std::size_t inputs);
/// A fix={NAME: VALUE} value other than 0 and 1.
std::string python_bad_fix(std::string_view name, int value);
/// An update= other than sync and async.
std::string python_bad_update(std::string_view update);
/// An order= other than file and boolnet.
std::string python_bad_order(std::string_view order);
}  // namespace errors

}  // namespace bitsig
