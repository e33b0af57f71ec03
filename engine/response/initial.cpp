// SPDX-License-Identifier: MIT
// Errors point into the flag's text (file "--initial", line 1) so a typo in a 60-character
// state string is found by the caret rather than by counting.
#include "response/initial.hpp"

namespace bitsig {

namespace {

[[noreturn]] void fail_at(const std::string& text, std::size_t column, std::size_t span, Diagnostic d) {
    throw InputError(errors::placed(std::move(d), Location{"--initial", 1, column}, text, span));
}

[[noreturn]] void fail_at(const std::string& text, std::size_t column, std::size_t span, std::string message) {
    fail_at(text, column, span, errors::general(std::move(message)));
}

bool is_bit_string(const std::string& text) {
    if (text.find('=') != std::string::npos) return false;
    return text.find_first_of(" ,\t") == std::string::npos;
}

}  // namespace

PartialState parse_initial_state(const Network& net, const std::string& text) {
    const std::size_t n = net.num_vars();
    PartialState state(n);
    if (text.empty()) fail_at(text, 0, 0, errors::initial_flag_empty(n));
    if (is_bit_string(text)) {
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] != '0' && text[i] != '1')
                fail_at(text, i + 1, 1, errors::initial_flag_character(text[i], i + 1));
        if (text.size() != n)
            fail_at(text, std::min(text.size(), n) + 1, 1, errors::initial_flag_length(text.size(), n));
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
            fail_at(text, i + 1, word.size(), errors::initial_flag_assignment(word));
        auto v = net.find(name);
        if (!v) fail_at(text, i + 1, name.size(), errors::initial_flag_unknown(name, net.names()));
        const bool bit = value == "1";
        if (state.is_fixed(v->index) && state.value(v->index) != bit)
            fail_at(text, i + 1, word.size(), errors::initial_flag_twice(name));
        state.fix(v->index, bit);
        i = end;
    }
    return state;
}

}  // namespace bitsig
