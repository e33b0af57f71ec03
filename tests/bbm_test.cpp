// SPDX-License-Identifier: MIT
// Every model of the Biodivine Boolean Models collection (Pastva et al. 2023), read from the
// shared folder: each one loads, survives the .bnet and YAML round trips with every rule's
// function intact (truth tables for rules of at most 20 regulators, a SAT miter above
// that), and its compiled Program agrees with the reference evaluator on random states.
// Real models reach shapes hand-written tests do not: 10,000-term DNFs, 80 regulators on
// one variable, thousands of variables. When the folder is absent the tests pass with a
// message, so a checkout without the collection still builds and tests.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/regulation.hpp"
#include "dynamics/program.hpp"
#include "expr/expr.hpp"
#include "io/bnet.hpp"
#include "io/source.hpp"
#include "io/yaml.hpp"
#include "model/network.hpp"
#include "paths.hpp"
#include "sat/cnf.hpp"
#include "skip.hpp"

namespace {

namespace fs = std::filesystem;
using bitsig::Expr;
using bitsig::Network;
using bitsig::VarId;
using bitsig::Word;

const fs::path kModels = fs::path(BITSIG_SHARED_DIR) / "models" / "bbm";

// Models refused on purpose, with the start of the message that refuses them. Empty: all
// 284 models of the snapshot load.
const std::map<std::string, std::string> kRefused = {};

std::vector<fs::path> model_files() {
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::is_directory(kModels, ec)) return out;
    for (const auto& e : fs::directory_iterator(kModels))
        if (e.path().extension() == ".bnet") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// Loads every model that is not refused; the tests below share this shape.
std::vector<std::pair<std::string, Network>> loaded_models() {
    std::vector<std::pair<std::string, Network>> out;
    for (const auto& path : model_files()) {
        std::string name = path.filename().string();
        if (kRefused.count(name)) continue;
        out.emplace_back(name, bitsig::load_network(path.string()));
    }
    return out;
}

// MANIFEST.tsv of the collection: file -> (rule lines, variables including implicit inputs).
// An independent count to hold the reader to; empty if the manifest is missing.
std::map<std::string, std::pair<std::size_t, std::size_t>> manifest() {
    std::map<std::string, std::pair<std::size_t, std::size_t>> out;
    std::ifstream in(kModels / "MANIFEST.tsv");
    std::string line;
    std::vector<std::string> header;
    auto split = [](const std::string& l) {
        std::vector<std::string> cells;
        std::stringstream ss(l);
        std::string cell;
        while (std::getline(ss, cell, '\t')) cells.push_back(cell);
        return cells;
    };
    if (!std::getline(in, line)) return out;
    header = split(line);
    auto column = [&](const char* name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    std::size_t file = column("file"), rules = column("variables"), total = column("nodes_total");
    while (std::getline(in, line)) {
        auto cells = split(line);
        if (cells.size() <= std::max({file, rules, total}) || cells[file].empty()) continue;
        out[cells[file]] = {std::stoul(cells[rules]), std::stoul(cells[total])};
    }
    return out;
}

bool skip_without_collection() {
    if (!model_files().empty()) return false;
    MESSAGE("skipped: no BBM models in " << kModels.string());
    bitsig::test::mark_skipped();
    return true;
}

// True when the two trees are node for node the same (so the same function by
// construction). Iterative: exported rules can be wide and deep.
bool same_tree(const Expr& a, const Expr& b) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> todo{{a.root(), b.root()}};
    while (!todo.empty()) {
        auto [i, j] = todo.back();
        todo.pop_back();
        const bitsig::ExprNode& x = a.node(i);
        const bitsig::ExprNode& y = b.node(j);
        if (x.op != y.op) return false;
        if (x.op == bitsig::Op::constant && x.value != y.value) return false;
        if (x.op == bitsig::Op::variable && x.var != y.var) return false;
        auto xs = a.children(i), ys = b.children(j);
        if (xs.size() != ys.size()) return false;
        for (std::size_t k = 0; k < xs.size(); ++k) todo.emplace_back(xs[k], ys[k]);
    }
    return true;
}

// Rules larger than this are not put through the SAT miter when the round trip kept the
// tree unchanged: the one such rule in the collection (a 10,184-term DNF of model 248)
// takes the miter 14 s, and an unchanged tree needs no proof.
constexpr std::size_t kMiterNodeLimit = 50000;

// Same function of the model's variables: truth tables over the union of both supports
// when it has at most 20 variables, otherwise a SAT miter.
bool same_function(const Expr& a, const Expr& b, std::size_t num_vars) {
    std::vector<VarId> support = a.support(), other = b.support();
    support.insert(support.end(), other.begin(), other.end());
    std::sort(support.begin(), support.end());
    support.erase(std::unique(support.begin(), support.end()), support.end());
    if (support.size() <= bitsig::kExactSignLimit)
        return bitsig::truth_table(a, support) == bitsig::truth_table(b, support);
    if (std::max(a.size(), b.size()) > kMiterNodeLimit && same_tree(a, b)) return true;
    return bitsig::sat::equivalent(a, b, num_vars);
}

void check_same_rules(const Network& original, const Network& back) {
    REQUIRE(back.names() == original.names());
    for (std::uint32_t i = 0; i < original.num_vars(); ++i) {
        VarId v{i};
        CAPTURE(original.name(v));
        CHECK(back.is_input(v) == original.is_input(v));
        CHECK(same_function(original.rule(v), back.rule(v), original.num_vars()));
    }
}

// A seed that depends only on the file name (FNV-1a), so a failure replays anywhere.
std::uint64_t seed_of(const std::string& name) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
    return h;
}

