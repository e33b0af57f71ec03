// SPDX-License-Identifier: MIT
// Reading a YAML network must cost time linear in its length. Reads generated chains of
// n variables (a rule and a description each) for n = 5,000 (the baseline) up to 80,000
// and prints microseconds per variable and the ratio to the baseline: about 1 when reading
// is linear, growing with n when it is quadratic (as it was when every rule looked up its
// caret line by scanning the file from the start: 21 s for 50,000 variables).
#include <chrono>
#include <cstdio>
#include <string>

#include "io/yaml.hpp"

namespace {

std::string chain(int n) {
    std::string s = "format: bitsig-network/1\nname: chain\nvariables:\n  x0:\n    rule: x0\n";
    for (int i = 1; i < n; ++i)
        s += "  x" + std::to_string(i) + ":\n    rule: \"x" + std::to_string(i - 1) + " & !x" +
             std::to_string(i > 1 ? i - 2 : 0) + "\"\n    description: d\n";
    return s;
}

double seconds_to_read(const std::string& text) {
    auto start = std::chrono::steady_clock::now();
    bitsig::Network net = bitsig::read_yaml(text, "chain.yaml");
    auto stop = std::chrono::steady_clock::now();
    if (net.num_vars() == 0) std::puts("empty?");
    return std::chrono::duration<double>(stop - start).count();
}

}  // namespace

int main() {
    std::printf("%10s %12s %14s %8s\n", "variables", "seconds", "us/variable", "ratio");
    double baseline = 0;
    for (int n : {5000, 10000, 20000, 40000, 80000}) {
        double t = seconds_to_read(chain(n));
        double per = t / n * 1e6;
        if (baseline == 0) baseline = per;
        std::printf("%10d %12.3f %14.2f %8.2f\n", n, t, per, per / baseline);
    }
    return 0;
}
