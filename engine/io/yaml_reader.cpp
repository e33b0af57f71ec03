// SPDX-License-Identifier: MIT
// The only yaml-cpp user when reading. Validation is strict because a typo in a key
// (`rulle:`) would otherwise silently turn a variable into an input and change every answer.
//
// The document is not loaded with YAML::Load but built from yaml-cpp's parser events by
// DocumentLoader, which is where every check that concerns YAML itself happens, once, for
// every mapping: a repeated key, a second document, nesting deeper than any network needs,
// an alias that contains itself or expands the document past a bound ("billion laughs").
// It also records where each node occurrence is: an alias is copied, so an error in what
// it refers to points at the use (yaml-cpp's own tree shares the anchored node, and only
// knows the anchor). Each node carries its record's index in its tag, which the reader
// never reads otherwise. yaml-cpp marks are 0-based and point at a scalar's indicator (the
// opening quote, `|` or `>`); they become 1-based file positions here. A rule's text is
// mapped back onto the file byte by byte by aligning the scalar's value with its source
// (indentation, folded line breaks, quote doubling and escapes are what may differ), so a
// syntax error in a block or multi-line quoted rule is reported where it is in the file;
// when the alignment fails (say, invalid UTF-8 that yaml-cpp replaced) the message says
// that the position is approximate.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "expr/parse.hpp"
#include "io/yaml.hpp"

namespace bitsig {

namespace {

constexpr const char* kFormatTag = "bitsig-network/1";

// Networks nest five levels deep (scenarios -> s -> expect -> name); the bound keeps hostile
// input away from yaml-cpp's and our own recursion long before yaml-cpp's guard at 2000.
constexpr std::size_t kMaxNesting = 100;
// Aliases are copied (see above); this bounds the copies of an alias bomb.
constexpr std::size_t kMaxCopies = 10'000;
constexpr const char* kPositionTag = "!bitsig-node:";

// Where one node occurrence is in the file.
struct NodePlace {
    Location where;          // the node's first character (for an alias copy: the '*' of the use)
    std::size_t offset = 0;  // byte offset of `where` in the file
    std::string anchor;      // for an alias copy: the anchor's name
    Location anchor_where;   // and where the anchored node is
};

// Builds a YAML::Node tree from parser events, checking the YAML-level rules (see the
// paragraph at the top) and recording each node's place.
class DocumentLoader : public YAML::EventHandler {
public:
    DocumentLoader(std::string_view text, const std::string& path)
        : text_(text), path_(path), exact_(!transcoded_by_yaml_cpp(text)) {
        line_starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') line_starts_.push_back(i + 1);
    }

    /// The document's root (a null node for an empty file). Throws InputError.
    YAML::Node load() {
        std::stringstream stream{std::string(text_)};
        try {
            YAML::Parser parser(stream);
            while (parser.HandleNextDocument(*this)) {}
        } catch (const YAML::DeepRecursion& e) {
            throw InputError(diagnostic(location(e.mark), errors::yaml_too_deep(kMaxNesting)));
        } catch (const YAML::Exception& e) {
            throw InputError(diagnostic(location(e.mark), errors::invalid_yaml(e.msg)));
        }
        return root_;
    }

    /// The node's place, or an unknown place for a node the loader did not make.
    const NodePlace& place(const YAML::Node& n) const {
        static const NodePlace unknown;
        const std::string& tag = n.IsDefined() ? n.Tag() : std::string();
        std::string_view prefix = kPositionTag;
        if (!tag.starts_with(prefix) || tag.size() == prefix.size()) return unknown;
        std::size_t index = 0;
        for (char c : std::string_view(tag).substr(prefix.size())) {
            if (c < '0' || c > '9' || index > places_.size()) return unknown;
            index = index * 10 + static_cast<std::size_t>(c - '0');
        }
        return index < places_.size() ? places_[index] : unknown;
    }

    /// False when yaml-cpp's marks count other bytes than the file's (see transcoded_by_yaml_cpp).
    bool exact() const { return exact_; }

