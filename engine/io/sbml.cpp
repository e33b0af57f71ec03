// SPDX-License-Identifier: MIT
// SBML-qual reader and writer over libsbml. SBML-qual (Chaouiya, Bérenguier, Keating et al.
// 2013, BMC Systems Biology 7:135) describes a logical model as qualitative species and
// transitions; a transition's function terms say which level its output takes when their
// MathML condition holds, and the default term gives the level otherwise. For Boolean
// species (maxLevel 1) this is a rule: with default 0 the rule is the disjunction of the
// conditions of the level-1 terms, with default 1 it is the negation of the disjunction of
// the level-0 terms (the specification asks terms to be mutually exclusive, so terms that
// repeat the default level add nothing).
//
// Conditions compare levels with numbers or thresholds (`A >= 1`, `A == 0`) as GINsim and
// BoolNet write them. Each comparison is translated by its truth table over the levels 0
// and 1 of the species it mentions, so every spelling of "A is on" (`A == 1`, `A >= 1`,
// `A > 0`, `A != 0`, `1 <= A`) gives the same literal and nothing depends on which tool
// wrote the file. Anything else (arithmetic, piecewise, functions) is refused at the
// function term's line and column, which libsbml records for every element it reads.
#include "io/sbml.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include <sbml/SBMLTypes.h>
#include <sbml/packages/qual/common/QualExtensionTypes.h>

#include "expr/parse.hpp"
#include "io/text_lines.hpp"

// Debian builds libsbml without its C++ namespace; with the using-directive (empty then),
// `::Name` finds libsbml's types either way.
LIBSBML_CPP_NAMESPACE_USE

namespace bitsig {

namespace {

// The infix text libsbml gives a formula, for messages that show the offending math.
std::string formula_text(const ::ASTNode* n) {
    char* text = ::SBML_formulaToL3String(n);
    if (!text) return "?";
    std::string out(text);
    std::free(text);
    return out;
}

// A comparison operand: a species' level or a number.
struct Operand {
    std::optional<VarId> var;
    double value = 0;
};

class QualReader {
public:
    QualReader(std::string_view text, const std::string& path) : text_(text), path_(path) {}

    Network read() {
        std::unique_ptr<::SBMLDocument> doc(::readSBMLFromString(std::string(text_).c_str()));
        report_read_errors(*doc);
        const ::Model* model = doc->getModel();
        if (!model) fail(nullptr, errors::sbml_no_model());
        const auto* qual = dynamic_cast<const ::QualModelPlugin*>(model->getPlugin("qual"));
        if (!qual || qual->getNumQualitativeSpecies() == 0) fail(model, errors::sbml_not_qual());

        std::string name = model->isSetId() ? model->getId() : io::file_stem(path_);
        NetworkBuilder builder(name, path_);
        if (model->isSetName() && model->getName() != name) builder.set_description(model->getName());
        builder_ = &builder;
        declare_species(*qual);
        read_transitions(*qual);
        for (const auto& [v, species] : species_) {
            if (defined_.contains(v.index)) continue;
            // A constant species is held at its initial level; any other species that no
            // transition changes keeps its value, which is what an input is, and its initial
            // level, if any, is the value it keeps (BoolNet reads it so too): the input's default.
            if (species->getConstant() && species->isSetInitialLevel()) {
                builder.set_rule(v, Expr::constant(species->getInitialLevel() == 1));
                continue;
            }
            builder.set_rule(v, Expr::variable(v));
            if (species->isSetInitialLevel()) builder.variable(v).default_value = species->getInitialLevel() == 1;
        }
        builder_ = nullptr;
        return std::move(builder).build();
    }

private:
    Location where(const ::SBase* at) const {
        return Location{path_, at ? at->getLine() : 0, at ? at->getColumn() : 0};
    }

    [[noreturn]] void fail(const ::SBase* at, std::string message) const {
        fail(at, errors::general(std::move(message)));
    }

    [[noreturn]] void fail(const ::SBase* at, Diagnostic d) const {
        const Location at_place = where(at);
        std::string source_line = at_place.line > 0 && at_place.column > 0 ? line_of(text_, at_place.line) : "";
        throw InputError(errors::placed(std::move(d), at_place, std::move(source_line)));
    }

    std::size_t last_line() const {
        std::size_t lines = static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n'));
        return text_.empty() || text_.back() == '\n' ? std::max<std::size_t>(lines, 1) : lines + 1;
    }

