// SPDX-License-Identifier: MIT
// Open MPI behind the Transport interface: gather = MPI_Igather of the sizes, then
// MPI_Igatherv of the bytes; broadcast = two MPI_Ibcast; max = MPI_Iallreduce.
//
// Why MPI_Init only under a launcher: a process started without mpirun would make Open
// MPI's singleton start (it spawns a runtime daemon, which takes a noticeable fraction
// of a second and in containers may print warnings about network interfaces or the
// shared-memory size) for nothing, since one process has nobody to talk to. So without
// the launcher's variables the process uses LocalTransport and never touches MPI, and the
// same binary starts as fast as before. Under a launcher MPI_Init runs lazily, on the
// first collective call: a rank that fails before any distributed work (a file missing
// on one node) then exits without having joined MPI, which the launcher sees as an
// improper exit and answers by stopping the whole job, instead of leaving the other ranks
// waiting in a collective (or in MPI_Finalize's fence) forever.
//
// Waiting: nonblocking collectives tested with short sleeps (see wait()), so a rank that
// waits for the others leaves the cores to those who compute.
//
// Progress: a rank posts its count of finished items to rank 0 with MPI_Isend (one
// message under way at most, 8 bytes, on its own tag); rank 0 takes what has arrived with
// MPI_Iprobe and MPI_Recv. Point-to-point messages and collectives do not mix, even on
// the same communicator.
//
// Threads: only the main thread calls MPI (MPI_THREAD_FUNNELED); the worker threads of a
// rank compute. With "all cores" a rank takes its share of its node's cores (the ranks
// of a node found with MPI_Comm_split_type), so that N ranks per node do not run N times
// as many threads as there are cores.
#include "distributed/mpi/process.hpp"

#include <fcntl.h>
#include <mpi.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <thread>

namespace bitsig {

namespace {

const char* env(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
}

// The rank as the launcher wrote it, before MPI_Init (-1: unknown).
long launcher_rank() {
    for (const char* name : {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"})
        if (const char* v = env(name)) return std::strtol(v, nullptr, 10);
    return -1;
}

void check(int code, const char* what) {
    if (code != MPI_SUCCESS) throw std::runtime_error(std::string("MPI call failed: ") + what);
}

// Waits for a nonblocking collective by testing it every 200 microseconds. A blocking
// collective would busy-poll a core for as long as the slowest rank still computes (Open
// MPI spins by default), taking that core from this rank's own worker threads or from a
// neighbour rank; the rounds last milliseconds or more, so the sleep costs nothing.
// idle(), when given, is called about every 100 ms of waiting.
void wait(MPI_Request& request, const char* what, const std::function<void()>& idle = {}) {
    auto next_idle = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
    for (int done = 0;;) {
        check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), what);
        if (done) return;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        if (idle && std::chrono::steady_clock::now() >= next_idle) {
            idle();
            next_idle = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
        }
    }
}

int as_int(std::size_t n) {
    if (n > static_cast<std::size_t>(INT_MAX))
        throw std::runtime_error("a round of distributed results exceeds 2 GiB; this is a bug in the schedule");
    return static_cast<int>(n);
}

class MpiTransport final : public Transport {
public:
    ~MpiTransport() override {
        int finalized = 0;
        if (started_) MPI_Finalized(&finalized);
        if (started_ && !finalized) MPI_Finalize();
    }

    unsigned rank() const override { return start().rank; }
    unsigned ranks() const override { return start().size; }
    unsigned default_threads() const override { return start().threads; }

    std::vector<std::string> gather(std::string bytes, const std::function<void()>& idle) override {
        const World& w = start();
        std::uint64_t size = bytes.size();
        std::vector<std::uint64_t> sizes(w.rank == 0 ? w.size : 0);
        MPI_Request request;
        check(MPI_Igather(&size, 1, MPI_UINT64_T, sizes.data(), 1, MPI_UINT64_T, 0, MPI_COMM_WORLD, &request),
              "MPI_Igather");
        wait(request, "MPI_Igather", idle);  // where rank 0 waits for the slowest rank
        std::vector<int> counts, offsets;
        std::string all;
        if (w.rank == 0) {
            std::size_t total = 0;
            for (auto s : sizes) {
                counts.push_back(as_int(s));
                offsets.push_back(as_int(total));
                total += s;
            }
            as_int(total);
            all.resize(total);
        }
        check(MPI_Igatherv(bytes.data(), as_int(bytes.size()), MPI_BYTE, all.data(), counts.data(), offsets.data(),
                           MPI_BYTE, 0, MPI_COMM_WORLD, &request),
              "MPI_Igatherv");
        wait(request, "MPI_Igatherv");
        std::vector<std::string> out;
        for (std::size_t r = 0; r < counts.size(); ++r)
            out.emplace_back(all, static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(counts[r]));
        return out;
    }

