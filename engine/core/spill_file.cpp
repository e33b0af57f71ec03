// SPDX-License-Identifier: MIT
// mkstemp, then unlink at once: the descriptor keeps the data reachable for this process
// only, and the kernel frees it when the descriptor closes, so neither an exception nor a
// killed process leaves a file behind (O_TMPFILE would do the same but is refused by some
// file systems). stdio does the buffering: runs are written and read sequentially.
#include "core/spill_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace bitsig {

namespace {

std::string folder_or_default(const std::string& directory) {
    if (!directory.empty()) return directory;
    std::error_code ignored;
    const auto system = std::filesystem::temp_directory_path(ignored);
    return system.empty() ? std::string("/tmp") : system.string();
}

}  // namespace

SpillFile::SpillFile(const std::string& directory, std::string purpose)
    : directory_(folder_or_default(directory)), purpose_(std::move(purpose)) {
    std::string pattern = (std::filesystem::path(directory_) / ".bitsig-spill-XXXXXX").string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = mkstemp(name.data());
    if (fd < 0) fail();
    ::unlink(name.data());
    file_ = ::fdopen(fd, "w+b");
    if (!file_) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        fail();
    }
}

SpillFile::SpillFile(SpillFile&& other) noexcept
    : file_(std::exchange(other.file_, nullptr)), directory_(std::move(other.directory_)),
      purpose_(std::move(other.purpose_)), size_(other.size_) {}

SpillFile& SpillFile::operator=(SpillFile&& other) noexcept {
    if (this != &other) {
        if (file_) std::fclose(file_);
        file_ = std::exchange(other.file_, nullptr);
        directory_ = std::move(other.directory_);
        purpose_ = std::move(other.purpose_);
        size_ = other.size_;
    }
    return *this;
}

SpillFile::~SpillFile() {
    if (file_) std::fclose(file_);
}

void SpillFile::fail() const { throw InputError(errors::cannot_write(directory_, std::strerror(errno), purpose_)); }

void SpillFile::write(const void* data, std::size_t bytes) {
    if (bytes == 0) return;
    if (std::fwrite(data, 1, bytes, file_) != bytes) fail();
    size_ += bytes;
}

void SpillFile::rewind() {
    // fflush reports a full disk that the buffered writes have not seen yet.
    if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) fail();
}

bool SpillFile::read(void* out, std::size_t bytes) {
    if (bytes == 0) return true;
    const std::size_t got = std::fread(out, 1, bytes, file_);
    if (got == bytes) return true;
    if (got == 0 && std::feof(file_)) return false;
    throw std::runtime_error("a temporary file (" + purpose_ + ") ends early");
}

}  // namespace bitsig
