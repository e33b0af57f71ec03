// SPDX-License-Identifier: MIT
// The only yaml-cpp user when reading. yaml-cpp marks are 0-based and point at the opening
// quote of a quoted scalar; they are converted to 1-based file positions here, once.
// Validation is strict because a typo in a key (`rulle:`) would otherwise silently turn a
// variable into an input and change every answer.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "expr/parse.hpp"
#include "io/yaml.hpp"

namespace bitsig {

namespace {

constexpr const char* kFormatTag = "bitsig-network/1";

class YamlReader {
public:
    YamlReader(std::string_view text, std::string path) : text_(text), path_(std::move(path)) {}

    Network read() {
        YAML::Node root;
        try {
            root = YAML::Load(std::string(text_));
        } catch (const YAML::Exception& e) {
            Diagnostic d;
            d.where = location(e.mark);
            d.message = "invalid YAML: " + e.msg;
            d.source_line = line_of(text_, d.where.line);
            throw InputError(d);
        }
        if (!root.IsMap()) fail(root, "expected a mapping with 'format', 'name' and 'variables' at the top level");
        check_keys(root, {"format", "name", "description", "references", "variables", "drugs", "contexts",
                          "readouts", "scenarios"},
                   "the top level");
        auto format = required(root, "format", "the top level");
        if (scalar(format, "format") != kFormatTag)
            fail(format, "unsupported format '" + scalar(format, "format") + "': expected '" + kFormatTag + "'");
        auto name_node = required(root, "name", "the top level");
        NetworkBuilder builder(scalar(name_node, "name"), path_);
        if (root["description"]) builder.set_description(scalar(root["description"], "description"));
        if (auto refs = root["references"]) {
            expect_map(refs, "references");
            for (auto it : refs) builder.add_reference(key_of(it), scalar(it.second, "a reference"));
        }

        auto vars = required(root, "variables", "the top level");
        expect_map(vars, "variables");
        if (vars.size() == 0) fail(vars, "'variables' is empty: expected at least one variable");
        struct PendingRule {
            VarId var;
            YAML::Node node;
        };
        std::vector<PendingRule> rules;
        for (auto it : vars) {
            std::string name = key_of(it);
            Location at = location(it.first.Mark());
            if (!is_valid_name(name)) {
                Diagnostic d = here(it.first, "invalid variable name '" + name +
                                                  "': expected letters, digits and '_', starting with a letter or '_'");
                d.span = name.size();
                throw InputError(d);
            }
            if (auto existing = builder.find(name)) {
                Diagnostic d = errors::duplicate_variable(at, name, builder.variable(*existing).where);
                d.source_line = line_of(text_, at.line);
                throw InputError(d);
            }
            VarId v = builder.declare(name, at);
            const YAML::Node& body = it.second;
            if (body.IsNull()) continue;  // `X:` alone is an input with no metadata
            expect_map(body, "variable '" + name + "'");
            check_keys(body, {"rule", "description", "refs", "module", "default", "rate_up", "rate_down"},
                       "variable '" + name + "'");
            Variable& var = builder.variable(v);
            if (body["description"]) var.description = scalar(body["description"], "description");
            if (body["module"]) var.module = scalar(body["module"], "module");
            if (body["refs"]) var.refs = string_list(body["refs"], "refs");
            if (body["rule"]) rules.push_back({v, body["rule"]});
            if (body["default"]) var.default_value = boolean(body["default"], "default");
            if (body["rate_up"]) var.rate_up = rate(body["rate_up"], "rate_up");
            if (body["rate_down"]) var.rate_down = rate(body["rate_down"], "rate_down");
        }

        NameResolver resolve = [&](std::string_view n) { return builder.find(n); };
        auto known = builder.names();
        for (auto& r : rules) {
            const std::string& owner = builder.variable(r.var).name;
            ParsedRule parsed = parse_scalar_rule(r.node, resolve);
            for (auto& u : parsed.unresolved) {
                Diagnostic d = errors::unknown_variable(u.where, u.name, owner, known);
                d.source_line = line_of(text_, u.where.line);
                collected_.push_back(d);
            }
            // A rule that is exactly the variable itself is an input, as in .bnet.
            builder.set_rule(r.var, std::move(parsed.expr));
        }
        for (auto& r : rules) {
            Variable& var = builder.variable(r.var);
            if (var.default_value && !var.rule.is_variable(r.var))
                collected_.push_back(here(r.node, "'default' is only allowed on inputs, and '" + var.name +
                                                      "' has a rule; remove the rule or the default"));
        }

        if (auto drugs = root["drugs"]) read_drugs(drugs, builder);
        if (auto contexts = root["contexts"]) read_contexts(contexts, builder);
        if (auto readouts = root["readouts"]) read_readouts(readouts, builder);
        if (auto scenarios = root["scenarios"]) read_scenarios(scenarios, builder);

        if (!collected_.empty()) throw InputError(collected_);
        return std::move(builder).build();
    }

private:
    Location location(const YAML::Mark& m) const {
        if (m.line < 0) return Location{path_, 0, 0};
        return Location{path_, static_cast<std::size_t>(m.line) + 1, static_cast<std::size_t>(m.column) + 1};
    }

