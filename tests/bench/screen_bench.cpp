// SPDX-License-Identifier: MIT
// Full pairwise screens: every single and pair of drugs, and every single and pair of
// single-variable knockouts, on the flagship network and on a shared BBM cancer model with
// inputs (inputs held at 0, a "no stimulus" background, as a user screening it would).
// Prints conditions per second with 1 and 2 threads, and the speed-up, in the same run.
//
// The default BBM model is 070 (MAPK cancer cell fate, 53 variables, 4 inputs). The
// largest model with inputs, 004 ERBB (247 variables), has 89,856 fixed points with its
// inputs at 0, so each of its 25,000 pairwise conditions is a search for ~10^5
// attractors: pass its path to measure a slice of it.
//
//   screen_bench [FLAGSHIP.yaml] [BBM.bnet]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "io/source.hpp"
#include "query/screen.hpp"

using namespace bitsig;

namespace {

double run(const Network& net, const Conditions& base, const std::vector<Candidate>& candidates, const Goal& goal,
           unsigned threads, std::size_t& conditions) {
    Control c;
    c.threads = threads;
    ScreenOptions so;
    so.max_size = 2;
    so.verify_top = 0;
    auto t0 = std::chrono::steady_clock::now();
    auto entries = run_screen(net, base, candidates, goal, so, {}, c);
    conditions = entries.size();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void bench(const std::string& label, const Network& net, const Conditions& base, const std::vector<Candidate>& candidates,
           const Goal& goal) {
    std::size_t n1 = 0, n2 = 0;
    double t1 = run(net, base, candidates, goal, 1, n1);
    double t2 = run(net, base, candidates, goal, 2, n2);
    std::printf("%-44s %6zu candidates %8zu conditions  1 thread %8.2f s (%8.0f/s)  2 threads %8.2f s (%8.0f/s)  speed-up %.2f\n",
                label.c_str(), candidates.size(), n1, t1, static_cast<double>(n1) / t1, t2, static_cast<double>(n2) / t2,
                t1 / t2);
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::string flagship = argc > 1 ? argv[1] : "networks/her2_trastuzumab.yaml";
    std::string bbm = argc > 2 ? argv[2] : std::string(BITSIG_SHARED_DIR) + "/models/bbm/070_MAPK-CANCER-CELL-FATE.bnet";
    if (std::filesystem::exists(flagship)) {
        Network net = load_network(flagship);
        Goal goal = Goal::parse(net, "Proliferation=0,Apoptosis=1");
        Conditions base;
        base.contexts = {"pten_loss"};
        base.drugs = {"trastuzumab"};
        std::vector<Candidate> drugs;
        for (auto& c : drug_candidates(net, {}))
            if (c.label != "trastuzumab") drugs.push_back(c);
        bench("flagship, pten_loss + trastuzumab, drug pairs", net, base, drugs, goal);
        std::vector<Candidate> kos;
        for (auto& c : target_candidates(net, {}))
            if (c.label.size() > 3 && c.label.substr(c.label.size() - 3) == " KO") kos.push_back(c);
        bench("flagship, pten_loss + trastuzumab, KO pairs", net, base, kos, goal);
    } else {
        std::printf("skipped flagship: %s not found (run from the source folder)\n", flagship.c_str());
    }
    if (std::filesystem::exists(bbm)) {
        Network net = load_network(bbm);
        Conditions base;
        for (std::uint32_t v = 0; v < net.num_vars(); ++v)
            if (net.is_input(VarId{v})) base.fixes.push_back(net.name(VarId{v}) + "=0");
        std::vector<Candidate> kos;
        for (auto& c : target_candidates(net, {}))
            if (c.label.size() > 3 && c.label.substr(c.label.size() - 3) == " KO") kos.push_back(c);
        // The goal is the first non-input variable being off: a stand-in for a readout.
        std::string target;
        for (std::uint32_t v = 0; v < net.num_vars() && target.empty(); ++v)
            if (!net.is_input(VarId{v})) target = net.name(VarId{v});
        Goal goal = Goal::parse(net, target + "=0");
        bench(std::filesystem::path(bbm).filename().string() + ", inputs 0, KO pairs", net, base, kos, goal);
    } else {
        std::printf("skipped BBM model: %s not found\n", bbm.c_str());
    }
    return 0;
}
