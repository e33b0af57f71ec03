// SPDX-License-Identifier: MIT
// A screen whose conditions are spread over a Distributor's ranks (and each rank's
// threads), with the same entries, in the same order, as run_screen on one process.
#pragma once

#include <cstdint>
#include <vector>

#include "distributed/distributor.hpp"
#include "query/screen.hpp"

namespace bitsig {

/// Conditions a screen may have per rank (beyond, it is refused with ResourceError). Memory
/// does not grow with them any more (rank 0 keeps a bounded number of rows, the rest on
/// disk): the limit stops a mistyped --max-size from starting a run of hours per rank, and
/// says how many ranks would take it.
inline constexpr std::uint64_t kScreenConditionsPerRank = 2'000'000;

/// Throws the ResourceError of a screen of `total` conditions that does not fit on
/// `ranks` ranks (kScreenConditionsPerRank each); says how many ranks would take it.
void check_screen_fits(std::uint64_t total, unsigned ranks);

/// Combination number `index` of a screen, as candidate indices: 0 is the base alone,
/// then every single candidate, then every pair in lexicographic order, and so on up to
/// max_size (the order run_screen enumerates). index < screen_size(candidates, max_size).
std::vector<std::size_t> combination_at(std::uint64_t index, std::size_t candidates, std::size_t max_size);
/// The index of a combination (candidate indices, increasing): combination_at's inverse.
std::uint64_t combination_index(const std::vector<std::size_t>& members, std::size_t candidates);

struct SpreadScreen {
    std::vector<ScreenEntry> entries;  // ranked, entries[0] the base alone; maybe only the best
    std::uint64_t conditions = 0;      // rows of the whole screen (conflicting combinations skipped)
    std::uint64_t redundant = 0;       // of them, redundant (ScreenEntry::redundant_because)
    std::size_t peak_rows = 0;         // the most rows rank 0 held at once
    std::size_t runs_written = 0;      // sorted runs written to disk
};

/// Where the rows of a full ranking go (only_top = 0), and how many rank 0 may hold.
struct ScreenSpill {
    ScreenRowSink each_row;  // set: the rows in ranked order, instead of SpreadScreen::entries
    std::size_t rows_in_memory = kScreenRowsInMemory;
    std::string directory;  // of the sorted runs ("" the system's temporary folder)
};

/// run_screen over `ranks`: every rank must call it with the same arguments. Conditions
/// are generated from their index where they run (no list of all combinations anywhere),
/// rank 0 receives the rows in condition order, ranks them, and the re-checks of the top
/// entries under the other scheme are spread too. Every entry's redundancy mark is set as
/// its row arrives (its parts, smaller, came before). With only_top > 0 rank 0 keeps only
/// the base and the best max(only_top, verify_top) rows (the same ones, in the same order,
/// as the full ranking), so its memory does not grow with the number of largest
/// combinations; 0 ranks every row, holding at most spill.rows_in_memory at once (the
/// others in sorted runs on disk, ScreenRanking) and handing them to spill.each_row when
/// set (then entries stays empty). The entries are on rank 0; other ranks get none.
SpreadScreen run_screen_spread(const Network& net, const Conditions& base, const std::vector<Candidate>& candidates,
                               const Goal& goal, const ScreenOptions& screen, const SearchOptions& search,
                               const Control& control, Distributor& ranks, std::size_t only_top = 0,
                               const ScreenSpill& spill = {});

}  // namespace bitsig
