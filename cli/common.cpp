// SPDX-License-Identifier: MIT
#include "common.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "core/count.hpp"
#include "distributed/mpi/process.hpp"
#include "io/source.hpp"

namespace bitsig::cli {

namespace {
std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};

extern "C" void on_interrupt(int signo) {
    // A second Ctrl-C (or SIGTERM) kills at once, as users expect when the first did not
    // stop us; outputs are written atomically, so even this leaves no half-written file.
    if (g_interrupted.exchange(true)) std::_Exit(128 + signo);
    g_signal = signo;
}
}  // namespace

std::atomic<bool>& interrupt_flag() { return g_interrupted; }

Control interruptible() {
    Control c;
    c.cancel = &interrupt_flag();
    return c;
}

void install_interrupt_handler() {
    struct sigaction sa {};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

bool stderr_is_terminal() {
    if (::isatty(STDERR_FILENO) == 1) return true;
    // Under mpirun, rank 0's stderr is a pipe to the launcher, which copies it to its own
    // stderr: progress is for a person when that one is a terminal. The launcher is the
    // parent on the node where mpirun runs (srun's step daemon has no terminal: nothing).
    if (!started_by_mpi_launcher() || mpi_launcher_rank() != 0) return false;
    const std::string parent = "/proc/" + std::to_string(::getppid()) + "/fd/2";
    const int fd = ::open(parent.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) return false;
    const bool terminal = ::isatty(fd) == 1;
    ::close(fd);
    return terminal;
}

int run_guarded(const std::function<int()>& body) {
    try {
        return body();
    } catch (const InputError& e) {
        std::cerr << e.what() << '\n';
        return bad_input;
    } catch (const ResourceError& e) {
        std::cerr << "error: " << e.what() << '\n';
        return refused;
    } catch (const Interrupted&) {
        std::cerr << "interrupted: no output written\n";
        return g_signal == SIGTERM ? terminated : interrupted;
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory; try a smaller search (--method sat or --method sample)\n";
        return refused;
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << "\nplease report this with the model file\n";
        return internal;
    }
}

int reject_unknown_command(const CLI::App& app, int argc, char** argv) {
    if (argc < 2 || argv[1][0] == '-') return ok;
    const std::string word = argv[1];
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), word) != names.end()) return ok;
    std::cerr << "error: unknown command '" << word << "'\n";
    const std::string note = did_you_mean(word, names);
    std::string all;
    for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
    std::cerr << "note: " << (note.empty() ? "commands: " + all : note) << "\n";
    return bad_input;
}

namespace {
// The transform runs before the membership check, and an empty description keeps the
// help showing the accepted spellings rather than a mapping.
CLI::Option* with_update_spellings(CLI::Option* option) {
    CLI::Validator canonical(
        [](std::string& value) {
            if (value == "synchronous") value = "sync";
            if (value == "asynchronous") value = "async";
            return std::string();
        },
        "");
    return option->check(CLI::IsMember({"sync", "async", "synchronous", "asynchronous"}))->transform(canonical);
}
}  // namespace

CLI::Option* add_update_option(CLI::App* cmd, std::string& update, const std::string& help) {
    return with_update_spellings(cmd->add_option("--update", update, help));
}

CLI::Option* add_update_option(CLI::App* cmd, UpdateScheme& update, const std::string& help) {
    auto set = [&update](const std::string& value) {
        update = value == "sync" ? UpdateScheme::synchronous : UpdateScheme::asynchronous;
    };
    return with_update_spellings(cmd->add_option_function<std::string>("--update", set, help));
}

CLI::Option* add_method_option(CLI::App* cmd, Method& method, const std::string& help) {
    auto set = [&method](const std::string& value) { method = parse_method(value); };
    return cmd->add_option_function<std::string>("--method", set, help)->check(CLI::IsMember(method_names()));
}

const char* format_name(OutputFormat format) {
    switch (format) {
    case OutputFormat::text:
        return "text";
    case OutputFormat::json:
        return "json";
    case OutputFormat::csv:
        return "csv";
    case OutputFormat::md:
        return "md";
    }
    return "text";
}

CLI::Option* add_format_option(CLI::App* cmd, OutputFormat& format, const std::vector<OutputFormat>& accepted) {
    std::vector<std::string> names;
    for (OutputFormat f : accepted) names.push_back(format_name(f));
    // The word is checked as a word (so the error lists the words, not enum numbers) and
    // only then turned into the enum; `format` outlives the parse (it is in the command's
    // flags, owned by the callback).
    return cmd
        ->add_option_function<std::string>(
            "--format",
            [&format, accepted](const std::string& word) {
                for (OutputFormat f : accepted)
                    if (word == format_name(f)) format = f;
            },
            "Output format")
        ->check(CLI::IsMember(names))
        ->default_str(format_name(format));
}

std::string percent_text(double share, int decimals) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << 100 * share << "%";
    return out.str();
}

std::string count_text(std::uint64_t n) { return with_thousands(Count(n)); }

std::string group_thousands(const std::string& prose) {
    // Only a word that is a count and nothing else is grouped: a number glued to letters,
    // slashes, dashes, quotes or other digits' separators is part of a name, a path
    // ("T-LGL-2008.bnet"), a decimal, an exponent or a number already grouped, and
    // changing it would change what the user has to type or look for.
    auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    auto opening = [](char c) { return c == '(' || c == '['; };
    auto closing = [](char c) {
        return c == '.' || c == ',' || c == ':' || c == ';' || c == ')' || c == ']' || c == '%';
    };
    std::string out;
    for (std::size_t i = 0; i < prose.size();) {
        if (is_space(prose[i])) {
            out += prose[i++];
            continue;
        }
        std::size_t end = i;
        while (end < prose.size() && !is_space(prose[end])) ++end;
        const std::string_view word(prose.data() + i, end - i);
        std::size_t first = 0;
        while (first < word.size() && opening(word[first])) ++first;
        std::size_t last = first;
        while (last < word.size() && is_digit(word[last])) ++last;
        std::size_t tail = last;
        while (tail < word.size() && closing(word[tail])) ++tail;
        const bool count = last - first >= 4 && word[first] != '0' && tail == word.size();
        if (count) {
            out += word.substr(0, first);
            out += with_thousands(*Count::from_string(std::string(word.substr(first, last - first))));
            out += word.substr(last);
        } else {
            out += word;
        }
        i = end;
    }
    return out;
}

std::string group_thousands(Diagnostic d) {
    // The file name and the quoted source line are the user's text: only the prose is ours.
    d.message = group_thousands(d.message);
    d.note = group_thousands(d.note);
    return format_diagnostic(d);
}

Network load_model(const std::string& path) {
    Network net = load_network(path);
    for (const auto& w : net.warnings()) std::cerr << group_thousands(w) << '\n';
    return net;
}

void emit(const std::string& path, const std::string& text) {
    if (path.empty() || path == "-") {
        std::cout << text;
        std::cout.flush();
        return;
    }
    write_file_atomically(path, text);
}

}  // namespace bitsig::cli
