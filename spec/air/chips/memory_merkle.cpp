// MemoryMerkleAir<8> (R78), after OpenVM v1.0 crates/vm/src/system/memory/merkle/air.rs. Each
// touched non-leaf node of the memory tree (R73) has an initial row (e = 1) and a final row
// (e = -1); rows are sorted by parent height, the two root rows first. A row consumes its
// children's messages on the Merkle bus and produces its own, and asks the Poseidon2 lookup for
// parent = compress(left, right). A final row whose child was not touched re-emits the initial
// child (direction_different = 1), so the final root differs from the initial one only on
// touched paths. The root rows' hashes are the public values initial_root and final_root.
// OpenVM v2.0 adds to it (R227, crates/vm/src/system/memory/merkle/air.rs:80-87, 120-123 at v2.0.0): a
// column parent_height_inv witnessing parent_height != 0 on every row with e != 0, and root rows whose
// labels are 0. OpenVM v1.6.0 adds the root labels alone (R310, merkle/air.rs:78-85 at v1.6.0), and
// v1.7.0's chip is v2.0.0's (R311).
#include "spec/air/chips.hpp"

namespace memspec::air {

MemoryMerkleChip make_memory_merkle_chip(const MemoryConfig& config, Variant variant) {
    const int address_height = static_cast<int>(config.pointer_max_bits) - 3;  // R73: pmb - log2(CHUNK)
    const int overall_height = static_cast<int>(config.as_height) + address_height;
    AirBuilder b;
    b.air.name = "memory_merkle";
    for (std::uint32_t i = 0; i < PERSISTENT_CHUNK; ++i) b.air.public_values.push_back("initial_root[" + std::to_string(i) + "]");
    for (std::uint32_t i = 0; i < PERSISTENT_CHUNK; ++i) b.air.public_values.push_back("final_root[" + std::to_string(i) + "]");
    MemoryMerkleChip c;
    c.expand_direction = b.add_column("expand_direction");
    c.height_section = b.add_column("height_section");
    c.parent_height = b.add_column("parent_height");
    // R227: v2.0's column, between parent_height and is_root (merkle/columns.rs:16 at v2.0.0).
    if (variant == Variant::OpenVmV2_0) c.parent_height_inv = b.add_column("parent_height_inv");
    c.is_root = b.add_column("is_root");
    c.parent_as_label = b.add_column("parent_as_label");
    c.parent_address_label = b.add_column("parent_address_label");
    c.parent_hash = b.add_columns("parent_hash", PERSISTENT_CHUNK);
    c.left_child_hash = b.add_columns("left_child_hash", PERSISTENT_CHUNK);
    c.right_child_hash = b.add_columns("right_child_hash", PERSISTENT_CHUNK);
    c.left_direction_different = b.add_column("left_direction_different");
    c.right_direction_different = b.add_column("right_direction_different");

    const Expr e = local(c.expand_direction), hs = local(c.height_section), ph = local(c.parent_height);
    const Expr root = local(c.is_root), ldd = local(c.left_direction_different), rdd = local(c.right_direction_different);
    const std::string m = "memory_merkle.";
    b.constrain(m + "direction_trit", "R78", e * e * e - e);
    b.constrain(m + "left_direction_different_bool", "R78", ldd * (ldd - 1));
    b.constrain(m + "right_direction_different_bool", "R78", rdd * (rdd - 1));
    // Only a final row (e = -1) may re-emit an untouched initial child.
    b.constrain(m + "left_different_only_final", "R78", (e + 1) * ldd);
    b.constrain(m + "right_different_only_final", "R78", (e + 1) * rdd);
    // Rows sorted by descending parent height; height_section and is_root step down with it.
    auto step = [](Expr d) { return d * (d - 1); };
    b.constrain(m + "parent_height_step", "R78", step(ph - next(c.parent_height)), Scope::Transition);
    b.constrain(m + "height_section_step", "R78", step(hs - next(c.height_section)), Scope::Transition);
    b.constrain(m + "is_root_step", "R78", step(root - next(c.is_root)), Scope::Transition);
    b.constrain(m + "first_height_section", "R78", hs - 1, Scope::FirstRow);
    b.constrain(m + "first_is_root", "R78", root - 1, Scope::FirstRow);
    b.constrain(m + "second_is_root", "R78", next(c.is_root) - 1, Scope::FirstRow);
    b.constrain(m + "last_height_section", "R78", hs, Scope::LastRow);
    b.constrain(m + "last_is_root", "R78", root, Scope::LastRow);
    // height_section switches from 1 to 0 exactly between parent heights address_height + 1 and
    // address_height: the address-space levels sit above the pointer levels.
    b.constrain(m + "height_section_switch_local", "R78", (ph - (address_height + 1)) * (hs - next(c.height_section)),
                Scope::Transition);
    b.constrain(m + "height_section_switch_next", "R78",
                (next(c.parent_height) - address_height) * (hs - next(c.height_section)), Scope::Transition);
    // The two root rows: initial (e = 1) then final (e = -1), at the tree's height.
    b.constrain(m + "root_directions", "R78", root * next(c.is_root) * (e - next(c.expand_direction) - 2));
    b.constrain(m + "root_height", "R78", root * (ph - overall_height));
    if (c.parent_height_inv || variant == Variant::OpenVmV1_6) {
        // R227, R310: the root rows carry labels 0, so no other representation of the tree's top is
        // accepted (R282's relabelled tree is not).
        const char* rule = variant == Variant::OpenVmV1_6 ? "R310" : "R227";
        b.constrain(m + "root_as_label_zero", rule, root * local(c.parent_as_label));
        b.constrain(m + "root_address_label_zero", rule, root * local(c.parent_address_label));
    }
    if (c.parent_height_inv) {
        // R227: a row with e != 0 has parent_height != 0 (its inverse exists), so no row at height 0
        // can receive "children" at height -1.
        b.constrain(m + "parent_height_nonzero", "R227", e * (ph * local(*c.parent_height_inv) - 1));
    }
    for (std::uint32_t i = 0; i < PERSISTENT_CHUNK; ++i) {
        b.constrain(m + "initial_root[" + std::to_string(i) + "]", "R78",
                    local(c.parent_hash[i]) - public_value(PV_INITIAL_ROOT + i), Scope::FirstRow);
        b.constrain(m + "final_root[" + std::to_string(i) + "]", "R78",
                    next(c.parent_hash[i]) - public_value(PV_FINAL_ROOT + i), Scope::FirstRow);
    }

    // Merkle bus messages [direction, height, as_label, address_label, hash[8]].
    const Expr as_l = local(c.parent_as_label), addr_l = local(c.parent_address_label);
    std::vector<Expr> parent{e, ph, as_l, addr_l};
    for (auto h : c.parent_hash) parent.push_back(local(h));
    // The root's hash comes from the public values, not from a parent row.
    b.interact(m + "send_parent", "R78", MERKLE_BUS, Direction::Send, parent, (1 - root) * e);
    // Children: in the address-space section (hs = 1) the as_label doubles, below it the address_label.
    std::vector<Expr> left{e + ldd * 2, ph - 1, as_l * (hs + 1), addr_l * (2 - hs)};
    for (auto h : c.left_child_hash) left.push_back(local(h));
    b.interact(m + "receive_left", "R78", MERKLE_BUS, Direction::Receive, left, e);
    std::vector<Expr> right{e + rdd * 2, ph - 1, as_l * (hs + 1) + hs, addr_l * (2 - hs) + (1 - hs)};
    for (auto h : c.right_child_hash) right.push_back(local(h));
    b.interact(m + "receive_right", "R78", MERKLE_BUS, Direction::Receive, right, e);
    // parent = compress(left, right), count e^2.
    std::vector<Expr> request;
    for (auto h : c.left_child_hash) request.push_back(local(h));
    for (auto h : c.right_child_hash) request.push_back(local(h));
    for (auto h : c.parent_hash) request.push_back(local(h));
    b.interact(m + "compress", "R78", COMPRESSION_BUS, Direction::Send, request, e * e);
    c.air = std::move(b.air);
    return c;
}

}  // namespace memspec::air