    Diagnostic here(const YAML::Node& n, std::string message) const {
        Diagnostic d;
        d.where = location(n.Mark());
        d.message = std::move(message);
        d.source_line = line_of(text_, d.where.line);
        return d;
    }

    [[noreturn]] void fail(const YAML::Node& n, std::string message) const { throw InputError(here(n, std::move(message))); }

    void expect_map(const YAML::Node& n, const std::string& what) const {
        if (!n.IsMap()) fail(n, "expected a mapping for " + what);
    }

    // A simulation rate (MaBoSS semantics): a finite number >= 0.
    double rate(const YAML::Node& n, const std::string& what) const {
        std::string text = scalar(n, what);
        double value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0)
            fail(n, "expected a rate (a number >= 0) for '" + what + "', found '" + text + "'");
        return value;
    }

    std::string key_of(const YAML::const_iterator::value_type& it) const {
        if (!it.first.IsScalar()) fail(it.first, "expected a plain name as key");
        return it.first.Scalar();
    }

    std::string scalar(const YAML::Node& n, const std::string& what) const {
        if (!n.IsScalar()) fail(n, "expected a single value for '" + what + "'");
        return n.Scalar();
    }

    bool boolean(const YAML::Node& n, const std::string& what) const {
        std::string s = scalar(n, what);
        if (s == "1" || s == "true" || s == "True" || s == "on") return true;
        if (s == "0" || s == "false" || s == "False" || s == "off") return false;
        fail(n, "expected 0 or 1 for '" + what + "', found '" + s + "'");
    }

    std::vector<std::string> string_list(const YAML::Node& n, const std::string& what) const {
        if (n.IsScalar()) return {n.Scalar()};
        if (!n.IsSequence()) fail(n, "expected a list for '" + what + "'");
        std::vector<std::string> out;
        for (const auto& item : n) out.push_back(scalar(item, what));
        return out;
    }

    YAML::Node required(const YAML::Node& parent, const std::string& key, const std::string& where) const {
        if (!parent[key]) fail(parent, "missing '" + key + "' in " + where);
        return parent[key];
    }

