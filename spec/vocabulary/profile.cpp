#include "spec/vocabulary/profile.hpp"

#include <string>

namespace memspec {

namespace {

MemoryError bad(Profile p, const std::string& msg) {
    return make_error(ErrorKind::InvalidConfig, "profile " + std::string(profile_name(p)) + ": " + msg + " (R3a)");
}

std::string s(std::uint64_t v) { return std::to_string(v); }

// Both OpenVM profiles: what SystemConfig, the memory bridge and the connector assert
// (crates/vm/src/arch/config.rs; crates/vm/src/system/memory/offline_checker/bridge.rs;
// crates/vm/src/system/connector/mod.rs; crates/circuits/primitives/src/assert_less_than/mod.rs).
Status check_openvm_common(Profile p, const MemoryConfig& c) {
    if (c.strict_alignment)
        return bad(p, "strict_alignment is a memspec extension: OpenVM v1.0 checks no alignment (R8)");
    // The access columns carry exactly AUX_LEN = 2 limbs of timestamp - prev_timestamp - 1 and
    // AssertLtSubAir asserts lower_decomp.len() == ceil(clk_max_bits / decomp) when it evaluates.
    const std::uint64_t limbs = (std::uint64_t{c.clk_max_bits} + c.decomp - 1) / c.decomp;
    if (limbs != 2)
        return bad(p, "clk_max_bits = " + s(c.clk_max_bits) + " with decomp = " + s(c.decomp) + " needs " + s(limbs) +
                          " timestamp limbs; OpenVM v1.0's memory bridge has exactly AUX_LEN = 2 "
                          "(offline_checker/bridge.rs: \"(clk_max_bits + decomp - 1) / decomp = AUX_LEN\", asserted by "
                          "AssertLtSubAir's eval), so decomp < clk_max_bits <= 2*decomp");
    return {};
}

}  // namespace

std::string_view profile_name(Profile profile) {
    switch (profile) {
        case Profile::generalized: return "generalized";
        case Profile::openvm_v1_0_volatile: return "openvm-v1.0-volatile";
        case Profile::openvm_v1_0_persistent: return "openvm-v1.0-persistent";
    }
    return "generalized";
}

std::optional<Profile> profile_from_name(std::string_view name) {
    for (Profile p : {Profile::generalized, Profile::openvm_v1_0_volatile, Profile::openvm_v1_0_persistent})
        if (profile_name(p) == name) return p;
    return std::nullopt;
}

std::optional<std::uint32_t> profile_chunk(Profile profile) {
    switch (profile) {
        case Profile::generalized: return std::nullopt;
        case Profile::openvm_v1_0_volatile: return 1u;
        case Profile::openvm_v1_0_persistent: return 8u;
    }
    return std::nullopt;
}

Status check_profile_head(Profile p, const MemoryConfig& c, std::uint64_t initial_block_size) {
    if (p == Profile::generalized) return {};
    if (auto st = check_openvm_common(p, c); !st) return st;
    if (p == Profile::openvm_v1_0_volatile) {
        // VolatileBoundaryAir::new splits the address space into NUM_AS_LIMBS = 1 limb and the
        // pointer into AUX_LEN = 2 limbs of range_max_bits = decomp each and asserts nothing is left
        // over (crates/vm/src/system/memory/volatile/mod.rs).
        if (c.addr_space_max_bits() > c.decomp)
            return bad(p, "address spaces need " + s(c.addr_space_max_bits()) + " bits (ceil(log2(as_offset + 2^as_height))) but decomp = " +
                              s(c.decomp) + ": VolatileBoundaryAir asserts addr_space_max_bits fits NUM_AS_LIMBS = 1 limb of decomp bits "
                              "(volatile/mod.rs)");
        if (c.pointer_max_bits > 2 * std::uint64_t{c.decomp})
            return bad(p, "pointer_max_bits = " + s(c.pointer_max_bits) + " > 2*decomp = " + s(2 * std::uint64_t{c.decomp}) +
                              ": VolatileBoundaryAir asserts pointer_max_bits fits AUX_LEN = 2 limbs of decomp bits (volatile/mod.rs)");
    } else {
        // MemoryController::with_persistent_memory asserts as_offset == 1; MemoryMerkleChip::new
        // asserts as_height > 0 and address_height = pointer_max_bits - log2(CHUNK) > 0
        // (crates/vm/src/system/memory/controller/mod.rs, merkle/mod.rs).
        if (c.as_offset != 1)
            return bad(p, "as_offset = " + s(c.as_offset) + ": MemoryController::with_persistent_memory asserts as_offset == 1 (controller/mod.rs)");
        if (c.as_height == 0)
            return bad(p, "as_height = 0: MemoryMerkleChip::new asserts as_height > 0 (merkle/mod.rs)");
        if (c.pointer_max_bits <= 3)
            return bad(p, "pointer_max_bits = " + s(c.pointer_max_bits) +
                              ": MemoryMerkleChip::new asserts address_height = pointer_max_bits - log2(CHUNK = 8) > 0 (merkle/mod.rs)");
    }
    const std::uint32_t chunk = *profile_chunk(p);
    if (initial_block_size != chunk)
        return bad(p, "initial_block_size = " + s(initial_block_size) + ": OpenVM v1.0 builds this memory with initial block size " + s(chunk) +
                          " (controller/mod.rs)");
    return {};
}

Status check_profile_finalize(Profile p, std::uint64_t finalize_chunk) {
    const auto chunk = profile_chunk(p);
    if (!chunk || finalize_chunk == *chunk) return {};
    return bad(p, "finalize_chunk = " + s(finalize_chunk) + ": OpenVM v1.0 finalizes this memory with CHUNK = " + s(*chunk) +
                      " (controller/mod.rs)");
}

bool image_must_be_empty(Profile profile, std::optional<std::uint64_t> finalize_chunk) {
    if (profile == Profile::openvm_v1_0_volatile) return true;
    return profile == Profile::generalized && finalize_chunk == 1u;
}

}  // namespace memspec