    std::string broadcast(std::string bytes) override {
        start();
        std::uint64_t size = bytes.size();
        MPI_Request request;
        check(MPI_Ibcast(&size, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD, &request), "MPI_Ibcast");
        wait(request, "MPI_Ibcast");
        bytes.resize(size);
        check(MPI_Ibcast(bytes.data(), as_int(size), MPI_BYTE, 0, MPI_COMM_WORLD, &request), "MPI_Ibcast");
        wait(request, "MPI_Ibcast");
        return bytes;
    }

    std::uint64_t max(std::uint64_t value) override {
        start();
        std::uint64_t out = 0;
        MPI_Request request;
        check(MPI_Iallreduce(&value, &out, 1, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD, &request), "MPI_Iallreduce");
        wait(request, "MPI_Iallreduce");
        return out;
    }

    bool post_progress(std::uint64_t value) override {
        start();
        if (posting_) {
            int done = 0;
            check(MPI_Test(&post_request_, &done, MPI_STATUS_IGNORE), "MPI_Test");
            if (!done) return false;
            posting_ = false;
        }
        post_value_ = value;  // must stay put until the send completes
        check(MPI_Isend(&post_value_, 1, MPI_UINT64_T, 0, kProgressTag, MPI_COMM_WORLD, &post_request_), "MPI_Isend");
        posting_ = true;
        return true;
    }

    std::vector<std::pair<unsigned, std::uint64_t>> receive_progress(std::uint64_t at_least) override {
        start();
        std::vector<std::pair<unsigned, std::uint64_t>> out;
        for (;;) {
            int arrived = 0;
            MPI_Status status;
            check(MPI_Iprobe(MPI_ANY_SOURCE, kProgressTag, MPI_COMM_WORLD, &arrived, &status), "MPI_Iprobe");
            if (!arrived) {
                if (out.size() >= at_least) return out;
                std::this_thread::sleep_for(std::chrono::microseconds(200));
                continue;
            }
            std::uint64_t value = 0;
            check(MPI_Recv(&value, 1, MPI_UINT64_T, status.MPI_SOURCE, kProgressTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
                  "MPI_Recv");
            out.emplace_back(static_cast<unsigned>(status.MPI_SOURCE), value);
        }
    }

    void finish_progress() override {
        if (!posting_) return;
        wait(post_request_, "MPI_Isend");
        posting_ = false;
    }

private:
    static constexpr int kProgressTag = 17;

    struct World {
        unsigned rank = 0, size = 1, threads = 0;
    };

    const World& start() const {
        if (started_) return world_;
        int provided = 0;
        check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
        started_ = true;
        int rank = 0, size = 1, local = 1;
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
        MPI_Comm_size(MPI_COMM_WORLD, &size);
        MPI_Comm node;
        check(MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node),
              "MPI_Comm_split_type");
        MPI_Comm_size(node, &local);
        MPI_Comm_free(&node);
        world_.rank = static_cast<unsigned>(rank);
        world_.size = static_cast<unsigned>(size);
        const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        world_.threads = std::max(1u, cores / static_cast<unsigned>(std::max(1, local)));
        return world_;
    }

    mutable bool started_ = false;
    mutable World world_;
    bool posting_ = false;  // post_request_ is under way
    MPI_Request post_request_ = MPI_REQUEST_NULL;
    std::uint64_t post_value_ = 0;
};

}  // namespace

long mpi_launcher_rank() { return launcher_rank(); }

bool started_by_mpi_launcher() {
    return env("OMPI_COMM_WORLD_SIZE") || env("PMIX_RANK") || env("PMI_RANK") || env("PMI_SIZE");
}

Distributor& process_distributor() {
    static Distributor& distributor = []() -> Distributor& {
        static LocalTransport local;
        if (!started_by_mpi_launcher()) {
            static Distributor d(local);
            return d;
        }
        static MpiTransport mpi;
        static Distributor d(mpi);
        const long rank = launcher_rank();
        if (rank > 0) {
            // Rank 0 speaks for the job: the others' messages would repeat its own.
            const int null = open("/dev/null", O_WRONLY);
            if (null >= 0) dup2(null, STDERR_FILENO), close(null);
        }
        if (const char* fail = env("BITSIG_FAIL_RANK"); fail && std::strtol(fail, nullptr, 10) == rank)
            d.inject_failure();
        if (env("BITSIG_MPI_STATS"))
            d.observe([&](const std::string& what, const DistributionStats& s) {
                std::fprintf(stderr,
                             "bitsig distributed %s: %zu items in %zu rounds over %u ranks, %llu bytes gathered, "
                             "%.6f s merging on rank 0, %.6f s cpu, %.6f s cpu critical path\n",
                             what.c_str(), s.items, s.rounds, mpi.ranks(),
                             static_cast<unsigned long long>(s.bytes_gathered), s.merge_seconds, s.cpu_seconds,
                             s.critical_seconds);
            });
        return d;
    }();
    return distributor;
}

}  // namespace bitsig
