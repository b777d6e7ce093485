// VariableRangeCheckerAir (R63), after OpenVM v1.0 var_range/: a fixed table of (value, bits)
// for bits = 0..decomp and value < 2^bits, with a multiplicity column. Every range-check
// request on VariableRangeCheckerBus(1, decomp) must be matched by a table row.
#include "spec/air/chips.hpp"

namespace memspec::air {

std::uint64_t range_table_row(std::uint32_t value, std::uint32_t bits) {
    return (std::uint64_t{1} << bits) + value;
}
std::uint64_t range_table_height(std::uint32_t decomp) { return std::uint64_t{1} << (decomp + 1); }

RangeCheckerChip make_range_checker_chip(const MemoryConfig& config) {
    AirBuilder b;
    b.air.name = "range_checker";
    RangeCheckerChip c;
    c.value = b.add_column("value");
    c.bits = b.add_column("bits");
    c.mult = b.add_column("mult");
    // Row 2^b + x holds (x, b) for b = 0..decomp (OpenVM's add_count index); row 0 is an extra
    // (0, 0) row that keeps the height a power of two; its multiplicity stays 0.
    const std::uint64_t h = range_table_height(config.decomp);
    FixedColumn value{c.value, std::vector<BabyBear>(h)}, bits{c.bits, std::vector<BabyBear>(h)};
    for (std::uint32_t bb = 0; bb <= config.decomp; ++bb)
        for (std::uint64_t x = 0; x < (std::uint64_t{1} << bb); ++x) {
            value.values[(std::uint64_t{1} << bb) + x] = BabyBear::reduce(x);
            bits.values[(std::uint64_t{1} << bb) + x] = BabyBear::reduce(bb);
        }
    b.air.fixed = {std::move(value), std::move(bits)};
    b.interact("range_checker.table", "R63", RANGE_BUS, Direction::Receive, {local(c.value), local(c.bits)},
               local(c.mult));
    c.air = std::move(b.air);
    return c;
}

}  // namespace memspec::air
