// SPDX-License-Identifier: MIT
// The one seam between the engine and a cluster: "run these N independent work items,
// item i somewhere, and hand their serialized results to rank 0 in item order". Screens
// (conditions), checks (scenarios) and simulations (trajectory blocks) are written against
// it; whether the items run on this process's threads or over MPI ranks is the
// Transport's business (distributed/mpi/ has the MPI one, LocalTransport needs nothing).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/control.hpp"

namespace bitsig {

/// How ranks talk. Every rank calls each function in the same order (collectives).
class Transport {
public:
    virtual ~Transport() = default;
    virtual unsigned rank() const = 0;
    virtual unsigned ranks() const = 0;
    /// On rank 0: every rank's bytes, in rank order; elsewhere: empty. While rank 0 waits
    /// for the others it calls idle() (if given) about every 100 ms.
    virtual std::vector<std::string> gather(std::string bytes, const std::function<void()>& idle) = 0;
    std::vector<std::string> gather(std::string bytes) { return gather(std::move(bytes), {}); }
    /// Rank 0's bytes, on every rank.
    virtual std::string broadcast(std::string bytes) = 0;
    /// The largest `value` over the ranks, on every rank.
    virtual std::uint64_t max(std::uint64_t value) = 0;
    /// Threads per rank when the caller asks for "all cores" (0: all of them).
    virtual unsigned default_threads() const { return 0; }

    // Progress, a side channel beside the collectives (none by default: then rank 0 knows
    // the others' progress at the end of each round only). Only rank 0 receives.
    /// On a rank other than 0: tells rank 0 `value` without waiting; false when nothing
    /// was sent (the previous message is still under way: progress may skip values).
    virtual bool post_progress(std::uint64_t /*value*/) { return false; }
    /// On rank 0: the (rank, value) messages that have arrived, waiting until there are
    /// at least `at_least` of them (messages known to have been sent).
    virtual std::vector<std::pair<unsigned, std::uint64_t>> receive_progress(std::uint64_t /*at_least*/) { return {}; }
    /// On a rank other than 0, once rank 0 has received everything it sent: completes the
    /// last post.
    virtual void finish_progress() {}
};

/// One process, no communication.
class LocalTransport final : public Transport {
public:
    unsigned rank() const override { return 0; }
    unsigned ranks() const override { return 1; }
    std::vector<std::string> gather(std::string bytes, const std::function<void()>&) override {
        return {std::move(bytes)};
    }
    std::string broadcast(std::string bytes) override { return bytes; }
    std::uint64_t max(std::uint64_t value) override { return value; }
};

/// Which items a rank runs when. Item i belongs to rank i % ranks (round robin: items
/// next to each other tend to cost alike, e.g. the pairs of one candidate, so every rank
/// gets its share of each costly region); items go out in rounds of per_rank * ranks
/// consecutive items, which bounds rank 0's memory to one round of results.
struct Schedule {
    std::size_t count = 0;
    unsigned ranks = 1;
    std::size_t per_rank = 1;  // items per rank and round

    std::size_t rounds() const;
    /// The items [first, last) of `round` (empty past the end).
    std::pair<std::size_t, std::size_t> round_items(std::size_t round) const;
    /// The rank that runs item i.
    unsigned owner(std::size_t item) const { return static_cast<unsigned>(item % ranks); }
};

/// At least `threads` items per rank and round (so no thread idles), at least 8 rounds per
/// rank when there is enough work (balance), at most kMaxPerRank (memory).
Schedule make_schedule(std::size_t count, unsigned ranks, unsigned threads);
inline constexpr std::size_t kMaxPerRank = 256;

/// What one run moved (for the scaling estimate).
struct DistributionStats {
    std::size_t items = 0;
    std::size_t rounds = 0;
    std::uint64_t bytes_gathered = 0;  // result bytes that reached rank 0, its own included
    double merge_seconds = 0;          // rank 0's processor time in the sink (decoding, merging)
    // Processor time of the work itself (all threads of a rank), summed over ranks, and
    // its critical path: per round the busiest rank's, summed over rounds. On dedicated
    // cores the run takes about critical_seconds + merge_seconds + communication; on a
    // shared machine wall times say little, these still do.
    double cpu_seconds = 0;
    double critical_seconds = 0;
};

/// Runs work items over the ranks of a Transport and the threads of each rank.
class Distributor {
public:
    using Job = std::function<std::string(std::size_t item, const Control& single)>;
    using Sink = std::function<void(std::size_t item, const std::string& bytes)>;
    using Observer = std::function<void(const std::string& what, const DistributionStats&)>;

    explicit Distributor(Transport& transport) : transport_(&transport) {}
    unsigned rank() const { return transport_->rank(); }
    unsigned ranks() const { return transport_->ranks(); }
    bool is_root() const { return rank() == 0; }

    /// Calls job(i) for every i in [0, count) on some rank (single-threaded, on
    /// control.thread_count() threads per rank); on rank 0, calls sink(i, result) for
    /// every i in increasing order; on other ranks never. Progress goes to `control` on
    /// rank 0 only: the share of the items finished over all ranks, from the others'
    /// progress messages while a round runs. Every rank must call run with the same count. An exception on any
    /// rank (or in the sink) stops every rank after the current round and is rethrown on
    /// every rank: Interrupted as Interrupted, an InputError with its diagnostics and a
    /// note naming the rank, others with the rank in the message.
    void run(std::size_t count, const Control& control, const std::string& what, const Job& job, const Sink& sink);
    /// Rank 0's bytes on every rank (e.g. which entries to re-check).
    std::string share(std::string bytes) { return transport_->broadcast(std::move(bytes)); }

    /// Test hook (BITSIG_FAIL_RANK): this rank's first item throws, as a real failure would.
    void inject_failure() { inject_failure_ = true; }
    /// Called on rank 0 after every run (BITSIG_MPI_STATS prints them).
    void observe(Observer observer) { observer_ = std::move(observer); }
    const DistributionStats& last_stats() const { return stats_; }

private:
    Transport* transport_;
    std::uint64_t progress_posted_ = 0;    // progress messages this rank has sent, ever
    std::uint64_t progress_received_ = 0;  // on rank 0: those it has received, ever
    bool inject_failure_ = false;
    Observer observer_;
    DistributionStats stats_;
};

/// A distributor for this process alone (no MPI); each call gives an independent one, so
/// concurrent engine calls do not share state.
Distributor local_distributor();

}  // namespace bitsig
