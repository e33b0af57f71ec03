// SPDX-License-Identifier: MIT
// MaBoSS .bnd/.cfg reader. Both files share one expression language (C-like: `?:`, then
// XOR, OR, AND, equality, relations, + -, * /, unary ! NOT - +), which is parsed into a
// small tree here. Logic becomes a bitsig rule (`c ? a : b` as (c & a) | (!c & b)); a rate
// becomes the rate cases of simulate/stochastic_model.hpp by evaluating it in every
// assignment of the atoms it reads (nodes and @logic, at most 12 of them): the cases are
// the distinct non-zero values, each with the set of assignments that give it. That
// covers MaBoSS's usual `@logic ? $u : 0` (one case) and any state-dependent rate
// exactly, without a separate arithmetic engine at simulation time.
#include "io/maboss.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "expr/parse.hpp"
#include "io/text_lines.hpp"

namespace bitsig {

namespace {

enum class T { ident, variable, alias, number, string, punct, end };

struct Token {
    T kind = T::end;
    std::string text;  // identifier/variable/alias name without sigil, punctuation, string body
    double number = 0;
    Location at;
    std::size_t length = 1;
};

class Lexer {
public:
    Lexer(std::string_view text, std::string path) : text_(text), path_(std::move(path)) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        for (;;) {
            skip_blank();
            Token t;
            t.at = here();
            if (pos_ >= text_.size()) {
                out.push_back(t);
                return out;
            }
            const std::size_t start = pos_;
            char c = text_[pos_];
            auto name_char = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
            if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                while (pos_ < text_.size() && name_char(text_[pos_])) ++pos_;
                t.kind = T::ident;
                t.text = std::string(text_.substr(start, pos_ - start));
            } else if ((c == '$' || c == '@') && pos_ + 1 < text_.size() && name_char(text_[pos_ + 1])) {
                ++pos_;
                while (pos_ < text_.size() && name_char(text_[pos_])) ++pos_;
                t.kind = c == '$' ? T::variable : T::alias;
                t.text = std::string(text_.substr(start + 1, pos_ - start - 1));
            } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                       (c == '.' && pos_ + 1 < text_.size() &&
                        std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])))) {
                const char* first = text_.data() + pos_;
                auto [end, ec] = std::from_chars(first, text_.data() + text_.size(), t.number);
                if (ec != std::errc()) fail(t.at, errors::invalid_number(), 1);
                pos_ += static_cast<std::size_t>(end - first);
                t.kind = T::number;
                t.text = std::string(text_.substr(start, pos_ - start));
            } else if (c == '"') {
                std::size_t close = text_.find('"', pos_ + 1);
                if (close == std::string_view::npos) fail(t.at, errors::unterminated_string(), 1);
                t.kind = T::string;
                t.text = std::string(text_.substr(pos_ + 1, close - pos_ - 1));
                for (std::size_t i = pos_; i < close; ++i)
                    if (text_[i] == '\n') newline_at(i);  // later tokens keep their true lines
                pos_ = close + 1;
            } else {
                static const char* two[] = {"&&", "||", "==", "!=", "<=", ">="};
                t.kind = T::punct;
                for (const char* p : two)
                    if (text_.substr(pos_, 2) == p) t.text = p;
                if (t.text.empty()) {
                    if (std::string_view("{}()[];=:,?+-*/<>!&|^.#").find(c) == std::string_view::npos)
                        fail(t.at, errors::unexpected_character(c), 1);
                    t.text = std::string(1, c);
                }
                pos_ += t.text.size();
            }
            t.length = pos_ - start;
            out.push_back(std::move(t));
        }
    }

