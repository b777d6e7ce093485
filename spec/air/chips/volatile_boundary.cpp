// VolatileBoundaryAir with CHUNK = 1 (R56-R59), after OpenVM v1.0 volatile/mod.rs: one row per
// touched cell, sorted strictly by (address_space, pointer), creating the cell at timestamp 0
// with value 0 and consuming its final value.
#include <algorithm>

#include "spec/air/chips.hpp"

namespace memspec::air {

VolatileBoundaryChip make_volatile_boundary_chip(const MemoryConfig& config) {
    AirBuilder b;
    b.air.name = "volatile_boundary";
    VolatileBoundaryChip c;
    const std::uint32_t as_bits = config.addr_space_max_bits();
    c.as_limbs = b.add_columns("addr_space_limbs", limb_count(as_bits, config.decomp));
    c.ptr_limbs = b.add_columns("pointer_limbs", limb_count(config.pointer_max_bits, config.decomp));
    c.initial_data = b.add_column("initial_data");
    c.final_data = b.add_column("final_data");
    c.final_timestamp = b.add_column("final_timestamp");
    c.is_valid = b.add_column("is_valid");

    Expr is_valid = local(c.is_valid);
    // R56
    b.constrain("volatile_boundary.is_valid_bool", "R56", boolean(is_valid));
    b.constrain("volatile_boundary.valid_rows_first", "R56", next(c.is_valid) * (1 - is_valid), Scope::Transition);

    // R57: limbs are range-checked, so the composed address is below 2^bits and the sorted
    // check below compares integers, not residues (audit class B1).
    auto as_bit_list = limb_bits(as_bits, config.decomp);
    for (std::size_t i = 0; i < c.as_limbs.size(); ++i)
        b.range_check("volatile_boundary.addr_space_limb_range[" + std::to_string(i) + "]", "R57",
                      local(c.as_limbs[i]), as_bit_list[i], is_valid);
    auto ptr_bit_list = limb_bits(config.pointer_max_bits, config.decomp);
    for (std::size_t i = 0; i < c.ptr_limbs.size(); ++i)
        b.range_check("volatile_boundary.pointer_limb_range[" + std::to_string(i) + "]", "R57",
                      local(c.ptr_limbs[i]), ptr_bit_list[i], is_valid);

    auto compose_at = [&](const std::vector<std::uint32_t>& limbs, bool at_next) {
        Expr acc = 0;
        for (std::size_t i = 0; i < limbs.size(); ++i)
            acc = acc + (at_next ? next(limbs[i]) : local(limbs[i])) * constant(std::uint64_t{1} << (i * config.decomp));
        return acc;
    };
    Expr as = compose_at(c.as_limbs, false), ptr = compose_at(c.ptr_limbs, false);

    // R58: (as, ptr) < (as', ptr') whenever the next row is valid, hence all addresses distinct.
    c.addr_lt = is_less_than_array(b, "volatile_boundary.addr_lt", "R58", {as, ptr},
                                   {compose_at(c.as_limbs, true), compose_at(c.ptr_limbs, true)}, 1, next(c.is_valid),
                                   std::max(as_bits, config.pointer_max_bits), config.decomp, Scope::Transition);

    // R59: create each cell at timestamp 0, consume its final value.
    const MemoryMessage initial{as, ptr, {local(c.initial_data)}, 0};
    const MemoryMessage final_cell{as, ptr, {local(c.final_data)}, local(c.final_timestamp)};
    b.interact("volatile_boundary.send_initial", "R59", MEMORY_BUS, Direction::Send, initial.fields(), is_valid);
    b.interact("volatile_boundary.receive_final", "R59", MEMORY_BUS, Direction::Receive, final_cell.fields(), is_valid);
    c.air = std::move(b.air);
    return c;
}

}  // namespace memspec::air
