// SPDX-License-Identifier: MIT
// Grammar (tightest first): atom := name | constant | '(' expr ')';  unary := ('!'|not)* atom;
// then '&'/and, then '^', then '|'/or, all left-associative. This is the .bnet precedence
// (! > & > |) with ^ between & and |, as in C. Same-operator chains, including
// parenthesised ones, become one n-ary node.
#include "expr/parse.hpp"

#include <algorithm>
#include <cctype>

namespace bitsig {

namespace {

constexpr std::uint32_t kMaxDepth = 2000;

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool word_is(std::string_view w, std::string_view lower) {
    if (w.size() != lower.size()) return false;
    bool all_upper = true, all_lower = true;
    for (std::size_t i = 0; i < w.size(); ++i) {
        char c = w[i];
        if (std::tolower(static_cast<unsigned char>(c)) != lower[i]) return false;
        all_upper = all_upper && std::isupper(static_cast<unsigned char>(c));
        all_lower = all_lower && std::islower(static_cast<unsigned char>(c));
    }
    // `and`, `AND` and `True` are keywords; `AnD` is not worth guessing about.
    return all_lower || all_upper || (std::isupper(static_cast<unsigned char>(w[0])) && w.substr(1) == lower.substr(1));
}

enum class Tok { name, constant, lparen, rparen, op_not, op_and, op_or, op_xor, end };

struct Token {
    Tok kind = Tok::end;
    std::size_t offset = 0;
    std::string_view text;
    bool value = false;
};

class Parser {
public:
    Parser(std::string_view text, const RuleSource& source, const NameResolver& resolve)
        : text_(text), source_(source), resolve_(resolve) {
        advance();
    }

    ParsedRule run() {
        skip_blank_check();
        std::uint32_t root = parse_expression();
        out_.expr.set_root(root);
        check_depth();
        return std::move(out_);
    }

private:
    void skip_blank_check() {
        if (tok_.kind == Tok::end) fail(0, errors::rule_empty(), 1);
    }

    // Later passes (evaluation, printing, compilation) recurse over the tree; flattening
    // keeps real models shallow, and this bounds what hostile input can do to the stack.
    void check_depth() {
        const Expr& e = out_.expr;
        std::vector<std::uint32_t> depth(e.size(), 1);
        std::uint32_t deepest = 1;
        for (std::uint32_t i = 0; i < e.size(); ++i) {
            for (auto c : e.children(i)) depth[i] = std::max(depth[i], depth[c] + 1);
            deepest = std::max(deepest, depth[i]);
        }
        if (deepest > kMaxDepth) fail(0, errors::rule_too_deep(deepest, kMaxDepth), 1);
    }

    Location location_at(std::size_t offset) const {
        if (!source_.positions.empty()) return source_.positions[std::min(offset, source_.positions.size() - 1)];
        Location at = source_.start;
        // Only single-line rules map cleanly onto file columns; for block scalars the
        // rule's first line is the best we can point at.
        std::string_view before = text_.substr(0, offset);
        std::size_t nl = before.rfind('\n');
        if (nl == std::string_view::npos) {
            if (at.column > 0) at.column += offset;
        } else {
            std::size_t lines = 0;
            for (char c : before) lines += c == '\n';
            if (at.line > 0) at.line += lines;
            at.column = offset - nl + indent();
        }
        return at;
    }

    // A block scalar's later lines share its first line's indentation, which the YAML
    // parser stripped from the text; add it back so columns match the file.
    std::size_t indent() const { return source_.start.column > 0 ? source_.start.column - 1 : 0; }