// Random words with bit density 1/8 .. 7/8, so wide conjunctions and disjunctions see
// both values (uniform bits would make a 30-literal AND constantly false).
Word random_word(std::mt19937_64& rng) {
    Word a = rng(), b = rng(), c = rng();
    switch (rng() % 5) {
    case 0:
        return a & b & c;
    case 1:
        return a & b;
    case 2:
        return a;
    case 3:
        return a | b;
    default:
        return a | b | c;
    }
}

}  // namespace

TEST_SUITE("bbm") {

TEST_CASE("bbm: every model of the collection loads") {
    if (skip_without_collection()) return;
    const auto counts = manifest();
    std::size_t loaded = 0;
    for (const auto& path : model_files()) {
        std::string name = path.filename().string();
        CAPTURE(name);
        auto refused = kRefused.find(name);
        if (refused != kRefused.end()) {
            try {
                bitsig::load_network(path.string());
                FAIL("expected the model to be refused");
            } catch (const bitsig::InputError& e) {
                CHECK(std::string(e.what()).rfind(refused->second, 0) == 0);
            }
            continue;
        }
        Network net = bitsig::load_network(path.string());
        CHECK(net.num_vars() > 0);
        CHECK(net.source_file() == path.string());
        if (auto it = counts.find(name); it != counts.end()) {
            // Variables with a rule line have a position; implicit inputs do not.
            std::size_t with_line = 0;
            for (const auto& var : net.variables()) with_line += var.where.line > 0;
            CHECK(with_line == it->second.first);
            CHECK(net.num_vars() == it->second.second);
        }
        ++loaded;
    }
    MESSAGE(loaded << " BBM models loaded, " << kRefused.size() << " refused on purpose");
    CHECK(loaded + kRefused.size() == model_files().size());
}

TEST_CASE("bbm: writing .bnet and reading it back keeps every rule's function") {
    if (skip_without_collection()) return;
    for (const auto& [name, net] : loaded_models()) {
        CAPTURE(name);
        Network back = bitsig::read_bnet(bitsig::write_bnet(net), name);
        CHECK(back.warnings().empty());  // implicit inputs now have their own line
        check_same_rules(net, back);
    }
}

TEST_CASE("bbm: writing YAML and reading it back keeps every rule's function") {
    if (skip_without_collection()) return;
    for (const auto& [name, net] : loaded_models()) {
        CAPTURE(name);
        Network back = bitsig::read_yaml(bitsig::write_yaml(net), name + ".yaml");
        CHECK(back.model_name() == net.model_name());
        check_same_rules(net, back);
    }
}

TEST_CASE("bbm: the compiled program agrees with the reference evaluator") {
    if (skip_without_collection()) return;
    constexpr std::size_t W = 8;
    constexpr std::size_t kStatesPerModel = 256;
    for (const auto& [name, net] : loaded_models()) {
        CAPTURE(name);
        const std::size_t n = net.num_vars();
        bitsig::Program program = bitsig::Program::compile(net);
        REQUIRE(program.num_inputs() == n);
        REQUIRE(program.num_outputs() == n);
        std::mt19937_64 rng(seed_of(name));
        std::vector<Word> in(n * W), out8(n * W), out1(n), in1(n);
        for (auto& w : in) w = random_word(rng);
        std::vector<Word> scratch(program.scratch_words(W));
        program.run<W>(in.data(), out8.data(), scratch.data());

        // run<1> on the first word of every register gives the first word of run<W>.
        for (std::size_t v = 0; v < n; ++v) in1[v] = in[v * W];
        std::vector<Word> scratch1(program.scratch_words(1));
        program.run<1>(in1.data(), out1.data(), scratch1.data());
        for (std::size_t v = 0; v < n; ++v) {
            CAPTURE(net.name(VarId{static_cast<std::uint32_t>(v)}));
            CHECK(out1[v] == out8[v * W]);
        }

        // States spread over all W words, checked one by one with evaluate().
        std::size_t mismatches = 0;
        for (std::size_t s = 0; s < kStatesPerModel; ++s) {
            std::size_t lane = (s * 64 * W) / kStatesPerModel + s % 2;
            std::size_t k = lane / 64, bit = lane % 64;
            std::vector<bool> state(n);
            for (std::size_t v = 0; v < n; ++v) state[v] = (in[v * W + k] >> bit) & 1;
            for (std::uint32_t v = 0; v < n; ++v) {
                bool expected = bitsig::evaluate(net.rule(VarId{v}), state);
                bool compiled = (out8[v * W + k] >> bit) & 1;
                if (expected != compiled && ++mismatches <= 5) {
                    CAPTURE(lane);
                    CAPTURE(net.name(VarId{v}));
                    CHECK(compiled == expected);
                }
            }
        }
        CHECK(mismatches == 0);
    }
}

}  // TEST_SUITE
