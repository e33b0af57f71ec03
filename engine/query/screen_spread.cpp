// SPDX-License-Identifier: MIT
// The screen as independent work items. A condition is named by its index in the
// screen's enumeration (sizes ascending, lexicographic within a size) and unranked with
// the combinatorial number system (Knuth, TAOCP 7.2.1.3): the first member is the
// smallest a whose count of completions C(n - a - 1, k - 1) exceeds what is left of the
// index, and so on. Each worker evaluates its conditions and sends back only the table
// row, with members as candidate indices; rank 0 turns them into labels. JSON and CSV list
// every row ranked, which is known only once every row is in: rank 0 hands the rows to a
// ScreenRanking, which keeps a bounded number in memory and the rest in sorted runs on
// disk, merged as the ranking is read (query/screen_ranking.cpp says why). The re-check of
// the top entries under the other update scheme is a second, small distributed run over
// those entries; then the ranking goes out row by row.
//
// A combination is redundant when one of its parts alone does as well; its parts are
// smaller, so they come earlier in condition order, and rank 0 marks each row as it
// arrives from the goal shares of the smaller combinations (8 bytes each, by index). A
// table of the top rows therefore needs no other row: with only_top, rank 0 keeps the best
// rows so far and drops the rest whenever it holds twice as many as it needs (a selection,
// not a sort, so the merge costs O(1) per row amortized).
#include "query/screen_spread.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "distributed/wire.hpp"
#include "query/screen_ranking.hpp"

