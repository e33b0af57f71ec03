// SPDX-License-Identifier: MIT
// Independent jobs spread over the cores: scenario checks and screens run one small
// search per condition, so the split is by job, each job single-threaded.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/control.hpp"

namespace bitsig {

/// Calls job(i, control_for_job) for i in [0, count) on control.thread_count() threads.
/// control_for_job is `control` with one thread and no progress callback; progress is
/// reported on `control` as jobs finish. The first exception stops the remaining jobs and
/// is rethrown here.
inline void parallel_for(std::size_t count, const Control& control, const std::string& what,
                         const std::function<void(std::size_t, const Control&)>& job) {
    Control single = control;
    single.threads = 1;
    single.progress = nullptr;
    std::atomic<std::size_t> next{0}, done{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto worker = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < count;) {
            try {
                job(i, single);
            } catch (...) {
                std::lock_guard<std::mutex> lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                next = count;
            }
            control.report(static_cast<double>(++done) / static_cast<double>(count), what);
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < control.thread_count(); ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace bitsig