    [[noreturn]] void fail(std::size_t offset, std::string message, std::size_t span) {
        Diagnostic d = errors::approximate(
            errors::located(location_at(offset), std::move(message), {}, span == 0 ? 1 : span), source_.approximate);
        if (!source_.positions.empty()) {
            d.source_line = line_of(source_.file_text, d.where.line);
            throw InputError(d);
        }
        bool same_line = text_.substr(0, offset).find('\n') == std::string_view::npos;
        d.source_line =
            same_line && !source_.source_line.empty()
                ? source_.source_line
                : std::string(indent(), ' ') +
                      line_of(text_,
                              1 + static_cast<std::size_t>(std::count(
                                      text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n')));
        if (d.where.line == 0) d.source_line.clear();
        throw InputError(d);
    }

    void advance() {
        std::size_t i = pos_;
        while (i < text_.size() && std::isspace(static_cast<unsigned char>(text_[i]))) ++i;
        tok_ = Token{};
        tok_.offset = i;
        if (i >= text_.size()) {
            tok_.kind = Tok::end;
            pos_ = i;
            return;
        }
        char c = text_[i];
        auto single = [&](Tok k) {
            tok_.kind = k;
            tok_.text = text_.substr(i, 1);
            pos_ = i + 1;
        };
        switch (c) {
        case '(':
            return single(Tok::lparen);
        case ')':
            return single(Tok::rparen);
        case '!':
        case '~':
            return single(Tok::op_not);
        case '&':
            return double_or_single(i, '&', Tok::op_and);
        case '|':
            return double_or_single(i, '|', Tok::op_or);
        case '^':
            return single(Tok::op_xor);
        default:
            break;
        }
        if (name_start(c) || std::isdigit(static_cast<unsigned char>(c))) {
            std::size_t j = i;
            while (j < text_.size() && name_char(text_[j])) ++j;
            std::string_view word = text_.substr(i, j - i);
            tok_.text = word;
            pos_ = j;
            if (word == "0" || word == "1" || word_is(word, "false") || word_is(word, "true")) {
                tok_.kind = Tok::constant;
                tok_.value = word == "1" || word_is(word, "true");
            } else if (word_is(word, "not")) {
                tok_.kind = Tok::op_not;
            } else if (word_is(word, "and")) {
                tok_.kind = Tok::op_and;
            } else if (word_is(word, "or")) {
                tok_.kind = Tok::op_or;
            } else if (!name_start(c)) {
                fail(i, errors::rule_invalid_name(word), word.size());
            } else {
                tok_.kind = Tok::name;
            }
            return;
        }
        std::size_t len = 1;
        while (i + len < text_.size() && (static_cast<unsigned char>(text_[i + len]) & 0xC0) == 0x80) ++len;
        fail(i, errors::rule_unexpected_character(text_.substr(i, len)), 1);
    }

    // Accepts both `&` and `&&` (C-style, as some exporters write).
    void double_or_single(std::size_t i, char c, Tok k) {
        tok_.kind = k;
        std::size_t len = (i + 1 < text_.size() && text_[i + 1] == c) ? 2 : 1;
        tok_.text = text_.substr(i, len);
        pos_ = i + len;
    }

    // A value on the operand stack: either a finished node, or an n-ary chain still open
    // for more operands of the same operator (so `a & (b & (c & ...))` becomes one node
    // without quadratic copying).
    struct Operand {
        Op chain = Op::constant;  // constant means "finished node"
        std::uint32_t node = 0;
        std::vector<std::uint32_t> kids;
    };

    struct Pending {
        enum Kind { lparen, negation, binary } kind;
        Op op = Op::conjunction;
        int precedence = 0;
        std::size_t offset = 0;
    };

    std::uint32_t finish(Operand& v) {
        if (v.chain == Op::constant) return v.node;
        v.node = out_.expr.add_operator(v.chain, v.kids);
        v.chain = Op::constant;
        v.kids.clear();
        return v.node;
    }

    void append(Operand& chain, Operand& item) {
        if (item.chain == chain.chain) {
            chain.kids.insert(chain.kids.end(), item.kids.begin(), item.kids.end());
        } else {
            chain.kids.push_back(finish(item));
        }
    }

    void reduce_binary(std::vector<Operand>& vals, Op op) {
        Operand right = std::move(vals.back());
        vals.pop_back();
        Operand& left = vals.back();
        if (left.chain != op) {
            Operand chain;
            chain.chain = op;
            chain.kids.push_back(finish(left));
            left = std::move(chain);
        }
        append(left, right);
    }

    void apply_negations(std::vector<Pending>& ops, std::vector<Operand>& vals) {
        std::size_t count = 0;
        while (!ops.empty() && ops.back().kind == Pending::negation) {
            ops.pop_back();
            ++count;
        }
        // Double negations cancel; one node at most keeps the tree shallow.
        if (count % 2 == 1) {
            std::uint32_t kid[1] = {finish(vals.back())};
            vals.back() = Operand{Op::constant, out_.expr.add_operator(Op::negation, kid), {}};
        }
    }

    static int precedence_of(Tok t) { return t == Tok::op_or ? 1 : t == Tok::op_xor ? 2 : 3; }
    static Op op_of(Tok t) {
        return t == Tok::op_or ? Op::disjunction : t == Tok::op_xor ? Op::exclusive_or : Op::conjunction;
    }

    // Shunting-yard: iterative, so nesting depth costs heap, not stack (exported models
    // nest parentheses 10,000 deep).
    std::uint32_t parse_expression() {
        std::vector<Pending> ops;
        std::vector<Operand> vals;
        bool want_operand = true;
        for (;;) {
            const Token t = tok_;
            if (want_operand) {
                switch (t.kind) {
                case Tok::op_not:
                    ops.push_back({Pending::negation, Op::negation, 0, t.offset});
                    advance();
                    continue;
                case Tok::lparen:
                    ops.push_back({Pending::lparen, Op::constant, 0, t.offset});
                    advance();
                    continue;
                case Tok::name:
                case Tok::constant: {
                    advance();
                    std::uint32_t node;
                    if (t.kind == Tok::constant) {
                        node = out_.expr.add_constant(t.value);
                    } else if (auto v = resolve_(t.text)) {
                        node = out_.expr.add_variable(*v);
                    } else {
                        out_.unresolved.push_back({std::string(t.text), location_at(t.offset), source_.approximate});
                        node = out_.expr.add_constant(false);
                    }
                    vals.push_back(Operand{Op::constant, node, {}});
                    apply_negations(ops, vals);
                    want_operand = false;
                    continue;
                }
                case Tok::rparen:
                    if (!ops.empty() && ops.back().kind == Pending::lparen)
                        fail(t.offset, errors::rule_empty_parentheses(), 1);
                    fail(t.offset, errors::rule_operand_before_paren(), 1);
                case Tok::end:
                    fail(text_.size(), errors::rule_unexpected_end(), 1);
                default:
                    fail(t.offset, errors::rule_expected_operand(t.text), t.text.size());
                }
            }
            switch (t.kind) {
            case Tok::op_and:
            case Tok::op_or:
            case Tok::op_xor: {
                int p = precedence_of(t.kind);
                while (!ops.empty() && ops.back().kind == Pending::binary && ops.back().precedence >= p) {
                    reduce_binary(vals, ops.back().op);
                    ops.pop_back();
                }
                ops.push_back({Pending::binary, op_of(t.kind), p, t.offset});
                advance();
                want_operand = true;
                continue;
            }
            case Tok::rparen: {
                while (!ops.empty() && ops.back().kind == Pending::binary) {
                    reduce_binary(vals, ops.back().op);
                    ops.pop_back();
                }
                if (ops.empty()) fail(t.offset, errors::rule_unmatched_paren(), 1);
                ops.pop_back();  // the '('
                apply_negations(ops, vals);
                advance();
                continue;
            }
            case Tok::end: {
                while (!ops.empty() && ops.back().kind == Pending::binary) {
                    reduce_binary(vals, ops.back().op);
                    ops.pop_back();
                }
                if (!ops.empty()) {
                    Location open = location_at(ops.back().offset);
                    bool same_line = open.line == location_at(text_.size()).line;
                    fail(text_.size(), errors::rule_unclosed_paren(open.line, open.column, same_line), 1);
                }
                return finish(vals.back());
            }
            default:
                fail(t.offset, errors::rule_expected_operator(t.text), t.text.size());
            }
        }
    }

    std::string_view text_;
    const RuleSource& source_;
    const NameResolver& resolve_;
    std::size_t pos_ = 0;
    Token tok_;
    ParsedRule out_;
};

}  // namespace

ParsedRule parse_rule(std::string_view text, const RuleSource& source, const NameResolver& resolve) {
    return Parser(text, source, resolve).run();
}

bool is_valid_name(std::string_view name) {
    if (name.empty() || !name_start(name[0])) return false;
    for (char c : name)
        if (!name_char(c)) return false;
    for (std::string_view kw : {"and", "or", "not", "true", "false"})
        if (word_is(name, kw)) return false;
    return true;
}

}  // namespace bitsig
