// SPDX-License-Identifier: MIT
// A temporary file for data too large to keep in memory (a screen's sorted runs, an output
// held back until it is complete). It has no name from the moment it exists, so it
// disappears with its last descriptor whatever ends the process, even a SIGKILL.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace bitsig {

/// An anonymous file written once, then read from the start (as often as needed).
class SpillFile {
public:
    /// A new empty file in `directory` ("" for the system's temporary folder). InputError
    /// (cannot write, naming the folder, with `purpose` as the note) when it cannot be made.
    SpillFile(const std::string& directory, std::string purpose);
    SpillFile(SpillFile&& other) noexcept;
    SpillFile& operator=(SpillFile&& other) noexcept;
    SpillFile(const SpillFile&) = delete;
    SpillFile& operator=(const SpillFile&) = delete;
    ~SpillFile();

    /// Appends bytes (buffered); InputError when the disk refuses them (e.g. it is full).
    void write(const void* data, std::size_t bytes);
    void write(const std::string& bytes) { write(bytes.data(), bytes.size()); }
    /// Bytes written so far.
    std::uint64_t size() const { return size_; }
    /// Ends the writing (if not done yet) and goes back to the start for reading.
    void rewind();
    /// Reads exactly `bytes`; false at the end of the file (nothing read), throws
    /// std::runtime_error on a file that ends within the bytes asked for.
    bool read(void* out, std::size_t bytes);

private:
    [[noreturn]] void fail() const;
    std::FILE* file_ = nullptr;
    std::string directory_;
    std::string purpose_;
    std::uint64_t size_ = 0;
};

}  // namespace bitsig
