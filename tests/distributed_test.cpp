// SPDX-License-Identifier: MIT
// The distribution seam without mpirun: the schedule's partition, the wire format, and the
// round protocol over an in-memory transport whose ranks are threads (the same code the
// MPI transport drives, with gathers through shared memory). Screens, checks and
// simulations spread over such ranks must give exactly what one process gives.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>
#include <utility>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <nlohmann/json.hpp>

#include "atomic_output.hpp"
#include "distributed/distributor.hpp"
#include "distributed/wire.hpp"
#include "io/source.hpp"
#include "oracle/oracle.hpp"
#include "paths.hpp"
#include "perturb/conditions.hpp"
#include "query/check_spread.hpp"
#include "query/screen_spread.hpp"
#include "render.hpp"
#include "screen_render.hpp"
#include "simulate/simulate.hpp"

using namespace bitsig;

namespace {

std::string source_path(const std::string& relative) { return std::string(BITSIG_SOURCE_DIR) + "/" + relative; }

// Ranks as threads of one process: every collective meets at a barrier.
class ThreadHub {
public:
    explicit ThreadHub(unsigned ranks) : slots_(ranks), numbers_(ranks), barrier_(ranks) {}
    unsigned ranks() const { return static_cast<unsigned>(slots_.size()); }

    std::vector<std::string> gather(unsigned rank, std::string bytes, const std::function<void()>& idle) {
        slots_[rank] = std::move(bytes);
        if (rank == 0) {
            // Rank 0 waits for the others' arrival with idle() every 10 ms, as MPI's does.
            while (arrived_ + 1 < ranks()) {
                if (idle) idle();
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
            arrived_ = 0;  // the others announce the next gather only past this one's barriers
        } else {
            ++arrived_;
        }
        barrier_.arrive_and_wait();
        std::vector<std::string> out;
        if (rank == 0) out = slots_;
        barrier_.arrive_and_wait();
        return out;
    }
    std::string broadcast(unsigned rank, std::string bytes) {
        if (rank == 0) slots_[0] = std::move(bytes);
        barrier_.arrive_and_wait();
        std::string out = slots_[0];
        barrier_.arrive_and_wait();
        return out;
    }
    std::uint64_t max(unsigned rank, std::uint64_t value) {
        numbers_[rank] = value;
        barrier_.arrive_and_wait();
        std::uint64_t out = *std::max_element(numbers_.begin(), numbers_.end());
        barrier_.arrive_and_wait();
        return out;
    }

    // The progress side channel: a queue for rank 0.
    void post(unsigned rank, std::uint64_t value) {
        std::lock_guard<std::mutex> lock(mutex_);
        posted_.emplace_back(rank, value);
    }
    std::vector<std::pair<unsigned, std::uint64_t>> receive(std::uint64_t at_least) {
        for (;;) {
            std::lock_guard<std::mutex> lock(mutex_);
            if (posted_.size() >= at_least) return std::exchange(posted_, {});
        }
    }

private:
    std::vector<std::string> slots_;
    std::vector<std::uint64_t> numbers_;
    std::barrier<> barrier_;
    std::atomic<unsigned> arrived_{0};
    std::mutex mutex_;
    std::vector<std::pair<unsigned, std::uint64_t>> posted_;
};

class ThreadTransport final : public Transport {
public:
    ThreadTransport(ThreadHub& hub, unsigned rank) : hub_(&hub), rank_(rank) {}
    unsigned rank() const override { return rank_; }
    unsigned ranks() const override { return hub_->ranks(); }
    std::vector<std::string> gather(std::string bytes, const std::function<void()>& idle) override {
        return hub_->gather(rank_, std::move(bytes), idle);
    }
    std::string broadcast(std::string bytes) override { return hub_->broadcast(rank_, std::move(bytes)); }
    std::uint64_t max(std::uint64_t value) override { return hub_->max(rank_, value); }
    bool post_progress(std::uint64_t value) override {
        hub_->post(rank_, value);
        return true;
    }
    std::vector<std::pair<unsigned, std::uint64_t>> receive_progress(std::uint64_t at_least) override {
        return hub_->receive(at_least);
    }

private:
    ThreadHub* hub_;
    unsigned rank_;
};

// Runs body(distributor) on `ranks` threads; returns rank 0's value. Exceptions of each
// rank are kept in `errors` (rank order), so a test can look at every rank's.
template <class T>
T on_ranks(unsigned ranks, const std::function<T(Distributor&)>& body,
           std::vector<std::exception_ptr>* errors = nullptr) {
    ThreadHub hub(ranks);
    std::vector<std::exception_ptr> failed(ranks);
    T root{};
    std::vector<std::thread> threads;
    for (unsigned r = 0; r < ranks; ++r)
        threads.emplace_back([&, r] {
            ThreadTransport t(hub, r);
            Distributor d(t);
            try {
                T value = body(d);
                if (r == 0) root = std::move(value);
            } catch (...) {
                failed[r] = std::current_exception();
            }
        });
    for (auto& t : threads) t.join();
    if (errors) *errors = failed;
    return root;
}

Control one_thread() {
    Control c;
    c.threads = 1;
    return c;
}

std::string message_of(const std::exception_ptr& e) {
    if (!e) return "(no exception)";
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& x) {
        return x.what();
    }
    return "";
}

}  // namespace

