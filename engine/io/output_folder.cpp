// SPDX-License-Identifier: MIT
// Staging: every file is written completely into a hidden folder first (mkdtemp, on the
// same filesystem, so a rename moves it), then moved into place by rename(2), which
// replaces a file atomically. A full or read-only filesystem is therefore found before
// anything the user sees changes, and is reported as the user's problem, not ours.
#include "io/output_folder.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "core/error.hpp"

namespace bitsig {

namespace fs = std::filesystem;

namespace {

constexpr const char* kMarkerHeader = "bitsig report folder: the files below were written by bitsig";

[[noreturn]] void cannot_write(const fs::path& where, const std::string& reason, std::string note = {}) {
    throw InputError(errors::cannot_write(where.string(), reason, std::move(note)));
}

/// Writes a whole file or says why not (errno text); short writes are retried.
void write_whole(const fs::path& path, const std::string& text, const fs::path& shown_as) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) cannot_write(shown_as, std::strerror(errno));
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int e = n < 0 ? errno : ENOSPC;
            ::close(fd);
            cannot_write(shown_as, std::strerror(e));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) cannot_write(shown_as, std::strerror(errno));
}

/// The files a marker lists, or nullopt-like empty set plus found=false without a marker.
struct Owned {
    bool marked = false;
    std::set<std::string> files;
};

Owned read_marker(const fs::path& folder) {
    Owned owned;
    std::ifstream in(folder / kOwnedFolderMarker);
    if (!in) return owned;
    std::string line;
    if (!std::getline(in, line) || line != kMarkerHeader) return owned;
    owned.marked = true;
    while (std::getline(in, line))
        if (!line.empty()) owned.files.insert(line);
    return owned;
}

std::string marker_text(const std::map<std::string, std::string>& files) {
    std::string text = kMarkerHeader;
    text += '\n';
    for (const auto& [name, contents] : files) text += name + '\n';
    return text;
}

fs::path make_staging(const fs::path& in, const std::string& stem, const fs::path& shown_as) {
    std::string pattern = (in / ("." + stem + ".bitsig-tmpXXXXXX")).string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) == nullptr) cannot_write(shown_as, std::strerror(errno));
    return fs::path(buffer.data());
}

/// Removes the staging folder and everything in it (only our own temporary files).
void discard(const fs::path& staging) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
}

void stage_files(const fs::path& staging, const fs::path& folder, const std::map<std::string, std::string>& files) {
    for (const auto& [name, text] : files) write_whole(staging / name, text, folder / name);
    write_whole(staging / kOwnedFolderMarker, marker_text(files), folder / kOwnedFolderMarker);
}

void write_new_folder(const fs::path& folder, const std::map<std::string, std::string>& files,
                      const std::function<void()>& before_commit) {
    fs::path parent = folder.has_parent_path() ? folder.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) cannot_write(parent, ec.message());
    const fs::path staging = make_staging(parent, folder.filename().string(), folder);
    try {
        stage_files(staging, folder, files);
        if (before_commit) before_commit();
        if (::rename(staging.c_str(), folder.c_str()) != 0) cannot_write(folder, std::strerror(errno));
    } catch (...) {
        discard(staging);
        throw;
    }
}

void rewrite_folder(const fs::path& folder, const Owned& owned, const std::map<std::string, std::string>& files,
                    const std::function<void()>& before_commit) {
    // Someone else's file where ours would go: refuse rather than overwrite it.
    for (const auto& [name, text] : files) {
        std::error_code ec;
        if (!owned.files.count(name) && fs::exists(fs::symlink_status(folder / name, ec)))
            throw InputError(errors::foreign_file((folder / name).string()));
    }
    const fs::path staging = make_staging(folder, "report", folder);
    try {
        stage_files(staging, folder, files);
        if (before_commit) before_commit();
        for (const auto& [name, text] : files)
            if (::rename((staging / name).c_str(), (folder / name).c_str()) != 0)
                cannot_write(folder / name, std::strerror(errno));
        for (const auto& stale : owned.files)
            if (!files.count(stale) && stale.find('/') == std::string::npos && stale != ".." && stale != ".") {
                std::error_code ignored;
                fs::remove(folder / stale, ignored);
            }
        // The marker goes last: until it is in place the old one still lists every file.
        if (::rename((staging / kOwnedFolderMarker).c_str(), (folder / kOwnedFolderMarker).c_str()) != 0)
            cannot_write(folder / kOwnedFolderMarker, std::strerror(errno));
    } catch (...) {
        discard(staging);
        throw;
    }
    discard(staging);
}

}  // namespace

void write_owned_folder(const std::string& folder_name, const std::map<std::string, std::string>& files,
                        const std::function<void()>& before_commit) {
    fs::path folder(folder_name);
    while (!folder.has_filename() && folder.has_parent_path() && folder != folder.root_path())
        folder = folder.parent_path();  // "out/" is the folder "out"
    std::error_code ec;
    const fs::file_status status = fs::status(folder, ec);
    if (!fs::exists(status)) {
        write_new_folder(folder, files, before_commit);
        return;
    }
    if (!fs::is_directory(status)) throw InputError(errors::not_a_folder(folder.string()));
    const Owned owned = read_marker(folder);
    if (!owned.marked) {
        bool empty = true;
        for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
            empty = false;
        if (ec) cannot_write(folder, ec.message());
        if (!empty) throw InputError(errors::folder_not_ours(folder.string(), kOwnedFolderMarker));
    }
    rewrite_folder(folder, owned, files, before_commit);
}

}  // namespace bitsig