    void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, const std::string& where) {
        std::set<std::string> seen;
        for (auto it : map) {
            std::string k = key_of(it);
            if (!seen.insert(k).second) fail(it.first, "'" + k + "' appears twice in " + where);
            if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
                Diagnostic d = here(it.first, "unknown key '" + k + "' in " + where);
                d.note = did_you_mean(k, allowed);
                if (d.note.empty()) {
                    std::string list;
                    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
                    d.note = "expected one of: " + list;
                }
                d.span = k.size();
                throw InputError(d);
            }
        }
    }

    // Maps the scalar's position to the file so rule errors point at the right column.
    ParsedRule parse_scalar_rule(const YAML::Node& n, const NameResolver& resolve) const {
        std::string text = scalar(n, "rule");
        Location at = location(n.Mark());
        std::string src_line = line_of(text_, at.line);
        std::size_t col = at.column;
        if (col >= 1 && col <= src_line.size()) {
            char c = src_line[col - 1];
            if (c == '"' || c == '\'') {
                ++col;
            } else if (c == '|' || c == '>') {
                // Block scalar: the text starts on the next line, after indentation.
                at.line += 1;
                src_line = line_of(text_, at.line);
                col = src_line.find_first_not_of(' ') + 1;
            }
        }
        at.column = col;
        return parse_rule(text, RuleSource{at, src_line}, resolve);
    }

    std::vector<Fix> fixes(const YAML::Node& n, NetworkBuilder& b, const std::string& what) {
        expect_map(n, what);
        std::vector<Fix> out;
        for (auto it : n) {
            std::string name = key_of(it);
            auto v = b.find(name);
            if (!v) {
                Diagnostic d = here(it.first, "unknown variable '" + name + "' in " + what);
                d.note = did_you_mean(name, b.names());
                d.span = name.size();
                collected_.push_back(d);
                continue;
            }
            out.push_back({*v, boolean(it.second, name)});
        }
        return out;
    }

    void read_drugs(const YAML::Node& drugs, NetworkBuilder& b) {
        expect_map(drugs, "drugs");
        std::set<std::string> names;
        for (auto it : drugs) {
            Drug d;
            d.name = key_of(it);
            if (!names.insert(d.name).second) fail(it.first, "drug '" + d.name + "' is defined twice");
            std::string what = "drug '" + d.name + "'";
            expect_map(it.second, what);
            check_keys(it.second, {"description", "aliases", "sets", "refs"}, what);
            if (it.second["description"]) d.description = scalar(it.second["description"], "description");
            if (it.second["aliases"]) d.aliases = string_list(it.second["aliases"], "aliases");
            if (it.second["refs"]) d.refs = string_list(it.second["refs"], "refs");
            d.sets = fixes(required(it.second, "sets", what), b, "'sets' of " + what);
            for (const auto& a : d.aliases)
                if (!names.insert(a).second) fail(it.second["aliases"], "drug alias '" + a + "' is already a drug name or alias");
            b.add_drug(std::move(d));
        }
    }

    void read_contexts(const YAML::Node& contexts, NetworkBuilder& b) {
        expect_map(contexts, "contexts");
        std::set<std::string> names;
        for (auto it : contexts) {
            Context c;
            c.name = key_of(it);
            if (!names.insert(c.name).second) fail(it.first, "context '" + c.name + "' is defined twice");
            std::string what = "context '" + c.name + "'";
            expect_map(it.second, what);
            check_keys(it.second, {"description", "sets", "refs"}, what);
            if (it.second["description"]) c.description = scalar(it.second["description"], "description");
            if (it.second["refs"]) c.refs = string_list(it.second["refs"], "refs");
            c.sets = fixes(required(it.second, "sets", what), b, "'sets' of " + what);
            b.add_context(std::move(c));
        }
    }

    void read_readouts(const YAML::Node& readouts, NetworkBuilder& b) {
        expect_map(readouts, "readouts");
        NameResolver resolve = [&](std::string_view n) { return b.find(n); };
        std::set<std::string> names;
        for (auto it : readouts) {
            Readout r;
            r.name = key_of(it);
            if (!names.insert(r.name).second) fail(it.first, "readout '" + r.name + "' is defined twice");
            std::string what = "readout '" + r.name + "'";
            const YAML::Node* rule_node = &it.second;
            YAML::Node body = it.second;
            if (body.IsMap()) {
                check_keys(body, {"rule", "description"}, what);
                if (body["description"]) r.description = scalar(body["description"], "description");
                body = required(body, "rule", what);
                rule_node = &body;
            }
            r.rule_text = scalar(*rule_node, "rule");
            ParsedRule parsed = parse_scalar_rule(*rule_node, resolve);
            for (auto& u : parsed.unresolved) {
                Diagnostic d = errors::unknown_variable(u.where, u.name, "readout " + r.name, b.names());
                d.message = "unknown variable '" + u.name + "' in readout '" + r.name + "'";
                d.source_line = line_of(text_, u.where.line);
                collected_.push_back(d);
            }
            r.rule = std::move(parsed.expr);
            b.add_readout(std::move(r));
        }
        readout_names_.assign(names.begin(), names.end());
    }

    void read_scenarios(const YAML::Node& scenarios, NetworkBuilder& b) {
        expect_map(scenarios, "scenarios");
        std::set<std::string> names;
        for (auto it : scenarios) {
            Scenario s;
            s.name = key_of(it);
            if (!names.insert(s.name).second) fail(it.first, "scenario '" + s.name + "' is defined twice");
            std::string what = "scenario '" + s.name + "'";
            expect_map(it.second, what);
            const YAML::Node& body = it.second;
            check_keys(body, {"claim", "description", "drugs", "contexts", "fix", "update", "expect", "expect_some",
                              "expect_probability", "from", "initial", "steps", "known_disagreement"},
                       what);
            if (body["claim"]) s.claim = scalar(body["claim"], "claim");
            if (body["description"]) s.description = scalar(body["description"], "description");
            if (body["known_disagreement"]) s.known_disagreement = scalar(body["known_disagreement"], "known_disagreement");
            ScenarioStep own = read_step_conditions(body, b, what);
            s.drugs = own.drugs;
            s.contexts = own.contexts;
            s.fixes = own.fixes;
            if (body["update"]) {
                std::string u = scalar(body["update"], "update");
                if (u == "any") s.update = ScenarioUpdate::any;
                else if (u == "sync" || u == "synchronous") s.update = ScenarioUpdate::synchronous;
                else if (u == "async" || u == "asynchronous") s.update = ScenarioUpdate::asynchronous;
                else fail(body["update"], "expected 'any', 'sync' or 'async' for 'update', found '" + u + "'");
            }
            read_history(body, b, what, s);
            if (body["expect"]) read_expectations(body["expect"], ExpectationKind::all, "expect", b, what, s);
            if (body["expect_some"]) read_expectations(body["expect_some"], ExpectationKind::some, "expect_some", b, what, s);
            if (body["expect_probability"]) {
                if (!s.from && s.initial.empty())
                    fail(body["expect_probability"], "'expect_probability' of " + what +
                                                         " needs a start: add 'from' (conditions) or 'initial' (a state)");
                read_expectations(body["expect_probability"], ExpectationKind::at_least, "expect_probability", b, what, s);
            }
            b.add_scenario(std::move(s));
        }
    }

    // drugs / contexts / fix of a mapping (a scenario, its `from`, or one of its `steps`).
    ScenarioStep read_step_conditions(const YAML::Node& body, NetworkBuilder& b, const std::string& what) {
        ScenarioStep step;
        if (body["drugs"]) {
            step.drugs = string_list(body["drugs"], "drugs");
            check_names(body["drugs"], step.drugs, drug_names_, "drug", what);
        }
        if (body["contexts"]) {
            step.contexts = string_list(body["contexts"], "contexts");
            check_names(body["contexts"], step.contexts, context_names_, "context", what);
        }
        if (body["fix"]) step.fixes = fixes(body["fix"], b, "'fix' of " + what);
        return step;
    }

    // from / initial / steps.
    void read_history(const YAML::Node& body, NetworkBuilder& b, const std::string& what, Scenario& s) {
        if (body["from"]) {
            const YAML::Node& from = body["from"];
            std::string where = "'from' of " + what;
            expect_map(from, where);
            check_keys(from, {"drugs", "contexts", "fix"}, where);
            s.from = read_step_conditions(from, b, where);
        }
        if (body["initial"]) {
            const YAML::Node& initial = body["initial"];
            if (body["from"])
                fail(initial, "'from' and 'initial' both give the start of " + what + "; use one of them");
            s.initial = scalar(initial, "initial");
            check_initial_state(initial, s.initial, b, what);
        }
        if (body["steps"]) {
            const YAML::Node& steps = body["steps"];
            if (body["drugs"] || body["contexts"] || body["fix"])
                fail(steps, what + " has both its own drugs/contexts/fix and 'steps'; put the first step in 'steps'");
            if (!steps.IsSequence() || steps.size() == 0)
                fail(steps, "expected a list of steps (each with drugs, contexts, fix) for 'steps' of " + what);
            for (std::size_t i = 0; i < steps.size(); ++i) {
                std::string where = "step " + std::to_string(i + 1) + " of " + what;
                const YAML::Node& step = steps[i];
                if (step.IsNull()) {
                    s.steps.push_back({});
                    continue;
                }
                expect_map(step, where);
                check_keys(step, {"drugs", "contexts", "fix"}, where);
                s.steps.push_back(read_step_conditions(step, b, where));
            }
        }
    }

    // The same shapes `bitsig respond --initial` accepts, checked here so the error points
    // into the file.
    void check_initial_state(const YAML::Node& n, const std::string& text, NetworkBuilder& b, const std::string& what) {
        if (text.find('=') == std::string::npos) {
            for (char c : text)
                if (c != '0' && c != '1')
                    fail(n, std::string("'initial' of ") + what + ": character '" + c + "' is not 0 or 1");
            if (text.size() != b.num_vars())
                fail(n, "'initial' of " + what + " has " + std::to_string(text.size()) + " characters but the model has " +
                            std::to_string(b.num_vars()) + " variables");
            return;
        }
        std::string word;
        std::vector<std::string> words;
        for (char c : text + " ") {
            if (c == ' ' || c == ',' || c == '\t') {
                if (!word.empty()) words.push_back(word);
                word.clear();
            } else {
                word += c;
            }
        }
        for (const auto& w : words) {
            auto eq = w.find('=');
            std::string name = w.substr(0, eq);
            std::string value = eq == std::string::npos ? "" : w.substr(eq + 1);
            if (eq == std::string::npos || (value != "0" && value != "1"))
                fail(n, "'initial' of " + what + " expects NAME=0 or NAME=1, got '" + w + "'");
            if (!b.find(name)) {
                Diagnostic d = here(n, "unknown variable '" + name + "' in 'initial' of " + what);
                d.note = did_you_mean(name, b.names());
                collected_.push_back(d);
            }
        }
    }

    void read_expectations(const YAML::Node& ex, ExpectationKind kind, const std::string& key, NetworkBuilder& b,
                           const std::string& what, Scenario& s) {
        expect_map(ex, "'" + key + "' of " + what);
        for (auto e : ex) {
            std::string name = key_of(e);
            bool is_readout = std::find(readout_names_.begin(), readout_names_.end(), name) != readout_names_.end();
            if (!is_readout && !b.find(name)) {
                Diagnostic d = here(e.first, "unknown readout or variable '" + name + "' in '" + key + "' of " + what);
                auto candidates = b.names();
                candidates.insert(candidates.end(), readout_names_.begin(), readout_names_.end());
                d.note = did_you_mean(name, candidates);
                d.span = name.size();
                collected_.push_back(d);
                continue;
            }
            if (kind != ExpectationKind::at_least) {
                s.expect.push_back({name, boolean(e.second, name), kind, 0});
                continue;
            }
            // expect_probability: {NAME: {at_least: p, at_most: q}}
            std::string where = "'" + key + "' of " + name;
            expect_map(e.second, where);
            check_keys(e.second, {"at_least", "at_most"}, where);
            if (e.second.size() == 0) fail(e.second, "expected 'at_least' or 'at_most' in " + where);
            for (auto bound : e.second) {
                std::string which = key_of(bound);
                s.expect.push_back({name, true, which == "at_least" ? ExpectationKind::at_least : ExpectationKind::at_most,
                                    probability(bound.second, which)});
            }
        }
    }

    double probability(const YAML::Node& n, const std::string& what) const {
        std::string text = scalar(n, what);
        try {
            std::size_t used = 0;
            double p = std::stod(text, &used);
            if (used == text.size() && p >= 0 && p <= 1) return p;
        } catch (const std::exception&) {
        }
        fail(n, "expected a probability between 0 and 1 for '" + what + "', found '" + text + "'");
    }

    void check_names(const YAML::Node& n, const std::vector<std::string>& used, const std::vector<std::string>& known,
                     const std::string& kind, const std::string& what) {
        for (std::size_t i = 0; i < used.size(); ++i) {
            const std::string& u = used[i];
            if (std::find(known.begin(), known.end(), u) != known.end()) continue;
            // Point at the name itself, not at the list that holds it.
            Diagnostic d = here(n.IsSequence() ? n[i] : n, "unknown " + kind + " '" + u + "' in " + what);
            d.span = u.size();
            if (d.where.column >= 1 && d.where.column <= d.source_line.size() &&
                (d.source_line[d.where.column - 1] == '"' || d.source_line[d.where.column - 1] == '\''))
                ++d.where.column;  // yaml-cpp marks a quoted scalar at its opening quote
            d.note = did_you_mean(u, known);
            if (d.note.empty() && !known.empty()) {
                std::string list;
                for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
                d.note = "known " + kind + "s: " + list;
            }
            collected_.push_back(d);
        }
    }