private:
    Location here() const { return {path_, line_, pos_ - line_start_ + 1}; }

    [[noreturn]] void fail(Location at, std::string message, std::size_t span) const {
        std::string source_line = line_of(text_, at.line);
        throw InputError(errors::located(std::move(at), std::move(message), std::move(source_line), span));
    }

    void newline_at(std::size_t i) {
        ++line_;
        line_start_ = i + 1;
    }

    void skip_blank() {
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c == '\n') {
                newline_at(pos_);
                ++pos_;
            } else if (std::isspace(static_cast<unsigned char>(c))) {
                ++pos_;
            } else if (text_.substr(pos_, 2) == "//") {
                while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
            } else if (text_.substr(pos_, 2) == "/*") {
                Location at = here();
                std::size_t close = text_.find("*/", pos_ + 2);
                if (close == std::string_view::npos) fail(at, errors::unterminated_comment(), 2);
                for (std::size_t i = pos_; i < close; ++i)
                    if (text_[i] == '\n') newline_at(i);
                pos_ = close + 2;
            } else {
                return;
            }
        }
    }

    std::string_view text_;
    std::string path_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t line_start_ = 0;
};

// Expression trees of the MaBoSS language.
enum class K {
    number,
    param,
    node,
    alias,
    negate,
    lnot,
    mul,
    div,
    add,
    sub,
    lt,
    gt,
    le,
    ge,
    eq,
    ne,
    land,
    lor,
    lxor,
    cond
};

struct Ast {
    K kind = K::number;
    double value = 0;
    std::string name;
    Location at;
    std::size_t length = 1;
    std::vector<int> kids;
};

class Parser {
public:
    Parser(std::vector<Token> tokens, std::string_view text, std::vector<Ast>& arena)
        : toks_(std::move(tokens)), text_(text), arena_(arena) {}

