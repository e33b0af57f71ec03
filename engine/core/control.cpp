// SPDX-License-Identifier: MIT
#include "core/control.hpp"

#include <thread>

#include "core/error.hpp"

namespace bitsig {

void Control::check() const {
    if (cancelled()) throw Interrupted();
}

unsigned Control::thread_count() const {
    if (threads != 0) return threads;
    unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : hw;
}

}  // namespace bitsig
