// SPDX-License-Identifier: MIT
// Two properties of Graphviz 2.42 that a batch of diagrams must work around:
//
// Object IDs. cgraph's default ID discipline uses the address of an object's interned name
// as its ID, and keeps subgraphs in ID order, so the order of clusters in the output (and
// with it the layout) follows heap addresses. In one process with worker threads those
// differ from run to run: two `report` runs gave 61 of 62 different diagrams. Our
// discipline hands out IDs in creation order instead and keeps the names itself.
//
// Uninterruptible layouts. gvLayout cannot be cancelled and, on big graphs, `dot` runs for
// minutes. Each layout and render therefore runs in a forked child that writes the result
// into a pipe; the parent reads it while polling the Control, and kills the child on
// Ctrl-C. The Graphviz context is created (and its plugins and fonts loaded by a fixed
// warm-up graph) once in the parent, so every child starts from the same state and no
// layout inherits anything from the one before. The context is never freed: with 2.42's
// pango plugin freeing it makes the next layout read freed memory.
//
// Stalled children. fork() copies only the calling thread: a lock that another thread of
// the parent held at that moment (glib's and pango's worker threads, or GCC 12's
// AddressSanitizer allocator, which takes no lock around fork) stays locked in the child
// for ever. Such a child sleeps without using the processor, while a working one, however
// starved, gains processor time within seconds; a child whose processor time stands still
// for kStallSeconds is killed and the layout tried again, and after kForkAttempts stalls
// it runs in this process, without edge concentration (whose crashes only a child survives).
#include "viz/graphviz_session.hpp"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <graphviz/gvc.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/error.hpp"
#include "viz/wiring.hpp"

