// SPDX-License-Identifier: MIT
// Full pairwise screens: every single and pair of drugs, and every single and pair of
// single-variable knockouts, on the flagship network and on the largest shared BBM model
// with inputs (inputs held at 0, a "no stimulus" background, as a user screening it would).
// Prints conditions per second with 1 and 2 threads, and the speed-up, in the same run.
//
// The default BBM model is 243 (rheumatoid arthritis, multicellular: 1,076 variables, 223
// inputs), the largest in the collection. Its 853 knockouts make 364,732 conditions; each
// is searched for stable states only (Method::fixed_points), since a complete synchronous
// search of its 209-variable percolated core takes minutes per condition. The goal is the
// first variable whose name mentions apoptosis being on (a stand-in for a readout).
//
//   screen_bench [FLAGSHIP.yaml] [BBM.bnet]
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "io/source.hpp"
#include "query/screen.hpp"

using namespace bitsig;

namespace {

// Conditions per second of the whole screen; short screens are repeated for at least half
// a second so the rate is measurable.
double rate(const Network& net, const Conditions& base, const std::vector<Candidate>& candidates, const Goal& goal,
            const SearchOptions& search, unsigned threads, std::size_t& conditions, double& seconds) {
    Control c;
    c.threads = threads;
    ScreenOptions so;
    so.max_size = 2;
    so.verify_top = 0;
    std::size_t evaluated = 0;
    auto t0 = std::chrono::steady_clock::now();
    do {
        auto entries = run_screen(net, base, candidates, goal, so, search, c);
        conditions = entries.size();
        evaluated += entries.size();
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    } while (seconds < 0.5);
    return static_cast<double>(evaluated) / seconds;
}

void bench(const std::string& label, const Network& net, const Conditions& base,
           const std::vector<Candidate>& candidates, const Goal& goal, const SearchOptions& search = {}) {
    std::size_t n1 = 0, n2 = 0;
    double t1 = 0, t2 = 0;
    double r1 = rate(net, base, candidates, goal, search, 1, n1, t1);
    double r2 = rate(net, base, candidates, goal, search, 2, n2, t2);
    std::printf("%-44s %6zu candidates %8zu conditions  1 thread %8.2f s (%8.0f/s)  2 threads %8.2f s (%8.0f/s)  "
                "speed-up %.2f\n",
                label.c_str(), candidates.size(), n1, t1, r1, t2, r2, r2 / r1);
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::string flagship = argc > 1 ? argv[1] : "networks/her2_trastuzumab.yaml";
    std::string bbm = argc > 2
                          ? argv[2]
                          : std::string(BITSIG_SHARED_DIR) + "/models/bbm/243_RHEUMATOID-ARTHRITIS-MULTI-CELLULAR.bnet";
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
        std::string target;
        for (std::uint32_t v = 0; v < net.num_vars() && target.empty(); ++v) {
            std::string lower = net.name(VarId{v});
            for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            if (!net.is_input(VarId{v}) && lower.find("apoptosis") != std::string::npos) target = net.name(VarId{v});
        }
        for (std::uint32_t v = 0; v < net.num_vars() && target.empty(); ++v)
            if (!net.is_input(VarId{v})) target = net.name(VarId{v});
        Goal goal = Goal::parse(net, target + "=1");
        SearchOptions search;
        search.method = Method::fixed_points;
        bench(std::filesystem::path(bbm).filename().string() + ", inputs 0, KO pairs, stable states", net, base, kos,
              goal, search);
    } else {
        std::printf("skipped BBM model: %s not found\n", bbm.c_str());
    }
    return 0;
}
