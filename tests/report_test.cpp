// SPDX-License-Identifier: MIT
// The report's pieces that are decided by code rather than by Graphviz: which screen
// combinations are redundant, how a description becomes paragraphs, and that a diagram's
// bytes do not depend on what was drawn before it in the same process.
#include <atomic>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io/source.hpp"
#include "output_format.hpp"
#include "paths.hpp"
#include "report_html.hpp"
#include "report_model.hpp"
#include "screen_render.hpp"
#include "viz/wiring.hpp"

using namespace bitsig;

namespace {

std::string toy_path() { return std::string(BITSIG_SOURCE_DIR) + "/tests/data/models/toy_her2.yaml"; }

std::vector<ScreenEntry> entries_of(const std::vector<std::pair<std::vector<std::string>, double>>& rows) {
    std::vector<ScreenEntry> entries;
    for (const auto& [members, share] : rows) {
        ScreenEntry e;
        e.members = members;
        e.attractor_fraction = share;
        entries.push_back(e);
    }
    return entries;
}

}  // namespace

TEST_SUITE("report") {
TEST_CASE("a combination is redundant exactly when a proper part alone does as well") {
    struct Case {
        const char* what;
        std::vector<std::pair<std::vector<std::string>, double>> rows;
        std::vector<std::string> because;
    };
    std::vector<Case> cases = {
        {"pair no better than one member", {{{}, 0}, {{"a"}, 1}, {{"b"}, 0}, {{"a", "b"}, 1}}, {"", "", "", "a"}},
        {"pair better than both", {{{}, 0}, {{"a"}, 0.5}, {{"b"}, 0.2}, {{"b", "a"}, 1}}, {"", "", "", ""}},
        {"second member does as well", {{{}, 0}, {{"a"}, 0.1}, {{"b"}, 0.7}, {{"a", "b"}, 0.7}}, {"", "", "", "b"}},
        {"a pair that achieves nothing is not redundant", {{{"a"}, 0}, {{"a", "b"}, 0}}, {"", ""}},
        {"the base doing as well does not count", {{{}, 1}, {{"a", "b"}, 1}}, {"", ""}},
        {"triple redundant through a pair", {{{"a", "b"}, 1}, {{"a", "b", "c"}, 1}}, {"", "a + b"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        CHECK(redundant_parts(entries_of(c.rows)) == c.because);
    }
}

TEST_CASE("text groups counts by thousands, and leaves names, decimals and exponents alone") {
    CHECK(cli::count_text(0) == "0");
    CHECK(cli::count_text(999) == "999");
    CHECK(cli::count_text(1000) == "1,000");
    CHECK(cli::count_text(3005292544ULL) == "3,005,292,544");
    struct Case {
        const char* in;
        const char* out;
    };
    for (const auto& c : std::vector<Case>{
             {"stopped at the time limit after 1411 attractors", "stopped at the time limit after 1,411 attractors"},
             {"at least 4,194,304 attractors", "at least 4,194,304 attractors"},
             {"2^22 combinations of 2048 states", "2^22 combinations of 2,048 states"},
             {"v_ERK1234 and X_10000 stay", "v_ERK1234 and X_10000 stay"},
             {"error bound 0.00012345 and 1e-9000", "error bound 0.00012345 and 1e-9000"},
             {"999 of 1000000.", "999 of 1,000,000."},
             {"0123 is no count", "0123 is no count"},
             {"read /data/T-LGL-2008.bnet and IL-1000 (12345 states; 54321)",
              "read /data/T-LGL-2008.bnet and IL-1000 (12,345 states; 54,321)"},
             {"[10000] 10000% 'x 1000' 1000x 2000-fold", "[10,000] 10,000% 'x 1000' 1000x 2000-fold"},
         }) {
        CAPTURE(c.in);
        CHECK(cli::group_thousands(c.in) == c.out);
    }
    Diagnostic warning = errors::warning_in_file("/data/T-LGL-SURVIVAL-2008.bnet", "7 of 12000 variables");
    CHECK(cli::group_thousands(warning) == "/data/T-LGL-SURVIVAL-2008.bnet: warning: 7 of 12,000 variables");
}

TEST_CASE("a hard-wrapped description becomes paragraphs and lists, with no links") {
    std::string text = "First line\nwrapped here.\n\nSecond <p> see ../shared/her2/claims.md\n\nLoops:\n- one\n  "
                       "continued\n- two\n";
    CHECK(cli::html::description(text) ==
          "<p>First line wrapped here.</p>\n<p>Second &lt;p&gt; see ../shared/her2/claims.md</p>\n<p>Loops:</p>\n"
          "<ul><li>one continued</li>\n<li>two</li></ul>\n");
}

TEST_CASE("a diagram's bytes do not depend on the diagrams drawn before it") {
    Network net = load_network(toy_path());
    viz::WiringStyle painted;
    painted.values.assign(net.num_vars(), 0.5);
    std::string first = viz::render_wiring(net, painted, viz::ImageFormat::svg, "dot");
    // Other graphs in between, and heap churn that moves where names get allocated.
    std::vector<std::string> churn;
    for (int i = 0; i < 200; ++i) churn.push_back(std::string(static_cast<std::size_t>(17 + i % 50), 'x'));
    (void)viz::render_wiring(net, viz::WiringStyle{}, viz::ImageFormat::svg, "dot");
    churn.erase(churn.begin(), churn.begin() + 100);
    std::string second = viz::render_wiring(net, painted, viz::ImageFormat::svg, "dot");
    CHECK(first == second);
    CHECK(first.find("<svg") != std::string::npos);
}

TEST_CASE("a layout under a cancelled control throws Interrupted") {
    Network net = load_network(toy_path());
    std::atomic<bool> cancel{true};
    Control control;
    control.cancel = &cancel;
    CHECK_THROWS_AS(viz::render_wiring(net, viz::WiringStyle{}, viz::ImageFormat::svg, "dot", control), Interrupted);
}
}
