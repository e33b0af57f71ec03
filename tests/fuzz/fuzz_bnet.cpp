// SPDX-License-Identifier: MIT
// libFuzzer harness for the .bnet reader. Bad input is an expected InputError (its
// diagnostic is rendered, so caret code sees every position the reader can produce); a
// file that reads must write back (unless the writer refuses an exclusive-or expansion
// with a ResourceError) to .bnet that reads to the same variables in the same order.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "io/bnet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    bitsig::Network net;
    std::string written;
    try {
        net = bitsig::read_bnet(text, "fuzz.bnet");
        written = bitsig::write_bnet(net);
    } catch (const bitsig::InputError& e) {
        for (const auto& d : e.diagnostics()) (void)bitsig::format_diagnostic(d);
        return 0;
    } catch (const bitsig::ResourceError&) {
        return 0;
    }
    // Outside the try: an error reading back what the writer wrote is a finding.
    bitsig::Network back = bitsig::read_bnet(written, "written.bnet");
    if (back.names() != net.names()) std::abort();
    return 0;
}
