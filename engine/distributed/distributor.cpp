// SPDX-License-Identifier: MIT
// Static rounds with a gather per round (bulk-synchronous, Valiant 1990): every rank runs
// its items of the round (round robin) on its threads, sends a report (its item count, a status, the
// results) to rank 0, and waits for rank 0's decision (go on, or stop with an error).
// Rank 0 hands the results to the sink in item order, which is what makes the output of
// any rank count byte-identical to one process: the items are the same, their results are
// computed the same way, and they are merged in the same order.
//
// Why not a work queue with a master: the static split needs no extra messages per item,
// rank 0 works too, and a failure or Ctrl-C anywhere is seen by everyone at the next
// gather, so no rank is left waiting in a collective that another has abandoned (the way
// MPI jobs hang). The cost is a barrier per round; rounds hold at least as many items per
// rank as threads, and the costly items of a region are spread over all ranks by the
// round-robin assignment.
//
// Progress: the gathers tell rank 0 where every rank stands once per round only, so while
// a round runs the other ranks post their count of finished items (a small message each
// at most every 100 ms, on a side channel of the Transport) and rank 0 shows the share of
// all items finished. Each report says how many such messages its rank posted, and rank 0
// receives all of them before it answers, so none is left under way past the round. The
// work of a round then runs on its own thread (MPI is called from the main thread only),
// and rank 0 goes on showing progress while it waits in the gather for the others.
#include "distributed/distributor.hpp"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <new>
#include <thread>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "distributed/wire.hpp"

namespace bitsig {

std::size_t Schedule::rounds() const {
    const std::size_t per_round = per_rank * ranks;
    return (count + per_round - 1) / per_round;
}

std::pair<std::size_t, std::size_t> Schedule::round_items(std::size_t round) const {
    const std::size_t first = std::min(count, round * per_rank * ranks);
    return {first, std::min(count, first + per_rank * ranks)};
}

Schedule make_schedule(std::size_t count, unsigned ranks, unsigned threads) {
    Schedule s;
    s.count = count;
    s.ranks = std::max(1u, ranks);
    const std::size_t balanced = (count + 8 * s.ranks - 1) / (8 * s.ranks);
    s.per_rank = std::max<std::size_t>({std::min(balanced, kMaxPerRank), threads, 1});
    return s;
}

namespace {

// Processor time, not wall time: on a shared machine it still measures the work.
double cpu_seconds(clockid_t clock) {
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}
double process_cpu_seconds() { return cpu_seconds(CLOCK_PROCESS_CPUTIME_ID); }
double thread_cpu_seconds() { return cpu_seconds(CLOCK_THREAD_CPUTIME_ID); }

enum class Status : std::uint8_t { ok, interrupted, input, resource, memory, internal };

struct Failure {
    Status status = Status::ok;
    unsigned rank = 0;
    bool name_rank = true;  // add "reported by MPI rank R" (not when the message names it)
    std::string message;
    std::vector<Diagnostic> diagnostics;
};

Failure describe(std::exception_ptr error, unsigned rank) {
    Failure f;
    f.rank = rank;
    try {
        std::rethrow_exception(error);
    } catch (const Interrupted&) {
        f.status = Status::interrupted;
    } catch (const InputError& e) {
        f.status = Status::input;
        f.diagnostics = e.diagnostics();
    } catch (const ResourceError& e) {
        f.status = Status::resource;
        f.message = e.what();
    } catch (const std::bad_alloc&) {
        f.status = Status::memory;
    } catch (const std::exception& e) {
        f.status = Status::internal;
        f.message = e.what();
    }
    return f;
}

void write_failure(WireWriter& w, const Failure& f) {
    w.u8(static_cast<std::uint8_t>(f.status));
    w.u64(f.rank);
    w.boolean(f.name_rank);
    w.str(f.message);
    w.u64(f.diagnostics.size());
    for (const auto& d : f.diagnostics) {
        w.str(d.where.file);
        w.u64(d.where.line);
        w.u64(d.where.column);
        w.str(d.message);
        w.str(d.note);
        w.str(d.source_line);
        w.u64(d.span);
    }
}

Failure read_failure(WireReader& r) {
    Failure f;
    f.status = static_cast<Status>(r.u8());
    f.rank = static_cast<unsigned>(r.u64());
    f.name_rank = r.boolean();
    f.message = r.str();
    f.diagnostics.resize(r.u64());
    for (auto& d : f.diagnostics) {
        d.where.file = r.str();
        d.where.line = r.u64();
        d.where.column = r.u64();
        d.message = r.str();
        d.note = r.str();
        d.source_line = r.str();
        d.span = r.u64();
    }
    return f;
}

// Another rank's failure, thrown here with the same type so that every rank exits with
// the same code; the rank is named so that the user knows where to look.
[[noreturn]] void rethrow(const Failure& f, unsigned ranks) {
    const std::string where = errors::mpi_rank_of(f.rank, ranks);
    switch (f.status) {
    case Status::interrupted:
        throw Interrupted();
    case Status::input: {
        std::vector<Diagnostic> ds = f.diagnostics;
        if (ds.empty()) ds.emplace_back();
        if (f.name_rank) ds.back() = errors::reported_by(std::move(ds.back()), where);
        throw InputError(ds);
    }
    case Status::resource:
        throw ResourceError(errors::refused_on(f.message, where));
    case Status::memory:
        throw std::bad_alloc();
    case Status::ok:
    case Status::internal:
        break;
    }
    throw std::runtime_error("MPI " + where + ": " + f.message);
}

// Runs `compute` on a thread of its own and calls `tick` on this one every 100 ms until
// it is done; rethrows what compute threw.
void run_ticking(const std::function<void()>& compute, const std::function<void()>& tick) {
    std::mutex mutex;
    std::condition_variable finished;
    bool over = false;
    std::exception_ptr error;
    std::thread worker([&] {
        try {
            compute();
        } catch (...) {
            error = std::current_exception();
        }
        std::lock_guard<std::mutex> lock(mutex);
        over = true;
        finished.notify_one();
    });
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mutex);
            if (finished.wait_for(lock, std::chrono::milliseconds(100), [&] { return over; })) break;
        }
        try {
            tick();
        } catch (...) {
            // The work must end before this frame does; it stops at its next check.
            worker.join();
            throw;
        }
    }
    worker.join();
    if (error) std::rethrow_exception(error);
}

