// SPDX-License-Identifier: MIT
// Conditions as users name them (knockouts, drugs, contexts, scenarios, ...), resolved
// against a network into a Perturbation. One vocabulary for every command and report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/network.hpp"
#include "perturb/perturbation.hpp"

namespace bitsig {

struct Conditions {
    std::vector<std::string> knockouts;
    std::vector<std::string> overexpressions;
    std::vector<std::string> fixes;  // "X=0" / "X=1"
    std::vector<std::string> drugs;
    std::vector<std::string> contexts;
    std::vector<std::string> cuts;  // "A->X"
    std::string scenario;
    bool free_inputs = false;

    /// Parses "context=pten_loss drug=trastuzumab ko=X oe=Y fix=X=1 cut=A->X" (also
    /// comma-separated). Throws InputError on an unknown key.
    static Conditions parse(const std::string& text);
    /// A short human description: "context pten_loss + drug trastuzumab".
    std::string describe() const;
};

/// Conditions resolved, except that two of them hold one variable at different values (a
/// screen that combines X KO with X OE): that conflict is a value, not an error.
struct Resolution {
    Perturbation perturbation;
    std::optional<Diagnostic> conflict;  // set: `perturbation` is incomplete, do not use it
};

/// Resolves names like resolve(), returning a conflict instead of throwing it. Unknown
/// names are still InputErrors.
Resolution resolve_or_conflict(const Network& net, const Conditions& c);

/// Resolves names against the network. Unknown names are errors listing what is known.
/// Input defaults are applied unless free_inputs; explicit conditions override them.
Perturbation resolve(const Network& net, const Conditions& c);

}  // namespace bitsig
