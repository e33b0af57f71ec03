// SPDX-License-Identifier: MIT
// The smallest useful embedding: load a model, knock a variable out, list the attractors.
// One engine call per question, as the CLI makes it; errors come back as exceptions that
// carry the same located messages.
//   embed_attractors MODEL [KNOCKOUT]
#include <iostream>

#include "attractor/search.hpp"
#include "io/source.hpp"
#include "perturb/conditions.hpp"
#include "perturb/perturbation.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: embed_attractors MODEL [KNOCKOUT]\n";
        return 2;
    }
    try {
        bitsig::Network net = bitsig::load_network(argv[1]);
        bitsig::Conditions conditions;
        if (argc > 2) conditions.knockouts.push_back(argv[2]);
        bitsig::Network perturbed = bitsig::apply(net, bitsig::resolve(net, conditions));
        bitsig::Result result = bitsig::find_attractors(perturbed, bitsig::SearchOptions{}, bitsig::Control{});
        std::cout << net.model_name() << ": " << result.attractors.size() << " attractors ("
                  << (result.complete ? "complete" : "partial") << ")\n";
        for (const auto& a : result.attractors) {
            std::cout << bitsig::to_string(a.kind) << ":";
            for (const auto& s : a.states) std::cout << ' ' << s.to_string();
            std::cout << '\n';
        }
    } catch (const bitsig::InputError& e) {
        std::cerr << e.what() << '\n';
        return 2;
    }
    return 0;
}