public:
    void remember_names(const YAML::Node& root) {
        if (auto d = root["drugs"]; d && d.IsMap())
            for (auto it : d) {
                if (!it.first.IsScalar()) continue;
                drug_names_.push_back(it.first.Scalar());
                if (it.second.IsMap() && it.second["aliases"]) {
                    const auto& a = it.second["aliases"];
                    if (a.IsScalar()) drug_names_.push_back(a.Scalar());
                    else if (a.IsSequence())
                        for (const auto& x : a)
                            if (x.IsScalar()) drug_names_.push_back(x.Scalar());
                }
            }
        if (auto c = root["contexts"]; c && c.IsMap())
            for (auto it : c)
                if (it.first.IsScalar()) context_names_.push_back(it.first.Scalar());
    }

private:
    std::string_view text_;
    std::string path_;
    std::vector<Diagnostic> collected_;
    std::vector<std::string> readout_names_;
    std::vector<std::string> drug_names_;
    std::vector<std::string> context_names_;
};

}  // namespace

Network read_yaml(std::string_view text, const std::string& path) {
    YamlReader reader(text, path);
    try {
        YAML::Node root = YAML::Load(std::string(text));
        if (root.IsMap()) reader.remember_names(root);
    } catch (const YAML::Exception&) {
        // reported with its position by read()
    }
    return reader.read();
}

}  // namespace bitsig
