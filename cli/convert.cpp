// SPDX-License-Identifier: MIT
// `bitsig convert IN OUT`: between YAML and .bnet, the format chosen by extension.
#include <iostream>

#include "common.hpp"
#include "io/bnet.hpp"
#include "io/source.hpp"
#include "io/yaml.hpp"

namespace bitsig::cli {

void add_convert_command(CLI::App& app, int& exit_code) {
    auto in = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("convert", "Convert a model between YAML and .bnet (by file extension)");
    cmd->add_option("IN", *in, "Input model")->required();
    cmd->add_option("OUT", *out, "Output file (.yaml, .yml or .bnet)")->required();
    cmd->callback([in, out, &exit_code] {
        exit_code = run_guarded([&] {
            ModelFormat target = format_for_path(*out);
            Network net = load_model(*in);
            if (target == ModelFormat::bnet) {
                bool annotated = !net.drugs().empty() || !net.contexts().empty() || !net.readouts().empty() ||
                                 !net.scenarios().empty();
                bool defaults = false;
                for (const auto& v : net.variables()) defaults = defaults || v.default_value.has_value();
                if (annotated || defaults)
                    std::cerr << *out << ": warning: .bnet holds only rules; input defaults, drugs, contexts, "
                                         "readouts and scenarios are not written\n";
                emit(*out, write_bnet(net));
            } else {
                emit(*out, write_yaml(net));
            }
            return static_cast<int>(ok);
        });
    });
}

}  // namespace bitsig::cli
