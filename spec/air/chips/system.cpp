// System public-value facts (R64, R65), standing for OpenVM's connector chip: execution starts
// at timestamp 1 (audit class B2) and ends below 2^clk_max_bits (audit class B3), the premise
// under which every prev_timestamp < timestamp comparison is sound. The link from these public
// values to the execution bus is outside the memory system and out of scope.
#include "spec/air/chips.hpp"

namespace memspec::air {

SystemChip make_system_chip(const MemoryConfig& config) {
    AirBuilder b;
    b.air.name = "system";
    b.air.public_values = {"initial_timestamp", "final_timestamp"};
    SystemChip c;
    c.final_ts_limbs = b.add_columns("final_timestamp_limbs", limb_count(config.clk_max_bits, config.decomp));
    // R64
    b.constrain("system.initial_timestamp_is_one", "R64", public_value(PV_INITIAL_TIMESTAMP) - 1);
    // R65: final_timestamp is the sum of range-checked limbs, hence < 2^clk_max_bits.
    b.constrain("system.final_timestamp_decomp", "R65",
                public_value(PV_FINAL_TIMESTAMP) - compose(c.final_ts_limbs, config.decomp));
    auto bits = limb_bits(config.clk_max_bits, config.decomp);
    for (std::size_t i = 0; i < bits.size(); ++i)
        b.range_check("system.final_timestamp_range[" + std::to_string(i) + "]", "R65", local(c.final_ts_limbs[i]),
                      bits[i], 1);
    c.air = std::move(b.air);
    return c;
}

}  // namespace memspec::air
