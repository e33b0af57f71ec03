// SPDX-License-Identifier: MIT
// The successor sweep against the plain semantics: the specialised transposes (every
// instruction set this machine has) against the definition bit by bit, and whole sweeps
// against the one-state evaluator (dynamics/step) on random networks of 1 to 32 variables,
// with plain and with streaming stores, and the store-free programs the sweep runs.
#include <doctest/doctest.h>

#include <random>

#include "attractor/exhaustive.hpp"
#include "dynamics/step.hpp"
#include "dynamics/sweep.hpp"
#include "expr/parse.hpp"
#include "oracle/oracle.hpp"

using namespace bitsig;

namespace {

std::vector<SliceIsa> supported_isas() {
    std::vector<SliceIsa> out;
    for (SliceIsa isa : {SliceIsa::portable, SliceIsa::avx2, SliceIsa::avx512})
        if (isa_supported(isa)) out.push_back(isa);
    return out;
}

// The successor (or disagreement mask) of one state by the reference evaluator.
std::uint32_t reference(const Network& net, std::uint64_t state, bool as_mask) {
    std::uint64_t next = step_synchronous(net, State::from_index(state, net.num_vars())).index();
    return static_cast<std::uint32_t>(as_mask ? next ^ state : next);
}

}  // namespace

TEST_SUITE("sweep") {
TEST_CASE("slices_to_indices transposes: bit v of index 64g + j is bit j of rows[v * W + g]") {
    std::mt19937_64 rng(7);
    for (SliceIsa isa : supported_isas()) {
        CAPTURE(to_string(isa));
        for (std::size_t W : {8, 16, 32}) {
            for (std::size_t n : {1, 5, 6, 13, 17, 31, 32}) {
                CAPTURE(W);
                CAPTURE(n);
                std::vector<Word> rows(32 * W, 0);
                for (std::size_t i = 0; i < n * W; ++i) rows[i] = rng();
                for (bool stream : {false, true}) {
                    CAPTURE(stream);
                    // Page-aligned, as streaming stores need.
                    StateArray<std::uint32_t> index(64 * W);
                    std::fill(index.begin(), index.end(), 0xDEADBEEF);
                    slices_to_indices(isa, rows.data(), W, index.data(), stream);
                    std::size_t wrong = 0;
                    for (std::size_t s = 0; s < 64 * W; ++s) {
                        std::uint32_t expected = 0;
                        for (std::size_t v = 0; v < n; ++v)
                            expected |= static_cast<std::uint32_t>((rows[v * W + s / 64] >> (s % 64)) & 1) << v;
                        wrong += index[s] != expected;
                    }
                    CHECK(wrong == 0);
                }
            }
        }
    }
}

TEST_CASE("IndexBlock seeks to any block, forwards or backwards") {
    constexpr std::size_t W = 8;
    for (std::size_t n : {3, 9, 10, 20, 32}) {
        IndexBlock<W> block(n);
        std::vector<Word> expected(n * W);
        std::mt19937_64 rng(n);
        for (int step = 0; step < 50; ++step) {
            std::uint64_t base = (rng() & ((std::uint64_t{1} << n) - 1)) & ~std::uint64_t{64 * W - 1};
            block.seek(base);
            fill_index_block<W>(base, n, expected.data());
            CHECK(std::vector<Word>(block.data(), block.data() + n * W) == expected);
        }
    }
}

TEST_CASE("the full successor table equals the one-state evaluator, n = 1 .. 14") {
    Control one;
    one.threads = 1;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        std::size_t n = 1 + seed % 14;
        CAPTURE(seed);
        CAPTURE(n);
        Network net = oracle::random_network(n, 3, seed);
        for (bool as_mask : {false, true}) {
            Successors table = successor_table(net, as_mask, one);
            std::size_t wrong = 0;
            for (std::uint64_t s = 0; s < table.size(); ++s) wrong += table[s] != reference(net, s, as_mask);
            CHECK(wrong == 0);
        }
    }
}

TEST_CASE("sweeps over random ranges equal the one-state evaluator, n = 1 .. 32, every ISA") {
    std::mt19937_64 rng(2024);
    for (std::size_t n = 1; n <= 32; ++n) {
        CAPTURE(n);
        Network net = oracle::random_network(n, 3, 1000 + n);
        Program program = Program::compile(net);
        std::uint64_t total = std::uint64_t{1} << n;
        for (SliceIsa isa : supported_isas()) {
            CAPTURE(to_string(isa));
            for (bool as_mask : {false, true}) {
                SuccessorSweep sweep(program, as_mask, isa);
                // A few ranges, in no particular order, some ending inside a block.
                for (int r = 0; r < 4; ++r) {
                    std::uint64_t blocks = (total + SuccessorSweep::kBlockStates - 1) / SuccessorSweep::kBlockStates;
                    std::uint64_t first = (rng() % blocks) * SuccessorSweep::kBlockStates;
                    std::uint64_t count = std::min<std::uint64_t>(total - first, 1 + rng() % 1500);
                    std::vector<std::uint32_t> out(count);
                    sweep.run(first, count, out.data());
                    std::size_t wrong = 0;
                    for (std::uint64_t i = 0; i < count; ++i) wrong += out[i] != reference(net, first + i, as_mask);
                    CHECK(wrong == 0);
                }
            }
        }
    }
}

