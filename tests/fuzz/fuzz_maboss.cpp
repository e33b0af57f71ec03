// SPDX-License-Identifier: MIT
// libFuzzer harness for the MaBoSS reader: the input is split at the first NUL byte into
// a .bnd text and a .cfg text; both are read and, when they are valid, the rates are built.
// Anything but an InputError (a crash, a sanitizer report, another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/maboss.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view all(reinterpret_cast<const char*>(data), size);
    const std::size_t split = all.find('\0');
    std::string_view bnd = all.substr(0, split);
    std::string_view cfg = split == std::string_view::npos ? std::string_view() : all.substr(split + 1);
    try {
        (void)bitsig::read_bnd(bnd, "fuzz.bnd");
    } catch (const bitsig::InputError&) {}
    try {
        (void)bitsig::read_maboss(bnd, "fuzz.bnd", cfg, "fuzz.cfg");
    } catch (const bitsig::InputError&) {}
    return 0;
}
