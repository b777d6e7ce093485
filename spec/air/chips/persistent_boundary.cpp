// The memory-bus side of PersistentBoundaryAir<8> (R60-R62), after OpenVM v1.0 persistent.rs.
// Each touched chunk has an initial row (expand_direction 1, timestamp 0, initial values) and a
// final row (expand_direction -1). Out of scope: the hash columns and the Merkle / Poseidon2
// compression buses that bind the initial values to the committed root; without them the
// initial values here are unconstrained.
#include "spec/air/chips.hpp"

namespace memspec::air {

PersistentBoundaryChip make_persistent_boundary_chip(const MemoryConfig&) {
    AirBuilder b;
    b.air.name = "persistent_boundary";
    PersistentBoundaryChip c;
    c.expand_direction = b.add_column("expand_direction");
    c.address_space = b.add_column("address_space");
    c.leaf_label = b.add_column("leaf_label");
    c.values = b.add_columns("values", PERSISTENT_CHUNK);
    c.timestamp = b.add_column("timestamp");

    Expr e = local(c.expand_direction);
    // R60: e in {-1, 0, 1}.
    b.constrain("persistent_boundary.direction_trit", "R60", e * e * e - e);
    // R61: initial rows (e = 1) sit at timestamp 0.
    b.constrain("persistent_boundary.initial_at_zero", "R61", e * (e + 1) * local(c.timestamp));
    // R62: e = 1 creates the chunk, e = -1 consumes it.
    std::vector<Expr> msg{local(c.address_space), local(c.leaf_label) * static_cast<int>(PERSISTENT_CHUNK)};
    for (auto v : c.values) msg.push_back(local(v));
    msg.push_back(local(c.timestamp));
    b.interact("persistent_boundary.send_chunk", "R62", MEMORY_BUS, Direction::Send, msg, e);
    c.air = std::move(b.air);
    return c;
}

}  // namespace memspec::air
