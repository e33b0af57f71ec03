// SPDX-License-Identifier: MIT
// Attractor candidates: a few states that every asynchronous attractor outside given trap
// spaces must meet, found by SAT and thinned by random walks, so that a succession
// diagram's node needs decision diagrams only for the candidates left, and none when no
// candidate is left (Trinh, Hiraishi and Benhamou 2022; Trinh, Benhamou, Pastva and
// Siegel 2024).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/control.hpp"
#include "model/network.hpp"
#include "state/state.hpp"
#include "state/subspace.hpp"

namespace bitsig {

/// Values toward which the variables of `nfvs` are held (retained) in the candidate
/// search: those of the subspace of `avoid` sharing fewest variables with `nfvs`, so that
/// many candidates fall inside it and drop out, and otherwise the value each rule takes on
/// most of its inputs. Indexed like `nfvs`.
std::vector<bool> retained_values(const Network& net, const std::vector<std::uint32_t>& nfvs,
                                  const std::vector<Subspace>& avoid);

/// The states outside every subspace of `avoid` where no variable can move except a
/// variable of `nfvs` moving toward its retained value: the fixed points of the network
/// in which each such variable may only move that way. When `nfvs` is a negative feedback
/// vertex set, every asynchronous attractor holds at least one of them (Trinh et al.
/// 2022), so an attractor outside the trap spaces `avoid` holds one outside them. nullopt
/// when there are more than `limit`. Sorted.
std::optional<std::vector<State>> attractor_candidates(const Network& net, const std::vector<std::uint32_t>& nfvs,
                                                       const std::vector<bool>& retained,
                                                       const std::vector<Subspace>& avoid, std::size_t limit,
                                                       const Control& control);

/// Candidates thinned by random asynchronous walks (rounds of every variable once, in a
/// random order): a walk that enters a subspace of `avoid` (trap spaces) shows its start
/// is in no attractor outside them, and one that reaches another candidate shows the two
/// would share an attractor, so one of them is enough; a candidate that survives is
/// replaced by where its walk ended (in its attractor if it was in one). So every attractor
/// outside `avoid` that held a candidate still holds one. With `avoid` empty (a minimal trap
/// space, which holds at least one attractor) it stops at one candidate.
std::vector<State> thin_candidates(const Network& net, std::vector<State> candidates,
                                   const std::vector<Subspace>& avoid, std::size_t rounds, std::uint64_t seed,
                                   const Control& control);

}  // namespace bitsig
