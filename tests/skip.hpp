// SPDX-License-Identifier: MIT
// Skipped test cases show as skipped in ctest's summary, not as passed: a case that cannot
// run here (no ../shared collection, a sanitizer build) calls skip() and returns; the test
// binary then exits with kSkipExitCode when ctest ran that one case alone.
#pragma once

#include <string>

#include <doctest/doctest.h>

namespace bitsig::test {

inline constexpr int kSkipExitCode = 77;

/// Records that the running case was skipped, and why (shown in the test's output).
void mark_skipped();

}  // namespace bitsig::test

#define BITSIG_SKIP(reason)                                                                                            \
    do {                                                                                                               \
        MESSAGE("skipped: " << reason);                                                                                \
        bitsig::test::mark_skipped();                                                                                  \
        return;                                                                                                        \
    } while (false)
