// R79's abstraction of the Merkle side (proofs/merkle_abstraction.hpp).
#include "proofs/merkle_abstraction.hpp"

#include <string>

#include "spec/air/chips.hpp"
#include "proofs/props_util.hpp"

namespace memspec::proofs {

std::vector<air::Expr> merkle_tagged(std::vector<air::Expr> rest) {
    rest.insert(rest.begin(), air::Expr(static_cast<int>(air::MERKLE_BUS)));
    return rest;
}

air::Air leaf_carries_values(const air::Air& boundary) {
    air::Air a = detail::without_prefix(boundary, "persistent_boundary.compress_leaf");
    for (auto& it : a.interactions) {
        if (it.name != "persistent_boundary.merkle_leaf") continue;
        // A Merkle-bus message is [direction, height, as_label, address_label, hash...] (R76).
        constexpr std::size_t NODE_HEADER = 4;
        std::vector<air::Expr> msg(it.message.begin(), it.message.begin() + NODE_HEADER);
        for (std::uint32_t k = 0; k < air::PERSISTENT_CHUNK; ++k)
            msg.push_back(air::local(*a.column("values[" + std::to_string(k) + "]")));
        it.message = merkle_tagged(msg);
        it.bus = air::MEMORY_BUS;
    }
    return a;
}

air::Air merkle_commitment_air() {
    air::AirBuilder b;
    b.air.name = "merkle_commitment";
    auto as_label = b.add_column("as_label");
    auto label = b.add_column("leaf_label");
    auto initial = b.add_columns("initial", air::PERSISTENT_CHUNK);
    auto final_values = b.add_columns("final", air::PERSISTENT_CHUNK);
    std::vector<air::Expr> init{air::Expr(1), air::Expr(0), air::local(as_label), air::local(label)};
    for (auto c : initial) init.push_back(air::local(c));
    b.interact("merkle_commitment.initial_leaf", "R79", air::MEMORY_BUS, air::Direction::Receive, merkle_tagged(init), 1);
    std::vector<air::Expr> fin{air::Expr(-1), air::Expr(0), air::local(as_label), air::local(label)};
    for (auto c : final_values) fin.push_back(air::local(c));
    b.interact("merkle_commitment.final_leaf", "R79", air::MEMORY_BUS, air::Direction::Send, merkle_tagged(fin), 1);
    return b.air;
}

}  // namespace memspec::proofs
