// SPDX-License-Identifier: MIT
// Errors point into the flag's text (file "--initial", line 1) so a typo in a 60-character
// state string is found by the caret rather than by counting.
#include "response/initial.hpp"

namespace bitsig {

namespace {

[[noreturn]] void fail_at(const std::string& text, std::size_t column, std::size_t span, std::string message,
                          std::string note = {}) {
    throw InputError(
        errors::located(Location{"--initial", 1, column}, std::move(message), text, span, std::move(note)));
}

bool is_bit_string(const std::string& text) {
    if (text.find('=') != std::string::npos) return false;
    return text.find_first_of(" ,\t") == std::string::npos;
}

}  // namespace

PartialState parse_initial_state(const Network& net, const std::string& text) {
    const std::size_t n = net.num_vars();
    PartialState state(n);
    if (text.empty())
        fail_at(text, 0, 0, "empty initial state: expected " + std::to_string(n) + " characters 0/1 or NAME=0/1 words");
    if (is_bit_string(text)) {
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] != '0' && text[i] != '1')
                fail_at(text, i + 1, 1,
                        std::string("initial state: character '") + text[i] + "' at position " + std::to_string(i + 1) +
                            " is not 0 or 1");
        if (text.size() != n)
            fail_at(text, std::min(text.size(), n) + 1, 1,
                    "initial state has " + std::to_string(text.size()) + " characters but the model has " +
                        std::to_string(n) + " variables",
                    "one character per variable, in model order (bitsig info lists them)");
        for (std::size_t i = 0; i < n; ++i) state.fix(i, text[i] == '1');
        return state;
    }
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == ',' || text[i] == '\t') {
            ++i;
            continue;
        }
        std::size_t end = text.find_first_of(" ,\t", i);
        if (end == std::string::npos) end = text.size();
        std::string word = text.substr(i, end - i);
        std::size_t eq = word.find('=');
        std::string name = eq == std::string::npos ? word : word.substr(0, eq);
        std::string value = eq == std::string::npos ? "" : word.substr(eq + 1);
        if (eq == std::string::npos || (value != "0" && value != "1"))
            fail_at(text, i + 1, word.size(), "--initial expects NAME=0 or NAME=1, got '" + word + "'");
        auto v = net.find(name);
        if (!v)
            fail_at(text, i + 1, name.size(), "unknown variable '" + name + "' in --initial",
                    did_you_mean(name, net.names()));
        const bool bit = value == "1";
        if (state.is_fixed(v->index) && state.value(v->index) != bit)
            fail_at(text, i + 1, word.size(), "--initial sets '" + name + "' to both 0 and 1");
        state.fix(v->index, bit);
        i = end;
    }
    return state;
}

}  // namespace bitsig
