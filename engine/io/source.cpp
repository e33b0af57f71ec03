// SPDX-License-Identifier: MIT
// File-level checks shared by all formats, and atomic output. Errors here name the file
// and say what was expected, since "cannot parse" on a directory or a PDF helps nobody.
#include "io/source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/utf8.hpp"
#include "io/atomic_file.hpp"
#include "io/bnet.hpp"
#include "io/booleannet.hpp"
#include "io/maboss.hpp"
#include "io/sbml.hpp"
#include "io/yaml.hpp"

namespace bitsig {

namespace {

[[noreturn]] void file_error(const std::string& path, std::string message) {
    throw InputError(errors::in_file(path, std::move(message)));
}

std::string extension_of(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

}  // namespace

ModelFormat format_for_path(const std::string& path) {
    std::string ext = extension_of(path);
    if (ext == ".yaml" || ext == ".yml") return ModelFormat::yaml;
    if (ext == ".bnet") return ModelFormat::bnet;
    if (ext == ".bnd") return ModelFormat::maboss;
    if (ext == ".sbml" || ext == ".xml") return ModelFormat::sbml;
    if (ext == ".booleannet" || ext == ".bn") return ModelFormat::booleannet;
    file_error(path, errors::unknown_model_format(ext));
}

std::string read_text_file(const std::string& path) {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) file_error(path, errors::no_such_file());
    if (std::filesystem::is_directory(status)) file_error(path, errors::is_a_directory());
    std::ifstream in(path, std::ios::binary);
    if (!in) file_error(path, errors::cannot_open(std::strerror(errno)));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    if (text.find('\0') != std::string::npos) file_error(path, errors::binary_file());
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) file_error(path, errors::empty_file());
    if (const auto bad = first_invalid_utf8(text)) {
        Location at{path};
        at.line = 1 + static_cast<std::size_t>(
                          std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*bad), '\n'));
        const std::size_t line_start = text.rfind('\n', *bad == 0 ? 0 : *bad - 1);
        at.column = *bad + 1 - (line_start == std::string::npos || *bad == 0 ? 0 : line_start + 1);
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[*bad])));
        throw InputError(errors::invalid_utf8(at, byte));
    }
    return text;
}

Network parse_network(std::string_view text, ModelFormat format, const std::string& path) {
    switch (format) {
    case ModelFormat::yaml:
        return read_yaml(text, path);
    case ModelFormat::bnet:
        return read_bnet(text, path);
    case ModelFormat::sbml:
        return read_sbml(text, path);
    case ModelFormat::booleannet:
        return read_booleannet(text, path);
    case ModelFormat::maboss:
        return read_bnd(text, path);
    }
    return read_bnet(text, path);
}

Network load_network(const std::string& path) {
    // The file is checked first: "no such file" or "is a directory" says more than the
    // extension of a path that is not a model at all.
    std::string text = read_text_file(path);
    return parse_network(text, format_for_path(path), path);
}

void write_file_atomically(const std::string& path, std::string_view text) {
    AtomicFile file(path);
    file.write(text);
    file.commit();
}

}  // namespace bitsig