    const Token& peek(std::size_t ahead = 0) const { return toks_[std::min(i_ + ahead, toks_.size() - 1)]; }
    const Token& take() { return toks_[std::min(i_++, toks_.size() - 1)]; }
    bool at_end() const { return peek().kind == T::end; }
    bool is(std::string_view p, std::size_t ahead = 0) const {
        return peek(ahead).kind == T::punct && peek(ahead).text == p;
    }
    bool word(std::string_view w) const {
        if (peek().kind != T::ident) return false;
        std::string lower = peek().text;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return lower == w && (peek().text == lower || peek().text == upper(w));
    }
    static std::string upper(std::string_view w) {
        std::string u(w);
        for (auto& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return u;
    }

    [[noreturn]] void fail_at(const Token& t, std::string message) const {
        throw InputError(
            errors::located(t.at, std::move(message), line_of(text_, t.at.line), t.kind == T::end ? 1 : t.length));
    }
    std::string describe(const Token& t) const {
        switch (t.kind) {
        case T::end:
            return "the end of the file";
        case T::variable:
            return "'$" + t.text + "'";
        case T::alias:
            return "'@" + t.text + "'";
        case T::string:
            return "a string";
        default:
            return "'" + t.text + "'";
        }
    }
    void expect(std::string_view p, std::string_view context) {
        if (!is(p)) fail_at(peek(), errors::expected_token(p, context, describe(peek())));
        take();
    }

    int add(Ast a) {
        arena_.push_back(std::move(a));
        return static_cast<int>(arena_.size() - 1);
    }
    int node(K k, const Token& at, std::vector<int> kids) {
        Ast a;
        a.kind = k;
        a.at = at.at;
        a.length = at.length;
        a.kids = std::move(kids);
        return add(std::move(a));
    }

    int expression() { return conditional(); }

private:
    int conditional() {
        int c = binary_level(0);
        if (!is("?")) return c;
        const Token& q = take();
        int a = expression();
        expect(":", "in 'condition ? value : value'");
        int b = conditional();
        return node(K::cond, q, {c, a, b});
    }

    // Levels, loosest first: xor, or, and, equality, relational, additive, multiplicative.
    bool level_op(int level, K& kind) const {
        const Token& t = peek();
        auto w = [&](std::string_view s) { return word(s); };
        switch (level) {
        case 0:
            if (is("^") || w("xor")) return kind = K::lxor, true;
            return false;
        case 1:
            if (is("|") || is("||") || w("or")) return kind = K::lor, true;
            return false;
        case 2:
            if (is("&") || is("&&") || w("and")) return kind = K::land, true;
            return false;
        case 3:
            if (is("==")) return kind = K::eq, true;
            if (is("!=")) return kind = K::ne, true;
            return false;
        case 4:
            if (is("<")) return kind = K::lt, true;
            if (is(">")) return kind = K::gt, true;
            if (is("<=")) return kind = K::le, true;
            if (is(">=")) return kind = K::ge, true;
            return false;
        case 5:
            if (is("+")) return kind = K::add, true;
            if (is("-")) return kind = K::sub, true;
            return false;
        case 6:
            if (is("*")) return kind = K::mul, true;
            if (is("/")) return kind = K::div, true;
            return false;
        default:
            (void)t;
            return false;
        }
    }

    int binary_level(int level) {
        if (level == 7) return unary();
        int left = binary_level(level + 1);
        K kind;
        while (level_op(level, kind)) {
            const Token& op = take();
            int right = binary_level(level + 1);
            left = node(kind, op, {left, right});
        }
        return left;
    }

    int unary() {
        if (++depth_ > 500) fail_at(peek(), errors::expression_too_deep(500));
        int r;
        if (is("+")) {
            take();
            r = unary();
        } else if (is("-")) {
            const Token& t = take();
            r = node(K::negate, t, {unary()});
        } else if (is("!") || word("not")) {
            const Token& t = take();
            r = node(K::lnot, t, {unary()});
        } else {
            r = primary();
        }
        --depth_;
        return r;
    }

    int primary() {
        const Token& t = peek();
        if (t.kind == T::number) {
            take();
            int i = node(K::number, t, {});
            arena_[static_cast<std::size_t>(i)].value = t.number;
            return i;
        }
        if (t.kind == T::variable || t.kind == T::alias || t.kind == T::ident) {
            if (t.kind == T::ident && is("(", 1)) fail_at(t, errors::function_call(t.text));
            take();
            int i = node(t.kind == T::variable ? K::param : t.kind == T::alias ? K::alias : K::node, t, {});
            arena_[static_cast<std::size_t>(i)].name = t.text;
            return i;
        }
        if (is("(")) {
            take();
            int e = expression();
            expect(")", "to close '('");
            return e;
        }
        if (is("#")) fail_at(t, errors::cell_number());
        fail_at(t, errors::expected_operand(describe(t)));
    }

    std::vector<Token> toks_;
    std::string_view text_;
    std::vector<Ast>& arena_;
    std::size_t i_ = 0;
    int depth_ = 0;
};

struct NodeDecl {
    std::string name;
    Location at;
    std::size_t length = 1;
    std::map<std::string, int> attributes;  // name -> expression (logic, rate_up, ...)
    std::map<std::string, Location> attribute_at;
};

// A catalogue diagnostic with the line of `text` it points at.
Diagnostic in_text(Diagnostic d, std::string_view text) {
    d.source_line = line_of(text, d.where.line);
    return d;
}

struct Bnd {
    std::vector<Ast> arena;
    std::vector<NodeDecl> nodes;
    std::string_view text;
};

Bnd parse_bnd(std::string_view text, const std::string& path) {
    Bnd bnd;
    bnd.text = text;
    Parser p(Lexer(text, path).run(), text, bnd.arena);
    std::set<std::string> seen;
    if (p.at_end()) throw InputError(errors::maboss_no_nodes(path));
    while (!p.at_end()) {
        const Token& first = p.peek();
        NodeDecl decl;
        if (first.kind == T::ident && (first.text == "Node" || first.text == "node" || first.text == "NODE")) {
            p.take();
            const Token& name = p.peek();
            if (name.kind != T::ident) p.fail_at(name, errors::expected_node_name(p.describe(name)));
            p.take();
            decl.name = name.text;
            decl.at = name.at;
            decl.length = name.length;
            p.expect("{", "after the node name");
            while (!p.is("}")) {
                const Token& key = p.peek();
                if (key.kind != T::ident) p.fail_at(key, errors::expected_node_attribute(p.describe(key)));
                p.take();
                p.expect("=", "after '" + key.text + "'");
                if (decl.attributes.count(key.text)) p.fail_at(key, errors::attribute_twice(key.text, decl.name));
                if (p.peek().kind == T::string) {
                    p.take();  // descriptions and other text attributes carry no semantics
                    decl.attributes[key.text] = -1;
                } else {
                    decl.attributes[key.text] = p.expression();
                }
                decl.attribute_at[key.text] = key.at;
                p.expect(";", "after the value of '" + key.text + "'");
            }
            p.take();
        } else if (first.kind == T::ident && (p.is(":", 1) || p.is(",", 1))) {
            p.take();
            p.take();
            decl.name = first.text;
            decl.at = first.at;
            decl.length = first.length;
            decl.attributes["logic"] = p.expression();
            decl.attribute_at["logic"] = first.at;
            if (p.is(";")) p.take();
        } else if (first.kind == T::ident && (first.text == "division" || first.text == "death")) {
            p.fail_at(first, errors::popmaboss_block(first.text));
        } else {
            p.fail_at(first, errors::expected_node_block(p.describe(first)));
        }
        if (!is_valid_name(decl.name))
            throw InputError(in_text(errors::invalid_node_name(decl.at, decl.length, decl.name), text));
        if (!seen.insert(decl.name).second)
            throw InputError(in_text(errors::node_declared_twice(decl.at, decl.length, decl.name), text));
        // Attributes other than logic and the rates are MaBoSS aliases (read as @name) or
        // annotations: they matter only where a rate reads them, and that is evaluated.
        bnd.nodes.push_back(std::move(decl));
    }
    return bnd;
}

// Logic tree -> bitsig rule.
class LogicBuilder {
public:
    LogicBuilder(const Bnd& bnd, const NetworkBuilder& builder) : bnd_(bnd), builder_(builder) {}

