// SPDX-License-Identifier: MIT
// `bitsig convert IN OUT`: between YAML, .bnet and SBML-qual, the format chosen by extension
// (any readable format in; BooleanNet is read only).
#include <iostream>

#include "common.hpp"
#include "io/bnet.hpp"
#include "io/sbml.hpp"
#include "io/source.hpp"
#include "io/yaml.hpp"

namespace bitsig::cli {

void add_convert_command(CLI::App& app, int& exit_code) {
    auto in = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("convert", "Convert a model between YAML, .bnet and SBML-qual (by file extension)");
    cmd->add_option("IN", *in, "Input model")->required();
    cmd->add_option("OUT", *out, "Output file (.yaml, .yml, .bnet, .sbml or .xml)")->required();
    cmd->callback([in, out, &exit_code] {
        exit_code = run_guarded([&] {
            ModelFormat target = format_for_path(*out);
            if (target == ModelFormat::booleannet) throw InputError(errors::booleannet_read_only(*out));
            if (target == ModelFormat::maboss) throw InputError(errors::maboss_read_only(*out));
            Network net = load_model(*in);
            // A .bnd's rates are MaBoSS expressions; YAML keeps constant rates only, so
            // neither output format carries them.
            if (format_for_path(*in) == ModelFormat::maboss)
                std::cerr << *in
                          << ": warning: only the logic is converted; MaBoSS rates (rate_up, rate_down) "
                             "and the .cfg are not written\n";
            if (target == ModelFormat::bnet || target == ModelFormat::sbml) {
                bool annotated = !net.drugs().empty() || !net.contexts().empty() || !net.readouts().empty() ||
                                 !net.scenarios().empty();
                // SBML-qual keeps input defaults as initial levels; .bnet has no place for them.
                bool defaults = false;
                for (const auto& v : net.variables())
                    defaults = defaults || (target == ModelFormat::bnet && v.default_value.has_value());
                if (target == ModelFormat::sbml && annotated)
                    std::cerr << *out
                              << ": warning: SBML-qual holds only rules and input defaults; drugs, contexts, "
                                 "readouts and scenarios are not written\n";
                else if (annotated || defaults)
                    std::cerr << *out
                              << ": warning: .bnet holds only rules; input defaults, drugs, contexts, "
                                 "readouts and scenarios are not written\n";
                emit(*out, target == ModelFormat::bnet ? write_bnet(net) : write_sbml(net));
            } else {
                emit(*out, write_yaml(net));
            }
            return static_cast<int>(ok);
        });
    });
}

}  // namespace bitsig::cli