TEST_SUITE("distributed") {

TEST_CASE("the schedule hands out every item once, in rounds of consecutive items, round robin over the ranks") {
    for (std::size_t count : {0, 1, 5, 17, 100, 1000, 5000})
        for (unsigned ranks : {1u, 2u, 3u, 7u, 64u})
            for (unsigned threads : {1u, 4u}) {
                CAPTURE(count);
                CAPTURE(ranks);
                CAPTURE(threads);
                const Schedule s = make_schedule(count, ranks, threads);
                CHECK(s.per_rank >= threads);
                CHECK(s.per_rank <= std::max<std::size_t>(kMaxPerRank, threads));
                std::size_t next = 0;
                std::vector<std::size_t> per_rank(ranks, 0);
                for (std::size_t round = 0; round < s.rounds(); ++round) {
                    auto [first, last] = s.round_items(round);
                    CHECK(first == next);
                    CHECK(last > first);
                    CHECK(last - first <= s.per_rank * ranks);
                    next = last;
                    for (std::size_t i = first; i < last; ++i) ++per_rank[s.owner(i)];
                }
                CHECK(next == count);
                CHECK(s.round_items(s.rounds()).first == count);
                // Balanced: rank shares differ by at most one item per round.
                for (unsigned r = 0; r < ranks; ++r) CHECK(per_rank[r] + s.rounds() >= count / ranks);
            }
}

TEST_CASE("the wire format gives back the same bits, and a short read throws") {
    WireWriter w;
    w.u64(42);
    w.f64(-0.0);
    w.f64(std::nan(""));
    w.f64(0.1 + 0.2);
    w.opt_f64(std::nullopt);
    w.strings({"a", "", "KO+OE"});
    w.doubles({1e-300, 3.5});
    const std::string bytes = w.take();
    WireReader r(bytes);
    CHECK(r.u64() == 42);
    CHECK(std::signbit(r.f64()));
    CHECK(std::isnan(r.f64()));
    CHECK(r.f64() == 0.1 + 0.2);
    CHECK_FALSE(r.opt_f64().has_value());
    CHECK(r.strings() == std::vector<std::string>{"a", "", "KO+OE"});
    CHECK(r.doubles() == std::vector<double>{1e-300, 3.5});
    CHECK(r.done());
    WireReader cut(bytes.substr(0, 12));
    cut.u64();
    CHECK_THROWS_WITH_AS(cut.f64(), "distributed result ends early", std::runtime_error);
    WireWriter lying;
    lying.u64(1'000'000);
    const std::string lie = lying.take();
    CHECK_THROWS_WITH_AS(WireReader(lie).str(), "distributed result is shorter than its length says",
                         std::runtime_error);
}

TEST_CASE("rank 0 receives every item's result in item order, whatever the number of ranks") {
    for (unsigned ranks : {1u, 2u, 3u, 5u})
        for (std::size_t count : {0, 1, 7, 300}) {
            CAPTURE(ranks);
            CAPTURE(count);
            std::vector<std::exception_ptr> errors;
            auto got = on_ranks<std::vector<std::string>>(
                ranks,
                [&](Distributor& d) {
                    std::vector<std::string> seen;
                    std::size_t expected = 0;
                    d.run(
                        count, one_thread(), "items",
                        [&](std::size_t i, const Control&) { return std::to_string(i * i) + "@" + std::to_string(i); },
                        [&](std::size_t i, const std::string& bytes) {
                            CHECK(d.is_root());
                            CHECK(i == expected++);
                            seen.push_back(bytes);
                        });
                    return seen;
                },
                &errors);
            for (auto& e : errors) CHECK_FALSE(e);
            REQUIRE(got.size() == count);
            for (std::size_t i = 0; i < count; ++i) CHECK(got[i] == std::to_string(i * i) + "@" + std::to_string(i));
        }
}

TEST_CASE("a failing rank stops every rank, and rank 0 names it") {
    struct Case {
        unsigned failing;
        std::function<void()> fail;
        std::string root_message;
    };
    Diagnostic d;
    d.where.file = "m.yaml";
    d.where.line = 3;
    d.message = "unknown drug 'x'";
    const std::vector<Case> cases{
        {1, [] { throw std::runtime_error("boom"); }, "MPI rank 1 of 3: boom"},
        {2, [d] { throw InputError(d); }, "m.yaml:3: error: unknown drug 'x'\nnote: reported by MPI rank 2 of 3"},
        {1, [] { throw ResourceError("too big"); }, "too big (on MPI rank 1 of 3)"},
        {2, [] { throw Interrupted(); }, "interrupted"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.root_message);
        std::vector<std::exception_ptr> errors;
        on_ranks<int>(
            3,
            [&](Distributor& dist) {
                dist.run(
                    40, one_thread(), "items",
                    [&](std::size_t i, const Control&) {
                        if (dist.rank() == c.failing && i >= 10) c.fail();
                        return std::string("x");
                    },
                    [](std::size_t, const std::string&) {});
                return 0;
            },
            &errors);
        for (unsigned r = 0; r < 3; ++r) CHECK(errors[r]);  // nobody finishes, nobody hangs
        CHECK(message_of(errors[0]) == c.root_message);
    }
}

TEST_CASE("ranks that were given different work say so instead of mixing results") {
    std::vector<std::exception_ptr> errors;
    on_ranks<int>(
        2,
        [&](Distributor& d) {
            d.run(
                d.rank() == 0 ? 10 : 9, one_thread(), "scenarios", [](std::size_t, const Control&) { return ""; },
                [](std::size_t, const std::string&) {});
            return 0;
        },
        &errors);
    REQUIRE(errors[0]);
    CHECK(message_of(errors[0]) ==
          "error: MPI rank 1 has 9 work items (scenarios) where rank 0 has 10\nnote: every rank must run the same "
          "command on the same files");
    CHECK(errors[1]);
}

TEST_CASE("combination numbers unrank to the screen's enumeration order") {
    for (std::size_t n = 0; n <= 7; ++n)
        for (std::size_t max_size = 1; max_size <= 4; ++max_size) {
            CAPTURE(n);
            CAPTURE(max_size);
            std::vector<std::vector<std::size_t>> expected{{}};
            for (std::size_t size = 1; size <= max_size && size <= n; ++size)
                for (std::uint64_t mask = 0; mask < (1u << n); ++mask) {  // lexicographic by listing, then sort
                    if (static_cast<std::size_t>(std::popcount(mask)) != size) continue;
                    std::vector<std::size_t> c;
                    for (std::size_t i = 0; i < n; ++i)
                        if ((mask >> i) & 1) c.push_back(i);
                    expected.push_back(c);
                }
            // Within a size, lexicographic order of index lists.
            std::stable_sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
                return a.size() != b.size() ? a.size() < b.size() : a < b;
            });
            REQUIRE(expected.size() == screen_size(n, max_size));
            for (std::size_t i = 0; i < expected.size(); ++i) CHECK(combination_at(i, n, max_size) == expected[i]);
        }
    // Large enough for C(n, k) to need care: the last triple of 2000 candidates.
    CHECK(combination_at(screen_size(2000, 3) - 1, 2000, 3) == std::vector<std::size_t>{1997, 1998, 1999});
}

