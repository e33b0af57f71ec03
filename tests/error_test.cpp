// SPDX-License-Identifier: MIT
// The catalogue's refusals that no module test reaches, pinned through the real engine calls
// that raise them (the wordings live in core/error.cpp; these tests keep them byte for byte).
#include <doctest/doctest.h>

#include <string>

#include "attractor/exhaustive.hpp"
#include "core/error.hpp"
#include "io/bnet.hpp"
#include "response/dense.hpp"
#include "response/initial.hpp"
#include "response/step.hpp"

using namespace bitsig;

namespace {

// n inputs (x = x): nothing is constant, so every variable stays free.
Network inputs(std::size_t n) {
    std::string text = "targets, factors\n";
    for (std::size_t i = 0; i < n; ++i) text += "x" + std::to_string(i) + ", x" + std::to_string(i) + "\n";
    return read_bnet(text, "inputs.bnet");
}

}  // namespace

TEST_SUITE("error") {
TEST_CASE("an exact response step past what its layout packs is refused with advice") {
    CHECK_THROWS_WITH_AS(explore_dense(inputs(33), {}, StepLimits{}, std::uint64_t{1} << 40, {}),
                         "exact response: the whole-space method packs at most 32 free variables, this step "
                         "leaves 33",
                         ResourceError);
    CHECK_THROWS_WITH_AS(explore_step(inputs(65), UpdateScheme::asynchronous, {}, StepLimits{}, {}),
                         "exact response: 65 variables are free in this step, beyond the 64 an explicit "
                         "exploration packs; use --method sample, or hold more variables",
                         ResourceError);
}

TEST_CASE("an empty --initial says what a start state looks like") {
    CHECK_THROWS_WITH_AS(parse_initial_state(inputs(4), ""),
                         "--initial:1: error: empty initial state: expected 4 characters 0/1 or NAME=0/1 words",
                         InputError);
}

TEST_CASE("an exhaustive search beyond the memory it may use names both amounts and the way out") {
    ExhaustiveOptions options;
    options.memory_fraction = 1e-12;  // a few bytes: any search is too large
    for (UpdateScheme update : {UpdateScheme::synchronous, UpdateScheme::asynchronous}) {
        const std::string scheme = to_string(update);
        CAPTURE(scheme);
        const bool sync = update == UpdateScheme::synchronous;
        std::string message;
        try {
            require_exhaustive_fits(20, update, options);
        } catch (const ResourceError& e) {
            message = e.what();
        }
        // The amount available is the machine's: only the words around it are fixed.
        CHECK(message.starts_with("exhaustive " + scheme +
                                  " search over 20 free variables needs about 0.0 GiB of memory but "));
        CHECK(message.ends_with(sync ? " GiB is available; fix some inputs, or use --method sat (exact, large "
                                       "networks)"
                                     : " GiB is available; fix some inputs, or use --method sat for fixed points "
                                       "or --method sample"));
    }
}
}
