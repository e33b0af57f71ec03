// SPDX-License-Identifier: MIT
// The report's pieces that are decided by code rather than by Graphviz: which screen
// combinations are redundant, how a description becomes paragraphs, and that a diagram's
// bytes do not depend on what was drawn before it in the same process.
#include <atomic>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io/source.hpp"
#include "report_html.hpp"
#include "report_model.hpp"
#include "viz/wiring.hpp"

using namespace bitsig;

namespace {

std::string toy_path() { return std::string(BITSIG_SOURCE_DIR) + "/tests/data/models/toy_her2.yaml"; }

cli::ReportScreen screen_of(const std::vector<std::pair<std::vector<std::string>, double>>& rows) {
    cli::ReportScreen s;
    for (const auto& [members, share] : rows) {
        ScreenEntry e;
        e.members = members;
        e.attractor_fraction = share;
        s.entries.push_back(e);
    }
    return s;
}

}  // namespace

TEST_SUITE("report") {
TEST_CASE("a combination is redundant exactly when a proper part alone does as well") {
    struct Case {
        const char* what;
        std::vector<std::pair<std::vector<std::string>, double>> rows;
        std::vector<bool> redundant;
        std::vector<std::string> because;
    };
    std::vector<Case> cases = {
        {"pair no better than one member",
         {{{}, 0}, {{"a"}, 1}, {{"b"}, 0}, {{"a", "b"}, 1}},
         {false, false, false, true},
         {"", "", "", "a"}},
        {"pair better than both",
         {{{}, 0}, {{"a"}, 0.5}, {{"b"}, 0.2}, {{"b", "a"}, 1}},
         {false, false, false, false},
         {"", "", "", ""}},
        {"second member does as well",
         {{{}, 0}, {{"a"}, 0.1}, {{"b"}, 0.7}, {{"a", "b"}, 0.7}},
         {false, false, false, true},
         {"", "", "", "b"}},
        {"a pair that achieves nothing is not redundant", {{{"a"}, 0}, {{"a", "b"}, 0}}, {false, false}, {"", ""}},
        {"the base doing as well does not count", {{{}, 1}, {{"a", "b"}, 1}}, {false, false}, {"", ""}},
        {"triple redundant through a pair", {{{"a", "b"}, 1}, {{"a", "b", "c"}, 1}}, {false, true}, {"", "a + b"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        cli::ReportScreen s = screen_of(c.rows);
        cli::mark_redundant(s);
        CHECK(s.redundant == c.redundant);
        CHECK(s.redundant_because == c.because);
    }
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