    Expr build(int root) {
        Expr e;
        e.set_root(emit(e, root));
        return e;
    }

private:
    [[noreturn]] void fail(Diagnostic d) const { throw InputError(in_text(std::move(d), bnd_.text)); }
    std::uint32_t emit(Expr& e, int i) {
        const Ast& a = bnd_.arena[static_cast<std::size_t>(i)];
        auto kid = [&](std::size_t k) { return emit(e, a.kids[k]); };
        switch (a.kind) {
        case K::number:
            if (a.value != 0 && a.value != 1) fail(errors::logic_constant(a.at, a.length, fmt(a.value)));
            return e.add_constant(a.value == 1);
        case K::node: {
            auto v = builder_.find(a.name);
            if (!v) fail(errors::unknown_node(a.at, a.name.size(), a.name, builder_.names()));
            return e.add_variable(*v);
        }
        case K::lnot: {
            std::uint32_t c = kid(0);
            return e.add_operator(Op::negation, std::span<const std::uint32_t>(&c, 1));
        }
        case K::land:
        case K::lor:
        case K::lxor: {
            std::uint32_t kids[2] = {kid(0), kid(1)};
            return e.add_operator(a.kind == K::land  ? Op::conjunction
                                  : a.kind == K::lor ? Op::disjunction
                                                     : Op::exclusive_or,
                                  kids);
        }
        case K::cond: {
            std::uint32_t c = kid(0), x = kid(1), y = kid(2);
            std::uint32_t nc = e.add_operator(Op::negation, std::span<const std::uint32_t>(&c, 1));
            std::uint32_t l[2] = {c, x}, r[2] = {nc, y};
            std::uint32_t both[2] = {e.add_operator(Op::conjunction, l), e.add_operator(Op::conjunction, r)};
            return e.add_operator(Op::disjunction, both);
        }
        case K::param:
            fail(errors::reference_in_logic(a.at, a.length, a.name, false));
        case K::alias:
            fail(errors::reference_in_logic(a.at, a.length, a.name, true));
        default:
            fail(errors::arithmetic_in_logic(a.at, a.length));
        }
    }
    static std::string fmt(double v) {
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
        (void)ec;
        return std::string(buf, end);
    }
    const Bnd& bnd_;
    const NetworkBuilder& builder_;
};

Network build_network(const Bnd& bnd, const std::string& path) {
    NetworkBuilder builder(io::file_stem(path), path);
    for (const auto& n : bnd.nodes) builder.declare(n.name, n.at);
    std::vector<std::string> no_logic;
    for (std::uint32_t i = 0; i < bnd.nodes.size(); ++i) {
        const NodeDecl& n = bnd.nodes[i];
        auto it = n.attributes.find("logic");
        if (it == n.attributes.end() || it->second < 0) {
            no_logic.push_back(n.name);
            builder.set_rule(VarId{i}, Expr::variable(VarId{i}));
            continue;
        }
        builder.set_rule(VarId{i}, LogicBuilder(bnd, builder).build(it->second));
    }
    if (!no_logic.empty()) builder.warn(errors::maboss_no_logic(path, no_logic));
    return std::move(builder).build();
}

// ---- the configuration file ----

struct Cfg {
    std::map<std::string, double> params;
    std::vector<InitialGroup> initial;
    std::vector<std::string> internal;
    MabossSettings settings;
};

class Evaluator {
public:
    Evaluator(const std::vector<Ast>& arena, std::string_view text, const std::map<std::string, double>& params)
        : arena_(arena), text_(text), params_(params) {}