    void report_read_errors(const ::SBMLDocument& doc) const {
        std::vector<Diagnostic> found;
        for (unsigned i = 0; i < doc.getNumErrors(); ++i) {
            const ::SBMLError* e = doc.getError(i);
            if (!e->isError() && !e->isFatal()) continue;
            Location at{path_, e->getLine(), e->getColumn()};
            // The XML parser reports a document that ends too early one line past its end.
            if (std::size_t last = last_line(); at.line > last) {
                at.line = last;
                at.column = line_of(text_, last).size() + 1;
            }
            // libsbml's messages run over several lines with a reference to the
            // specification; the first line says what is wrong.
            std::string message = e->getMessage();
            message = message.substr(0, message.find('\n'));
            while (!message.empty() && (message.back() == ' ' || message.back() == '\r')) message.pop_back();
            found.push_back(errors::located(at, errors::invalid_sbml(message)));
        }
        if (!found.empty()) throw InputError(found);
    }

    // Variable names: the species' names when every species has one and, made into names
    // as BoolNet does (runs of other characters become '_'), they are distinct; otherwise
    // the ids. CellCollective, for one, writes ids such as `n7` and the gene in the name.
    static std::vector<std::string> names_from(const ::QualModelPlugin& qual) {
        std::vector<std::string> out;
        std::set<std::string> seen;
        for (unsigned i = 0; i < qual.getNumQualitativeSpecies(); ++i) {
            const ::QualitativeSpecies* s = qual.getQualitativeSpecies(i);
            if (!s->isSetName() || s->getName().empty()) return {};
            std::string name;
            for (char c : s->getName()) {
                bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                if (keep)
                    name += c;
                else if (name.empty() || name.back() != '_')
                    name += '_';
            }
            if (!name.empty() && std::isdigit(static_cast<unsigned char>(name[0]))) name.insert(name.begin(), '_');
            if (!is_valid_name(name) || !seen.insert(name).second) return {};
            out.push_back(std::move(name));
        }
        return out;
    }

    void declare_species(const ::QualModelPlugin& qual) {
        std::vector<std::string> names = names_from(qual);
        for (unsigned i = 0; i < qual.getNumQualitativeSpecies(); ++i) {
            const ::QualitativeSpecies* s = qual.getQualitativeSpecies(i);
            const std::string& id = s->getId();
            if (names.empty() && !is_valid_name(id)) fail(s, errors::sbml_reserved_id(id));
            if (s->isSetMaxLevel() && s->getMaxLevel() > 1) fail(s, errors::sbml_multivalued(id, s->getMaxLevel()));
            if (s->isSetInitialLevel() && (s->getInitialLevel() < 0 || s->getInitialLevel() > 1))
                fail(s, errors::sbml_initial_level(id, s->getInitialLevel()));
            if (by_id_.contains(id)) fail(s, errors::sbml_species_twice(id));
            VarId v = builder_->declare(names.empty() ? id : names[i], where(s));
            // The name is often the human spelling ("Coup-tfi") of a variable name that had
            // to be an SId.
            if (s->isSetName() && s->getName() != builder_->variable(v).name)
                builder_->variable(v).description = s->getName();
            by_id_.emplace(id, v);
            ids_.push_back(id);
            species_.emplace_back(v, s);
        }
    }

    void read_transitions(const ::QualModelPlugin& qual) {
        std::map<std::uint32_t, const ::Transition*> output_of;
        for (unsigned i = 0; i < qual.getNumTransitions(); ++i) {
            const ::Transition* t = qual.getTransition(i);
            transition_ = t;
            if (t->getNumOutputs() == 0) fail(t, errors::sbml_no_output(label(t)));
            std::vector<VarId> outputs;
            for (unsigned k = 0; k < t->getNumOutputs(); ++k) {
                const ::Output* o = t->getOutput(k);
                VarId v = species_var(o, o->getQualitativeSpecies(), "output");
                if (o->isSetTransitionEffect() &&
                    o->getTransitionEffect() != ::OUTPUT_TRANSITION_EFFECT_ASSIGNMENT_LEVEL)
                    fail(o, errors::sbml_production(name_of(v), label(t)));
                if (auto [it, fresh] = output_of.emplace(v.index, t); !fresh)
                    fail(o, errors::sbml_second_transition(name_of(v), label(t), label(it->second),
                                                           it->second->getLine()));
                const ::QualitativeSpecies* s = species_of(v);
                if (s->getConstant()) fail(o, errors::sbml_constant_output(name_of(v), label(t)));
                outputs.push_back(v);
            }
            Expr rule = rule_of(*t);
            for (VarId v : outputs) {
                builder_->set_rule(v, rule);
                defined_.insert(v.index);
            }
        }
        transition_ = nullptr;
    }

