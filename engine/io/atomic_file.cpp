// SPDX-License-Identifier: MIT
// The file is opened at once in the target's folder, so a bad path fails before the work
// rather than after it, and the rename at the end is atomic (same file system). Where the
// file system allows it (Linux O_TMPFILE), the file has no name until commit() links it
// under a hidden name and renames that over the target: even a killed process leaves
// nothing beside the output. Elsewhere it is a hidden mkstemp name, removed when the
// output is abandoned.
#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/error.hpp"

namespace bitsig {

namespace {

// A hidden name beside the target: ".NAME.tmp" followed by `suffix`.
std::string hidden_name(const std::string& directory, const std::string& target, const std::string& suffix) {
    // Appended piecewise: `"." + string` trips a GCC 12 -Wrestrict false positive at -O2.
    std::string hidden = ".";
    hidden += std::filesystem::path(target).filename().string();
    hidden += ".tmp";
    hidden += suffix;
    return (std::filesystem::path(directory) / hidden).string();
}

// A unique hidden file beside the target, made by mkstemp; its name goes to `name`.
int make_named(const std::string& directory, const std::string& target, std::string& name) {
    const std::string pattern = hidden_name(directory, target, "XXXXXX");
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    const int fd = mkstemp(buffer.data());
    if (fd >= 0) name = buffer.data();
    return fd;
}

}  // namespace

AtomicFile::AtomicFile(const std::string& path) : path_(path) {
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

AtomicFile::~AtomicFile() {
    if (file_)
        std::fclose(file_);
    else if (fd_ >= 0)
        ::close(fd_);
    if (!committed_ && !temp_name_.empty()) std::remove(temp_name_.c_str());
}

void AtomicFile::fail() const { throw InputError(errors::cannot_write(path_, std::strerror(errno))); }

void AtomicFile::write(std::string_view text) {
    if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail();
}

void AtomicFile::commit() {
    if (committed_) return;
    if (std::fflush(file_) != 0) fail();
    if (temp_name_.empty()) {
        // Give the nameless file a hidden name (linkat cannot replace an existing file), then
        // rename that over the target, atomically.
        const std::string proc = "/proc/self/fd/" + std::to_string(fd_);
        for (int attempt = 0; temp_name_.empty(); ++attempt) {
            const std::string name =
                hidden_name(directory_, path_, std::to_string(::getpid()) + "-" + std::to_string(attempt));
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

}  // namespace bitsig
