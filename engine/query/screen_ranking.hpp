// SPDX-License-Identifier: MIT
// A screen's rows in ranked order with bounded memory: they arrive in condition order,
// the ranking is by goal share, so rows beyond what memory holds go to sorted runs on disk
// that are merged when the ranking is read (an external merge sort).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/control.hpp"
#include "core/spill_file.hpp"
#include "query/screen.hpp"

namespace bitsig {

class WireWriter;
class WireReader;

/// An entry's results (everything but its members and redundancy), as every screen
/// message between ranks and every sorted run carries them.
void write_entry_results(WireWriter& w, const ScreenEntry& e);
void read_entry_results(WireReader& in, ScreenEntry& e);

/// The ranking of a screen, at most `rows_in_memory` rows held at once (3 at least: the
/// base, and two runs to merge), the rest in anonymous files in `spill_directory` ("" for
/// the system's temporary folder). Merges poll `control` (Interrupted), which must outlive
/// the ranking, and report the share written.
class ScreenRanking {
public:
    ScreenRanking(std::size_t rows_in_memory, std::string spill_directory, const Control& control);
    ~ScreenRanking();
    ScreenRanking(const ScreenRanking&) = delete;
    ScreenRanking& operator=(const ScreenRanking&) = delete;

    /// A row and its condition index; indices increase from call to call, the first is the
    /// base alone (index 0), which the ranking keeps first.
    void add(std::uint64_t index, ScreenEntry row);
    /// The condition indices of the first `count` rows in ranked order (base first).
    std::vector<std::uint64_t> first(std::size_t count);
    /// Every row in ranked order, base first, with its position (0 the base); may be
    /// called again.
    void for_each(const std::function<void(std::size_t position, ScreenEntry& row)>& visit);

    std::uint64_t rows() const { return rows_; }
    /// The largest number of rows held in memory at once, so far.
    std::size_t peak_rows() const { return peak_; }
    /// Sorted runs written to disk, merges included.
    std::size_t runs_written() const { return runs_written_; }

    struct Row {
        std::uint64_t index = 0;
        ScreenEntry entry;
    };
    struct Run;

private:
    using Visit = std::function<bool(Row& row)>;  // false: stop
    void spill();
    void hold(std::size_t more);
    void merge(std::vector<Run>& runs, const Visit& visit);
    Run merge_to_run(std::vector<Run>& runs);
    void settle();
    // The ranking after the base, from position 1; visit returns false to stop early.
    void walk(const std::function<bool(std::size_t position, Row& row)>& visit);

    std::size_t limit_;
    std::size_t fan_in_;  // runs merged at once
    std::string directory_;
    const Control* control_;
    std::optional<Row> base_;
    std::vector<Row> buffer_;
    std::vector<std::vector<Run>> levels_;  // levels_[k]: runs of about limit * fan_in^k rows
    std::vector<Run> final_;                // once settled: at most fan_in runs, merged when read
    bool settled_ = false;                  // no more rows come; the runs are final
    std::uint64_t rows_ = 0;
    std::size_t held_ = 0;  // rows in memory now (the base, the buffer, the heads of a merge)
    std::size_t peak_ = 0;
    std::size_t runs_written_ = 0;
};

}  // namespace bitsig