    // The rule a transition's terms define (see the top of the file).
    Expr rule_of(const ::Transition& t) {
        int fallback = 0;
        if (const ::DefaultTerm* d = t.getDefaultTerm(); d && d->isSetResultLevel()) {
            fallback = d->getResultLevel();
            if (fallback != 0 && fallback != 1) fail(d, errors::sbml_result_level(true, label(&t), fallback));
        }
        Expr e;
        std::vector<std::uint32_t> terms;
        for (unsigned i = 0; i < t.getNumFunctionTerms(); ++i) {
            const ::FunctionTerm* f = t.getFunctionTerm(i);
            term_ = f;
            int level = f->getResultLevel();
            if (level != 0 && level != 1) fail(f, errors::sbml_result_level(false, label(&t), level));
            if (!f->isSetMath()) fail(f, errors::sbml_no_math(label(&t)));
            if (level == fallback) continue;
            terms.push_back(logic(f->getMath(), e));
        }
        term_ = nullptr;
        std::uint32_t any = terms.size() == 1 ? terms[0] : e.add_operator(Op::disjunction, terms);
        if (terms.empty()) any = e.add_constant(false);
        if (fallback == 1) {
            std::uint32_t kid[1] = {any};
            any = e.add_operator(Op::negation, kid);
        }
        e.set_root(any);
        // Copying through substitute keeps only the nodes the root reaches and folds the
        // constants comparisons may produce (`A >= 0` is true).
        return substitute(e, Substitution{Subspace(species_.size())});
    }

    // A MathML condition as a node of `e`.
    std::uint32_t logic(const ::ASTNode* n, Expr& e) {
        switch (n->getType()) {
        case ::AST_LOGICAL_AND:
        case ::AST_LOGICAL_OR:
        case ::AST_LOGICAL_XOR: {
            std::vector<std::uint32_t> kids;
            for (unsigned i = 0; i < n->getNumChildren(); ++i) kids.push_back(logic(n->getChild(i), e));
            if (kids.empty()) return e.add_constant(n->getType() == ::AST_LOGICAL_AND);
            if (kids.size() == 1) return kids[0];
            Op op = n->getType() == ::AST_LOGICAL_AND  ? Op::conjunction
                    : n->getType() == ::AST_LOGICAL_OR ? Op::disjunction
                                                       : Op::exclusive_or;
            return e.add_operator(op, kids);
        }
        case ::AST_LOGICAL_NOT: {
            if (n->getNumChildren() != 1) unsupported(n, "'not' takes exactly one argument");
            std::uint32_t kid[1] = {logic(n->getChild(0), e)};
            return e.add_operator(Op::negation, kid);
        }
        case ::AST_CONSTANT_TRUE:
            return e.add_constant(true);
        case ::AST_CONSTANT_FALSE:
            return e.add_constant(false);
        case ::AST_RELATIONAL_EQ:
        case ::AST_RELATIONAL_NEQ:
        case ::AST_RELATIONAL_GEQ:
        case ::AST_RELATIONAL_GT:
        case ::AST_RELATIONAL_LEQ:
        case ::AST_RELATIONAL_LT: {
            if (n->getNumChildren() < 2) unsupported(n, "a comparison needs two arguments");
            // MathML comparisons are chains: a <= b <= c means a <= b and b <= c.
            std::vector<std::uint32_t> links;
            for (unsigned i = 0; i + 1 < n->getNumChildren(); ++i)
                links.push_back(compare(n->getType(), operand(n->getChild(i)), operand(n->getChild(i + 1)), e));
            return links.size() == 1 ? links[0] : e.add_operator(Op::conjunction, links);
        }
        case ::AST_NAME: {
            // A bare species in a logical position: "is on", as level >= 1.
            Operand o = operand(n);
            if (o.var) return e.add_variable(*o.var);
            return e.add_constant(o.value != 0);
        }
        default:
            if (n->isNumber()) return e.add_constant(n->getValue() != 0);
            unsupported(n, "expected and, or, xor, not, a comparison, true or false");
        }
    }