    // atoms: value of a node / alias atom by name when the expression reads state.
    double eval(int i, const std::function<double(const Ast&)>& atom) const {
        const Ast& a = arena_[static_cast<std::size_t>(i)];
        auto k = [&](std::size_t j) { return eval(a.kids[j], atom); };
        auto truth = [](double v) { return v != 0 ? 1.0 : 0.0; };
        switch (a.kind) {
        case K::number:
            return a.value;
        case K::param: {
            auto it = params_.find(a.name);
            if (it == params_.end())
                throw InputError(in_text(errors::undefined_parameter(a.at, a.length, a.name), text_));
            return it->second;
        }
        case K::node:
        case K::alias:
            return atom(a);
        case K::negate:
            return -k(0);
        case K::lnot:
            return k(0) == 0 ? 1 : 0;
        case K::mul:
            return k(0) * k(1);
        case K::div:
            return k(0) / k(1);
        case K::add:
            return k(0) + k(1);
        case K::sub:
            return k(0) - k(1);
        case K::lt:
            return k(0) < k(1);
        case K::gt:
            return k(0) > k(1);
        case K::le:
            return k(0) <= k(1);
        case K::ge:
            return k(0) >= k(1);
        case K::eq:
            return k(0) == k(1);
        case K::ne:
            return k(0) != k(1);
        case K::land:
            return truth(k(0)) * truth(k(1));
        case K::lor:
            return std::max(truth(k(0)), truth(k(1)));
        case K::lxor:
            return truth(k(0)) != truth(k(1));
        case K::cond:
            return k(0) != 0 ? k(1) : k(2);
        }
        return 0;
    }

private:
    const std::vector<Ast>& arena_;
    std::string_view text_;
    const std::map<std::string, double>& params_;
};

// Reads a configuration statement by statement: '$parameter = ...;', '[A, B].istate = ...;',
// 'NODE.attribute = ...;' and 'setting = ...;'. Values are constant expressions of numbers
// and the parameters defined before them.
class CfgReader {
public:
    CfgReader(std::string_view text, const std::string& path, const Network& net)
        : text_(text), net_(net), p_(Lexer(text, path).run(), text, arena_) {}

    Cfg read() {
        while (!p_.at_end()) {
            const Token& first = p_.peek();
            if (first.kind == T::variable)
                parameter(first);
            else if (p_.is("["))
                istate_group(first);
            else
                node_attribute_or_setting(first);
        }
        return std::move(cfg_);
    }

private:
    double no_state(const Ast& a) const {
        // MaBoSS's own cfgs write flags as TRUE / FALSE (`X.is_internal = TRUE;`).
        if (a.kind != K::alias && (a.name == "TRUE" || a.name == "FALSE")) return a.name == "TRUE" ? 1 : 0;
        throw InputError(
            in_text(errors::state_in_configuration(a.at, a.length, std::string(a.kind == K::alias ? "@" : "") + a.name),
                    text_));
    }
    double constant(int e) const {
        return Evaluator(arena_, text_, cfg_.params).eval(e, [this](const Ast& a) { return no_state(a); });
    }
    VarId node_of(const Token& t) const {
        auto v = net_.find(t.text);
        if (!v) throw InputError(in_text(errors::unknown_node(t.at, t.length, t.text, net_.names()), text_));
        return *v;
    }