// One call of Distributor::run, phase by phase. Each round: this rank computes its items
// (compute), sends a report to rank 0 (gather), rank 0 checks the reports and hands the
// results to the sink in item order (decide), and every rank learns rank 0's verdict
// (settle), going on or throwing.
class Rounds {
public:
    struct Counters {
        std::uint64_t& posted;    // progress messages this rank has sent, ever
        std::uint64_t& received;  // on rank 0: those it has received, ever
        DistributionStats& stats;
    };

    Rounds(Transport& t, const Control& control, const Control& here, const std::string& what, const Schedule& schedule,
           Counters counters, bool inject_failure)
        : t_(t), me_(t.rank()), ranks_(t.ranks()), control_(control), here_(here), what_(what), schedule_(schedule),
          counters_(counters), inject_failure_(inject_failure), others_(ranks_) {}

    void run_round(std::size_t round, const Distributor::Job& job, const Distributor::Sink& sink) {
        const auto [first, last] = schedule_.round_items(round);
        finished_ = 0;
        std::string report = compute(first, last, job);
        // Rank 0, done with its own items, shows the others' progress while it waits.
        std::vector<std::string> reports =
            t_.gather(std::move(report), me_ == 0 ? std::function<void()>([this] { tick(); }) : nullptr);
        finished_before_ += finished_;  // after the gather: tick counts this round's items from finished_
        std::string decision;
        if (me_ == 0) decision = decide(reports, first, last, sink);
        reports.clear();
        settle(decision);
    }

private:
    void absorb(const std::vector<std::pair<unsigned, std::uint64_t>>& messages) {
        for (const auto& [r, value] : messages)
            if (r < ranks_) others_[r] = std::max(others_[r], value);
        counters_.received += messages.size();
    }

    // Progress while a round runs: rank 0 shows the share finished on all ranks, the others
    // post their count.
    void tick() {
        const std::uint64_t done_here = finished_before_ + finished_;
        if (me_ == 0) {
            absorb(t_.receive_progress(0));
            std::uint64_t done = done_here;
            for (unsigned r = 1; r < ranks_; ++r) done += others_[r];
            if (control_.progress && schedule_.count > 0)
                control_.report(std::min(1.0, static_cast<double>(done) / static_cast<double>(schedule_.count)), what_);
        } else if (done_here != told_ && t_.post_progress(done_here)) {
            told_ = done_here;
            ++counters_.posted;
        }
    }

    // This rank's items of the round (first + me, first + me + ranks, ...) on its threads;
    // the report for rank 0: the item count, progress messages posted, processor time, a
    // status, the results.
    std::string compute(std::size_t first, std::size_t last, const Distributor::Job& job) {
        std::vector<std::size_t> mine_items;
        for (std::size_t i = first + me_; i < last; i += ranks_) mine_items.push_back(i);
        std::vector<std::string> results(mine_items.size());
        Control work = here_;
        work.progress = nullptr;
        const std::size_t count = schedule_.count;
        if (ranks_ == 1 && control_.progress) {
            // Alone: this rank's progress is the run's.
            const double before = static_cast<double>(first);
            const double span = static_cast<double>(last - first);
            work.progress = [this, before, span, count](double fraction, const std::string& label) {
                control_.report(std::min(1.0, (before + fraction * span) / static_cast<double>(count)), label);
            };
        }
        Failure mine;
        const double cpu_before = process_cpu_seconds();
        auto items = [&] {
            if (inject_failure_ && !mine_items.empty())
                throw std::runtime_error("failure injected on this rank (BITSIG_FAIL_RANK)");
            parallel_for(results.size(), work, what_, [&](std::size_t k, const Control& single) {
                results[k] = job(mine_items[k], single);
                ++finished_;
            });
        };
        own_ = nullptr;
        try {
            if (ranks_ == 1)
                items();
            else
                run_ticking(items, [this] { tick(); });
        } catch (...) {
            own_ = std::current_exception();
            mine = describe(own_, me_);
        }
        WireWriter report;
        report.u64(count);
        report.u64(counters_.posted);
        report.f64(process_cpu_seconds() - cpu_before);
        write_failure(report, mine);
        report.u64(results.size());
        for (const auto& r : results) report.str(r);
        return report.take();
    }