    Operand operand(const ::ASTNode* n) {
        if (n->getType() == ::AST_NAME) {
            std::string id = n->getName() ? n->getName() : "";
            if (auto v = by_id_.find(id); v != by_id_.end()) return Operand{v->second, 0};
            // An Input's id stands for its threshold level.
            if (transition_)
                if (const ::Input* in = transition_->getInput(id); in && in->isSetThresholdLevel())
                    return Operand{std::nullopt, static_cast<double>(in->getThresholdLevel())};
            const std::vector<std::string>& known = ids_;
            fail(term_ ? static_cast<const ::SBase*>(term_) : transition_,
                 errors::sbml_unknown_name(id, label(transition_), known));
        }
        if (n->getType() == ::AST_CONSTANT_TRUE) return Operand{std::nullopt, 1};
        if (n->getType() == ::AST_CONSTANT_FALSE) return Operand{std::nullopt, 0};
        if (n->isNumber()) return Operand{std::nullopt, n->getValue()};
        unsupported(n, "expected a species, a threshold or a number in a comparison");
    }

    // A comparison as the Boolean function of the (at most two) species it mentions,
    // built from its truth table over levels 0 and 1.
    std::uint32_t compare(::ASTNodeType_t op, const Operand& a, const Operand& b, Expr& e) {
        std::vector<VarId> vars;
        if (a.var) vars.push_back(*a.var);
        if (b.var && !(a.var && *a.var == *b.var)) vars.push_back(*b.var);
        auto holds = [&](unsigned assignment) {
            auto level = [&](const Operand& o) {
                if (!o.var) return o.value;
                std::size_t k = *o.var == vars[0] ? 0 : 1;
                return static_cast<double>((assignment >> k) & 1);
            };
            double x = level(a), y = level(b);
            switch (op) {
            case ::AST_RELATIONAL_EQ:
                return x == y;
            case ::AST_RELATIONAL_NEQ:
                return x != y;
            case ::AST_RELATIONAL_GEQ:
                return x >= y;
            case ::AST_RELATIONAL_GT:
                return x > y;
            case ::AST_RELATIONAL_LEQ:
                return x <= y;
            default:
                return x < y;
            }
        };
        std::vector<std::uint32_t> minterms;
        for (unsigned assignment = 0; assignment < (1u << vars.size()); ++assignment) {
            if (!holds(assignment)) continue;
            std::vector<std::uint32_t> literals;
            for (std::size_t k = 0; k < vars.size(); ++k) {
                std::uint32_t lit = e.add_variable(vars[k]);
                if (!((assignment >> k) & 1)) {
                    std::uint32_t kid[1] = {lit};
                    lit = e.add_operator(Op::negation, kid);
                }
                literals.push_back(lit);
            }
            if (literals.empty())
                minterms.push_back(e.add_constant(true));
            else
                minterms.push_back(literals.size() == 1 ? literals[0] : e.add_operator(Op::conjunction, literals));
        }
        if (minterms.empty()) return e.add_constant(false);
        if (minterms.size() == (1u << vars.size())) return e.add_constant(true);
        return minterms.size() == 1 ? minterms[0] : e.add_operator(Op::disjunction, minterms);
    }

    [[noreturn]] void unsupported(const ::ASTNode* n, const std::string& expected) const {
        fail(term_ ? static_cast<const ::SBase*>(term_) : transition_,
             errors::sbml_unsupported_math(formula_text(n), label(transition_), expected));
    }

    VarId species_var(const ::SBase* at, const std::string& id, const std::string& role) const {
        auto v = by_id_.find(id);
        if (v == by_id_.end()) fail(at, errors::sbml_unknown_species(id, role, label(transition_), ids_));
        return v->second;
    }

    const ::QualitativeSpecies* species_of(VarId v) const {
        return v.index < species_.size() ? species_[v.index].second : nullptr;
    }
    std::string name_of(VarId v) const { return species_[v.index].second->getId(); }  // the id: it is in the file

    static std::string label(const ::Transition* t) {
        if (!t) return "?";
        return t->isSetId() ? t->getId() : "(no id)";
    }

