// SPDX-License-Identifier: MIT
// BooleanNet reader. The format (Albert, Thakar, Li, Zhang and Albert 2008, Source Code for
// Biology and Medicine 3:16) has two kinds of line: update rules `A* = B and not C`, and
// initial values `A = True`, `A = B = False`, `A = Random`. BooleanNet simulates from those
// initial values; bitsig searches every state, so an initial value only matters for a
// variable without an update rule, which BooleanNet never changes: that is an input held
// at the value (its default), or free for `Random`. Reading is two-pass as for .bnet, so
// rules may mention variables defined further down; the variable order is the order of
// first appearance as a rule target or in an initial-value line.
#include "io/booleannet.hpp"

#include <cctype>
#include <map>

#include "expr/parse.hpp"
#include "io/text_lines.hpp"

namespace bitsig {

namespace {

using io::trim;
using Line = io::TextLine;

enum class Initial { on, off, random };

class BooleanNetReader {
public:
    BooleanNetReader(std::string_view text, const std::string& path)
        : path_(path), builder_(io::file_stem(path), path) {
        lines_ = io::content_lines(text);
    }

    Network read() {
        std::size_t ranked = 0;
        for (const Line& l : lines_) {
            std::string_view body = l.text;
            if (std::size_t rank_end = rank_prefix(body); rank_end != 0) {
                ++ranked;
                body = body.substr(rank_end);
            }
            std::size_t eq = body.find('=');
            if (eq == std::string_view::npos) fail(l, trim(body), errors::booleannet_expected_line());
            std::string_view left = trim(body.substr(0, eq));
            if (left.ends_with('*'))
                read_rule(l, body, left, eq);
            else
                read_initial(l, body);
        }
        if (rules_.empty()) throw InputError(errors::booleannet_no_rules(path_));
        resolve_rules();
        finish_inputs();
        if (ranked > 0) builder_.warn(errors::booleannet_ranks_ignored(path_, ranked));
        if (ignored_initial_ > 0) builder_.warn(errors::booleannet_initials_ignored(path_, ignored_initial_));
        return std::move(builder_).build();
    }

private:
    Location where(const Line& l, std::string_view part) const {
        return Location{path_, l.number, static_cast<std::size_t>(part.data() - l.text.data()) + 1};
    }

    [[noreturn]] void fail(const Line& l, std::string_view part, std::string message) const {
        fail(l, part, errors::general(std::move(message)));
    }

    [[noreturn]] void fail(const Line& l, std::string_view part, Diagnostic d) const {
        throw InputError(errors::placed(std::move(d), where(l, part), l.full, std::max<std::size_t>(1, part.size())));
    }

    // Length of a leading `N:` rank, or 0 when the line has none.
    static std::size_t rank_prefix(std::string_view s) {
        std::size_t i = 0;
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        std::size_t digits = i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        if (i == digits) return 0;
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        return i < s.size() && s[i] == ':' ? i + 1 : 0;
    }

    VarId variable(const Line& l, std::string_view name) {
        if (!is_valid_name(name))
            fail(l, name, name.empty() ? errors::missing_name_before('=') : errors::invalid_variable_name(name));
        if (auto v = builder_.find(name)) return *v;
        return builder_.declare(std::string(name), where(l, name));
    }

    void read_rule(const Line& l, std::string_view body, std::string_view left, std::size_t eq) {
        std::string_view name = trim(left.substr(0, left.size() - 1));
        VarId v = variable(l, name);
        if (auto it = rules_.find(v.index); it != rules_.end())
            fail(l, name, errors::booleannet_second_rule(name, it->second.line->number));
        std::string_view rule = body.substr(eq + 1);
        rules_.emplace(v.index, Pending{&l, rule});
        order_.push_back(v);
    }

    void read_initial(const Line& l, std::string_view body) {
        // `A = B = True`: every part but the last is a name.
        std::vector<std::string_view> parts;
        std::size_t start = 0;
        while (true) {
            std::size_t eq = body.find('=', start);
            parts.push_back(trim(body.substr(start, eq == std::string_view::npos ? eq : eq - start)));
            if (eq == std::string_view::npos) break;
            start = eq + 1;
        }
        std::string_view value = parts.back();
        Initial initial;
        std::string lowered(value);
        for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lowered == "true" || lowered == "1")
            initial = Initial::on;
        else if (lowered == "false" || lowered == "0")
            initial = Initial::off;
        else if (lowered == "random")
            initial = Initial::random;
        else
            fail(l, value, errors::booleannet_initial_value());
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
            VarId v = variable(l, parts[i]);
            initial_[v.index] = initial;
        }
    }

    void resolve_rules() {
        NameResolver resolve = [&](std::string_view name) -> std::optional<VarId> {
            if (auto v = builder_.find(name)) return v;
            implicit_.emplace_back(name);
            return builder_.declare(std::string(name));
        };
        for (VarId v : order_) {
            const Pending& p = rules_.at(v.index);
            RuleSource src{where(*p.line, p.rule), p.line->full};
            builder_.set_rule(v, parse_rule(p.rule, src, resolve).expr);
            if (initial_.contains(v.index)) ++ignored_initial_;
        }
    }

    void finish_inputs() {
        for (std::uint32_t i = 0; i < builder_.num_vars(); ++i) {
            if (rules_.contains(i)) continue;
            VarId v{i};
            builder_.set_rule(v, Expr::variable(v));
            auto it = initial_.find(i);
            if (it != initial_.end() && it->second != Initial::random)
                builder_.variable(v).default_value = it->second == Initial::on;
        }
        if (implicit_.empty()) return;
        builder_.warn(errors::booleannet_implicit_inputs(path_, implicit_));
    }

    struct Pending {
        const Line* line;
        std::string_view rule;
    };

    const std::string& path_;
    NetworkBuilder builder_;
    std::vector<Line> lines_;
    std::map<std::uint32_t, Pending> rules_;
    std::vector<VarId> order_;
    std::map<std::uint32_t, Initial> initial_;
    std::vector<std::string> implicit_;
    std::size_t ignored_initial_ = 0;
};

}  // namespace

Network read_booleannet(std::string_view text, const std::string& path) { return BooleanNetReader(text, path).read(); }

}  // namespace bitsig
