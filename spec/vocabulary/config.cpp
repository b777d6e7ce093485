#include "spec/vocabulary/config.hpp"

#include <string>

#include "spec/vocabulary/field.hpp"

namespace memspec {

std::uint32_t MemoryConfig::addr_space_max_bits() const { return log2_ceil(as_end()); }

namespace {
MemoryError bad(const std::string& msg) { return make_error(ErrorKind::InvalidConfig, msg); }
}  // namespace

Status validate(const MemoryConfig& c) {
    // Checked in field order so that the first offending field is the one reported.
    if (c.as_height >= 29)
        return bad("as_height = " + std::to_string(c.as_height) +
                   " must be < 29: OpenVM asserts as_height < F::bits() - 2 so that address spaces "
                   "fit the boundary's less-than gadget (R3)");
    if (c.as_offset == 0)
        return bad("as_offset must be >= 1: address space 0 is the immediate space and is never "
                   "memory (R3, R4)");
    if (c.addr_space_max_bits() > 29)
        return bad("as_offset + 2^as_height = " + std::to_string(c.as_end()) +
                   " needs more than 29 bits: the volatile boundary compares address spaces with a "
                   "29-bit less-than gadget, which is unsound beyond that (R3)");
    if (c.pointer_max_bits > 29)
        return bad("pointer_max_bits = " + std::to_string(c.pointer_max_bits) +
                   " must be <= 29: OpenVM asserts pointer_max_bits <= F::bits() - 2 (R3)");
    if (c.clk_max_bits < 1 || c.clk_max_bits > 29)
        return bad("clk_max_bits = " + std::to_string(c.clk_max_bits) +
                   " must be in 1..29: above 29 bits the timestamp comparison is unsound over the "
                   "31-bit BabyBear field — timestamp - prev_timestamp - 1 can wrap modulo p, so a "
                   "later timestamp could pass as an earlier one (R3, audit classes B2/B3)");
    if (c.decomp < 1 || c.decomp > 29)
        return bad("decomp = " + std::to_string(c.decomp) +
                   " must be in 1..29: it is the limb width of every range-checked decomposition, "
                   "and a limb of 0 bits or of 30+ bits cannot be range-checked soundly (R3)");
    if (c.max_access_adapter_n != 2 && c.max_access_adapter_n != 4 && c.max_access_adapter_n != 8 &&
        c.max_access_adapter_n != 16 && c.max_access_adapter_n != 32)
        return bad("max_access_adapter_n = " + std::to_string(c.max_access_adapter_n) +
                   " must be one of 2, 4, 8, 16, 32: OpenVM v1.0 builds AccessAdapterAir<N> for "
                   "N = 2..max_access_adapter_n and has no other adapters (R3)");
    return {};
}

}  // namespace memspec