    std::string_view text_;
    const std::string& path_;
    NetworkBuilder* builder_ = nullptr;
    std::vector<std::pair<VarId, const ::QualitativeSpecies*>> species_;
    std::unordered_map<std::string, VarId> by_id_;  // math and transitions name species by id
    std::vector<std::string> ids_;                  // in model order, for "did you mean"
    std::set<std::uint32_t> defined_;
    const ::Transition* transition_ = nullptr;
    const ::FunctionTerm* term_ = nullptr;
};

// An SId from a model name: letters, digits and '_', not starting with a digit.
std::string as_sid(const std::string& name) {
    std::string out;
    for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
    if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(out.begin(), '_');
    return out;
}

// MathML for a rule: every variable is compared with a level, as BoolNet and GINsim do.
std::unique_ptr<::ASTNode> to_math(const Expr& e, std::uint32_t i, const std::vector<std::string>& names) {
    const ExprNode& n = e.node(i);
    auto level = [&](VarId v, long value) {
        auto cmp = std::make_unique<::ASTNode>(::AST_RELATIONAL_EQ);
        auto* name = new ::ASTNode(::AST_NAME);
        name->setName(names[v.index].c_str());
        auto* number = new ::ASTNode(::AST_INTEGER);
        number->setValue(value);
        cmp->addChild(name);
        cmp->addChild(number);
        return cmp;
    };
    switch (n.op) {
    case Op::constant:
        return std::make_unique<::ASTNode>(n.value ? ::AST_CONSTANT_TRUE : ::AST_CONSTANT_FALSE);
    case Op::variable:
        return level(n.var, 1);
    case Op::negation: {
        std::uint32_t child = e.children(i)[0];
        if (e.node(child).op == Op::variable) return level(e.node(child).var, 0);
        auto out = std::make_unique<::ASTNode>(::AST_LOGICAL_NOT);
        out->addChild(to_math(e, child, names).release());
        return out;
    }
    case Op::conjunction:
    case Op::disjunction:
    case Op::exclusive_or: {
        auto type = n.op == Op::conjunction   ? ::AST_LOGICAL_AND
                    : n.op == Op::disjunction ? ::AST_LOGICAL_OR
                                              : ::AST_LOGICAL_XOR;
        auto out = std::make_unique<::ASTNode>(type);
        for (auto c : e.children(i)) out->addChild(to_math(e, c, names).release());
        return out;
    }
    }
    return nullptr;
}

}  // namespace

Network read_sbml(std::string_view text, const std::string& path) { return QualReader(text, path).read(); }

std::string write_sbml(const Network& net) {
    ::SBMLNamespaces ns(3, 1, "qual", 1);
    ::SBMLDocument doc(&ns);
    doc.setPackageRequired("qual", true);
    ::Model* model = doc.createModel();
    model->setId(as_sid(net.model_name()));
    model->setName(net.model_name());
    ::Compartment* compartment = model->createCompartment();
    compartment->setId("default");
    compartment->setConstant(true);
    auto* qual = static_cast<::QualModelPlugin*>(model->getPlugin("qual"));

    // Species and transitions share one id space; generated ids skip any a variable took.
    std::vector<std::string> names = net.names();
    std::set<std::string> taken(names.begin(), names.end());
    taken.insert("default");
    auto fresh = [&](std::string id) {
        std::string candidate = id;
        for (int k = 2; taken.contains(candidate); ++k) candidate = id + "_" + std::to_string(k);
        taken.insert(candidate);
        return candidate;
    };

    for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
        VarId v{i};
        ::QualitativeSpecies* s = qual->createQualitativeSpecies();
        s->setId(names[i]);
        s->setCompartment("default");
        s->setMaxLevel(1);
        s->setConstant(net.is_constant(v));
        if (net.is_constant(v))
            s->setInitialLevel(net.rule(v).constant_value() ? 1 : 0);
        else if (net.variable(v).default_value)
            s->setInitialLevel(*net.variable(v).default_value ? 1 : 0);
    }
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
        VarId v{i};
        // An input with a default is a species no transition changes, at its initial level;
        // one without gets the transition `X = X`, as BoolNet writes it (BoolNet warns about a
        // species with neither a transition nor a level).
        if (net.is_constant(v) || net.variable(v).default_value) continue;
        ::Transition* t = qual->createTransition();
        t->setId(fresh("tr_" + names[i]));
        for (VarId r : net.regulators(v)) {
            ::Input* in = t->createInput();
            in->setId(fresh("tr_" + names[i] + "_in_" + names[r.index]));
            in->setQualitativeSpecies(names[r.index]);
            in->setTransitionEffect(::INPUT_TRANSITION_EFFECT_NONE);
        }
        ::Output* out = t->createOutput();
        out->setId(fresh("tr_" + names[i] + "_out"));
        out->setQualitativeSpecies(names[i]);
        out->setTransitionEffect(::OUTPUT_TRANSITION_EFFECT_ASSIGNMENT_LEVEL);
        ::DefaultTerm* fallback = t->createDefaultTerm();
        fallback->setResultLevel(0);
        ::FunctionTerm* term = t->createFunctionTerm();
        term->setResultLevel(1);
        std::unique_ptr<::ASTNode> math = to_math(net.rule(v), net.rule(v).root(), names);
        term->setMath(math.get());
    }
    ::SBMLWriter writer;
    char* text = writer.writeToString(&doc);
    std::string out(text ? text : "");
    std::free(text);
    return out;
}

}  // namespace bitsig
