// OpenVM v2.0's accesses on the memory bus (R224): one row per AccessRecord of a v2.0 run, standing
// for the MemoryBridge read / write an instruction chip makes (OpenVM v2.0.0,
// crates/vm/src/system/memory/offline_checker/bridge.rs:56-130, 186-276). The bridge and its bus
// message are v1.0's; what differs is what v2.0 asks of it: every access is one aligned 4-cell block
// (R216), and an immediate is no access (R218), so the chip has no size flags and no immediate column.
#include "spec/air/chips.hpp"

#include <string>

namespace memspec::air {

AccessV2Chip make_access_v2_chip(const MemoryConfig& config) {
    AirBuilder b;
    b.air.name = "access";
    AccessV2Chip c;
    c.is_valid = b.add_column("is_valid");
    c.is_write = b.add_column("is_write");
    c.address_space = b.add_column("address_space");
    c.pointer = b.add_column("pointer");
    c.timestamp = b.add_column("timestamp");
    c.prev_timestamp = b.add_column("prev_timestamp");
    c.data = b.add_columns("data", V2_BLOCK_SIZE);
    c.prev_data = b.add_columns("prev_data", V2_BLOCK_SIZE);

    const Expr is_valid = local(c.is_valid), is_write = local(c.is_write);
    // R224: row kind; padding rows (is_valid 0) make every count below vanish.
    b.constrain("access.is_valid_bool", "R224", boolean(is_valid));
    b.constrain("access.is_write_bool", "R224", boolean(is_write));
    b.constrain("access.write_is_valid", "R224", is_write * (1 - is_valid));
    // R224: a read consumes and re-emits the same values (MemoryBridge::read).
    for (std::uint32_t i = 0; i < V2_BLOCK_SIZE; ++i)
        b.constrain("access.read_keeps_data[" + std::to_string(i) + "]", "R224",
                    (1 - is_write) * (local(c.prev_data[i]) - local(c.data[i])));
    // R224: prev_timestamp < timestamp, in AUX_LEN = 2 range-checked limbs (bridge.rs:21-25, 279).
    c.ts_lt = assert_less_than(b, "access.timestamp_lt", "R224", local(c.prev_timestamp), local(c.timestamp), is_valid,
                               config.clk_max_bits, config.decomp);
    // R224: consume (as, ptr, prev_data, prev_timestamp), produce (as, ptr, data, timestamp).
    MemoryMessage consumed{local(c.address_space), local(c.pointer), {}, local(c.prev_timestamp)};
    MemoryMessage produced{local(c.address_space), local(c.pointer), {}, local(c.timestamp)};
    for (std::uint32_t i = 0; i < V2_BLOCK_SIZE; ++i) {
        consumed.values.push_back(local(c.prev_data[i]));
        produced.values.push_back(local(c.data[i]));
    }
    b.interact("access.receive_prev", "R224", MEMORY_BUS, Direction::Receive, consumed.fields(), is_valid);
    b.interact("access.send_new", "R224", MEMORY_BUS, Direction::Send, produced.fields(), is_valid);
    c.air = std::move(b.air);
    return c;
}

}  // namespace memspec::air
