// SPDX-License-Identifier: MIT
// libFuzzer harness for the BooleanNet reader, from a string. Bad input is an expected
// InputError (rendered, to exercise the caret display at every position the reader
// reports); a model that reads must keep its promise of at least one variable, with every
// rule over known variables.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.hpp"
#include "io/booleannet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    bitsig::Network net;
    try {
        net = bitsig::read_booleannet(text, "fuzz.booleannet");
    } catch (const bitsig::InputError& e) {
        for (const auto& d : e.diagnostics()) (void)bitsig::format_diagnostic(d);
        return 0;
    }
    if (net.num_vars() == 0) std::abort();
    for (const auto& v : net.variables())
        for (bitsig::VarId r : v.rule.support())
            if (r.index >= net.num_vars()) std::abort();
    return 0;
}