TEST_CASE("rank 0's progress is the share of the items finished on every rank") {
    // One round of 16 items on 2 ranks of 8 threads: rank 0's items finish at once, rank
    // 1's one after another (item 2k + 1 after k * 60 ms). Rank 0 alone would say "done"
    // at once; the share over both ranks climbs with rank 1's items.
    std::mutex mutex;
    std::vector<double> seen;
    Control control;
    control.threads = 8;
    control.progress = [&](double fraction, const std::string&) {
        std::lock_guard<std::mutex> lock(mutex);
        seen.push_back(fraction);
    };
    on_ranks<int>(2, [&](Distributor& d) {
        d.run(
            16, control, "items",
            [&](std::size_t i, const Control&) {
                if (i % 2) std::this_thread::sleep_for(std::chrono::milliseconds(60 * (i / 2)));
                return std::string();
            },
            [](std::size_t, const std::string&) {});
        return 0;
    });
    std::lock_guard<std::mutex> lock(mutex);
    REQUIRE(!seen.empty());
    CHECK(seen.back() == 1.0);
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    CHECK(std::count(seen.begin(), seen.end(), 1.0) == 1);  // not done before the last item
    CHECK(std::any_of(seen.begin(), seen.end(), [](double f) { return f > 0.5 && f < 1; }));
}

