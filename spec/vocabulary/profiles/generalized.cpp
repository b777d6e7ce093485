// The generalized profile (R3a): OpenVM v1.0's semantics with memspec's extensions — any block sizes
// within R3 and R15, any limb counts, strict alignment on request. Its config rules are R3's alone.
#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec {

namespace {

Status no_head_rule(const MemoryConfig&, std::uint64_t) { return {}; }
Status no_finalize_rule(std::uint64_t) { return {}; }

// R13: the volatile boundary (finalize_chunk = 1) creates every cell with value 0.
bool empty_image_when_volatile(std::optional<std::uint64_t> finalize_chunk) { return finalize_chunk == 1u; }

void random_config(ProfileRandom& rng, MemoryConfig& c) {
    static constexpr std::uint32_t POINTERS[] = {1, 2, 3, 4, 5, 6, 8, 12, 29};
    c.as_height = static_cast<std::uint32_t>(rng.below(4));
    static constexpr std::uint32_t OFFSETS[] = {1, 1, 1, 2, 5};
    c.as_offset = rng.pick(OFFSETS);
    c.pointer_max_bits = rng.pick(POINTERS);
    c.decomp = rng.one_in(2) ? 17 : 1 + static_cast<std::uint32_t>(rng.below(29));
    c.strict_alignment = rng.one_in(3);
}

}  // namespace

const ProfileEntry& generalized_profile() {
    static const ProfileEntry entry{
        .id = Profile::generalized,
        .name = "generalized",
        .openvm_tags = {},
        .semantics = Semantics::openvm_v1_0,
        .c_abi_code = 0,
        .summary = "OpenVM v1.0 semantics generalized: any block sizes and limb counts within R3",
        .chunk = std::nullopt,
        .check_head = no_head_rule,
        .check_finalize = no_finalize_rule,
        .image_must_be_empty = empty_image_when_volatile,
        .check_image_cell = nullptr,
        .records = {},
        .result_roots = false,
        .chips = ChipSetId::openvm_v1_0_by_chunk,
        .random_config = random_config,
        .break_ways = 7,
        .break_own_rule = nullptr,
        .finalize_order_free = false,
        .setup_shrinkable = true,
    };
    return entry;
}

}  // namespace memspec
