// SPDX-License-Identifier: MIT
// External merge sort (Knuth, TAOCP vol. 3, 5.4.1) of a screen's rows. JSON and CSV list
// every row ranked best first, while the rows arrive in condition order (the order that
// makes the output independent of the rank count), so the ranking cannot be written as it
// arrives. Holding every row costs about 200 bytes per condition on rank 0 (gigabytes for
// a cluster-sized screen); instead, when `rows_in_memory` rows are held, they are sorted
// and written as one run to an anonymous file, and reading the ranking merges the runs
// with a heap of one head row per run.
//
// Runs are merged as they accumulate (fan_in runs of one level make one of the next, like
// a binary counter), and once the rows are in, the remaining runs are merged down to
// fan_in, so no merge ever holds more than fan_in heads and the open files stay few
// (fan_in per level, levels logarithmic in the number of rows). fan_in is at most
// rows_in_memory - 1 (the base is held too), so the rows in memory never exceed the limit,
// which peak_rows() reports for the tests. Order: ranks_before, then the condition index:
// exactly the stable sort of the rows in condition order that run_screen does, so the
// bytes do not change with the limit.
#include "query/screen_ranking.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "distributed/wire.hpp"

namespace bitsig {

void write_entry_results(WireWriter& w, const ScreenEntry& e) {
    w.u64(e.attractors);
    w.f64(e.attractor_fraction);
    w.opt_f64(e.basin_fraction);
    w.boolean(e.complete);
    w.u8(static_cast<std::uint8_t>(e.method));
    w.doubles(e.readouts);
}

void read_entry_results(WireReader& in, ScreenEntry& e) {
    e.attractors = in.u64();
    e.attractor_fraction = in.f64();
    e.basin_fraction = in.opt_f64();
    e.complete = in.boolean();
    e.method = static_cast<Algorithm>(in.u8());
    e.readouts = in.doubles();
}

struct ScreenRanking::Run {
    SpillFile file;
    std::uint64_t rows = 0;
};

namespace {

constexpr std::size_t kMaxFanIn = 32;
constexpr std::size_t kCheckEvery = 4096;  // rows between polls of the Control while merging
const char* const kRunPurpose = "a temporary file for the screen's ranking (sorted runs of its rows)";

bool ranked_before(const ScreenRanking::Row& a, const ScreenRanking::Row& b) {
    if (ranks_before(a.entry, b.entry)) return true;
    if (ranks_before(b.entry, a.entry)) return false;
    return a.index < b.index;
}

// A row on disk: its length, then its fields (doubles bit for bit: the bytes of the
// output must not depend on whether a row went through a file).
void write_row(SpillFile& file, const ScreenRanking::Row& row) {
    const ScreenEntry& e = row.entry;
    WireWriter w;
    w.u64(row.index);
    w.strings(e.members);
    write_entry_results(w, e);
    w.str(e.redundant_because);
    const std::string bytes = w.take();
    const std::uint64_t length = bytes.size();
    file.write(&length, sizeof length);
    file.write(bytes);
}

std::optional<ScreenRanking::Row> read_row(SpillFile& file) {
    std::uint64_t length = 0;
    if (!file.read(&length, sizeof length)) return std::nullopt;
    std::string bytes(length, '\0');
    if (!file.read(bytes.data(), bytes.size())) throw std::runtime_error("a sorted run of the screen ends early");
    WireReader in(bytes);
    ScreenRanking::Row row;
    ScreenEntry& e = row.entry;
    row.index = in.u64();
    e.members = in.strings();
    read_entry_results(in, e);
    e.redundant_because = in.str();
    return row;
}

}  // namespace

ScreenRanking::ScreenRanking(std::size_t rows_in_memory, std::string spill_directory, const Control& control)
    : limit_(std::max<std::size_t>(3, rows_in_memory)), fan_in_(std::clamp<std::size_t>(limit_ - 1, 2, kMaxFanIn)),
      directory_(std::move(spill_directory)), control_(&control) {}

ScreenRanking::~ScreenRanking() = default;

void ScreenRanking::hold(std::size_t more) {
    held_ += more;
    peak_ = std::max(peak_, held_);
}

void ScreenRanking::add(std::uint64_t index, ScreenEntry row) {
    if (settled_) throw std::logic_error("ScreenRanking::add after the ranking was read");
    ++rows_;
    if (index == 0) {
        base_ = Row{0, std::move(row)};
        hold(1);
        return;
    }
    if (held_ + 1 > limit_) spill();
    buffer_.push_back(Row{index, std::move(row)});
    hold(1);
}

void ScreenRanking::spill() {
    if (buffer_.empty()) return;
    std::sort(buffer_.begin(), buffer_.end(), ranked_before);
    Run run{SpillFile(directory_, kRunPurpose), buffer_.size()};
    for (const auto& row : buffer_) write_row(run.file, row);
    held_ -= buffer_.size();
    buffer_.clear();  // the capacity stays: limit rows at most
    ++runs_written_;
    if (levels_.empty()) levels_.emplace_back();
    levels_[0].push_back(std::move(run));
    for (std::size_t level = 0; levels_[level].size() >= fan_in_; ++level) {
        Run merged = merge_to_run(levels_[level]);
        levels_[level].clear();
        if (levels_.size() == level + 1) levels_.emplace_back();
        levels_[level + 1].push_back(std::move(merged));
    }
}

void ScreenRanking::merge(std::vector<Run>& runs, const Visit& visit) {
    for (auto& run : runs) run.file.rewind();
    std::vector<Row> heads(runs.size());
    std::vector<std::size_t> heap;  // runs whose head is in heads, the best head on top
    auto after = [&](std::size_t a, std::size_t b) { return ranked_before(heads[b], heads[a]); };
    for (std::size_t k = 0; k < runs.size(); ++k)
        if (auto row = read_row(runs[k].file)) {
            heads[k] = std::move(*row);
            heap.push_back(k);
            hold(1);
        }
    std::make_heap(heap.begin(), heap.end(), after);
    for (std::uint64_t merged = 1; !heap.empty(); ++merged) {
        if (merged % kCheckEvery == 0) control_->check();
        std::pop_heap(heap.begin(), heap.end(), after);
        const std::size_t k = heap.back();
        if (!visit(heads[k])) {
            held_ -= heap.size();
            return;
        }
        if (auto row = read_row(runs[k].file)) {
            heads[k] = std::move(*row);
            std::push_heap(heap.begin(), heap.end(), after);
        } else {
            heap.pop_back();
            heads[k] = Row{};
            --held_;
        }
    }
}

ScreenRanking::Run ScreenRanking::merge_to_run(std::vector<Run>& runs) {
    Run out{SpillFile(directory_, kRunPurpose), 0};
    merge(runs, [&](Row& row) {
        write_row(out.file, row);
        ++out.rows;
        return true;
    });
    ++runs_written_;
    return out;
}

void ScreenRanking::settle() {
    if (settled_) return;
    settled_ = true;
    if (levels_.empty()) {
        std::sort(buffer_.begin(), buffer_.end(), ranked_before);  // it all fits: no file
        return;
    }
    spill();
    for (auto& level : levels_)
        for (auto& run : level) final_.push_back(std::move(run));
    levels_.clear();
    // Smallest runs (the lowest levels) first: merging them costs least.
    while (final_.size() > fan_in_) {
        std::vector<Run> some;
        for (std::size_t k = 0; k < fan_in_; ++k) some.push_back(std::move(final_[k]));
        final_.erase(final_.begin(), final_.begin() + static_cast<std::ptrdiff_t>(fan_in_));
        final_.push_back(merge_to_run(some));
    }
}

void ScreenRanking::walk(const std::function<bool(std::size_t position, Row& row)>& visit) {
    settle();
    std::size_t position = 1;
    auto step = [&](Row& row) {
        if (position % kCheckEvery == 0)
            control_->report(static_cast<double>(position) / static_cast<double>(rows_), "writing the ranking");
        return visit(position++, row);
    };
    if (final_.empty()) {
        for (auto& row : buffer_)
            if (!step(row)) return;
        return;
    }
    merge(final_, step);
}

std::vector<std::uint64_t> ScreenRanking::first(std::size_t count) {
    std::vector<std::uint64_t> out;
    if (count == 0) return out;
    if (base_) out.push_back(0);
    if (out.size() >= count) return out;
    walk([&](std::size_t, Row& row) {
        out.push_back(row.index);
        return out.size() < count;
    });
    return out;
}

void ScreenRanking::for_each(const std::function<void(std::size_t position, ScreenEntry& row)>& visit) {
    if (base_) visit(0, base_->entry);
    walk([&](std::size_t position, Row& row) {
        visit(position, row.entry);
        return true;
    });
}

}  // namespace bitsig
