// OpenVM v1.0's two memories (R3a), unchanged to v1.3: volatile (CHUNK 1, empty image) and
// persistent (CHUNK 8, Merkle roots). Their config rules are what OpenVM v1.0 asserts when it
// builds the memory controller, each error naming the assertion it stands for.
#include <array>
#include <string>

#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec {

namespace {

constexpr std::array<std::string_view, 6> V1_TAGS = {"v1.0.0", "v1.1.0", "v1.1.1", "v1.1.2", "v1.2.0", "v1.3.0"};

std::string s(std::uint64_t v) { return std::to_string(v); }

MemoryError bad(std::string_view profile, const std::string& msg) {
    return make_error(ErrorKind::InvalidConfig, "profile " + std::string(profile) + ": " + msg + " (R3a)");
}

// Both OpenVM profiles: what SystemConfig, the memory bridge and the connector assert
// (crates/vm/src/arch/config.rs; crates/vm/src/system/memory/offline_checker/bridge.rs;
// crates/vm/src/system/connector/mod.rs; crates/circuits/primitives/src/assert_less_than/mod.rs).
Status check_openvm_common(std::string_view p, const MemoryConfig& c) {
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

Status check_initial_block_size(std::string_view p, std::uint32_t chunk, std::uint64_t initial_block_size) {
    if (initial_block_size != chunk)
        return bad(p, "initial_block_size = " + s(initial_block_size) + ": OpenVM v1.0 builds this memory with initial block size " + s(chunk) +
                          " (controller/mod.rs)");
    return {};
}

Status check_finalize_chunk(std::string_view p, std::uint32_t chunk, std::uint64_t finalize_chunk) {
    if (finalize_chunk == chunk) return {};
    return bad(p, "finalize_chunk = " + s(finalize_chunk) + ": OpenVM v1.0 finalizes this memory with CHUNK = " + s(chunk) +
                      " (controller/mod.rs)");
}

// R3a: the two timestamp limbs of OpenVM's memory bridge, decomp < clk_max_bits <= 2*decomp.
std::uint32_t openvm_decomp(ProfileRandom& rng, std::uint32_t clk) {
    const std::uint32_t lo = (clk + 1) / 2, hi = clk - 1;
    return lo + static_cast<std::uint32_t>(rng.below(hi - lo + 1));
}

constexpr std::uint32_t POINTERS[] = {1, 2, 3, 4, 5, 6, 8, 12, 29};

// ---- volatile ----
constexpr std::string_view VOLATILE = "openvm-v1.0-volatile";

Status volatile_head(const MemoryConfig& c, std::uint64_t initial_block_size) {
    if (auto st = check_openvm_common(VOLATILE, c); !st) return st;
    // VolatileBoundaryAir::new splits the address space into NUM_AS_LIMBS = 1 limb and the
    // pointer into AUX_LEN = 2 limbs of range_max_bits = decomp each and asserts nothing is left
    // over (crates/vm/src/system/memory/volatile/mod.rs).
    if (c.addr_space_max_bits() > c.decomp)
        return bad(VOLATILE, "address spaces need " + s(c.addr_space_max_bits()) + " bits (ceil(log2(as_offset + 2^as_height))) but decomp = " +
                                 s(c.decomp) + ": VolatileBoundaryAir asserts addr_space_max_bits fits NUM_AS_LIMBS = 1 limb of decomp bits "
                                 "(volatile/mod.rs)");
    if (c.pointer_max_bits > 2 * std::uint64_t{c.decomp})
        return bad(VOLATILE, "pointer_max_bits = " + s(c.pointer_max_bits) + " > 2*decomp = " + s(2 * std::uint64_t{c.decomp}) +
                                 ": VolatileBoundaryAir asserts pointer_max_bits fits AUX_LEN = 2 limbs of decomp bits (volatile/mod.rs)");
    return check_initial_block_size(VOLATILE, 1, initial_block_size);
}

Status volatile_finalize(std::uint64_t finalize_chunk) { return check_finalize_chunk(VOLATILE, 1, finalize_chunk); }

bool always_empty(std::optional<std::uint64_t>) { return true; }

void volatile_random_config(ProfileRandom& rng, MemoryConfig& c) {
    c.decomp = openvm_decomp(rng, c.clk_max_bits);
    static constexpr std::uint32_t OFFSETS[] = {1, 1, 2};
    c.as_offset = rng.pick(OFFSETS);
    c.as_height = static_cast<std::uint32_t>(rng.below(4));
    // VolatileBoundaryAir: one address-space limb, two pointer limbs (R3a).
    while (c.as_height > 0 && c.addr_space_max_bits() > c.decomp) --c.as_height;
    if (c.addr_space_max_bits() > c.decomp) c.as_offset = 1;
    c.pointer_max_bits = std::min<std::uint32_t>(rng.pick(POINTERS), 2 * c.decomp);
}

// R3a: two pointer limbs.
void volatile_break(MemoryConfig& c) { c.pointer_max_bits = std::min<std::uint32_t>(29, 2 * c.decomp + 1); }

// ---- persistent ----
constexpr std::string_view PERSISTENT = "openvm-v1.0-persistent";

Status persistent_head(const MemoryConfig& c, std::uint64_t initial_block_size) {
    if (auto st = check_openvm_common(PERSISTENT, c); !st) return st;
    // MemoryController::with_persistent_memory asserts as_offset == 1; MemoryMerkleChip::new
    // asserts as_height > 0 and address_height = pointer_max_bits - log2(CHUNK) > 0
    // (crates/vm/src/system/memory/controller/mod.rs, merkle/mod.rs).
    if (c.as_offset != 1)
        return bad(PERSISTENT, "as_offset = " + s(c.as_offset) + ": MemoryController::with_persistent_memory asserts as_offset == 1 (controller/mod.rs)");
    if (c.as_height == 0)
        return bad(PERSISTENT, "as_height = 0: MemoryMerkleChip::new asserts as_height > 0 (merkle/mod.rs)");
    if (c.pointer_max_bits <= 3)
        return bad(PERSISTENT, "pointer_max_bits = " + s(c.pointer_max_bits) +
                                   ": MemoryMerkleChip::new asserts address_height = pointer_max_bits - log2(CHUNK = 8) > 0 (merkle/mod.rs)");
    return check_initial_block_size(PERSISTENT, 8, initial_block_size);
}

Status persistent_finalize(std::uint64_t finalize_chunk) { return check_finalize_chunk(PERSISTENT, 8, finalize_chunk); }

bool never_empty(std::optional<std::uint64_t>) { return false; }

void persistent_random_config(ProfileRandom& rng, MemoryConfig& c) {
    c.decomp = openvm_decomp(rng, c.clk_max_bits);
    // Persistent: as_offset 1, as_height >= 1, pointer_max_bits >= 4, and room for CHUNK 8 (R3a, R15).
    c.as_offset = 1;
    c.as_height = 1 + static_cast<std::uint32_t>(rng.below(3));
    c.pointer_max_bits = std::max<std::uint32_t>(rng.pick(POINTERS), 4);
    c.max_access_adapter_n = static_cast<std::uint32_t>(std::uint64_t{1} << (3 + static_cast<std::uint32_t>(rng.below(3))));
}

// R3a: as_offset = 1.
void persistent_break(MemoryConfig& c) { c.as_offset = 2; }

}  // namespace

const ProfileEntry& openvm_v1_0_volatile_profile() {
    static const ProfileEntry entry{
        .id = Profile::openvm_v1_0_volatile,
        .name = VOLATILE,
        .openvm_tags = V1_TAGS,
        .semantics = Semantics::openvm_v1_0,
        .c_abi_code = 1,
        .summary = "OpenVM v1.0's volatile memory: CHUNK 1, initial block size 1, empty initial image",
        .chunk = 1u,
        .check_head = volatile_head,
        .check_finalize = volatile_finalize,
        .image_must_be_empty = always_empty,
        .check_image_cell = nullptr,
        .records = {},
        .result_roots = false,
        .chips = ChipSetId::openvm_v1_0_by_chunk,
        .random_config = volatile_random_config,
        .break_ways = 10,
        .break_own_rule = volatile_break,
        .finalize_order_free = true,
        .setup_shrinkable = false,
    };
    return entry;
}

const ProfileEntry& openvm_v1_0_persistent_profile() {
    static const ProfileEntry entry{
        .id = Profile::openvm_v1_0_persistent,
        .name = PERSISTENT,
        .openvm_tags = V1_TAGS,
        .semantics = Semantics::openvm_v1_0,
        .c_abi_code = 2,
        .summary = "OpenVM v1.0's persistent memory: CHUNK 8, initial block size 8, Merkle roots",
        .chunk = 8u,
        .check_head = persistent_head,
        .check_finalize = persistent_finalize,
        .image_must_be_empty = never_empty,
        .check_image_cell = nullptr,
        .records = {},
        .result_roots = true,
        .chips = ChipSetId::openvm_v1_0_by_chunk,
        .random_config = persistent_random_config,
        .break_ways = 10,
        .break_own_rule = persistent_break,
        .finalize_order_free = true,
        .setup_shrinkable = false,
    };
    return entry;
}

}  // namespace memspec