TEST_CASE("a screen spread over ranks gives run_screen's entries exactly") {
    Network net = load_network(source_path("tests/data/models/toy_her2.yaml"));
    Conditions base;
    base.contexts = {"pten_loss"};
    auto candidates = target_candidates(net, {});
    auto drugs = drug_candidates(net, {});
    candidates.insert(candidates.end(), drugs.begin(), drugs.end());
    Goal goal = Goal::parse(net, "Proliferation=0");
    ScreenOptions so;
    so.max_size = 3;
    so.verify_top = 4;
    for (auto update : {UpdateScheme::synchronous, UpdateScheme::asynchronous}) {
        SearchOptions search;
        search.update = update;
        auto expected = run_screen(net, base, candidates, goal, so, search, one_thread());
        for (unsigned ranks : {1u, 2u, 3u}) {
            CAPTURE(ranks);
            auto spread = on_ranks<SpreadScreen>(ranks, [&](Distributor& d) {
                return run_screen_spread(net, base, candidates, goal, so, search, one_thread(), d);
            });
            const auto& got = spread.entries;
            CHECK(spread.conditions == expected.size());
            REQUIRE(got.size() == expected.size());
            for (std::size_t i = 0; i < got.size(); ++i) {
                CAPTURE(i);
                CHECK(got[i].members == expected[i].members);
                CHECK(got[i].attractors == expected[i].attractors);
                CHECK(got[i].attractor_fraction == expected[i].attractor_fraction);
                CHECK(got[i].basin_fraction == expected[i].basin_fraction);
                CHECK(got[i].complete == expected[i].complete);
                CHECK(got[i].method == expected[i].method);
                CHECK(got[i].readouts == expected[i].readouts);
                CHECK(got[i].other_scheme_agrees == expected[i].other_scheme_agrees);
            }
        }
    }
}

TEST_CASE("combination_index is combination_at's inverse") {
    for (std::size_t n : {1, 2, 5, 9})
        for (std::size_t k : {1, 2, 3}) {
            CAPTURE(n);
            CAPTURE(k);
            for (std::uint64_t i = 0; i < screen_size(n, k); ++i)
                CHECK(combination_index(combination_at(i, n, k), n) == i);
        }
    CHECK(combination_index({1997, 1998, 1999}, 2000) == screen_size(2000, 3) - 1);
}

