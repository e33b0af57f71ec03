// SPDX-License-Identifier: MIT
// state/: states and subspaces, containment and intersection checked against their
// definitions by listing the states.
#include <doctest/doctest.h>

#include <random>
#include <set>

#include "state/state.hpp"
#include "state/subspace.hpp"

using namespace bitsig;

namespace {
Subspace random_subspace(std::size_t n, std::mt19937_64& rng) {
    Subspace s(n);
    for (std::size_t i = 0; i < n; ++i)
        if (auto r = rng() % 3; r < 2) s.fix(i, r == 1);
    return s;
}
}  // namespace

TEST_SUITE("state") {
TEST_CASE("a state round-trips its string and its index, past one word too") {
    for (const char* text : {"0", "1", "0110", "1010101010101010101010101010101010101010101010101010101010101010111"}) {
        CAPTURE(text);
        CHECK(State::from_string(text).to_string() == text);
    }
    State s = State::from_index(0b1011, 4);
    CHECK(s.to_string() == "1101");  // variable i is bit i
    CHECK(s.index() == 0b1011);
    s.flip(1);
    CHECK(s.to_string() == "1001");
    CHECK_THROWS_AS(State::from_string("01x"), std::invalid_argument);
}

TEST_CASE("subspace containment and intersection agree with their lists of states") {
    std::mt19937_64 rng(7);
    for (std::uint64_t seed = 0; seed < 200; ++seed) {
        CAPTURE(seed);
        std::size_t n = 1 + seed % 7;
        Subspace a = random_subspace(n, rng), b = random_subspace(n, rng);
        auto as = a.states(), bs = b.states();
        CHECK(as.size() == std::size_t{1} << a.free_count());
        std::set<State> in_a(as.begin(), as.end());
        bool subset = true, meet = false;
        for (const auto& s : bs) {
            subset = subset && in_a.count(s) > 0;
            meet = meet || in_a.count(s) > 0;
            CHECK(b.contains(s));
            CHECK(a.contains(s) == (in_a.count(s) > 0));
        }
        CHECK(a.contains(b) == subset);
        CHECK(a.intersects(b) == meet);
        CHECK(Subspace::from_string(a.to_string()) == a);
        CHECK(a.fixed_count() + a.free_count() == n);
    }
}
}