namespace bitsig::viz::detail {

namespace {

class CStr {
public:
    explicit CStr(std::string s) : s_(std::move(s)) {}
    operator char*() { return s_.data(); }

private:
    std::string s_;
};

// Creation-order IDs: a named object gets the next even number and its name is kept
// here; an anonymous one (edges) gets the next odd number, as cgraph expects. Names are
// interned in the graph's string pool (agstrdup), because cgraph's writers look at the
// pool's flags behind a name (to tell HTML-like names); the pool frees them with the graph.
struct IdState {
    Agraph_t* graph = nullptr;
    IDTYPE next = 2;
    std::map<std::string, IDTYPE, std::less<>> by_name;
    std::map<IDTYPE, char*> names;
};

void* id_open(Agraph_t* g, Agdisc_t*) {
    auto* s = new IdState;
    s->graph = g;
    return s;
}

long id_map(void* state, int, char* str, IDTYPE* id, int create) {
    auto* s = static_cast<IdState*>(state);
    if (str == nullptr) {
        *id = s->next + 1;
        s->next += 2;
        return 1;
    }
    auto it = s->by_name.find(std::string_view(str));
    if (it != s->by_name.end()) {
        *id = it->second;
        return 1;
    }
    if (!create) return 0;
    *id = s->next;
    s->next += 2;
    s->by_name.emplace(str, *id);
    s->names.emplace(*id, agstrdup(s->graph, str));
    return 1;
}

long id_alloc(void*, int, IDTYPE) { return 0; }  // no caller-chosen IDs
void id_free(void*, int, IDTYPE) {}              // names live until the graph closes
char* id_print(void* state, int, IDTYPE id) {
    auto* s = static_cast<IdState*>(state);
    auto it = s->names.find(id);
    return it == s->names.end() ? nullptr : it->second;
}
void id_close(void* state) { delete static_cast<IdState*>(state); }
void id_register(void*, int, void*) {}

Agiddisc_t creation_order_ids = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};
Agdisc_t discipline = {&AgMemDisc, &creation_order_ids, &AgIoDisc};

const char* format_name(ImageFormat f) {
    switch (f) {
    case ImageFormat::dot:
        return "dot";
    case ImageFormat::svg:
        return "svg";
    case ImageFormat::png:
        return "png";
    case ImageFormat::pdf:
        return "pdf";
    }
    return "dot";
}

std::string render_here(GVC_t* gvc, Agraph_t* g, const char* format, const std::string& layout) {
    if (gvLayout(gvc, g, CStr(layout)) != 0)
        throw std::runtime_error("graphviz could not lay out the graph with '" + layout + "'");
    char* data = nullptr;
    unsigned int length = 0;
    int rc = gvRenderData(gvc, g, CStr(format), &data, &length);
    gvFreeLayout(gvc, g);
    if (rc != 0 || data == nullptr)
        throw std::runtime_error(std::string("graphviz could not render ") + format +
                                 " (is the graphviz package with its plugins installed?)");
    std::string out(data, length);
    gvFreeRenderData(data);
    return out;
}

// Loads the plugins and the font machinery once, the same way in every run.
GVC_t* shared_context() {
    static GVC_t* context = [] {
        GVC_t* c = gvContext();
        GraphHandle warm = open_graph("warm_up");
        Agnode_t* a = agnode(warm.get(), CStr("a"), 1);
        Agnode_t* b = agnode(warm.get(), CStr("b"), 1);
        set(a, "fontname", "Helvetica");
        set(b, "fontname", "Helvetica-Bold");
        agedge(warm.get(), a, b, nullptr, 1);
        render_here(c, warm.get(), "svg", "dot");
        return c;
    }();
    return context;
}

bool write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

GraphHandle open_graph(const std::string& name) { return GraphHandle(agopen(CStr(name), Agdirected, &discipline)); }

void set(void* obj, const std::string& key, const std::string& value) {
    agsafeset(obj, CStr(key), CStr(value), CStr(""));
}

void check_layout(const std::string& layout) {
    static const char* known[] = {"dot", "neato", "sfdp", "fdp", "circo", "twopi"};
    for (const char* k : known)
        if (layout == k) return;
    throw InputError(
        errors::unknown_expected("layout", layout, {"auto", "dot", "neato", "sfdp", "fdp", "circo", "twopi"}));
}

namespace {

// Thrown when the layout child died of a signal (a Graphviz crash, not our error).
struct LayoutCrashed : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// Thrown when the layout child sleeps for ever (a lock copied held by fork; see the top).
struct LayoutStalled : std::runtime_error {
    using std::runtime_error::runtime_error;
};

constexpr int kStallSeconds = 5;
constexpr int kForkAttempts = 3;

// Fault injection for tests: BITSIG_LAYOUT_STALLS=N makes the first N layout children of
// this process sleep for ever, and a stall is then declared after one second.
int injected_stalls() {
    static const int stalls = [] {
        const char* value = std::getenv("BITSIG_LAYOUT_STALLS");
        return value ? std::atoi(value) : 0;
    }();
    return stalls;
}
std::chrono::seconds stall_limit() { return std::chrono::seconds(injected_stalls() > 0 ? 1 : kStallSeconds); }

// User plus system processor time of a process in clock ticks, or -1 when unreadable.
long long processor_ticks(pid_t pid) {
    std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    // The command name (field 2) is in parentheses and may hold spaces; fields 14 and 15
    // (utime, stime) come 11 and 12 fields after the state that follows it.
    std::size_t close = text.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(text.substr(close + 1));
    std::string skip;
    for (int field = 3; field <= 13; ++field) fields >> skip;
    long long user = 0, system = 0;
    if (!(fields >> user >> system)) return -1;
    return user + system;
}

std::string layout_in_child(Agraph_t* g, ImageFormat format, const std::string& layout, const Control& control,
                            bool quiet) {
    GVC_t* gvc = shared_context();
    control.check();
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error(std::string("cannot start the layout: ") + std::strerror(errno));
    static std::atomic<int> layouts_started{0};
    const int layout_number = ++layouts_started;
    pid_t child = ::fork();
    if (child < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw std::runtime_error(std::string("cannot start the layout: ") + std::strerror(errno));
    }
    if (child == 0) {
        // The child: one status byte ('0' image follows, '1' message follows), then exit
        // without running the parent's atexit handlers or destructors.
        ::close(fds[0]);
        ::signal(SIGINT, SIG_IGN);           // the parent decides; it kills us on Ctrl-C
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // and if it dies, we go with it
        if (::getppid() == 1) ::_exit(1);
        if (layout_number <= injected_stalls())
            for (;;) ::pause();
        if (quiet) {  // a first try that may crash: its complaints would only confuse
            int null = ::open("/dev/null", O_WRONLY);
            if (null >= 0) ::dup2(null, STDERR_FILENO);
        }
        std::string status = "0", body;
        try {
            body = render_here(gvc, g, format_name(format), layout);
        } catch (const std::exception& e) {
            status = "1";
            body = e.what();
        }
        bool ok = write_all(fds[1], status.data(), 1) && write_all(fds[1], body.data(), body.size());
        ::_exit(ok ? 0 : 1);
    }
    ::close(fds[1]);
    std::string received;
    auto stop_child = [&] {
        ::kill(child, SIGKILL);
        ::close(fds[0]);
        while (::waitpid(child, nullptr, 0) < 0 && errno == EINTR) {}
    };
    try {
        std::vector<char> buffer(1 << 16);
        using Clock = std::chrono::steady_clock;
        long long ticks = processor_ticks(child);
        Clock::time_point last_progress = Clock::now();
        for (;;) {
            control.check();
            pollfd p{fds[0], POLLIN, 0};
            int ready = ::poll(&p, 1, 100);
            if (ready < 0 && errno != EINTR) throw std::runtime_error("lost the layout process");
            if (ready <= 0) {
                long long now_ticks = processor_ticks(child);
                if (now_ticks != ticks || now_ticks < 0) {
                    ticks = now_ticks;
                    last_progress = Clock::now();
                } else if (Clock::now() - last_progress > stall_limit()) {
                    throw LayoutStalled("the layout process stopped making progress");
                }
                continue;
            }
            last_progress = Clock::now();
            ssize_t n = ::read(fds[0], buffer.data(), buffer.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw std::runtime_error("lost the layout process");
            if (n == 0) break;
            received.append(buffer.data(), static_cast<std::size_t>(n));
        }
    } catch (...) {
        stop_child();
        throw;
    }
    ::close(fds[0]);
    int wstatus = 0;
    while (::waitpid(child, &wstatus, 0) < 0 && errno == EINTR) {}
    if (WIFSIGNALED(wstatus)) throw LayoutCrashed("graphviz crashed while laying out the graph with '" + layout + "'");
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || received.empty())
        throw std::runtime_error("graphviz stopped while laying out the graph with '" + layout + "'");
    if (received[0] != '0') throw std::runtime_error(received.substr(1));
    return received.substr(1);
}

// One layout in a child, tried again when the child stalls; the last resort is this process.
std::string layout_with_retries(Agraph_t* g, ImageFormat format, const std::string& layout, const Control& control,
                                bool quiet) {
    for (int attempt = 1; attempt <= kForkAttempts; ++attempt) {
        try {
            return layout_in_child(g, format, layout, control, quiet);
        } catch (const LayoutStalled&) {}
    }
    agsafeset(g, const_cast<char*>("concentrate"), const_cast<char*>("false"), const_cast<char*>(""));
    control.check();
    return render_here(shared_context(), g, format_name(format), layout);
}

}  // namespace

std::string layout_and_render(Agraph_t* g, ImageFormat format, const std::string& layout, const Control& control) {
    check_layout(layout);
    // Edge concentration (dot only) merges edges that run side by side, but Graphviz 2.42-2.43
    // crashes on some graphs with it (rebuild_vlists); the layout is in a child process, so a
    // crash costs one more layout without it, with the same deterministic result each run.
    const char* concentrate = agget(g, const_cast<char*>("concentrate"));
    if (layout == "dot" && concentrate && std::string(concentrate) == "true") {
        try {
            return layout_with_retries(g, format, layout, control, true);
        } catch (const LayoutCrashed&) {
            agsafeset(g, const_cast<char*>("concentrate"), const_cast<char*>("false"), const_cast<char*>(""));
        }
    }
    return layout_with_retries(g, format, layout, control, false);
}

}  // namespace bitsig::viz::detail