    // '$name = value;'
    void parameter(const Token& first) {
        p_.take();
        p_.expect("=", "after '$" + first.text + "'");
        double v = constant(p_.expression());
        p_.expect(";", "after the value");
        cfg_.params[first.text] = v;
    }

    // '[A, B].istate = w1 [0, 1], w2 [1, 0];': a joint distribution of the listed nodes.
    void istate_group(const Token& first) {
        p_.take();
        InitialGroup g;
        for (;;) {
            const Token& n = p_.peek();
            if (n.kind != T::ident) p_.fail_at(n, errors::expected_group_node(p_.describe(n)));
            p_.take();
            g.vars.push_back(node_of(n));
            if (p_.is(",")) {
                p_.take();
                continue;
            }
            p_.expect("]", "to close the node list");
            break;
        }
        p_.expect(".", "after the node list");
        const Token& attr = p_.take();
        if (attr.text != "istate") p_.fail_at(attr, errors::expected_group_istate(p_.describe(attr)));
        p_.expect("=", "after 'istate'");
        for (;;) {
            const Token& wt = p_.peek();
            double w = constant(p_.expression());
            if (!(w >= 0) || !std::isfinite(w)) p_.fail_at(wt, errors::negative_istate_weight());
            p_.expect("[", "after the probability");
            std::vector<bool> row = istate_row();
            if (row.size() != g.vars.size()) p_.fail_at(wt, errors::istate_row_width(row.size(), g.vars.size()));
            g.values.push_back(std::move(row));
            g.weights.push_back(w);
            if (p_.is(",")) {
                p_.take();
                continue;
            }
            break;
        }
        p_.expect(";", "after the istate distribution");
        double total = 0;
        for (double w : g.weights) total += w;
        if (!(total > 0)) p_.fail_at(first, errors::istate_weights_zero());
        cfg_.initial.push_back(std::move(g));
    }

    // The 0/1 values of one state of an istate distribution, up to its closing ']'.
    std::vector<bool> istate_row() {
        std::vector<bool> row;
        for (;;) {
            const Token& vt = p_.peek();
            double v = constant(p_.expression());
            if (v != 0 && v != 1) p_.fail_at(vt, errors::istate_value());
            row.push_back(v == 1);
            if (p_.is(",")) {
                p_.take();
                continue;
            }
            p_.expect("]", "to close the state");
            return row;
        }
    }

    void node_attribute_or_setting(const Token& first) {
        if (first.kind != T::ident) p_.fail_at(first, errors::expected_cfg_statement(p_.describe(first)));
        p_.take();
        if (p_.is("."))
            node_attribute(first);
        else
            setting(first);
    }

    // 'NODE.istate = ...;', 'NODE.is_internal = ...;' or 'NODE.refstate = ...;'
    void node_attribute(const Token& first) {
        p_.take();
        const Token& attr = p_.take();
        VarId v = node_of(first);
        p_.expect("=", "after '" + attr.text + "'");
        const Token& vt = p_.peek();
        double value = constant(p_.expression());
        p_.expect(";", "after the value");
        if (attr.text == "istate") {
            if (value < 0) {
                // random, as with no istate
                cfg_.initial.push_back({{v}, {{false}, {true}}, {0.5, 0.5}});
            } else if (value == 0 || value == 1) {
                cfg_.initial.push_back({{v}, {{value == 1}}, {1.0}});
            } else {
                p_.fail_at(vt, errors::istate_single_value());
            }
        } else if (attr.text == "is_internal") {
            if (value != 0) cfg_.internal.push_back(first.text);
        } else if (attr.text == "refstate") {
            // MaBoSS's reference state only feeds its Hamming-distance output.
        } else {
            p_.fail_at(attr, errors::unsupported_node_attribute(attr.text));
        }
    }