namespace bitsig {

namespace {

// C(n, k), exact while it fits in 64 bits (screen sizes are far below that). Each step
// c * (n - k + i) / i is C(n - k + i, i), exact; dividing by gcd(c, i) first keeps the
// product from overflowing.
std::uint64_t binomial(std::uint64_t n, std::uint64_t k) {
    if (k > n) return 0;
    k = std::min(k, n - k);
    std::uint64_t c = 1;
    for (std::uint64_t i = 1; i <= k; ++i) {
        const std::uint64_t g = std::gcd(c, i);
        c = (c / g) * ((n - k + i) / (i / g));
    }
    return c;
}

std::string write_entry(const std::optional<ScreenEntry>& e, const std::vector<std::size_t>& members) {
    WireWriter w;
    w.boolean(e.has_value());
    if (!e) return w.take();
    w.u64(members.size());
    for (auto m : members) w.u64(m);
    write_entry_results(w, *e);
    return w.take();
}

std::optional<ScreenEntry> read_entry(const std::string& bytes, const std::vector<Candidate>& candidates,
                                      std::vector<std::size_t>& members) {
    WireReader in(bytes);
    if (!in.boolean()) return std::nullopt;
    ScreenEntry e;
    members.resize(in.u64());
    for (auto& m : members) {
        m = in.u64();
        e.members.push_back(candidates.at(m).label);
    }
    read_entry_results(in, e);
    return e;
}

// Goal shares of the combinations smaller than the largest, by condition index: the parts
// a redundancy mark looks up. NaN where the members conflict (no condition, no part).
class PartShares {
public:
    PartShares(std::size_t candidates, std::size_t max_size)
        : candidates_(candidates), shares_(max_size == 0 ? 0 : screen_size(candidates, max_size - 1), std::nan("")) {}
    void add(std::uint64_t index, double share) {
        if (index < shares_.size()) shares_[index] = share;
    }
    // The redundancy mark of a row (redundant_mask over its members), "" for none.
    std::string mark(const ScreenEntry& e, const std::vector<std::size_t>& members) const {
        const std::uint64_t mask = redundant_mask(members.size(), e.goal_share(), [&](std::uint64_t part) {
            std::vector<std::size_t> sub;
            for (std::size_t k = 0; k < members.size(); ++k)
                if (part >> k & 1) sub.push_back(members[k]);
            const double s = shares_.at(combination_index(sub, candidates_));
            return std::isnan(s) ? std::nullopt : std::optional<double>(s);
        });
        return mask ? part_label(e.members, mask) : std::string();
    }

private:
    std::size_t candidates_;
    std::vector<double> shares_;
};

std::vector<const Candidate*> pointers(const std::vector<Candidate>& candidates, const std::vector<std::size_t>& idx) {
    std::vector<const Candidate*> out;
    for (auto k : idx) out.push_back(&candidates[k]);
    return out;
}

}  // namespace

void check_screen_fits(std::uint64_t total, unsigned ranks) {
    if (total <= kScreenConditionsPerRank * ranks) return;
    throw ResourceError(errors::screen_too_large(total, ranks, kScreenConditionsPerRank));
}

std::vector<std::size_t> combination_at(std::uint64_t index, std::size_t candidates, std::size_t max_size) {
    std::vector<std::size_t> out;
    if (index == 0) return out;
    --index;
    std::size_t size = 1;
    for (; size <= max_size && size <= candidates; ++size) {
        const std::uint64_t here = binomial(candidates, size);
        if (index < here) break;
        index -= here;
    }
    std::size_t next = 0;
    for (std::size_t slot = 0; slot < size; ++slot) {
        const std::size_t left = size - slot - 1;  // members still to choose after this one
        for (;; ++next) {
            const std::uint64_t completions = binomial(candidates - next - 1, left);
            if (index < completions) break;
            index -= completions;
        }
        out.push_back(next++);
    }
    return out;
}

std::uint64_t combination_index(const std::vector<std::size_t>& members, std::size_t candidates) {
    const std::size_t size = members.size();
    std::uint64_t index = 1;  // the base alone
    if (size == 0) return 0;
    for (std::size_t s = 1; s < size; ++s) index += binomial(candidates, s);
    // Rank among the combinations of its size: those lexicographically after it are
    // counted by sum_j C(n - 1 - c_j, size - j), so it has C(n, size) - 1 - that before it.
    std::uint64_t after = 0;
    for (std::size_t j = 0; j < size; ++j) after += binomial(candidates - 1 - members[j], size - j);
    return index + binomial(candidates, size) - 1 - after;
}

namespace {

// Rank 0's best rows so far (only_top): the base and the best keep - 1 others, in
// condition order, dropping the rest whenever twice as many are held.
class TopRows {
public:
    explicit TopRows(std::size_t keep) : keep_(keep) {}
    void add(std::uint64_t index, ScreenEntry row) {
        rows_.push_back(std::move(row));
        index_of_.push_back(index);
        peak_ = std::max(peak_, rows_.size());
        if (rows_.size() > 2 * keep_) prune();
    }
    // The kept rows ranked, base first; a stable sort, as run_screen's.
    void rank() {
        if (rows_.size() > keep_) prune();
        std::vector<std::size_t> order(rows_.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        if (!order.empty())
            std::stable_sort(order.begin() + 1, order.end(),
                             [&](std::size_t a, std::size_t b) { return ranks_before(rows_[a], rows_[b]); });
        std::vector<ScreenEntry> rows;
        std::vector<std::uint64_t> index_of;
        for (auto k : order) {
            rows.push_back(std::move(rows_[k]));
            index_of.push_back(index_of_[k]);
        }
        rows_ = std::move(rows);
        index_of_ = std::move(index_of);
    }
    std::vector<ScreenEntry>& rows() { return rows_; }
    const std::vector<std::uint64_t>& index_of() const { return index_of_; }
    std::size_t peak() const { return peak_; }

private:
    // The ranking as a strict total order: a stable sort of rows in condition order puts
    // them exactly in this order, so the best k under it are the stable sort's first k.
    bool before(std::size_t a, std::size_t b) const {
        if (ranks_before(rows_[a], rows_[b])) return true;
        if (ranks_before(rows_[b], rows_[a])) return false;
        return index_of_[a] < index_of_[b];
    }
    // Keeps the base and the best keep - 1 others, still in condition order (a selection,
    // not a sort: O(1) per row amortized).
    void prune() {
        std::vector<std::size_t> rest(rows_.size() - 1);
        std::iota(rest.begin(), rest.end(), std::size_t{1});
        const auto cut = rest.begin() + static_cast<std::ptrdiff_t>(keep_ - 1);
        std::nth_element(rest.begin(), cut, rest.end(), [&](std::size_t a, std::size_t b) { return before(a, b); });
        rest.erase(cut, rest.end());
        std::sort(rest.begin(), rest.end());
        std::vector<ScreenEntry> kept_rows{std::move(rows_[0])};
        std::vector<std::uint64_t> kept_index{index_of_[0]};
        for (auto k : rest) {
            kept_rows.push_back(std::move(rows_[k]));
            kept_index.push_back(index_of_[k]);
        }
        rows_ = std::move(kept_rows);
        index_of_ = std::move(kept_index);
    }

    std::size_t keep_;
    std::vector<ScreenEntry> rows_;
    std::vector<std::uint64_t> index_of_;  // condition index of each row
    std::size_t peak_ = 0;
};

// Does the ranking depend on the update scheme? The attractor fractions of the conditions
// `top` (shared from rank 0) under the other scheme, re-checked over every rank; NaN where
// the members conflict.
std::vector<double> recheck(const Network& net, const Conditions& base, const std::vector<Candidate>& candidates,
                            const Goal& goal, const ScreenOptions& screen, const SearchOptions& search,
                            const Control& control, Distributor& ranks, std::vector<std::uint64_t> top) {
    WireWriter w;
    w.words(top);
    const std::string shared = ranks.share(w.take());
    WireReader in(shared);
    top = in.words();
    SearchOptions other = search;
    other.update = search.update == UpdateScheme::synchronous ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
    std::vector<double> again(top.size());
    ranks.run(
        top.size(), control, "re-checking the top of the screen",
        [&](std::size_t i, const Control& single) {
            const auto members = combination_at(top[i], candidates.size(), screen.max_size);
            auto e = screen_condition(net, base, pointers(candidates, members), goal, other, single);
            WireWriter out;
            out.f64(e ? e->attractor_fraction : std::nan(""));
            return out.take();
        },
        [&](std::size_t i, const std::string& bytes) { again[i] = WireReader(bytes).f64(); });
    return again;
}

}  // namespace

SpreadScreen run_screen_spread(const Network& net, const Conditions& base, const std::vector<Candidate>& candidates,
                               const Goal& goal, const ScreenOptions& screen, const SearchOptions& search,
                               const Control& control, Distributor& ranks, std::size_t only_top,
                               const ScreenSpill& spill) {
    const std::uint64_t total = screen_size(candidates.size(), screen.max_size);
    SpreadScreen result;
    // Rank 0's memory: 8 bytes per combination smaller than max_size (the parts), plus
    // with only_top at most 2 * keep + 1 rows, without it at most spill.rows_in_memory
    // (ScreenRanking), however many combinations of max_size there are. The re-check
    // needs the first verify_top rows after the base, so those are kept too.
    const bool top_only = only_top > 0;
    std::optional<PartShares> parts;
    std::optional<TopRows> best;
    std::optional<ScreenRanking> ranking;
    if (ranks.is_root()) {
        parts.emplace(candidates.size(), screen.max_size);
        if (top_only)
            best.emplace(1 + std::max(only_top, screen.verify_top));
        else
            ranking.emplace(spill.rows_in_memory, spill.directory, control);
    }
    std::vector<std::uint64_t> top;  // on rank 0: the conditions to re-check
    ranks.run(
        total, control, "screen",
        [&](std::size_t i, const Control& single) {
            const auto members = combination_at(i, candidates.size(), screen.max_size);
            return write_entry(screen_condition(net, base, pointers(candidates, members), goal, search, single),
                               members);
        },
        [&](std::size_t i, const std::string& bytes) {
            std::vector<std::size_t> members;
            if (auto e = read_entry(bytes, candidates, members)) {
                parts->add(i, e->goal_share());
                e->redundant_because = parts->mark(*e, members);
                if (!e->redundant_because.empty()) ++result.redundant;
                ++result.conditions;
                if (best)
                    best->add(i, std::move(*e));
                else
                    ranking->add(i, std::move(*e));
            }
            // The conditions to re-check: the base and the verify_top best after it. The
            // ranking's last merges happen here, in the sink, where a failure (a full disk,
            // Ctrl-C) stops every rank; outside a run, rank 0 would throw alone while the
            // others wait for it in the next collective.
            if (ranking && i + 1 == total) top = ranking->first(screen.verify_top + 1);
        });
    if (best) {
        best->rank();
        for (std::size_t i = 0; i < best->index_of().size() && i <= screen.verify_top; ++i)
            top.push_back(best->index_of()[i]);
    }
    // Fixed points are the same under both schemes, so there is nothing to re-check for them.
    const bool rechecked = search.method != Method::fixed_points;
    std::vector<double> again;
    if (rechecked) again = recheck(net, base, candidates, goal, screen, search, control, ranks, top);
    if (!ranks.is_root()) return result;

    auto deliver = [&](std::size_t position, ScreenEntry& row) {
        if (rechecked && position < again.size()) row.other_scheme_agrees = again[position] == row.attractor_fraction;
        if (spill.each_row)
            spill.each_row(position, row);
        else
            result.entries.push_back(row);
    };
    if (best) {
        for (std::size_t i = 0; i < best->rows().size(); ++i) deliver(i, best->rows()[i]);
        result.peak_rows = best->peak();
    } else {
        ranking->for_each(deliver);
        result.peak_rows = ranking->peak_rows();
        result.runs_written = ranking->runs_written();
    }
    return result;
}

}  // namespace bitsig
