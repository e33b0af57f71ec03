// SPDX-License-Identifier: MIT
// Writing a set of files into a folder without ever touching what bitsig did not write.
// The folder carries a marker file listing the files bitsig put there; only a new folder,
// an empty one, or one with the marker is written to, and only the listed files are ever
// replaced or removed. A user's own notes beside a report survive every rewrite.
#pragma once

#include <functional>
#include <map>
#include <string>

namespace bitsig {

/// The marker file's name inside a folder bitsig owns.
inline constexpr const char* kOwnedFolderMarker = ".bitsig-report";

/// Writes `files` (plain file names -> contents) into `folder`. A new folder is built
/// beside it and renamed into place in one step; an existing folder (empty, or marked as
/// written by bitsig) gets each file replaced atomically, files it listed before and
/// no longer writes removed, and nothing else touched. `before_commit` runs after every
/// file is staged and before anything visible changes (a Ctrl-C check: throwing there
/// leaves the folder as it was). Throws InputError naming the folder or file ("cannot
/// write: <reason>") when the folder is someone else's, a file, or not writable.
void write_owned_folder(const std::string& folder, const std::map<std::string, std::string>& files,
                        const std::function<void()>& before_commit = {});

}  // namespace bitsig
