// SPDX-License-Identifier: MIT
// Minimal and maximal trap spaces of a network, exactly, for any size: the question behind
// `bitsig trap-spaces`. A trap space is a subspace that no update leaves (every variable it
// fixes has a rule equal to that value on the whole subspace); minimal ones are the
// attractors of the most permissive semantics and each holds at least one asynchronous
// attractor. Maximal ones are maximal among the trap spaces other than the whole space.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/control.hpp"
#include "model/network.hpp"
#include "state/subspace.hpp"
#include "trapspace/encoding.hpp"

namespace bitsig::trapspace {

enum class Kind { minimal, maximal };
std::string to_string(Kind k);

struct Options {
    Kind kind = Kind::minimal;
    std::size_t limit = 10'000;  // list at most this many (complete = false when more exist)
    EncodingOptions encoding;
};

struct Result {
    Kind kind = Kind::minimal;
    /// Sorted in plain string order of to_string() ('*' < '0' < '1'); when the limit was
    /// reached, the first `limit` found, sorted.
    std::vector<Subspace> trap_spaces;
    bool complete = true;  // every trap space of the kind is listed
    std::size_t limit = 0;
    EncodingStats encoding;
};

/// The minimal or maximal trap spaces of `net` (already perturbed). Control is polled
/// between and inside solver calls (Interrupted); progress counts trap spaces found.
Result find_trap_spaces(const Network& net, const Options& options, const Control& control);

}  // namespace bitsig::trapspace
