// SPDX-License-Identifier: MIT
// A file output is opened at once in the target's folder, so a bad -o path fails before
// the work rather than after it, and the rename at the end is atomic (same file system).
// Where the file system allows it (Linux O_TMPFILE), the file has no name until commit()
// links it under a hidden name and renames that over the target: even a killed process
// leaves nothing beside the output. Elsewhere it is a hidden mkstemp name, removed when
// the output is abandoned. Standard output cannot be taken back once written, so the
// pieces wait until the whole output is there.
#include "atomic_output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

#include "core/error.hpp"

namespace bitsig::cli {

namespace {

constexpr std::size_t kHeldInMemory = std::size_t{8} << 20;  // standard output past this goes to a file

// A unique hidden name beside the target: ".NAME.tmpXXXXXX", made by mkstemp.
int make_named(const std::string& directory, const std::string& target, std::string& name) {
    std::string hidden = ".";
    hidden += std::filesystem::path(target).filename().string();
    hidden += ".tmpXXXXXX";
    const std::string pattern = (std::filesystem::path(directory) / hidden).string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    const int fd = mkstemp(buffer.data());
    if (fd >= 0) name = buffer.data();
    return fd;
}

}  // namespace

AtomicOutput::AtomicOutput(const std::string& path) {
    if (path.empty() || path == "-") return;
    path_ = path;
    const std::filesystem::path target(path);
    directory_ = target.has_parent_path() ? target.parent_path().string() : std::string(".");
#ifdef O_TMPFILE
    // commit() names the file through /proc/self/fd: without /proc, a named file from the start.
    if (::access("/proc/self/fd", X_OK) == 0) fd_ = ::open(directory_.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
#endif
    if (fd_ < 0) fd_ = make_named(directory_, path_, temp_name_);
    if (fd_ < 0) fail();
    // Files are created 0600 by mkstemp (and O_TMPFILE's mode is masked); outputs are
    // ordinary user files.
    ::fchmod(fd_, 0644);
    file_ = ::fdopen(fd_, "wb");
    if (!file_) {
        // The destructor does not run for a constructor that throws: tidy up here.
        const int saved = errno;
        ::close(fd_);
        if (!temp_name_.empty()) std::remove(temp_name_.c_str());
        errno = saved;
        fail();
    }
}

AtomicOutput::~AtomicOutput() {
    if (file_)
        std::fclose(file_);
    else if (fd_ >= 0)
        ::close(fd_);
    if (!committed_ && !temp_name_.empty()) std::remove(temp_name_.c_str());
}

void AtomicOutput::fail() const {
    throw InputError(
        errors::cannot_write(path_.empty() ? std::string("standard output") : path_, std::strerror(errno)));
}

void AtomicOutput::write(std::string_view text) {
    if (file_) {
        if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail();
        return;
    }
    held_ += text;
    if (held_.size() > kHeldInMemory) {
        if (!spill_) spill_ = std::make_unique<SpillFile>("", "standard output held back until it is complete");
        spill_->write(held_);
        held_.clear();
    }
}

void AtomicOutput::commit() {
    if (committed_) return;
    if (!file_) {
        if (spill_) {
            spill_->write(held_);
            held_.clear();
            spill_->rewind();
            std::vector<char> chunk(std::size_t{1} << 16);
            for (std::uint64_t left = spill_->size(); left > 0;) {
                const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, chunk.size()));
                spill_->read(chunk.data(), n);
                std::cout.write(chunk.data(), static_cast<std::streamsize>(n));
                left -= n;
            }
        }
        std::cout << held_;
        std::cout.flush();
        committed_ = true;
        return;
    }
    if (std::fflush(file_) != 0) fail();
    if (temp_name_.empty()) {
        // Give the nameless file a hidden name (linkat cannot replace an existing file), then
        // rename that over the target, atomically.
        const std::string proc = "/proc/self/fd/" + std::to_string(fd_);
        for (int attempt = 0; temp_name_.empty(); ++attempt) {
            // Appended piecewise: `"." + string` trips a GCC 12 -Wrestrict false positive at -O2.
            std::string hidden = ".";
            hidden += std::filesystem::path(path_).filename().string();
            hidden += ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(attempt);
            const std::string name = (std::filesystem::path(directory_) / hidden).string();
            if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0)
                temp_name_ = name;
            else if (errno != EEXIST || attempt > 100)
                fail();
        }
    }
    const int closed = std::fclose(file_);
    file_ = nullptr;
    fd_ = -1;
    if (closed != 0 || std::rename(temp_name_.c_str(), path_.c_str()) != 0) fail();
    committed_ = true;
}

}  // namespace bitsig::cli
