// SPDX-License-Identifier: MIT
// libFuzzer harness for the YAML network reader, from a string. Bad input is an expected
// InputError (rendered, to exercise caret display at every position the reader reports);
// a model that reads must survive the round trip through the YAML writer with the same
// variables in the same order. ResourceError is an expected refusal too.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "io/yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    bitsig::Network net;
    try {
        net = bitsig::read_yaml(text, "fuzz.yaml");
    } catch (const bitsig::InputError& e) {
        for (const auto& d : e.diagnostics()) (void)bitsig::format_diagnostic(d);
        return 0;
    } catch (const bitsig::ResourceError&) {
        return 0;
    }
    // Outside the try: an error reading back what the writer wrote is a finding.
    bitsig::Network back = bitsig::read_yaml(bitsig::write_yaml(net), "written.yaml");
    if (back.names() != net.names()) std::abort();
    return 0;
}
