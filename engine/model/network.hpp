// SPDX-License-Identifier: MIT
// A Boolean network: variables in model order, each with a rule, plus the annotations a
// modeller attaches (drugs, contexts, readouts, scenarios). Immutable once built:
// perturbations and reductions return new networks (see perturb/ and analysis/).
//
// The network proper (variables and rules) and the annotated model are two things: a
// perturbation changes rules, never annotations, and a screen makes one network per
// condition. So the annotations live in one immutable Annotations object that every copy
// points to (a shared_ptr to const), and Network keeps forwarding accessors (drugs(),
// readouts(), ...). We chose this over a Model class owning a Network because every
// analysis, reader and front end takes a Network and reads both halves: the split changes
// what a copy costs without changing a single call site.
//
// Invariants: names are unique and valid; every VarId in a rule is < num_vars(); an input
// is a variable whose rule is exactly itself; `default_value` is set only on inputs.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "expr/expr.hpp"

namespace bitsig {

struct Variable {
    std::string name;
    Expr rule;
    std::string description;
    std::vector<std::string> refs;
    std::string module;
    std::optional<bool> default_value;  // inputs only: held at this unless inputs are freed
    Location where;                     // where the variable was defined
    // Stochastic simulation (MaBoSS semantics): the rate of turning on when the rule is 1,
    // of turning off when it is 0. Unset means 1; other analyses ignore them.
    std::optional<double> rate_up;
    std::optional<double> rate_down;
};

/// One variable held at a value (a knockout is {v, false}).
struct Fix {
    VarId var;
    bool value = false;
    auto operator<=>(const Fix&) const = default;
};

/// A named treatment: switching it on applies its fixes (usually a drug input set to 1).
struct Drug {
    std::string name;
    std::vector<std::string> aliases;
    std::string description;
    std::vector<Fix> sets;
    std::vector<std::string> refs;
};

/// A named mutation or background (e.g. pten_loss): a set of fixes.
struct Context {
    std::string name;
    std::string description;
    std::vector<Fix> sets;
    std::vector<std::string> refs;
};

/// A phenotype computed from a state (e.g. Proliferation = CDK2 & !P27).
struct Readout {
    std::string name;
    Expr rule;
    std::string rule_text;
    std::string description;
};

enum class ScenarioUpdate { any, synchronous, asynchronous };

/// How an expectation quantifies over the attractors a scenario reaches.
enum class ExpectationKind {
    all,       // `expect`: the value in every attractor
    some,      // `expect_some`: the value in at least one attractor
    at_least,  // `expect_probability: {X: {at_least: p}}`: P(X on) >= p from every start
    at_most,   // `expect_probability: {X: {at_most: p}}`: P(X on) <= p from every start
};

/// An expected value of a readout or variable over the attractors of a scenario.
struct Expectation {
    std::string name;  // a readout or a variable
    bool value = false;
    ExpectationKind kind = ExpectationKind::all;
    double probability = 0;  // at_least / at_most only
};

/// Conditions of one stage of a scenario with history (names as in the file).
struct ScenarioStep {
    std::vector<std::string> drugs;
    std::vector<std::string> contexts;
    std::vector<Fix> fixes;
};

/// A scenario's `simulate:` block: MaBoSS's stochastic process under the scenario's
/// conditions (from `initial` if given), and bounds on the probability that a readout or
/// variable is on at max_time (expectations of kind at_least / at_most).
struct ScenarioSimulation {
    std::uint64_t samples = 10'000;
    double max_time = 10;
    std::uint64_t seed = 1;
    std::vector<Expectation> expect;
};

struct Scenario {
    std::string name;
    std::string claim;
    std::string description;
    std::vector<std::string> drugs;
    std::vector<std::string> contexts;
    std::vector<Fix> fixes;
    ScenarioUpdate update = ScenarioUpdate::any;
    std::vector<Expectation> expect;
    std::string known_disagreement;
    // History (see `bitsig respond`): start in the attractors of `from` (or at `initial`),
    // then apply `steps` in turn; without `steps`, the scenario's own drugs/contexts/fix are
    // the one step. Expectations then speak of the attractors reached.
    std::optional<ScenarioStep> from;
    std::string initial;  // a 0/1 state string or "X=1 Y=0"
    std::vector<ScenarioStep> steps;
    std::optional<ScenarioSimulation> simulation;
    bool has_history() const { return from.has_value() || !initial.empty() || !steps.empty(); }
};

/// What a modeller attaches to a network besides its rules. Shared, immutable, by every
/// network derived from the one that was read (perturbed networks included).
struct Annotations {
    std::string model_name;
    std::string description;
    std::string source_file;
    std::map<std::string, std::string> references;
    std::vector<Drug> drugs;
    std::vector<Context> contexts;
    std::vector<Readout> readouts;
    std::vector<Scenario> scenarios;
    std::vector<Diagnostic> warnings;  // what the reader let pass (Severity::warning)
};

class Network {
public:
    Network() = default;

