// SPDX-License-Identifier: MIT
// Large arrays indexed by state (gigabytes for 30+ variables). Allocated with mmap and
// marked for transparent huge pages: the searches touch them at random, and 2 MiB pages
// cut both page faults and TLB misses by a factor of 512. Memory arrives zeroed, lazily.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <new>

namespace bitsig {

template <class T>
class StateArray {
public:
    explicit StateArray(std::size_t count) : count_(count) {
        bytes_ = count * sizeof(T);
        if (bytes_ == 0) return;
        void* p = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        madvise(p, bytes_, MADV_HUGEPAGE);
        data_ = static_cast<T*>(p);
    }
    ~StateArray() {
        if (data_) munmap(data_, bytes_);
    }
    StateArray(const StateArray&) = delete;
    StateArray& operator=(const StateArray&) = delete;
    StateArray(StateArray&& o) noexcept : data_(o.data_), count_(o.count_), bytes_(o.bytes_) {
        o.data_ = nullptr;
        o.count_ = o.bytes_ = 0;
    }
    StateArray& operator=(StateArray&& o) noexcept {
        if (this != &o) {
            if (data_) munmap(data_, bytes_);
            data_ = o.data_;
            count_ = o.count_;
            bytes_ = o.bytes_;
            o.data_ = nullptr;
            o.count_ = o.bytes_ = 0;
        }
        return *this;
    }

    T& operator[](std::size_t i) { return data_[i]; }
    const T& operator[](std::size_t i) const { return data_[i]; }
    T* data() { return data_; }
    std::size_t size() const { return count_; }
    T* begin() { return data_; }
    T* end() { return data_ + count_; }

private:
    T* data_ = nullptr;
    std::size_t count_ = 0;
    std::size_t bytes_ = 0;
};

}  // namespace bitsig
