// The generic access chip (R47-R51): one row per AccessRecord, standing for the MemoryBridge
// calls an OpenVM instruction chip makes (offline_checker/bridge.rs). A record of 2^j cells
// selects size_flag[j]; its bus messages have exactly 2^j data fields.
#include <string>

#include "spec/air/chips.hpp"

namespace memspec::air {

AccessChip make_access_chip(const MemoryConfig& config) {
    AirBuilder b;
    b.air.name = "access";
    AccessChip c;
    const std::uint32_t max_n = config.max_access_adapter_n;
    const std::uint32_t num_sizes = log2_exact(max_n) + 1;
    c.is_valid = b.add_column("is_valid");
    c.is_write = b.add_column("is_write");
    c.size_flag = b.add_columns("size_flag", num_sizes);
    c.address_space = b.add_column("address_space");
    c.pointer = b.add_column("pointer");
    c.timestamp = b.add_column("timestamp");
    c.prev_timestamp = b.add_column("prev_timestamp");
    c.data = b.add_columns("data", max_n);
    c.prev_data = b.add_columns("prev_data", max_n);
    c.is_immediate = b.add_column("is_immediate");

    Expr is_valid = local(c.is_valid), is_write = local(c.is_write), as = local(c.address_space),
         ptr = local(c.pointer), is_imm = local(c.is_immediate);

    // R47: row kind. Padding rows have is_valid = 0 and hence no size flag, so every
    // interaction count below vanishes on them (audit class B5).
    b.constrain("access.is_valid_bool", "R47", boolean(is_valid));
    b.constrain("access.is_write_bool", "R47", boolean(is_write));
    Expr flag_sum = 0;
    for (std::uint32_t j = 0; j < num_sizes; ++j) {
        b.constrain("access.size_flag_bool[" + std::to_string(j) + "]", "R47", boolean(local(c.size_flag[j])));
        flag_sum = flag_sum + local(c.size_flag[j]);
    }
    b.constrain("access.one_size_iff_valid", "R47", flag_sum - is_valid);
    b.constrain("access.write_is_valid", "R47", is_write * (1 - is_valid));

    // R48: a read consumes and re-emits the same values (MemoryBridge::read), so prev_data
    // mirrors data on reads; a write consumes prev_data and emits data.
    for (std::uint32_t i = 0; i < max_n; ++i)
        b.constrain("access.read_keeps_data[" + std::to_string(i) + "]", "R48",
                    (1 - is_write) * (local(c.prev_data[i]) - local(c.data[i])));

    // R49: read_or_immediate: address space 0 holds immediates (R5, R21). The value read is the
    // pointer, there are no bus interactions, and only 1-cell reads exist.
    c.immediate_aux = is_zero(b, "access.is_immediate", "R49", as, is_imm, is_valid);
    b.constrain("access.immediate_value", "R49", is_imm * (local(c.data[0]) - ptr));
    b.constrain("access.immediate_is_read", "R49", is_imm * is_write);
    b.constrain("access.immediate_one_cell", "R49", is_imm * (1 - local(c.size_flag[0])));

    // R50: prev_timestamp < timestamp, evaluated for immediates too (their prev_timestamp is 0).
    c.ts_lt = assert_less_than(b, "access.timestamp_lt", "R50", local(c.prev_timestamp), local(c.timestamp), is_valid,
                               config.clk_max_bits, config.decomp);

    // R51: consume (as, ptr, prev_data, prev_timestamp), produce (as, ptr, data, timestamp).
    for (std::uint32_t j = 0; j < num_sizes; ++j) {
        const std::uint32_t len = 1u << j;
        Expr count = local(c.size_flag[j]) * (1 - is_imm);
        MemoryMessage consumed{as, ptr, {}, local(c.prev_timestamp)}, produced{as, ptr, {}, local(c.timestamp)};
        for (std::uint32_t i = 0; i < len; ++i) {
            consumed.values.push_back(local(c.prev_data[i]));
            produced.values.push_back(local(c.data[i]));
        }
        b.interact("access.receive_prev[" + std::to_string(len) + "]", "R51", MEMORY_BUS, Direction::Receive,
                   consumed.fields(), count);
        b.interact("access.send_new[" + std::to_string(len) + "]", "R51", MEMORY_BUS, Direction::Send, produced.fields(),
                   count);
    }
    c.air = std::move(b.air);
    return c;
}

}  // namespace memspec::air