    /// Where a scalar's value sits in the file, byte by byte, for the rule parser.
    RuleSource rule_source(const YAML::Node& n) const {
        const NodePlace& p = place(n);
        RuleSource src;
        src.start = p.where;
        if (p.where.line == 0) return src;
        // The parser reads the caret line from file_text only on error: computing it here
        // for every rule made reading quadratic in the file's length.
        src.file_text = text_;
        std::string value = n.IsScalar() ? n.Scalar() : std::string();
        if (exact_ && p.anchor.empty()) src.positions = align(value, p.offset);
        if (src.positions.empty()) {
            // Through an alias every byte is "at the use" (a note says where the text is);
            // otherwise the alignment failed and the message says so.
            src.positions.assign(value.size() + 1, p.where);
            src.approximate = !exact_ || p.anchor.empty();
        }
        return src;
    }

    Location location(const YAML::Mark& m) const {
        if (m.line < 0) return Location{path_, 0, 0};
        return Location{path_, static_cast<std::size_t>(m.line) + 1, static_cast<std::size_t>(m.column) + 1};
    }

    // -- YAML::EventHandler ------------------------------------------------------------
    void OnDocumentStart(const YAML::Mark& mark) override {
        if (documents_++ > 0) throw InputError(diagnostic(location(mark), errors::second_yaml_document()));
    }
    void OnDocumentEnd() override {}
    void OnAnchor(const YAML::Mark&, const std::string& name) override { pending_anchor_name_ = name; }
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        add(YAML::Node(YAML::NodeType::Null), mark, anchor);
    }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  const std::string& value) override {
        add(YAML::Node(value), mark, anchor);
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto it = anchors_.find(anchor);
        if (it == anchors_.end()) throw InputError(diagnostic(location(mark), errors::alias_contains_itself()));
        const Anchor& a = it->second;
        NodePlace use;
        use.where = location(mark);
        use.offset = offset_of(mark);
        use.anchor = a.name;
        use.anchor_where = place(a.node).where;
        attach(copy(a.node, use));
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(YAML::Node(YAML::NodeType::Sequence), mark, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(YAML::Node(YAML::NodeType::Map), mark, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame {
        YAML::Node node;
        YAML::anchor_t anchor = 0;
        std::string anchor_name;
        bool have_key = false;
        YAML::Node key;
        std::map<std::string, std::size_t> key_lines;  // scalar keys seen, with their line
    };
    struct Anchor {
        std::string name;
        YAML::Node node;
    };

    // A catalogue diagnostic with its source line, marked approximate when positions are.
    Diagnostic diagnostic(Diagnostic d) const {
        d.source_line = line_of(text_, d.where.line);
        return errors::approximate(std::move(d), !exact_);
    }
    Diagnostic diagnostic(Location at, std::string message) const {
        return diagnostic(errors::located(std::move(at), std::move(message)));
    }

    std::size_t offset_of(const YAML::Mark& m) const {
        if (m.line < 0 || static_cast<std::size_t>(m.line) >= line_starts_.size()) return text_.size();
        return std::min(text_.size(),
                        line_starts_[static_cast<std::size_t>(m.line)] + static_cast<std::size_t>(m.column));
    }

    Location location_of_offset(std::size_t offset) const {
        auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
        std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
        return Location{path_, line, offset - line_starts_[line - 1] + 1};
    }

    // Records a place and stamps its index on the node.
    void stamp(YAML::Node& n, NodePlace p) {
        if (!p.anchor.empty() && ++copies_ > kMaxCopies)
            throw InputError(diagnostic(p.where, errors::alias_expansion(kMaxCopies)));
        n.SetTag(kPositionTag + std::to_string(places_.size()));
        places_.push_back(std::move(p));
    }

    void stamp(YAML::Node& n, const YAML::Mark& mark) {
        NodePlace p;
        p.where = location(mark);
        p.offset = offset_of(mark);
        stamp(n, std::move(p));
    }

    void add(YAML::Node n, const YAML::Mark& mark, YAML::anchor_t anchor) {
        stamp(n, mark);
        if (anchor) remember_anchor(anchor, take_anchor_name(), n);
        attach(n);
    }

    void open(YAML::Node n, const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (stack_.size() >= kMaxNesting)
            throw InputError(diagnostic(location(mark), errors::yaml_too_deep(kMaxNesting)));
        stamp(n, mark);
        Frame f;
        f.node = n;
        f.anchor = anchor;
        f.anchor_name = anchor ? take_anchor_name() : std::string();
        stack_.push_back(std::move(f));
    }

    void close() {
        Frame f = std::move(stack_.back());
        stack_.pop_back();
        // Registered only now, so an alias inside its own anchor is refused (OnAlias).
        if (f.anchor) remember_anchor(f.anchor, f.anchor_name, f.node);
        attach(f.node);
    }

    void remember_anchor(YAML::anchor_t anchor, std::string name, const YAML::Node& n) {
        anchors_.erase(anchor);
        anchors_.emplace(anchor, Anchor{std::move(name), n});
    }

    std::string take_anchor_name() { return std::exchange(pending_anchor_name_, std::string()); }

    void attach(const YAML::Node& n) {
        if (stack_.empty()) {
            root_.reset(n);
            return;
        }
        Frame& top = stack_.back();
        if (top.node.IsSequence()) {
            top.node.push_back(n);
        } else if (!top.have_key) {
            if (n.IsScalar()) {
                const NodePlace& p = place(n);
                auto [it, fresh] = top.key_lines.emplace(n.Scalar(), p.where.line);
                if (!fresh) {
                    throw InputError(diagnostic(errors::duplicate_key(p.where, n.Scalar(), it->second)));
                }
            }
            top.key.reset(n);  // reset, not '=': YAML::Node assignment would overwrite the old key's node
            top.have_key = true;
        } else {
            top.node.force_insert(top.key, n);
            top.have_key = false;
        }
    }

    // A fresh copy of an anchored node for one use: every node of it is placed at the use.
    YAML::Node copy(const YAML::Node& n, const NodePlace& use) {
        YAML::Node out(n.IsMap()        ? YAML::NodeType::Map
                       : n.IsSequence() ? YAML::NodeType::Sequence
                                        : YAML::NodeType::Null);
        if (n.IsMap()) {
            for (auto it : n) out.force_insert(copy(it.first, use), copy(it.second, use));
        } else if (n.IsSequence()) {
            for (const auto& item : n) out.push_back(copy(item, use));
        } else if (n.IsScalar()) {
            out.reset(YAML::Node(n.Scalar()));
        }
        stamp(out, use);
        return out;
    }

    // Maps each byte of `value` (and one past its end) to a file position by walking the
    // scalar's source from `offset` (its first character or indicator). Empty when the
    // source does not spell the value in a way this walk understands.
    std::vector<Location> align(const std::string& value, std::size_t offset) const {
        // A node's mark is at its properties (`&anchor`, `!tag`) when it has any.
        std::size_t j = offset;
        while (j < text_.size() && (text_[j] == '&' || text_[j] == '!')) {
            while (j < text_.size() && !std::isspace(static_cast<unsigned char>(text_[j]))) ++j;
            while (j < text_.size() && std::isspace(static_cast<unsigned char>(text_[j]))) ++j;
        }
        if (j >= text_.size()) return {};
        offset = j;
        char style = text_[offset];
        if (style == '"' || style == '\'') {
            ++j;
        } else if (style == '|' || style == '>') {
            j = text_.find('\n', offset);  // the header line may hold indicators and a comment
            if (j == std::string_view::npos) return {};
            ++j;
        } else {
            style = 0;
        }
        auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
        std::vector<Location> out(value.size() + 1);
        std::size_t last = std::string::npos;  // the last non-blank byte of the value
        for (std::size_t i = 0; i < value.size();) {
            if (j >= text_.size()) return {};
            char c = value[i], r = text_[j];
            if (style == '"' && r == '\\') {
                std::size_t source_len = 0, value_len = 0;
                if (!escape(j, source_len, value_len)) return {};
                if (i + value_len > value.size()) return {};
                for (std::size_t k = 0; k < value_len; ++k) out[i + k] = location_of_offset(j);
                if (value_len > 0) last = i + value_len - 1;
                i += value_len;
                j += source_len;
            } else if (style == '\'' && r == '\'' && c == '\'' && j + 1 < text_.size() && text_[j + 1] == '\'') {
                out[i] = location_of_offset(j);
                last = i++;
                j += 2;
            } else if (r == c) {
                out[i] = location_of_offset(j);
                if (!blank(c)) last = i;
                ++i;
                ++j;
            } else if (blank(r)) {
                ++j;  // indentation, a folded line break, trailing spaces stripped by YAML
            } else if (blank(c)) {
                out[i++] = location_of_offset(j);  // a space or newline made by folding
            } else {
                return {};
            }
        }
        // One past the last character: where "unexpected end of rule" points.
        if (last == std::string::npos) {
            out[value.size()] = location_of_offset(j < text_.size() ? j : offset);
        } else {
            out[value.size()] = out[last];
            out[value.size()].column += 1;
        }
        return out;
    }

    // A double-quoted escape at text_[j] == '\\': how many source bytes it spans and how
    // many UTF-8 bytes it stands for (0 for an escaped line break).
    bool escape(std::size_t j, std::size_t& source_len, std::size_t& value_len) const {
        if (j + 1 >= text_.size()) return false;
        char e = text_[j + 1];
        if (e == '\n' || e == '\r') {
            source_len = e == '\r' && j + 2 < text_.size() && text_[j + 2] == '\n' ? 3 : 2;
            value_len = 0;
            return true;
        }
        std::size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
        source_len = 2 + digits;
        if (digits == 0) {
            value_len = e == 'N' || e == '_' ? 2 : e == 'L' || e == 'P' ? 3 : 1;
            return true;
        }
        if (j + source_len > text_.size()) return false;
        unsigned long code = 0;
        for (char h : text_.substr(j + 2, digits)) {
            int v = h >= '0' && h <= '9'   ? h - '0'
                    : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                           : -1;
            if (v < 0) return false;
            code = code * 16 + static_cast<unsigned long>(v);
        }
        value_len = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        return true;
    }

    // yaml-cpp detects UTF-16 and UTF-32 from the first bytes (a BOM, or zero bytes, as the
    // YAML spec says) and converts them to UTF-8 before parsing; its marks then count bytes
    // of the converted text.
    static bool transcoded_by_yaml_cpp(std::string_view t) {
        if (t.size() < 2) return false;
        auto byte = [&](std::size_t i) { return static_cast<unsigned char>(t[i]); };
        return byte(0) == 0 || byte(1) == 0 || (byte(0) == 0xFF && byte(1) == 0xFE) ||
               (byte(0) == 0xFE && byte(1) == 0xFF);
    }

    std::string_view text_;
    const std::string& path_;
    bool exact_;
    std::vector<std::size_t> line_starts_;
    std::vector<NodePlace> places_;
    std::vector<Frame> stack_;
    std::map<YAML::anchor_t, Anchor> anchors_;
    std::string pending_anchor_name_;
    YAML::Node root_;
    std::size_t documents_ = 0;
    std::size_t copies_ = 0;
};

class YamlReader {
public:
    YamlReader(std::string_view text, std::string path) : text_(text), path_(std::move(path)), loader_(text_, path_) {}

    Network read() {
        YAML::Node root = loader_.load();
        if (root.IsMap()) remember_names(root);
        if (!root.IsMap()) fail(root, errors::yaml_not_a_network());
        check_keys(
            root,
            {"format", "name", "description", "references", "variables", "drugs", "contexts", "readouts", "scenarios"},
            "the top level");
        auto format = required(root, "format", "the top level");
        if (scalar(format, "format") != kFormatTag)
            fail(format, errors::unsupported_yaml_format(scalar(format, "format"), kFormatTag));
        auto name_node = required(root, "name", "the top level");
        check_model_name(name_node);
        NetworkBuilder builder(scalar(name_node, "name"), path_);
        if (root["description"]) builder.set_description(scalar(root["description"], "description"));
        if (auto refs = root["references"]) {
            expect_map(refs, "references");
            for (auto it : refs) builder.add_reference(key_of(it), scalar(it.second, "a reference"));
        }

        auto vars = required(root, "variables", "the top level");
        expect_map(vars, "variables");
        if (vars.size() == 0) fail(vars, errors::no_variables());
        struct PendingRule {
            VarId var;
            YAML::Node node;
        };
        std::vector<PendingRule> rules;
        for (auto it : vars) {
            std::string name = key_of(it);
            Location at = loader_.place(it.first).where;
            if (!is_valid_name(name)) {
                Diagnostic d = here(it.first, errors::invalid_variable_name(name));
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
            for (auto& u : parsed.unresolved) collected_.push_back(unresolved(u, "the rule of '" + owner + "'", known));
            // A rule that is exactly the variable itself is an input, as in .bnet.
            builder.set_rule(r.var, std::move(parsed.expr));
        }
        for (auto& r : rules) {
            Variable& var = builder.variable(r.var);
            if (var.default_value && !var.rule.is_variable(r.var))
                collected_.push_back(here(r.node, errors::default_on_rule(at(r.node), var.name)));
        }

        if (auto drugs = root["drugs"]) read_drugs(drugs, builder);
        if (auto contexts = root["contexts"]) read_contexts(contexts, builder);
        if (auto readouts = root["readouts"]) read_readouts(readouts, builder);
        if (auto scenarios = root["scenarios"]) read_scenarios(scenarios, builder);

        if (!collected_.empty()) throw InputError(collected_);
        return std::move(builder).build();
    }

private:
    Location at(const YAML::Node& n) const {
        Location where = loader_.place(n).where;
        if (where.file.empty()) where.file = path_;
        return where;
    }

    // A catalogue diagnostic about node n (made at at(n)) with its source line, marked
    // approximate when positions are. Its note says which anchor the value comes from,
    // unless the message has a note of its own (`own_note`: a suggestion, even an empty one).
    Diagnostic here(const YAML::Node& n, Diagnostic d, bool own_note = false) const {
        const NodePlace& p = loader_.place(n);
        d.source_line = line_of(text_, d.where.line);
        if (!own_note) d.note = p.anchor.empty() ? std::string() : through_alias(p);
        return errors::approximate(std::move(d), !loader_.exact());
    }
    Diagnostic here(const YAML::Node& n, std::string message) const {
        return here(n, errors::located(at(n), std::move(message)));
    }

    // yaml-cpp marks a quoted scalar at its opening quote; the caret goes under the text.
    static void skip_opening_quote(Diagnostic& d) {
        if (d.where.column >= 1 && d.where.column <= d.source_line.size() &&
            (d.source_line[d.where.column - 1] == '"' || d.source_line[d.where.column - 1] == '\''))
            ++d.where.column;
    }

    static std::string through_alias(const NodePlace& p) {
        return "the value comes from the anchor '&" + p.anchor + "' at line " + std::to_string(p.anchor_where.line) +
               ", column " + std::to_string(p.anchor_where.column);
    }

    // networks/FORMAT.md: letters, digits, '_' and '-' (the name becomes file names in reports).
    void check_model_name(const YAML::Node& n) const {
        std::string name = scalar(n, "name");
        bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        });
        if (valid) return;
        Diagnostic d = here(n, errors::invalid_model_name(at(n), name));
        skip_opening_quote(d);
        throw InputError(d);
    }

    [[noreturn]] void fail(const YAML::Node& n, std::string message) const {
        throw InputError(here(n, std::move(message)));
    }

    void expect_map(const YAML::Node& n, const std::string& what) const {
        if (!n.IsMap()) fail(n, errors::expected_mapping(what));
    }

    // A simulation rate (MaBoSS semantics): a finite number >= 0.
    double rate(const YAML::Node& n, const std::string& what) const {
        std::string text = scalar(n, what);
        double value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0)
            fail(n, errors::expected_value("a rate (a number >= 0)", what, text));
        return value;
    }

    std::string key_of(const YAML::const_iterator::value_type& it) const {
        if (!it.first.IsScalar()) fail(it.first, errors::expected_plain_key());
        return it.first.Scalar();
    }

    std::string scalar(const YAML::Node& n, const std::string& what) const {
        if (!n.IsScalar()) fail(n, errors::expected_single_value(what));
        return n.Scalar();
    }

    bool boolean(const YAML::Node& n, const std::string& what) const {
        std::string s = scalar(n, what);
        if (s == "1" || s == "true" || s == "True" || s == "on") return true;
        if (s == "0" || s == "false" || s == "False" || s == "off") return false;
        fail(n, errors::expected_value("0 or 1", what, s));
    }

    std::vector<std::string> string_list(const YAML::Node& n, const std::string& what) const {
        if (n.IsScalar()) return {n.Scalar()};
        if (!n.IsSequence()) fail(n, errors::expected_list(what));
        std::vector<std::string> out;
        for (const auto& item : n) out.push_back(scalar(item, what));
        return out;
    }

    YAML::Node required(const YAML::Node& parent, const std::string& key, const std::string& where) const {
        if (!parent[key]) fail(parent, errors::missing_key(key, where));
        return parent[key];
    }

    void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, const std::string& where) {
        for (auto it : map) {
            std::string k = key_of(it);
            if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
                throw InputError(here(it.first, errors::unknown_key(at(it.first), k, where, allowed), true));
            }
        }
    }

    // The loader maps the scalar's bytes to the file so rule errors point at the right place.
    ParsedRule parse_scalar_rule(const YAML::Node& n, const NameResolver& resolve) const {
        std::string text = scalar(n, "rule");
        try {
            return parse_rule(text, loader_.rule_source(n), resolve);
        } catch (const InputError& e) {
            const NodePlace& p = loader_.place(n);
            if (p.anchor.empty()) throw;
            std::vector<Diagnostic> ds = e.diagnostics();
            for (auto& d : ds) d.note = through_alias(p);
            throw InputError(ds);
        }
    }

    // Unknown names in a rule; positions the loader could not map exactly say so.
    // `where` says what mentions the name: "the rule of 'X'", "readout 'R'".
    Diagnostic unresolved(const UnresolvedName& u, std::string_view where,
                          const std::vector<std::string>& known) const {
        Diagnostic d = errors::approximate(errors::unknown_variable_in(u.where, u.name, where, known), u.approximate);
        d.source_line = line_of(text_, u.where.line);
        return d;
    }

    std::vector<Fix> fixes(const YAML::Node& n, NetworkBuilder& b, const std::string& what) {
        expect_map(n, what);
        std::vector<Fix> out;
        for (auto it : n) {
            std::string name = key_of(it);
            auto v = b.find(name);
            if (!v) {
                collected_.push_back(
                    here(it.first, errors::unknown_variable_in(at(it.first), name, what, b.names()), true));
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
            // The loader refuses a repeated key; this catches a drug named like an earlier alias.
            if (!names.insert(d.name).second) fail(it.first, errors::drug_defined_twice(d.name));
            std::string what = "drug '" + d.name + "'";
            expect_map(it.second, what);
            check_keys(it.second, {"description", "aliases", "sets", "refs"}, what);
            if (it.second["description"]) d.description = scalar(it.second["description"], "description");
            if (it.second["aliases"]) d.aliases = string_list(it.second["aliases"], "aliases");
            if (it.second["refs"]) d.refs = string_list(it.second["refs"], "refs");
            d.sets = fixes(required(it.second, "sets", what), b, "'sets' of " + what);
            for (const auto& a : d.aliases)
                if (!names.insert(a).second) fail(it.second["aliases"], errors::drug_alias_taken(a));
            b.add_drug(std::move(d));
        }
    }

    void read_contexts(const YAML::Node& contexts, NetworkBuilder& b) {
        expect_map(contexts, "contexts");
        for (auto it : contexts) {
            Context c;
            c.name = key_of(it);
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
            names.insert(r.name);
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
            for (auto& u : parsed.unresolved)
                collected_.push_back(unresolved(u, "readout '" + r.name + "'", b.names()));
            r.rule = std::move(parsed.expr);
            b.add_readout(std::move(r));
        }
        readout_names_.assign(names.begin(), names.end());
    }

    void read_scenarios(const YAML::Node& scenarios, NetworkBuilder& b) {
        expect_map(scenarios, "scenarios");
        for (auto it : scenarios) {
            Scenario s;
            s.name = key_of(it);
            std::string what = "scenario '" + s.name + "'";
            expect_map(it.second, what);
            const YAML::Node& body = it.second;
            check_keys(body,
                       {"claim", "description", "drugs", "contexts", "fix", "update", "expect", "expect_some",
                        "expect_probability", "from", "initial", "steps", "simulate", "known_disagreement"},
                       what);
            if (body["claim"]) s.claim = scalar(body["claim"], "claim");
            if (body["description"]) s.description = scalar(body["description"], "description");
            if (body["known_disagreement"])
                s.known_disagreement = scalar(body["known_disagreement"], "known_disagreement");
            ScenarioStep own = read_step_conditions(body, b, what);
            s.drugs = own.drugs;
            s.contexts = own.contexts;
            s.fixes = own.fixes;
            if (body["update"]) {
                std::string u = scalar(body["update"], "update");
                if (u == "any")
                    s.update = ScenarioUpdate::any;
                else if (u == "sync" || u == "synchronous")
                    s.update = ScenarioUpdate::synchronous;
                else if (u == "async" || u == "asynchronous")
                    s.update = ScenarioUpdate::asynchronous;
                else
                    fail(body["update"], errors::expected_value("'any', 'sync' or 'async'", "update", u));
            }
            read_history(body, b, what, s);
            if (body["expect"]) read_expectations(body["expect"], ExpectationKind::all, "expect", b, what, s);
            if (body["expect_some"])
                read_expectations(body["expect_some"], ExpectationKind::some, "expect_some", b, what, s);
            if (body["expect_probability"]) {
                if (!s.from && s.initial.empty())
                    fail(body["expect_probability"], errors::probability_needs_start(what));
                read_expectations(body["expect_probability"], ExpectationKind::at_least, "expect_probability", b, what,
                                  s);
            }
            if (body["simulate"]) s.simulation = read_simulation(body["simulate"], b, what);
            b.add_scenario(std::move(s));
        }
    }

    // simulate: {samples: N, max_time: T, seed: S, expect: {NAME: {at_least: p, at_most: q}}}
    ScenarioSimulation read_simulation(const YAML::Node& n, NetworkBuilder& b, const std::string& what) {
        const std::string where = "'simulate' of " + what;
        expect_map(n, where);
        check_keys(n, {"samples", "max_time", "seed", "expect"}, where);
        ScenarioSimulation sim;
        auto whole = [&](const char* key) {
            const std::string text = scalar(n[key], key);
            std::uint64_t value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc() || end != text.data() + text.size())
                fail(n[key], errors::expected_value("a whole number >= 0", key, text));
            return value;
        };
        if (n["samples"]) {
            sim.samples = whole("samples");
            if (sim.samples == 0) fail(n["samples"], errors::expected_setting("at least 1", "samples", where));
        }
        if (n["seed"]) sim.seed = whole("seed");
        if (n["max_time"]) {
            sim.max_time = rate(n["max_time"], "max_time");
            if (!(sim.max_time > 0)) fail(n["max_time"], errors::expected_setting("a time > 0", "max_time", where));
        }
        if (!n["expect"]) fail(n, errors::missing_bounds(where));
        Scenario bounds;
        read_expectations(n["expect"], ExpectationKind::at_least, "expect", b, what, bounds);
        sim.expect = std::move(bounds.expect);
        return sim;
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
            if (body["from"]) fail(initial, errors::from_and_initial(what));
            s.initial = scalar(initial, "initial");
            check_initial_state(initial, s.initial, b, what);
        }
        if (body["steps"]) {
            const YAML::Node& steps = body["steps"];
            if (body["drugs"] || body["contexts"] || body["fix"]) fail(steps, errors::steps_and_own_conditions(what));
            if (!steps.IsSequence() || steps.size() == 0) fail(steps, errors::expected_steps(what));
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
                if (c != '0' && c != '1') fail(n, errors::initial_bad_character(what, c));
            if (text.size() != b.num_vars()) fail(n, errors::initial_wrong_length(what, text.size(), b.num_vars()));
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
                fail(n, errors::initial_bad_assignment(what, w));
            if (!b.find(name)) {
                collected_.push_back(here(n, errors::unknown_initial_variable(at(n), name, what, b.names()), true));
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
                auto candidates = b.names();
                candidates.insert(candidates.end(), readout_names_.begin(), readout_names_.end());
                collected_.push_back(
                    here(e.first, errors::unknown_expected_name(at(e.first), name, key, what, candidates), true));
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
            if (e.second.size() == 0) fail(e.second, errors::expected_bound_kind(where));
            for (auto bound : e.second) {
                std::string which = key_of(bound);
                s.expect.push_back({name, true,
                                    which == "at_least" ? ExpectationKind::at_least : ExpectationKind::at_most,
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
        } catch (const std::exception&) {}
        fail(n, errors::expected_value("a probability between 0 and 1", what, text));
    }

    void check_names(const YAML::Node& n, const std::vector<std::string>& used, const std::vector<std::string>& known,
                     const std::string& kind, const std::string& what) {
        for (std::size_t i = 0; i < used.size(); ++i) {
            const std::string& u = used[i];
            if (std::find(known.begin(), known.end(), u) != known.end()) continue;
            // Point at the name itself, not at the list that holds it.
            const YAML::Node& at_name = n.IsSequence() ? n[i] : n;
            Diagnostic d = here(at_name, errors::unknown_used_name(at(at_name), kind, u, what, known), true);
            skip_opening_quote(d);
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
                    if (a.IsScalar())
                        drug_names_.push_back(a.Scalar());
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
    DocumentLoader loader_;
    std::vector<Diagnostic> collected_;
    std::vector<std::string> readout_names_;
    std::vector<std::string> drug_names_;
    std::vector<std::string> context_names_;
};

}  // namespace

Network read_yaml(std::string_view text, const std::string& path) { return YamlReader(text, path).read(); }

}  // namespace bitsig
