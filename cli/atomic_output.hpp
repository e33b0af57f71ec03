// SPDX-License-Identifier: MIT
// An output written piece by piece (a large screen's JSON or CSV, row by row) that still
// appears whole or not at all, as emit() promises for outputs written in one piece.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/spill_file.hpp"
#include "io/atomic_file.hpp"

namespace bitsig::cli {

/// `-o FILE`: a temporary file beside FILE, renamed over it by commit(). Standard output
/// ("" or "-"): the pieces are held back (in memory, then in an anonymous temporary file
/// past a few megabytes) and copied out by commit(). Destroyed without commit() (an
/// exception, Ctrl-C), it leaves nothing: no output, no temporary file.
class AtomicOutput {
public:
    explicit AtomicOutput(const std::string& path);
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    /// InputError (cannot write FILE) when the disk refuses.
    void write(std::string_view text);
    void commit();
    /// Where other temporary files of this output belong (the same disk): FILE's folder,
    /// or "" (the system's temporary folder) for standard output.
    std::string directory() const { return file_ ? file_->directory() : std::string(); }

private:
    std::optional<AtomicFile> file_;  // -o FILE
    // Standard output: held here, then in spill_.
    std::string held_;
    std::unique_ptr<SpillFile> spill_;
    bool committed_ = false;
};

}  // namespace bitsig::cli
