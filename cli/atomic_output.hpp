// SPDX-License-Identifier: MIT
// An output written piece by piece (a large screen's JSON or CSV, row by row) that still
// appears whole or not at all, as emit() promises for outputs written in one piece.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/spill_file.hpp"

namespace bitsig::cli {

/// `-o FILE`: a temporary file beside FILE, renamed over it by commit(). Standard output
/// ("" or "-"): the pieces are held back (in memory, then in an anonymous temporary file
/// past a few megabytes) and copied out by commit(). Destroyed without commit() (an
/// exception, Ctrl-C), it leaves nothing: no output, no temporary file.
class AtomicOutput {
public:
    explicit AtomicOutput(const std::string& path);
    ~AtomicOutput();
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    /// InputError (cannot write FILE) when the disk refuses.
    void write(std::string_view text);
    void commit();
    /// Where other temporary files of this output belong (the same disk): FILE's folder,
    /// or "" (the system's temporary folder) for standard output.
    std::string directory() const { return directory_; }

private:
    [[noreturn]] void fail() const;
    std::string path_;       // "" for standard output
    std::string directory_;  // of path_
    // A file: written to file_, which has no name yet (O_TMPFILE) or the name temp_name_.
    std::FILE* file_ = nullptr;
    int fd_ = -1;
    std::string temp_name_;
    // Standard output: held here, then in spill_.
    std::string held_;
    std::unique_ptr<SpillFile> spill_;
    bool committed_ = false;
};

}  // namespace bitsig::cli