TEST_CASE("streaming sweeps over whole blocks (and a tail) equal the one-state evaluator, every ISA") {
    std::mt19937_64 rng(99);
    for (std::size_t n : {11, 14, 17, 23, 32}) {
        CAPTURE(n);
        Network net = oracle::random_network(n, 3, 2000 + n);
        Program program = Program::compile(net);
        std::uint64_t total = std::uint64_t{1} << n;
        for (SliceIsa isa : supported_isas()) {
            CAPTURE(to_string(isa));
            for (bool as_mask : {false, true}) {
                SuccessorSweep sweep(program, as_mask, isa, true);
                std::uint64_t blocks = total / SuccessorSweep::kBlockStates;
                std::uint64_t first = (rng() % blocks) * SuccessorSweep::kBlockStates;
                std::uint64_t count = std::min<std::uint64_t>(total - first, 3 * SuccessorSweep::kBlockStates + 100);
                for (std::size_t offset : {0, 1}) {  // aligned: streamed; misaligned: plain
                    StateArray<std::uint32_t> out(count + 1);
                    sweep.run(first, count, out.data() + offset);
                    std::size_t wrong = 0;
                    for (std::uint64_t i = 0; i < count; ++i)
                        wrong += out[offset + i] != reference(net, first + i, as_mask);
                    CHECK(wrong == 0);
                }
            }
        }
    }
}

TEST_CASE("store-free programs: every kind of output (copies, constants, negated gates) in place") {
    // Rules whose outputs are inputs, constants, and each gate plain or negated, so that
    // with_outputs_in_registers meets every case; checked through the sweep, every ISA.
    std::vector<std::string> rules = {"a",
                                      "!b",
                                      "0",
                                      "1",
                                      "a & b",
                                      "!(a & b)",
                                      "a | c",
                                      "!(b | c)",
                                      "a ^ d",
                                      "!(a ^ d)",
                                      "a & !e",
                                      "!(a & !e)",
                                      "!a & !b",
                                      "!(!a & !b)",
                                      "(a | b) & !(c ^ d)",
                                      "!((a & b) | (c & !d))",
                                      "!e"};
    NetworkBuilder b("gates");
    const std::size_t n = rules.size();
    std::vector<std::string> names = {"a", "b", "c", "d", "e"};
    for (std::size_t i = 5; i < n; ++i) names.push_back("x" + std::to_string(i));
    for (const auto& name : names) b.declare(name);
    NameResolver resolve = [&](std::string_view name) { return b.find(name); };
    for (std::size_t i = 0; i < n; ++i)
        b.set_rule(VarId{static_cast<std::uint32_t>(i)}, parse_rule(rules[i], RuleSource{}, resolve).expr);
    Network net = std::move(b).build();
    Program program = Program::compile(net);
    Program fused = program.with_outputs_in_registers(32);
    CHECK(fused.size() <= program.size());
    Control one;
    one.threads = 1;
    for (bool as_mask : {false, true}) {
        Successors table = successor_table(net, as_mask, one);
        std::size_t wrong = 0;
        for (std::uint64_t s = 0; s < table.size(); ++s) wrong += table[s] != reference(net, s, as_mask);
        CHECK(wrong == 0);
        for (SliceIsa isa : supported_isas()) {
            CAPTURE(to_string(isa));
            SuccessorSweep sweep(program, as_mask, isa, true);
            StateArray<std::uint32_t> out(table.size());
            sweep.run(0, table.size(), out.data());
            CHECK(std::equal(out.begin(), out.end(), table.begin()));
        }
    }
}

TEST_CASE("a table that reuses an earlier table's memory is all new") {
    Control one;
    one.threads = 1;
    Network net = oracle::random_network(19, 3, 5);  // 2 MiB: recycled
    Network other = oracle::random_network(19, 3, 6);
    Successors first = successor_table(other, false, one);
    Successors expected(first.size());
    std::copy(first.begin(), first.end(), expected.begin());
    first = Successors(0);  // leaves its memory for the next table of its size
    Successors again = successor_table(net, false, one);
    CHECK(again.recycled());
    std::size_t wrong = 0;
    for (std::uint64_t s = 0; s < again.size(); s += 97) wrong += again[s] != reference(net, s, false);
    CHECK(wrong == 0);
    Successors back = successor_table(other, false, one);
    CHECK(std::equal(back.begin(), back.end(), expected.begin()));
}

TEST_CASE("multithreaded tables equal single-threaded ones") {
    Network net = oracle::random_network(19, 3, 77);
    Control one, two;
    one.threads = 1;
    two.threads = 2;
    for (bool as_mask : {false, true}) {
        Successors a = successor_table(net, as_mask, one), b = successor_table(net, as_mask, two);
        CHECK(std::equal(a.begin(), a.end(), b.begin()));
    }
}
}
