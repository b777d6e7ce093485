// PersistentBoundaryAir<8> (R60-R62, R76), after OpenVM v1.0 persistent.rs. Each touched chunk has
// an initial row (expand_direction 1, timestamp 0, initial values) and a final row
// (expand_direction -1). The memory bus carries the values; the Merkle bus carries the leaf
// (its hash) to MemoryMerkleAir, which binds it to the initial / final root, and the compression
// bus asks the Poseidon2 lookup for hash = compress(values, 0^8). Together they make the initial
// values those committed by the initial root, once per chunk.
#include "spec/air/chips.hpp"

namespace memspec::air {

bool has_merkle_side(const MemoryConfig& config) { return config.as_height >= 1 && config.pointer_max_bits >= 4; }

PersistentBoundaryChip make_persistent_boundary_chip(const MemoryConfig& config) {
    AirBuilder b;
    b.air.name = "persistent_boundary";
    PersistentBoundaryChip c;
    c.expand_direction = b.add_column("expand_direction");
    c.address_space = b.add_column("address_space");
    c.leaf_label = b.add_column("leaf_label");
    c.values = b.add_columns("values", PERSISTENT_CHUNK);
    c.hash = b.add_columns("hash", PERSISTENT_CHUNK);
    c.timestamp = b.add_column("timestamp");

    Expr e = local(c.expand_direction);
    // R60: e in {-1, 0, 1}.
    b.constrain("persistent_boundary.direction_trit", "R60", e * e * e - e);
    // R61: initial rows (e = 1) sit at timestamp 0.
    b.constrain("persistent_boundary.initial_at_zero", "R61", e * (e + 1) * local(c.timestamp));
    // R62: e = 1 creates the chunk, e = -1 consumes it.
    MemoryMessage chunk{local(c.address_space), local(c.leaf_label) * static_cast<int>(PERSISTENT_CHUNK), {}, local(c.timestamp)};
    for (auto v : c.values) chunk.values.push_back(local(v));
    b.interact("persistent_boundary.send_chunk", "R62", MEMORY_BUS, Direction::Send, chunk.fields(), e);
    if (!has_merkle_side(config)) {
        c.air = std::move(b.air);
        return c;
    }
    // R76: the leaf on the Merkle bus, [e, height 0, as - as_offset, leaf_label, hash], count e: the
    // initial leaf is consumed by the initial tree, the final leaf produced for the final tree.
    std::vector<Expr> leaf{e, Expr(0), local(c.address_space) - static_cast<int>(config.as_offset), local(c.leaf_label)};
    for (auto h : c.hash) leaf.push_back(local(h));
    b.interact("persistent_boundary.merkle_leaf", "R76", MERKLE_BUS, Direction::Send, leaf, e);
    // R76: hash = compress(values, 0^8), asked of the Poseidon2 lookup with count e^2.
    std::vector<Expr> request;
    for (auto v : c.values) request.push_back(local(v));
    for (std::uint32_t i = 0; i < PERSISTENT_CHUNK; ++i) request.push_back(Expr(0));
    for (auto h : c.hash) request.push_back(local(h));
    b.interact("persistent_boundary.compress_leaf", "R76", COMPRESSION_BUS, Direction::Send, request, e * e);
    c.air = std::move(b.air);
    return c;
}

}  // namespace memspec::air
