// SPDX-License-Identifier: MIT
// A file written piece by piece that appears whole under its name or not at all: the one
// mechanism behind every output file (write_file_atomically, the CLI's streamed outputs).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace bitsig {

/// A temporary file beside `path`, renamed over it by commit(). Opened at once, so a bad
/// path fails before the work. Destroyed without commit() (an exception, Ctrl-C), it
/// leaves nothing: no output, no temporary file.
class AtomicFile {
public:
    /// InputError (cannot write PATH) when the folder refuses.
    explicit AtomicFile(const std::string& path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// InputError (cannot write PATH) when the disk refuses.
    void write(std::string_view text);
    void commit();
    /// PATH's folder (the same disk, for other temporary files of this output).
    const std::string& directory() const { return directory_; }

private:
    [[noreturn]] void fail() const;
    std::string path_;
    std::string directory_;
    // Written to file_, which has no name yet (O_TMPFILE) or the name temp_name_.
    std::FILE* file_ = nullptr;
    int fd_ = -1;
    std::string temp_name_;
    bool committed_ = false;
};

}  // namespace bitsig