    std::size_t num_vars() const { return variables_.size(); }
    const Variable& variable(VarId v) const { return variables_[v.index]; }
    const std::string& name(VarId v) const { return variables_[v.index].name; }
    const Expr& rule(VarId v) const { return variables_[v.index].rule; }
    const std::vector<Variable>& variables() const { return variables_; }
    std::vector<std::string> names() const;
    std::optional<VarId> find(std::string_view name) const;

    /// Input: the rule is the variable itself, so it keeps its value.
    bool is_input(VarId v) const { return rule(v).is_variable(v); }
    /// Constant: the rule is 0 or 1; the variable is held at that value.
    bool is_constant(VarId v) const { return rule(v).is_constant(); }

    /// Regulators of v: the variables its rule mentions (excluding nothing).
    std::vector<VarId> regulators(VarId v) const { return rule(v).support(); }

    /// The annotated model's half; the same object for every network derived from this one.
    const Annotations& annotations() const;
    /// The shared pointer itself, so tests and callers can see that copies share it.
    const std::shared_ptr<const Annotations>& shared_annotations() const { return annotations_; }
    const std::string& model_name() const { return annotations().model_name; }
    const std::string& description() const { return annotations().description; }
    const std::string& source_file() const { return annotations().source_file; }
    const std::map<std::string, std::string>& references() const { return annotations().references; }
    const std::vector<Drug>& drugs() const { return annotations().drugs; }
    const std::vector<Context>& contexts() const { return annotations().contexts; }
    const std::vector<Readout>& readouts() const { return annotations().readouts; }
    const std::vector<Scenario>& scenarios() const { return annotations().scenarios; }
    const std::vector<Diagnostic>& warnings() const { return annotations().warnings; }

    const Drug* find_drug(std::string_view name_or_alias) const;
    const Context* find_context(std::string_view name) const;
    const Scenario* find_scenario(std::string_view name) const;

    /// The same network with only some rules replaced (one copy of the rest). Used by
    /// perturbations: annotations stay meaningful because VarIds do not change.
    Network with_rules_replaced(std::vector<std::pair<VarId, Expr>> changes) const;

private:
    friend class NetworkBuilder;
    std::vector<Variable> variables_;
    // Shared between copies: perturbations copy networks (a screen, once per condition)
    // and never rename variables, so the name index is built once, by NetworkBuilder.
    std::shared_ptr<std::unordered_map<std::string, VarId>> index_;
    std::shared_ptr<const Annotations> annotations_;  // null only in a default Network
};

/// Assembles a Network; readers use it, so validation lives in one place.
class NetworkBuilder {
public:
    explicit NetworkBuilder(std::string model_name, std::string source_file = {});
    void set_description(std::string d) { annotations_.description = std::move(d); }
    void add_reference(std::string key, std::string citation) {
        annotations_.references[std::move(key)] = std::move(citation);
    }
    /// Declares a variable (rule set later). Throws InputError on a duplicate name.
    VarId declare(std::string name, Location where = {});
    std::optional<VarId> find(std::string_view name) const { return net_.find(name); }
    std::size_t num_vars() const { return net_.variables_.size(); }
    Variable& variable(VarId v) { return net_.variables_[v.index]; }
    void set_rule(VarId v, Expr rule) { net_.variables_[v.index].rule = std::move(rule); }
    void add_drug(Drug d) { annotations_.drugs.push_back(std::move(d)); }
    void add_context(Context c) { annotations_.contexts.push_back(std::move(c)); }
    void add_readout(Readout r) { annotations_.readouts.push_back(std::move(r)); }
    void add_scenario(Scenario s) { annotations_.scenarios.push_back(std::move(s)); }
    void warn(Diagnostic w) { annotations_.warnings.push_back(std::move(w)); }
    std::vector<std::string> names() const { return net_.names(); }
    /// Finishes the network; throws InputError if it has no variables.
    Network build() &&;

private:
    Network net_;
    Annotations annotations_;  // frozen into the network by build()
};

}  // namespace bitsig
