// SPDX-License-Identifier: MIT
// The set of all fixed points (x = f(x)) as a binary decision diagram (Bryant 1986), built
// with BuDDy: an exact count of any size in milliseconds where explicit enumeration would
// take hours, counts under conditions, and the first K fixed points in canonical order.
//
// The diagram ranges over decision variables only: inputs plus a feedback vertex set. In
// a fixed point every other variable is a function of them (its rule, with its regulators
// substituted upstream first), so each assignment of the decision variables extends to at
// most one fixed point, and the diagram is the set of those that do. See fixed_points.cpp.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "core/control.hpp"
#include "core/count.hpp"
#include "core/ids.hpp"
#include "model/network.hpp"
#include "state/state.hpp"

namespace bitsig {

struct SymbolicOptions {
    // Nodes the construction may create, and hold alive (about 20 bytes each, plus the
    // operation cache), before it gives up and symbolic_fixed_points returns nullopt. The
    // hardest BBM models that succeed create about 2 million.
    std::size_t max_nodes = std::size_t{1} << 22;
    // Seconds the construction may take before it gives up (0: no limit). Nodes alone do
    // not bound time: on a few BBM models BuDDy works for tens of seconds to minutes inside
    // single operations (144 reaches the node budget only after about 20 s of garbage
    // collections on a full table; 252 ran past a minute).
    double max_seconds = 2.0;
};

/// The fixed points of one network. Queries are exact and safe to call from several
/// threads (the diagram package is one process-wide state behind one mutex).
class SymbolicFixedPoints {
public:
    struct Impl;
    SymbolicFixedPoints(std::unique_ptr<Impl> impl, Count count);
    SymbolicFixedPoints(SymbolicFixedPoints&& other) noexcept;
    SymbolicFixedPoints& operator=(SymbolicFixedPoints&& other) noexcept;
    ~SymbolicFixedPoints();

    std::size_t num_vars() const;
    /// Inputs plus the feedback vertex set the diagram ranges over.
    std::size_t decision_variables() const;
    /// Nodes of the diagram of the set.
    std::size_t nodes() const;

    /// The number of fixed points.
    const Count& count() const { return count_; }
    /// The number of fixed points in which every listed variable has the given value.
    Count count_where(const std::vector<std::pair<VarId, bool>>& literals) const;
    /// The min(k, count) smallest fixed points in State order (variable 0 most
    /// significant), sorted: the first k of the canonical list of all of them.
    std::vector<State> first(std::size_t k, const Control& control = {}) const;

private:
    std::unique_ptr<Impl> impl_;
    Count count_;
};

/// The fixed points as a diagram, or nullopt when building it would exceed
/// options.max_nodes (the caller then falls back to enumerating them).
std::optional<SymbolicFixedPoints> symbolic_fixed_points(const Network& net, const SymbolicOptions& options,
                                                         const Control& control);

}  // namespace bitsig
