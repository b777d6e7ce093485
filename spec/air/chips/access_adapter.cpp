// AccessAdapterAir<N> (R52-R55), after OpenVM v1.0 adapter/air.rs: a split consumes a block of
// N cells and produces its halves at the same timestamp; a merge consumes two halves and
// produces the block at the later of their timestamps.
#include <string>

#include "spec/air/chips.hpp"

namespace memspec::air {

std::string adapter_chip_name(std::uint32_t n) { return "access_adapter_" + std::to_string(n); }

AdapterChip make_adapter_chip(const MemoryConfig& config, std::uint32_t n, Variant variant) {
    AirBuilder b;
    const std::string name = adapter_chip_name(n);
    b.air.name = name;
    AdapterChip c;
    c.n = n;
    c.is_valid = b.add_column("is_valid");
    c.is_split = b.add_column("is_split");
    c.address_space = b.add_column("address_space");
    c.pointer = b.add_column("pointer");
    c.values = b.add_columns("values", n);
    c.left_timestamp = b.add_column("left_timestamp");
    c.right_timestamp = b.add_column("right_timestamp");
    c.is_right_larger = b.add_column("is_right_larger");

    Expr is_valid = local(c.is_valid), is_split = local(c.is_split), left = local(c.left_timestamp),
         right = local(c.right_timestamp), irl = local(c.is_right_larger);

    // R52
    b.constrain(name + ".is_valid_bool", "R52", boolean(is_valid));
    b.constrain(name + ".is_split_bool", "R52", boolean(is_split));
    // R53: a split keeps the block's timestamp on both halves.
    b.constrain(name + ".split_same_timestamp", "R53", is_split * (left - right));
    // R54: is_right_larger = [left < right], so parent_timestamp = max(left, right) (R19).
    c.lt = is_less_than(b, name + ".timestamp_lt", "R54", right - left, irl, is_valid, config.clk_max_bits,
                        config.decomp);
    Expr parent_ts = irl * right + (1 - irl) * left;

    // R251 (Variant::FixedAdapter only): the parent timestamp is the sum of range-checked limbs,
    // hence an integer below 2^clk_max_bits. OpenVM v1.0 checks the two timestamps only through
    // the IsLessThan above, whose inputs it assumes (does not check) below 2^clk_max_bits, so a
    // merge can send a timestamp anywhere in the field (R250). Every message an adapter sends
    // carries the parent's timestamp (a merge sends the parent, a split sends both halves at the
    // parent's timestamp, R53), so this one check keeps every adapter-sent timestamp below
    // 2^clk_max_bits (L5). Padding rows are all zero: parent 0 = limbs 0, no range request.
    if (variant == Variant::FixedAdapter) {
        c.parent_ts_limbs = b.add_columns("parent_timestamp_limbs", limb_count(config.clk_max_bits, config.decomp));
        b.constrain(name + ".parent_timestamp_decomp", "R251", parent_ts - compose(c.parent_ts_limbs, config.decomp));
        auto bits = limb_bits(config.clk_max_bits, config.decomp);
        for (std::size_t i = 0; i < bits.size(); ++i)
            b.range_check(name + ".parent_timestamp_range[" + std::to_string(i) + "]", "R251",
                          local(c.parent_ts_limbs[i]), bits[i], is_valid);
    }

    // R55: direction = +1 split, -1 merge, 0 padding; receive parent, send halves.
    Expr direction = is_valid * (2 * is_split - 1);
    MemoryMessage parent{local(c.address_space), local(c.pointer), {}, parent_ts};
    MemoryMessage lhalf{local(c.address_space), local(c.pointer), {}, left};
    MemoryMessage rhalf{local(c.address_space), local(c.pointer) + static_cast<int>(n / 2), {}, right};
    for (std::uint32_t i = 0; i < n; ++i) {
        parent.values.push_back(local(c.values[i]));
        (i < n / 2 ? lhalf : rhalf).values.push_back(local(c.values[i]));
    }
    b.interact(name + ".receive_parent", "R55", MEMORY_BUS, Direction::Receive, parent.fields(), direction);
    b.interact(name + ".send_left", "R55", MEMORY_BUS, Direction::Send, lhalf.fields(), direction);
    b.interact(name + ".send_right", "R55", MEMORY_BUS, Direction::Send, rhalf.fields(), direction);
    c.air = std::move(b.air);
    return c;
}

}  // namespace memspec::air
