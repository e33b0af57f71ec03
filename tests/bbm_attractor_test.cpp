// SPDX-License-Identifier: MIT
// Attractor searches on the shared Biodivine models: SAT fixed points equal the fixed
// points of exhaustive search wherever exhaustive search fits, and every reported
// attractor passes an independent check. Skips with a message when ../shared is absent.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "attractor/exhaustive.hpp"
#include "attractor/fixed_points.hpp"
#include "attractor/search.hpp"
#include "dynamics/step.hpp"
#include "io/source.hpp"
#include "paths.hpp"
#include "skip.hpp"

using namespace bitsig;

namespace {

std::vector<std::filesystem::path> bbm_models() {
    std::filesystem::path dir = std::filesystem::path(BITSIG_SHARED_DIR) / "models" / "bbm";
    std::vector<std::filesystem::path> out;
    if (!std::filesystem::is_directory(dir)) return out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".bnet") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t free_variables(const Network& net) {
    std::size_t n = 0;
    for (std::uint32_t v = 0; v < net.num_vars(); ++v) n += !net.is_constant(VarId{v});
    return n;
}

std::vector<State> fixed_points_of(const Result& r) {
    std::vector<State> out;
    for (const auto& a : r.attractors)
        if (a.states.size() == 1 && !a.truncated) out.push_back(a.states.front());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_SUITE("bbm") {
TEST_CASE("SAT fixed points equal exhaustive fixed points on every shared model that fits") {
    auto models = bbm_models();
    if (models.empty()) BITSIG_SKIP(BITSIG_SHARED_DIR << "/models/bbm not found");
    std::size_t compared_sync = 0, compared_async = 0;
    for (const auto& path : models) {
        Network net = load_network(path.string());
        std::size_t n = free_variables(net);
        if (n > 20) continue;
        CAPTURE(path.filename().string());
        Result sat = find_fixed_points(net, {}, {});
        REQUIRE(sat.complete);
        Result sync = exhaustive_synchronous(net, {}, {});
        CHECK(fixed_points_of(sync) == fixed_points_of(sat));
        for (const auto& a : sync.attractors)
            for (std::size_t i = 0; i < a.states.size(); ++i)
                CHECK(step_synchronous(net, a.states[i]) == a.states[(i + 1) % a.states.size()]);
        ++compared_sync;
        if (n <= 16) {
            Result async = exhaustive_asynchronous(net, {}, {});
            CHECK(fixed_points_of(async) == fixed_points_of(sat));
            for (const auto& a : async.attractors) {
                if (a.truncated || a.states.size() > 2000) continue;
                std::set<State> members(a.states.begin(), a.states.end());
                for (const auto& s : a.states)
                    for (const auto& t : successors_asynchronous(net, s)) CHECK(members.count(t) == 1);
            }
            ++compared_async;
        }
    }
    MESSAGE(compared_sync << " models compared synchronously, " << compared_async << " asynchronously");
    CHECK(compared_sync > 50);
}
}
