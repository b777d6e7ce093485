// OpenVM v2.0's PersistentBoundaryAir<8> (R225, R226), after OpenVM v2.0.0,
// crates/vm/src/system/memory/persistent.rs:40-53 (columns) and 80-138 (eval). It differs from
// v1.0's (R60-R62) in one thing: a chunk of 8 cells carries one timestamp per 4-cell half and sends
// two 4-cell messages on the memory bus, because v2.0 keeps one last-access timestamp per aligned
// 4-cell block (R216). An untouched half keeps its initial values and timestamp 0 in the final row, so
// its two messages (sent by the initial row, consumed by the final row) cancel.
#include "spec/air/chips.hpp"

#include <string>

namespace memspec::air {

PersistentBoundaryV2Chip make_persistent_boundary_v2_chip(const MemoryConfig& config) {
    AirBuilder b;
    b.air.name = "persistent_boundary";
    PersistentBoundaryV2Chip c;
    c.expand_direction = b.add_column("expand_direction");
    c.address_space = b.add_column("address_space");
    c.leaf_label = b.add_column("leaf_label");
    c.values = b.add_columns("values", PERSISTENT_CHUNK);
    c.hash = b.add_columns("hash", PERSISTENT_CHUNK);
    c.timestamps = b.add_columns("timestamps", PERSISTENT_CHUNK / V2_BLOCK_SIZE);

    const Expr e = local(c.expand_direction);
    // R225: e in {-1, 0, 1} (persistent.rs:86-89).
    b.constrain("persistent_boundary.direction_trit", "R225", e * e * e - e);
    // R225: an initial row (e = 1) has every half at timestamp 0 (persistent.rs:94-98).
    for (std::size_t i = 0; i < c.timestamps.size(); ++i)
        b.constrain("persistent_boundary.initial_at_zero[" + std::to_string(i) + "]", "R225",
                    e * (e + 1) * local(c.timestamps[i]));
    // R226: the leaf on the Merkle bus [e, 0, as - as_offset, leaf_label, hash], count e
    // (persistent.rs:100-110).
    std::vector<Expr> leaf{e, Expr(0), local(c.address_space) - static_cast<int>(config.as_offset), local(c.leaf_label)};
    for (auto h : c.hash) leaf.push_back(local(h));
    b.interact("persistent_boundary.merkle_leaf", "R226", MERKLE_BUS, Direction::Send, leaf, e);
    // R226: hash = compress(values, 0^8), count e^2 (persistent.rs:112-119).
    std::vector<Expr> request;
    for (auto v : c.values) request.push_back(local(v));
    for (std::uint32_t i = 0; i < PERSISTENT_CHUNK; ++i) request.push_back(Expr(0));
    for (auto h : c.hash) request.push_back(local(h));
    b.interact("persistent_boundary.compress_leaf", "R226", COMPRESSION_BUS, Direction::Send, request, e * e);
    // R226: one memory-bus message per 4-cell half, (as, 8 * label + 4 * half, its values, its
    // timestamp), count e: the initial row creates the halves, the final row consumes them
    // (persistent.rs:121-137).
    for (std::uint32_t half = 0; half < c.timestamps.size(); ++half) {
        MemoryMessage m{local(c.address_space),
                        local(c.leaf_label) * static_cast<int>(PERSISTENT_CHUNK) + static_cast<int>(half * V2_BLOCK_SIZE),
                        {},
                        local(c.timestamps[half])};
        for (std::uint32_t i = 0; i < V2_BLOCK_SIZE; ++i) m.values.push_back(local(c.values[half * V2_BLOCK_SIZE + i]));
        b.interact("persistent_boundary.send_block[" + std::to_string(half) + "]", "R226", MEMORY_BUS, Direction::Send,
                   m.fields(), e);
    }
    c.air = std::move(b.air);
    return c;
}

}  // namespace memspec::air
