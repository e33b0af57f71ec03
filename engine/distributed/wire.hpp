// SPDX-License-Identifier: MIT
// The byte format results travel in between ranks: fixed-width little-endian integers and
// doubles copied bit for bit, so a result read back on rank 0 is the same value the
// worker computed (byte-identical output needs identical doubles, not nearby ones).
// Both ends are the same binary, so there is no versioning; a short read is a bug and
// throws std::runtime_error rather than reading past the end.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bitsig {

/// Appends values to a byte string.
class WireWriter {
public:
    void u64(std::uint64_t v) { raw(&v, sizeof v); }
    void i64(std::int64_t v) { raw(&v, sizeof v); }
    void u8(std::uint8_t v) { raw(&v, 1); }
    void boolean(bool v) { u8(v ? 1 : 0); }
    void f64(double v) { raw(&v, sizeof v); }
    void str(const std::string& s) {
        u64(s.size());
        raw(s.data(), s.size());
    }
    void strings(const std::vector<std::string>& v) {
        u64(v.size());
        for (const auto& s : v) str(s);
    }
    void doubles(const std::vector<double>& v) {
        u64(v.size());
        raw(v.data(), v.size() * sizeof(double));
    }
    void words(const std::vector<std::uint64_t>& v) {
        u64(v.size());
        raw(v.data(), v.size() * sizeof(std::uint64_t));
    }
    void opt_f64(const std::optional<double>& v) {
        boolean(v.has_value());
        if (v) f64(*v);
    }
    void opt_u64(const std::optional<std::uint64_t>& v) {
        boolean(v.has_value());
        if (v) u64(*v);
    }
    void raw(const void* data, std::size_t bytes) {
        if (bytes) out_.append(static_cast<const char*>(data), bytes);  // an empty vector's data() may be null
    }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

/// Reads values in the order a WireWriter wrote them.
class WireReader {
public:
    explicit WireReader(const std::string& bytes) : data_(bytes.data()), size_(bytes.size()) {}
    std::uint64_t u64() { return get<std::uint64_t>(); }
    std::int64_t i64() { return get<std::int64_t>(); }
    std::uint8_t u8() { return get<std::uint8_t>(); }
    bool boolean() { return u8() != 0; }
    double f64() { return get<double>(); }
    std::string str() {
        const std::size_t n = length(1);
        std::string s(data_ + at_, n);
        at_ += n;
        return s;
    }
    std::vector<std::string> strings() {
        std::vector<std::string> v(length(sizeof(std::uint64_t)));
        for (auto& s : v) s = str();
        return v;
    }
    std::vector<double> doubles() { return array<double>(); }
    std::vector<std::uint64_t> words() { return array<std::uint64_t>(); }
    std::optional<double> opt_f64() {
        if (!boolean()) return std::nullopt;
        return f64();
    }
    std::optional<std::uint64_t> opt_u64() {
        if (!boolean()) return std::nullopt;
        return u64();
    }
    void raw(void* out, std::size_t bytes) {
        need(bytes);
        if (bytes == 0) return;  // an empty vector's data() may be null, which memcpy must not get
        std::memcpy(out, data_ + at_, bytes);
        at_ += bytes;
    }
    bool done() const { return at_ == size_; }

private:
    template <class T>
    T get() {
        T v;
        raw(&v, sizeof v);
        return v;
    }
    template <class T>
    std::vector<T> array() {
        std::vector<T> v(length(sizeof(T)));
        raw(v.data(), v.size() * sizeof(T));
        return v;
    }
    // A length prefix, checked against what is left before anything is allocated.
    std::size_t length(std::size_t element) {
        const std::uint64_t n = u64();
        if (n > (size_ - at_) / element) throw std::runtime_error("distributed result is shorter than its length says");
        return static_cast<std::size_t>(n);
    }
    void need(std::size_t bytes) const {
        if (bytes > size_ - at_) throw std::runtime_error("distributed result ends early");
    }
    const char* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

}  // namespace bitsig
