// SPDX-License-Identifier: MIT
// The `respond` question as its front ends (the CLI and the Python module) name it: the
// conditions as strings, turned into the engine's query, and the JSON document that
// CONTRACTS.md fixes. One place for both, so they cannot drift apart.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/network.hpp"
#include "response/response.hpp"

namespace bitsig::cli {

struct RespondRequest {
    std::string from;  // CONDITIONS of the start; empty: input defaults
    std::string to;    // CONDITIONS of the first step
    std::vector<std::string> then;
    std::string initial;  // a state, or "X=1 Y=0"; empty: the attractors of `from`
    std::string update = "async";
    std::string method = "auto";
    std::uint64_t samples = 10000;
    std::uint64_t seed = 1;
};

/// The engine query (InputError, located in the flag's text, for bad conditions).
ResponseQuery response_query(const RespondRequest& request);
ResponseOptions response_options(const RespondRequest& request);
/// The JSON document of `respond --format json`.
nlohmann::json response_json(const Network& net, const RespondRequest& request, const ResponseResult& result);

}  // namespace bitsig::cli