    // 'setting = value;' for the simulation settings bitsig uses (others are refused).
    void setting(const Token& first) {
        p_.expect("=", "after '" + first.text + "'");
        const Token& vt = p_.peek();
        double value = constant(p_.expression());
        p_.expect(";", "after the value");
        const std::string& key = first.text;
        auto whole = [&](double lo) {
            if (value != std::floor(value) || value < lo || value > 1e15)
                p_.fail_at(vt, errors::cfg_whole_number(static_cast<int>(lo), key));
            return static_cast<std::uint64_t>(value);
        };
        auto positive = [&] {
            if (!(value > 0) || !std::isfinite(value)) p_.fail_at(vt, errors::cfg_positive(key));
            return value;
        };
        MabossSettings& s = cfg_.settings;
        if (key == "sample_count")
            s.sample_count = whole(1);
        else if (key == "max_time")
            s.max_time = positive();
        else if (key == "time_tick")
            s.time_tick = positive();
        else if (key == "discrete_time")
            s.discrete_time = whole(0) != 0;
        else if (key == "thread_count")
            s.thread_count = static_cast<unsigned>(std::min<std::uint64_t>(whole(1), 4096));
        else if (key == "seed_pseudorandom")
            s.seed = whole(0);
        // Which generator MaBoSS uses, its trajectory dumps and its stationary-distribution
        // clustering do not change the probabilities bitsig computes.
        else if (key == "use_physrandgen" || key == "use_glibcrandgen" || key == "use_mtrandgen" ||
                 key == "display_traj" || key == "statdist_traj_count" || key == "statdist_cluster_threshold" ||
                 key == "statdist_similarity_cache_max_size") {
        } else {
            p_.fail_at(first, errors::unsupported_setting(key));
        }
    }

    std::string_view text_;
    const Network& net_;
    std::vector<Ast> arena_;  // before p_, which refers to it
    Parser p_;
    Cfg cfg_;
};

Cfg parse_cfg(std::string_view text, const std::string& path, const Network& net) {
    if (text.empty()) return {};
    return CfgReader(text, path, net).read();
}

// A rate is tabulated over every assignment of the atoms it reads: 2^12 evaluations at most.
constexpr std::size_t kMaxRateAtoms = 12;

// A rate expression -> cases, by evaluating it in every assignment of the atoms it reads.
class RateBuilder {
public:
    RateBuilder(const Bnd& bnd, const Network& net, const std::map<std::string, double>& params)
        : bnd_(bnd), net_(net), params_(params) {}

    std::vector<RateCase> build(std::uint32_t owner, int root, const std::string& what) {
        const NodeDecl& decl = bnd_.nodes[owner];
        // Atoms: nodes by index, and the owner's @logic as index n.
        std::vector<std::uint32_t> atoms;
        std::set<std::string> expanding;
        collect(decl, root, atoms, expanding);
        std::sort(atoms.begin(), atoms.end());
        atoms.erase(std::unique(atoms.begin(), atoms.end()), atoms.end());
        // Whole-rate problems point at the attribute's name.
        const Location& key_at = decl.attribute_at.at(what);
        if (atoms.size() > kMaxRateAtoms)
            throw InputError(
                in_text(errors::rate_reads_too_many(key_at, what.size(), what, decl.name, atoms.size(), kMaxRateAtoms),
                        bnd_.text));
        std::map<double, std::vector<std::uint32_t>> by_value;  // value -> assignments
        Evaluator ev(bnd_.arena, bnd_.text, params_);
        for (std::uint32_t assignment = 0; assignment < (1u << atoms.size()); ++assignment) {
            std::function<double(const Ast&)> atom = [&](const Ast& a) -> double {
                if (a.kind == K::alias) {
                    if (a.name == "logic")
                        return value_of(atoms, assignment, static_cast<std::uint32_t>(net_.num_vars()));
                    return ev.eval(decl.attributes.at(a.name), atom);
                }
                return value_of(atoms, assignment, net_.find(a.name)->index);
            };
            double r = ev.eval(root, atom);
            if (!std::isfinite(r) || r < 0)
                throw InputError(
                    in_text(errors::invalid_rate(key_at, what.size(), what, decl.name, std::isfinite(r)), bnd_.text));
            if (r > 0) by_value[r].push_back(assignment);
        }
        std::vector<RateCase> cases;
        for (const auto& [rate, assignments] : by_value) cases.push_back({condition(atoms, assignments), rate});
        return cases;
    }

private:
    static double value_of(const std::vector<std::uint32_t>& atoms, std::uint32_t assignment, std::uint32_t index) {
        auto it = std::lower_bound(atoms.begin(), atoms.end(), index);
        return (assignment >> (it - atoms.begin())) & 1;
    }

