// SPDX-License-Identifier: MIT
// A file output is an AtomicFile (io/atomic_file.hpp: opened at once beside the target,
// renamed over it at the end). Standard output cannot be taken back once written, so the
// pieces wait until the whole output is there.
#include "atomic_output.hpp"

#include <algorithm>
#include <iostream>
#include <vector>

namespace bitsig::cli {

namespace {

constexpr std::size_t kHeldInMemory = std::size_t{8} << 20;  // standard output past this goes to a file

}  // namespace

AtomicOutput::AtomicOutput(const std::string& path) {
    if (!path.empty() && path != "-") file_.emplace(path);
}

void AtomicOutput::write(std::string_view text) {
    if (file_) {
        file_->write(text);
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
    if (file_) {
        file_->commit();
        committed_ = true;
        return;
    }
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
}

}  // namespace bitsig::cli