TEST_CASE("a screen that keeps only its top rows keeps the full ranking's first rows and every mark") {
    std::ptrdiff_t marks_seen = 0;  // the seeds must give redundant rows, or the marks go untested
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(7, 2, seed);
        auto candidates = target_candidates(net, {});
        Goal goal = Goal::parse(net, net.name(VarId{0}) + "=1");
        ScreenOptions so;
        so.max_size = 3;
        so.verify_top = 3;
        auto full = run_screen(net, {}, candidates, goal, so, {}, one_thread());
        // The marks as the rule gives them on the whole list (redundant_parts).
        const auto because = redundant_parts(full);
        const auto marked =
            std::count_if(because.begin(), because.end(), [](const std::string& b) { return !b.empty(); });
        marks_seen += marked;
        for (std::size_t top : {0, 2, 9}) {
            CAPTURE(top);
            auto spread = on_ranks<SpreadScreen>(2, [&](Distributor& d) {
                return run_screen_spread(net, {}, candidates, goal, so, {}, one_thread(), d, top);
            });
            CHECK(spread.conditions == full.size());
            CHECK(spread.redundant == static_cast<std::uint64_t>(marked));
            // Never fewer than the re-checked rows: their marks must be there.
            const std::size_t kept = top == 0 ? full.size() : std::min(1 + std::max(top, so.verify_top), full.size());
            REQUIRE(spread.entries.size() == kept);
            for (std::size_t i = 0; i < spread.entries.size(); ++i) {
                CAPTURE(i);
                CHECK(spread.entries[i].members == full[i].members);
                CHECK(spread.entries[i].readouts == full[i].readouts);
                CHECK(spread.entries[i].other_scheme_agrees == full[i].other_scheme_agrees);
                CHECK(spread.entries[i].redundant_because == because[i]);
            }
        }
    }
    CHECK(marks_seen > 0);
}

TEST_CASE("a text or Markdown screen of its top rows writes the bytes of the full screen") {
    Network net = load_network(source_path("networks/her2_trastuzumab.yaml"));
    cli::ScreenAsk ask;
    ask.goal = "Proliferation=0,Apoptosis=1";
    ask.base.contexts = {"pten_loss"};
    ask.targets = "PI3K,AKT,MTOR,ERK,PTEN,HER3";
    ask.max_size = 3;
    ask.method = Method::fixed_points;  // the table's rows, quickly
    for (std::size_t top : {2, 5, 40}) {
        CAPTURE(top);
        ask.top = top;
        ScreenRequest request = cli::screen_request(ask);
        const ScreenResult whole = screen(net, request, one_thread());
        request.only_top = top;
        const ScreenResult part =
            on_ranks<ScreenResult>(2, [&](Distributor& d) { return screen(net, request, one_thread(), d); });
        CHECK(part.entries.size() <= top + 11);
        for (auto format : {cli::OutputFormat::text, cli::OutputFormat::md})
            CHECK(cli::render_screen(net, part, ask, format) == cli::render_screen(net, whole, ask, format));
    }
}

TEST_CASE("a screen ranked through sorted runs on disk streams the in-memory ranking and holds at most its limit") {
    for (std::uint64_t seed = 1; seed <= 2; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(7, 2, seed);
        auto candidates = target_candidates(net, {});
        Goal goal = Goal::parse(net, net.name(VarId{0}) + "=1");
        ScreenOptions so;
        so.max_size = 3;
        so.verify_top = 3;
        const auto full = run_screen(net, {}, candidates, goal, so, {}, one_thread());
        const auto because = redundant_parts(full);
        REQUIRE(full.size() > 100);  // many more rows than the small limits
        for (std::size_t limit : {3, 10, 100000}) {
            for (unsigned ranks : {1u, 2u}) {
                CAPTURE(limit);
                CAPTURE(ranks);
                std::vector<std::size_t> positions;
                std::vector<ScreenEntry> streamed;
                ScreenSpill spill;
                spill.rows_in_memory = limit;
                spill.each_row = [&](std::size_t position, const ScreenEntry& row) {
                    positions.push_back(position);
                    streamed.push_back(row);
                };
                const auto got = on_ranks<SpreadScreen>(ranks, [&](Distributor& d) {
                    return run_screen_spread(net, {}, candidates, goal, so, {}, one_thread(), d, 0, spill);
                });
                CHECK(got.entries.empty());  // they went to each_row
                CHECK(got.conditions == full.size());
                CHECK(got.peak_rows <= limit);
                if (limit < full.size())
                    CHECK(got.runs_written >= full.size() / limit);
                else
                    CHECK(got.runs_written == 0);
                REQUIRE(streamed.size() == full.size());
                for (std::size_t i = 0; i < full.size(); ++i) {
                    CAPTURE(i);
                    CHECK(positions[i] == i);
                    CHECK(streamed[i].members == full[i].members);
                    CHECK(streamed[i].attractors == full[i].attractors);
                    CHECK(streamed[i].attractor_fraction == full[i].attractor_fraction);
                    CHECK(streamed[i].basin_fraction == full[i].basin_fraction);
                    CHECK(streamed[i].readouts == full[i].readouts);
                    CHECK(streamed[i].other_scheme_agrees == full[i].other_scheme_agrees);
                    CHECK(streamed[i].redundant_because == because[i]);
                }
            }
        }
    }
}

