// SPDX-License-Identifier: MIT
#include "model/network.hpp"

#include <algorithm>
#include <cassert>

namespace bitsig {

std::vector<std::string> Network::names() const {
    std::vector<std::string> out;
    out.reserve(variables_.size());
    for (const auto& v : variables_) out.push_back(v.name);
    return out;
}

std::optional<VarId> Network::find(std::string_view name) const {
    if (!index_) return std::nullopt;
    auto it = index_->find(std::string(name));
    if (it == index_->end()) return std::nullopt;
    return it->second;
}

const Annotations& Network::annotations() const {
    static const Annotations none;
    return annotations_ ? *annotations_ : none;
}

const Drug* Network::find_drug(std::string_view name_or_alias) const {
    for (const auto& d : drugs()) {
        if (d.name == name_or_alias) return &d;
        if (std::find(d.aliases.begin(), d.aliases.end(), name_or_alias) != d.aliases.end()) return &d;
    }
    return nullptr;
}

const Context* Network::find_context(std::string_view name) const {
    for (const auto& c : contexts())
        if (c.name == name) return &c;
    return nullptr;
}

const Scenario* Network::find_scenario(std::string_view name) const {
    for (const auto& s : scenarios())
        if (s.name == name) return &s;
    return nullptr;
}

Network Network::with_rules_replaced(std::vector<std::pair<VarId, Expr>> changes) const {
    Network out = *this;  // annotations by pointer: the rules are all that is copied
    for (auto& [v, rule] : changes) out.variables_[v.index].rule = std::move(rule);
    return out;
}

NetworkBuilder::NetworkBuilder(std::string model_name, std::string source_file) {
    net_.index_ = std::make_shared<std::unordered_map<std::string, VarId>>();
    annotations_.model_name = std::move(model_name);
    annotations_.source_file = std::move(source_file);
}

VarId NetworkBuilder::declare(std::string name, Location where) {
    if (auto existing = net_.find(name))
        throw InputError(errors::duplicate_variable(where, name, net_.variables_[existing->index].where));
    VarId id{static_cast<std::uint32_t>(net_.variables_.size())};
    Variable v;
    v.name = name;
    v.rule = Expr::variable(id);
    v.where = std::move(where);
    net_.variables_.push_back(std::move(v));
    net_.index_->emplace(std::move(name), id);
    return id;
}

Network NetworkBuilder::build() && {
    if (net_.variables_.empty()) throw InputError(errors::no_network_variables(annotations_.source_file));
    net_.annotations_ = std::make_shared<const Annotations>(std::move(annotations_));
    return std::move(net_);
}

}  // namespace bitsig
