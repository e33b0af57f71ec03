// SPDX-License-Identifier: MIT
// libFuzzer harness for the SBML-qual reader, from a string. Bad input is an expected
// InputError (rendered, to exercise the caret display at every line and column libsbml
// reports); a model that reads must survive the round trip through the SBML writer with the
// same variables in the same order.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.hpp"
#include "io/sbml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    bitsig::Network net;
    try {
        net = bitsig::read_sbml(text, "fuzz.sbml");
    } catch (const bitsig::InputError& e) {
        for (const auto& d : e.diagnostics()) (void)bitsig::format_diagnostic(d);
        return 0;
    }
    // Outside the try: an error reading back what the writer wrote is a finding.
    bitsig::Network back = bitsig::read_sbml(bitsig::write_sbml(net), "written.sbml");
    if (back.names() != net.names()) std::abort();
    return 0;
}
