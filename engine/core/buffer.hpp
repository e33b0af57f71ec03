// SPDX-License-Identifier: MIT
// Large arrays indexed by state (gigabytes for 30+ variables). Allocated with mmap and
// marked for transparent huge pages: the searches touch them at random, and 2 MiB pages
// cut both page faults and TLB misses by a factor of 512. Memory arrives zeroed, lazily.
//
// New memory costs its zeroing by the kernel on first touch (about 15 GB/s here: as much
// as a cheap sweep's own work per state). Arrays that will be overwritten whole anyway
// (successor tables) ask for `uninitialized` memory: they may get the mapping the last such
// array of the same size left behind: on release an array leaves its mapping for that (one,
// process-wide, of 2 MiB to kRecycleMax bytes). The mapping stays resident until it is
// taken, replaced or the process ends. (MADV_FREE would let the kernel take it back under
// pressure, but on huge pages here it frees them at once and the next touch zeroes again.)
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <utility>

namespace bitsig {

namespace detail {

/// One mapping left by a released StateArray, for the next uninitialized one of its size.
class MappingCache {
public:
    static constexpr std::size_t kRecycleMax = std::size_t{1} << 28;
    static constexpr std::size_t kRecycleMin = std::size_t{1} << 21;

    static MappingCache& instance() {
        static MappingCache cache;
        return cache;
    }
    /// A cached mapping of exactly `bytes`, or nullptr.
    void* take(std::size_t bytes) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (data_ == nullptr || bytes_ != bytes) return nullptr;
        return std::exchange(data_, nullptr);
    }
    /// Keeps `p` (replacing an older one) or unmaps it.
    void give(void* p, std::size_t bytes) {
        if (bytes < kRecycleMin || bytes > kRecycleMax) {
            munmap(p, bytes);
            return;
        }
        std::lock_guard<std::mutex> lock(mutex_);
        if (data_) munmap(data_, bytes_);
        data_ = p;
        bytes_ = bytes;
    }
    /// Unmaps the cached mapping, if any (benchmarks that time new memory).
    void drop() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (data_) munmap(data_, bytes_);
        data_ = nullptr;
    }
    ~MappingCache() { drop(); }

private:
    std::mutex mutex_;
    void* data_ = nullptr;
    std::size_t bytes_ = 0;
};

}  // namespace detail

template <class T>
class StateArray {
public:
    struct Uninitialized {};
    static constexpr Uninitialized uninitialized{};

    explicit StateArray(std::size_t count) : count_(count) {
        bytes_ = count * sizeof(T);
        if (bytes_ == 0) return;
        if (bytes_ < kHeapMax) {
            // 64-byte aligned like a mapping, for the sweep's whole-vector stores.
            const std::size_t rounded = (bytes_ + 63) / 64 * 64;
            data_ = static_cast<T*>(std::aligned_alloc(64, rounded));
            if (data_ == nullptr) throw std::bad_alloc();
            std::memset(static_cast<void*>(data_), 0, rounded);
            heap_ = true;
            return;
        }
        void* p = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        madvise(p, bytes_, MADV_HUGEPAGE);
        data_ = static_cast<T*>(p);
    }
    /// Contents unspecified (zero, or what an earlier array left): for arrays that are
    /// written whole before they are read.
    StateArray(std::size_t count, Uninitialized) : count_(count) {
        bytes_ = count * sizeof(T);
        if (bytes_ == 0) return;
        if (bytes_ >= kHeapMax) {
            if (void* p = detail::MappingCache::instance().take(bytes_)) {
                data_ = static_cast<T*>(p);
                recycled_ = true;
                return;
            }
        }
        *this = StateArray(count);
    }
    ~StateArray() { release(); }
    StateArray(const StateArray&) = delete;
    StateArray& operator=(const StateArray&) = delete;
    StateArray(StateArray&& o) noexcept
        : data_(o.data_), count_(o.count_), bytes_(o.bytes_), recycled_(o.recycled_), heap_(o.heap_) {
        o.data_ = nullptr;
        o.count_ = o.bytes_ = 0;
    }
    StateArray& operator=(StateArray&& o) noexcept {
        if (this != &o) {
            release();
            data_ = o.data_;
            count_ = o.count_;
            bytes_ = o.bytes_;
            recycled_ = o.recycled_;
            heap_ = o.heap_;
            o.data_ = nullptr;
            o.count_ = o.bytes_ = 0;
        }
        return *this;
    }

    /// The bytes an array of `count` elements takes: heap blocks are rounded up to 64
    /// bytes, mappings to 4 KiB pages.
    static constexpr std::size_t footprint(std::size_t count) {
        const std::size_t bytes = count * sizeof(T);
        if (bytes == 0) return 0;
        return bytes < kHeapMax ? (bytes + 63) / 64 * 64 : (bytes + 4095) / 4096 * 4096;
    }

    T& operator[](std::size_t i) { return data_[i]; }
    const T& operator[](std::size_t i) const { return data_[i]; }
    T* data() { return data_; }
    std::size_t size() const { return count_; }
    /// Whether the memory came from an earlier array (so the kernel does not zero it).
    bool recycled() const { return recycled_; }
    T* begin() { return data_; }
    T* end() { return data_ + count_; }

private:
    // Below this, plain heap memory: a screen runs thousands of small searches on several
    // threads, and each mmap/munmap pair takes the process's address-space lock and makes
    // the kernel interrupt the other threads' cores to flush their TLBs.
    static constexpr std::size_t kHeapMax = std::size_t{1} << 20;

    void release() {
        if (data_ == nullptr) return;
        if (heap_)
            std::free(data_);
        else
            detail::MappingCache::instance().give(data_, bytes_);
        data_ = nullptr;
    }

    T* data_ = nullptr;
    std::size_t count_ = 0;
    std::size_t bytes_ = 0;
    bool recycled_ = false;
    bool heap_ = false;
};

}  // namespace bitsig