TEST_CASE("a screen whose sorted runs cannot be written says where, and stops every rank") {
    Network net = oracle::random_network(5, 2, 1);
    auto candidates = target_candidates(net, {});
    const Goal goal = Goal::parse(net, net.name(VarId{0}) + "=1");
    ScreenOptions so;
    ScreenSpill spill;
    spill.rows_in_memory = 3;
    spill.directory = "/nonexistent-bitsig-folder";
    const std::string message = "/nonexistent-bitsig-folder: error: cannot write: No such file or directory\n"
                                "note: a temporary file for the screen's ranking (sorted runs of its rows)";
    Distributor alone = local_distributor();
    CHECK_THROWS_WITH_AS(run_screen_spread(net, {}, candidates, goal, so, {}, one_thread(), alone, 0, spill),
                         message.c_str(), InputError);
    // Rank 0 spills in the distributor's sink: the failure reaches the other rank too.
    std::vector<std::exception_ptr> errors;
    on_ranks<SpreadScreen>(
        2,
        [&](Distributor& d) { return run_screen_spread(net, {}, candidates, goal, so, {}, one_thread(), d, 0, spill); },
        &errors);
    CHECK(message_of(errors[0]) == message);
    CHECK(errors[1] != nullptr);
}

TEST_CASE("a screen's JSON written row by row is the document nlohmann-json writes, and its CSV has every row") {
    Network net = load_network(source_path("networks/her2_trastuzumab.yaml"));
    cli::ScreenAsk ask;
    ask.goal = "Proliferation=0,Apoptosis=1";
    ask.base.contexts = {"pten_loss"};
    ask.targets = "PI3K,AKT,MTOR,HER3";
    ask.method = Method::fixed_points;
    const ScreenResult result = screen(net, cli::screen_request(ask), one_thread());
    REQUIRE(result.entries.size() > 2);
    const std::string json = cli::render_screen(net, result, ask, cli::OutputFormat::json);
    CHECK(json == cli::dump_json(nlohmann::json::parse(json)));
    CHECK(nlohmann::json::parse(json)["entries"].size() == result.entries.size());
    const std::string csv = cli::render_screen(net, result, ask, cli::OutputFormat::csv);
    CHECK(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) == result.entries.size() + 1);
}

TEST_CASE("a streamed output appears whole at commit, and not at all when abandoned") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("bitsig-atomic-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string path = (dir / "out.json").string();
    {
        cli::AtomicOutput out(path);
        out.write("{\"half\":");
        CHECK(!fs::exists(path));
    }  // abandoned: an exception or Ctrl-C
    CHECK(fs::is_empty(dir));
    {
        cli::AtomicOutput out(path);
        out.write("{\"whole\":");
        out.write(" true}\n");
        out.commit();
    }
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text == "{\"whole\": true}\n");
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);  // no temporary left
    CHECK_THROWS_WITH_AS(cli::AtomicOutput((dir / "missing" / "out.csv").string()),
                         (dir.string() + "/missing/out.csv: error: cannot write: No such file or directory").c_str(),
                         InputError);
    fs::remove_all(dir);
}

TEST_CASE("a streamed standard output is held back until commit, past its memory too") {
    std::ostringstream captured;
    std::streambuf* terminal = std::cout.rdbuf(captured.rdbuf());
    const std::string piece(std::size_t{3} << 20, 'x');  // 4 pieces: past the 8 MB held in memory
    {
        cli::AtomicOutput out("");
        for (int k = 0; k < 4; ++k) out.write(piece);
    }  // abandoned
    const bool silent = captured.str().empty();
    {
        cli::AtomicOutput out("-");
        for (int k = 0; k < 4; ++k) out.write(piece);
        out.write("end\n");
        out.commit();
    }
    std::cout.rdbuf(terminal);
    CHECK(silent);
    CHECK(captured.str().size() == 4 * piece.size() + 4);
    CHECK(captured.str().substr(captured.str().size() - 5) == "xend\n");
}