    void collect(const NodeDecl& decl, int i, std::vector<std::uint32_t>& atoms, std::set<std::string>& expanding) {
        const Ast& a = bnd_.arena[static_cast<std::size_t>(i)];
        if (a.kind == K::node) {
            auto v = net_.find(a.name);
            if (!v) throw InputError(in_text(errors::unknown_node(a.at, a.length, a.name, net_.names()), bnd_.text));
            atoms.push_back(v->index);
        } else if (a.kind == K::alias) {
            if (a.name == "logic") {
                atoms.push_back(static_cast<std::uint32_t>(net_.num_vars()));
                return;
            }
            auto it = decl.attributes.find(a.name);
            if (it == decl.attributes.end() || it->second < 0)
                throw InputError(in_text(errors::missing_attribute(a.at, a.length, decl.name, a.name), bnd_.text));
            if (a.name == "rate_up" || a.name == "rate_down" || !expanding.insert(a.name).second)
                throw InputError(in_text(errors::circular_attribute(a.at, a.length, a.name), bnd_.text));
            collect(decl, it->second, atoms, expanding);
            expanding.erase(a.name);
        }
        for (int k : a.kids) collect(decl, k, atoms, expanding);
    }

    // The disjunction of the given assignments (minterms) over the atoms.
    static Expr condition(const std::vector<std::uint32_t>& atoms, const std::vector<std::uint32_t>& assignments) {
        Expr e;
        if (assignments.size() == (1u << atoms.size())) {
            e.set_root(e.add_constant(true));
            return e;
        }
        std::vector<std::uint32_t> terms;
        for (std::uint32_t a : assignments) {
            std::vector<std::uint32_t> lits;
            for (std::size_t k = 0; k < atoms.size(); ++k) {
                std::uint32_t v = e.add_variable(VarId{atoms[k]});
                if (!((a >> k) & 1)) v = e.add_operator(Op::negation, std::span<const std::uint32_t>(&v, 1));
                lits.push_back(v);
            }
            terms.push_back(lits.size() == 1 ? lits[0] : e.add_operator(Op::conjunction, lits));
        }
        e.set_root(terms.size() == 1 ? terms[0] : e.add_operator(Op::disjunction, terms));
        return e;
    }

    const Bnd& bnd_;
    const Network& net_;
    const std::map<std::string, double>& params_;
};

}  // namespace

Network read_bnd(std::string_view text, const std::string& path) {
    Bnd bnd = parse_bnd(text, path);
    return build_network(bnd, path);
}

MabossModel read_maboss(std::string_view bnd_text, const std::string& bnd_path, std::string_view cfg_text,
                        const std::string& cfg_path) {
    Bnd bnd = parse_bnd(bnd_text, bnd_path);
    MabossModel m;
    m.net = build_network(bnd, bnd_path);
    Cfg cfg = parse_cfg(cfg_text, cfg_path, m.net);
    m.initial = std::move(cfg.initial);
    m.internal = std::move(cfg.internal);
    m.settings = cfg.settings;
    RateBuilder rates(bnd, m.net, cfg.params);
    const std::size_t n = m.net.num_vars();
    m.rates.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        const NodeDecl& decl = bnd.nodes[i];
        auto rate = [&](const char* key, bool up) -> std::vector<RateCase> {
            auto it = decl.attributes.find(key);
            if (it != decl.attributes.end() && it->second >= 0) return rates.build(i, it->second, key);
            // MaBoSS's defaults: rate_up = @logic ? 1 : 0, rate_down = @logic ? 0 : 1.
            Expr e;
            std::uint32_t v = e.add_variable(VarId{static_cast<std::uint32_t>(n)});
            if (!up) v = e.add_operator(Op::negation, std::span<const std::uint32_t>(&v, 1));
            e.set_root(v);
            return {{std::move(e), 1.0}};
        };
        m.rates[i].up = rate("rate_up", true);
        m.rates[i].down = rate("rate_down", false);
    }
    return m;
}

}  // namespace bitsig