    // On rank 0: the verdict on the round (the first failure in rank order, or ranks that
    // disagree on the work), after the results went to the sink if all is well.
    std::string decide(const std::vector<std::string>& reports, std::size_t first, std::size_t last,
                       const Distributor::Sink& sink) {
        const std::size_t count = schedule_.count;
        DistributionStats& stats = counters_.stats;
        Failure verdict;
        std::vector<WireReader> readers;
        readers.reserve(reports.size());
        double busiest = 0;
        std::uint64_t posted = 0;  // progress messages of the other ranks, ever
        for (unsigned r = 0; r < reports.size(); ++r) {
            WireReader in(reports[r]);
            in.u64();
            if (r > 0) posted += in.u64();
        }
        // Every message posted is received before the answer, so none outlives the round.
        if (posted > counters_.received) absorb(t_.receive_progress(posted - counters_.received));
        for (unsigned r = 0; r < reports.size() && verdict.status == Status::ok; ++r) {
            stats.bytes_gathered += reports[r].size();
            WireReader& in = readers.emplace_back(reports[r]);
            const std::uint64_t theirs = in.u64();
            in.u64();  // progress messages, counted above
            const double cpu = in.f64();
            stats.cpu_seconds += cpu;
            busiest = std::max(busiest, cpu);
            Failure f = read_failure(in);
            if (f.status != Status::ok) {
                verdict = f;
            } else if (theirs != count) {
                verdict.status = Status::input;
                verdict.rank = r;
                verdict.name_rank = false;
                verdict.diagnostics.push_back(errors::rank_work_mismatch(r, theirs, what_, count));
            }
        }
        stats.critical_seconds += busiest;
        if (verdict.status == Status::ok) {
            const double start = thread_cpu_seconds();
            try {
                for (auto& in : readers) in.u64();  // the result counts: the schedule implies them
                for (std::size_t item = first; item < last; ++item) sink(item, readers[schedule_.owner(item)].str());
            } catch (...) {
                own_ = std::current_exception();
                verdict = describe(own_, 0);
            }
            stats.merge_seconds += thread_cpu_seconds() - start;
        }
        WireWriter decision;
        write_failure(decision, verdict);
        if (verdict.status == Status::ok && count > 0)
            control_.report(static_cast<double>(last) / static_cast<double>(count), what_);
        return decision.take();
    }

    // Rank 0's verdict on every rank: nothing to do, or the failure thrown everywhere (a
    // rank's own exception as it was).
    void settle(std::string decision) {
        const std::string said = t_.broadcast(std::move(decision));
        if (me_ != 0) t_.finish_progress();
        WireReader in(said);
        const Failure verdict = read_failure(in);
        if (verdict.status == Status::ok) return;
        if (verdict.rank == me_ && own_) std::rethrow_exception(own_);
        rethrow(verdict, ranks_);
    }

    Transport& t_;
    const unsigned me_, ranks_;
    const Control& control_;  // the caller's (progress goes there)
    const Control& here_;     // with this rank's thread count
    const std::string& what_;
    const Schedule& schedule_;
    Counters counters_;
    const bool inject_failure_;
    std::exception_ptr own_;                // this rank's own exception, rethrown as it was
    std::atomic<std::size_t> finished_{0};  // this rank's items finished in this round
    std::size_t finished_before_ = 0;       // this rank's items of the earlier rounds
    std::uint64_t told_ = 0;                // the last count this rank posted
    std::vector<std::uint64_t> others_;     // on rank 0: items each rank has said it finished
};

}  // namespace

void Distributor::run(std::size_t count, const Control& control, const std::string& what, const Job& job,
                      const Sink& sink) {
    Transport& t = *transport_;
    Control here = control;
    if (here.threads == 0) here.threads = t.default_threads();
    // Every rank must cut the rounds alike: agree on the thread count that sizes them.
    const Schedule schedule = make_schedule(count, t.ranks(), static_cast<unsigned>(t.max(here.thread_count())));
    stats_ = DistributionStats{};
    stats_.items = count;
    stats_.rounds = schedule.rounds();
    Rounds rounds(t, control, here, what, schedule, Rounds::Counters{progress_posted_, progress_received_, stats_},
                  inject_failure_);
    // Even zero items take one round: the ranks still compare their counts.
    const std::size_t round_count = std::max<std::size_t>(1, schedule.rounds());
    for (std::size_t round = 0; round < round_count; ++round) rounds.run_round(round, job, sink);
    if (t.rank() == 0 && observer_) observer_(what, stats_);
}

Distributor local_distributor() {
    static LocalTransport transport;  // stateless: sharing it is safe
    return Distributor(transport);
}

}  // namespace bitsig