TEST_CASE("a screen too large for its ranks is refused with how many ranks it needs") {
    CHECK_NOTHROW(check_screen_fits(kScreenConditionsPerRank, 1));
    CHECK_NOTHROW(check_screen_fits(3 * kScreenConditionsPerRank, 3));
    CHECK_THROWS_WITH_AS(check_screen_fits(4'500'000, 1),
                         "the screen would evaluate 4500000 conditions; lower --max-size or list fewer "
                         "--drugs/--targets, or run it over at least 3 MPI ranks (mpirun -np 3; 2000000 conditions "
                         "fit per rank)",
                         ResourceError);
    CHECK_THROWS_WITH_AS(check_screen_fits(4'500'000, 2),
                         "the screen would evaluate 4500000 conditions, more than 2000000 per rank over 2 MPI ranks; "
                         "lower --max-size or list fewer --drugs/--targets, or run it over at least 3 MPI ranks "
                         "(mpirun -np 3; 2000000 conditions fit per rank)",
                         ResourceError);
}

TEST_CASE("checks spread over ranks give every scenario's outcome as one process computes it") {
    Network net = load_network(source_path("networks/her2_trastuzumab.yaml"));
    std::vector<const Scenario*> todo;
    for (const auto& s : net.scenarios()) todo.push_back(&s);
    REQUIRE(todo.size() > 3);
    std::vector<std::string> expected;
    for (const auto* s : todo) expected.push_back(write_outcome(check_scenario(net, *s, {}, one_thread())));
    auto got = on_ranks<std::vector<ScenarioOutcome>>(
        3, [&](Distributor& d) { return check_scenarios_spread(net, todo, {}, one_thread(), d); });
    REQUIRE(got.size() == todo.size());
    for (std::size_t i = 0; i < todo.size(); ++i) {
        CAPTURE(todo[i]->name);
        CHECK(got[i].scenario == todo[i]);
        CHECK(write_outcome(got[i]) == expected[i]);
    }
    // The round trip keeps what the table and JSON show.
    const ScenarioOutcome& o = got[0];
    const ScenarioOutcome direct = check_scenario(net, *todo[0], {}, one_thread());
    CHECK(o.verdict == direct.verdict);
    REQUIRE(o.schemes.size() == direct.schemes.size());
    CHECK(o.schemes[0].result.attractors.size() == direct.schemes[0].result.attractors.size());
    CHECK(o.schemes[0].result.attractors[0].states == direct.schemes[0].result.attractors[0].states);
}

TEST_CASE("a simulation spread over ranks gives the same numbers as one process, bit for bit") {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(6, 2, seed);
        StochasticModel m = stochastic_model(net, Perturbation{});
        SimulationOptions o;
        o.samples = 3 * 4096 + 100;  // four blocks, the last one short
        o.max_time = 2;
        o.time_tick = 0.5;
        o.seed = seed;
        const SimulationResult expected = simulate(m, o, one_thread());
        for (unsigned ranks : {2u, 3u}) {
            CAPTURE(ranks);
            auto got =
                on_ranks<SimulationResult>(ranks, [&](Distributor& d) { return simulate(m, o, one_thread(), d); });
            CHECK(got.samples == expected.samples);
            CHECK(got.transitions == expected.transitions);
            CHECK(got.probabilities == expected.probabilities);
            CHECK(got.standard_errors == expected.standard_errors);
            CHECK(got.final_probabilities == expected.final_probabilities);
            REQUIRE(got.final_states.size() == expected.final_states.size());
            for (std::size_t i = 0; i < got.final_states.size(); ++i) {
                CHECK(got.final_states[i].state == expected.final_states[i].state);
                CHECK(got.final_states[i].probability == expected.final_states[i].probability);
            }
            CHECK(got.distinct_final_states == expected.distinct_final_states);
        }
    }
}

}  // TEST_SUITE
