// SPDX-License-Identifier: MIT
// Attractor results as text for people, and as JSON/CSV/Markdown for other tools
// (CONTRACTS.md fixes the JSON shape).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "attractor/attractor.hpp"
#include "model/network.hpp"
#include "output_format.hpp"
#include "perturb/perturbation.hpp"

namespace bitsig::cli {

struct AttractorReport {
    const Network* net = nullptr;  // the unperturbed model (names, readouts)
    Result result;
    Perturbation perturbation;
    std::string conditions;          // human description
    bool fixed_points_only = false;  // `bitsig fixed-points`: the answers are called fixed points
};

nlohmann::json to_json(const AttractorReport& r);
std::string render(const AttractorReport& r, OutputFormat format);

/// `j` as indented JSON text with a final newline. Strings that are not UTF-8 (a file
/// name from the command line) are written with U+FFFD instead of failing the command.
std::string dump_json(const nlohmann::json& j);

/// "ON", "OFF" or "45% on" for a readout value.
std::string readout_word(double value);

}  // namespace bitsig::cli
