// OpenVM v1.4's memory as two profiles (R260-R271), volatile (tags v1.4.0 to v1.7.0) and persistent
// (v1.4.0 to v1.5.0; v1.6.0 and v1.7.0 are openvm_v1_6.cpp's and openvm_v1_7.cpp's, R309): their
// TracingMemory (crates/vm/src/system/memory/online.rs) and default MemoryConfig
// (crates/vm/src/arch/config.rs) differ between those tags only in formatting and #[repr(C)]
// attributes. Paths and lines below are OpenVM v1.4.0's.
#include "spec/vocabulary/profiles/openvm_v1_4.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec {

namespace v1_4 {

namespace {

std::string s(std::uint64_t v) { return std::to_string(v); }

}  // namespace

AddressSpace address_space(std::uint64_t as, bool legacy_mem_align) {
    constexpr std::uint64_t MAX_CELLS = std::uint64_t{1} << 29;
    switch (as) {
        case 1: return {128, 4, CellType::u8};                              // RV32_REGISTER_AS: 32 registers of 4 bytes
        case 2: return {MAX_CELLS, legacy_mem_align ? 1u : 4u, CellType::u8};  // RV32_MEMORY_AS (config.rs:217-226)
        case 3: return {32, 4, CellType::u8};                               // PUBLIC_VALUES_AS: DEFAULT_MAX_NUM_PUBLIC_VALUES
        case 4: return {MAX_CELLS, 1, CellType::field};                     // NATIVE_AS
        default: return {0, 1, CellType::field};                            // AS5..AS8: empty_address_space_configs
    }
}

Status check_access(const MemoryConfig& c, std::uint64_t as, std::uint64_t ptr, std::uint64_t len) {
    // 1. debug_assert_ne!(addr_space, 0) in TracingMemory::assert_alignment (memory/online.rs:500):
    //    an immediate is read by the executor without touching memory, a tick of 1 here.
    if (as == 0)
        return make_error(ErrorKind::InvalidAddressSpace,
                          "address space 0 is not memory in OpenVM v1.4 (debug_assert_ne!(addr_space, 0), memory/online.rs:500); "
                          "an immediate only advances the clock: write it as a tick of 1 (R263)");
    // 2. The table has (1 << addr_space_height) + 1 entries, indexed unchecked (memory/online.rs:521).
    if (as > (std::uint64_t{1} << AS_HEIGHT))
        return make_error(ErrorKind::InvalidAddressSpace,
                          "address space " + s(as) + " is outside OpenVM v1.4's table [1, " + s((std::uint64_t{1} << AS_HEIGHT) + 1) +
                              ") (undefined behaviour in OpenVM: the metadata is indexed unchecked, memory/online.rs:521) (R263)");
    // 3. debug_assert!(block_size.is_power_of_two()) (memory/online.rs:498).
    if (!is_power_of_two(len))
        return make_error(ErrorKind::SizeNotPowerOfTwo,
                          "access size " + s(len) + " is not a power of two (debug_assert!, memory/online.rs:498) (R263)");
    // 4. AccessMetadata holds block sizes up to MAX_BLOCK_SIZE = 32 (memory/online.rs:49,399-402),
    //    and the adapter records of a larger block need AccessAdapterAir<n> for n up to the size,
    //    which exists only up to max_access_adapter_n (memory/adapter/mod.rs:265-283).
    if (len > MAX_BLOCK_SIZE || len > c.max_access_adapter_n)
        return make_error(ErrorKind::OutOfBounds, "access size " + s(len) + " exceeds " +
                                                      (len > MAX_BLOCK_SIZE ? "MAX_BLOCK_SIZE = 32 (memory/online.rs:49)"
                                                                            : "max_access_adapter_n = " + s(c.max_access_adapter_n) +
                                                                                  ": no AccessAdapterAir of that size (adapter/mod.rs:274)") +
                                                      " (R263)");
    // 5. debug_assert_eq!(block_size % align, 0) (memory/online.rs:499): an access is whole minimum blocks.
    const AddressSpace space = address_space(as, c.legacy_v1_3_mem_align);
    if (len % space.min_block_size != 0)
        return make_error(ErrorKind::UnalignedAccess, "access size " + s(len) + " is not a multiple of address space " + s(as) +
                                                          "'s minimum block size " + s(space.min_block_size) +
                                                          " (debug_assert_eq!(block_size % align, 0), memory/online.rs:499) (R263)");
    // 6. assert_eq!(ptr % align, 0), a release assertion (memory/online.rs:502-506).
    if (ptr % space.min_block_size != 0)
        return make_error(ErrorKind::UnalignedAccess, "pointer " + s(ptr) + " is not aligned to address space " + s(as) +
                                                          "'s minimum block size " + s(space.min_block_size) +
                                                          " (OpenVM panics \"pointer not aligned\", memory/online.rs:502) (R263)");
    // 7. MmapMemory::check_bounds panics "Memory access out of bounds" (memory/online/memmap.rs:39-44,193).
    if (ptr >= space.num_cells || len > space.num_cells - ptr)
        return make_error(ErrorKind::OutOfBounds, "access [" + s(ptr) + ", " + s(ptr) + " + " + s(len) + ") runs past address space " + s(as) +
                                                      "'s " + s(space.num_cells) +
                                                      " cells (OpenVM panics \"Memory access out of bounds\", memory/online/memmap.rs:193) (R263)");
    return {};
}

Status check_values(std::uint64_t as, std::span<const std::uint64_t> values) {
    const bool bytes = address_space(as, false).cells == CellType::u8;
    for (std::size_t i = 0; i < values.size(); ++i) {
        // A u8 address space's cells are Rust u8s (MemoryCellType::U8): a larger value cannot be
        // passed to TracingMemory::write::<u8, N, ALIGN> at all.
        if (bytes && values[i] > 255)
            return make_error(ErrorKind::InvalidValue, "value " + s(values[i]) + " at index " + s(i) + " does not fit address space " + s(as) +
                                                           "'s u8 cells (MemoryCellType::U8) (R263)");
        if (values[i] >= BabyBear::P)
            return make_error(ErrorKind::InvalidValue, "value " + s(values[i]) + " at index " + s(i) +
                                                           " is not a field element (must be < p = 2013265921) (R263)");
    }
    return {};
}

Status check_clock(const MemoryConfig& c, std::uint64_t clock, std::uint64_t advance) {
    // TracingMemory adds to its clock unchecked (memory/online.rs:875,919,925-929); a timestamp at
    // or past 2^timestamp_max_bits cannot be proved (the bridge range-checks every difference), so
    // memspec refuses the operation. (Written so that no sum overflows.)
    const std::uint64_t limit = c.timestamp_limit();
    if (clock >= limit || advance >= limit - clock)
        return make_error(ErrorKind::TimestampViolation, "advancing the clock " + s(clock) + " by " + s(advance) +
                                                             " would reach 2^clk_max_bits = " + s(limit) +
                                                             " or beyond: no proof could range-check it (R264)");
    return {};
}

Status check_read(const MemoryConfig& c, std::uint64_t as, std::uint64_t ptr, std::uint64_t len, std::uint64_t clock) {
    if (auto st = check_access(c, as, ptr, len); !st) return st;
    return check_clock(c, clock, 1);
}

Status check_write(const MemoryConfig& c, std::uint64_t as, std::uint64_t ptr, std::span<const std::uint64_t> values, std::uint64_t clock) {
    if (auto st = check_access(c, as, ptr, values.size()); !st) return st;
    if (auto st = check_values(as, values); !st) return st;
    return check_clock(c, clock, 1);
}

Status check_tick(const MemoryConfig& c, std::uint64_t by, std::uint64_t clock) { return check_clock(c, clock, by); }

Status check_image_cell(const MemoryConfig&, std::uint64_t as, std::uint64_t ptr, std::uint64_t value) {
    // R271: after R4, R6 and R1 (build_image): the cell must exist in the table and fit its type.
    // The legacy switch changes no cell count or type, so it does not matter here.
    const AddressSpace space = address_space(as, false);
    if (ptr >= space.num_cells)
        return make_error(ErrorKind::OutOfBounds, "pointer " + s(ptr) + " is not below address space " + s(as) + "'s " + s(space.num_cells) +
                                                      " cells in OpenVM v1.4 (R271)");
    if (space.cells == CellType::u8 && value > 255)
        return make_error(ErrorKind::InvalidValue, "value " + s(value) + " does not fit address space " + s(as) + "'s u8 cells (R271)");
    return {};
}

namespace {

// R309: volatile memory has no Merkle chip, so the Merkle changes of v1.6.0 and v1.7.0 leave it as it
// was; the persistent profile stops at v1.5.0, the last tag whose Merkle chip is v1.0's.
constexpr std::array<std::string_view, 7> VOLATILE_TAGS = {"v1.4.0", "v1.4.1", "v1.4.2", "v1.4.3", "v1.5.0", "v1.6.0", "v1.7.0"};
constexpr std::array<std::string_view, 5> PERSISTENT_TAGS = {"v1.4.0", "v1.4.1", "v1.4.2", "v1.4.3", "v1.5.0"};

constexpr std::string_view VOLATILE = "openvm-v1.4-volatile";
constexpr std::string_view PERSISTENT = "openvm-v1.4-persistent";

MemoryError bad(std::string_view profile, const std::string& msg) {
    return make_error(ErrorKind::InvalidConfig, "profile " + std::string(profile) + ": " + msg + " (R261)");
}

// R261: what OpenVM v1.4's MemoryConfig::default and SystemConfig fix or assert.
Status common_head(std::string_view p, const MemoryConfig& c, std::uint64_t initial_block_size, std::uint32_t chunk) {
    if (c.strict_alignment)
        return bad(p, "strict_alignment is a memspec extension of v1.0: OpenVM v1.4 always aligns accesses to their address space's "
                      "minimum block (R263)");
    if (c.as_offset != AS_OFFSET)
        return bad(p, "as_offset = " + s(c.as_offset) + ": OpenVM v1.4 fixes ADDR_SPACE_OFFSET = 1 (arch/config.rs:43)");
    if (c.as_height != AS_HEIGHT)
        return bad(p, "as_height = " + s(c.as_height) + ": memspec models OpenVM v1.4's default address-space table, "
                                                          "addr_space_height = 3 (arch/config.rs:188-197)");
    if (c.pointer_max_bits != POINTER_MAX_BITS)
        return bad(p, "pointer_max_bits = " + s(c.pointer_max_bits) + ": OpenVM v1.4's default MemoryConfig uses POINTER_MAX_BITS = 29 "
                                                                        "(arch/config.rs:197); each space is bounded by its own num_cells (R262)");
    if (c.clk_max_bits > MAX_TIMESTAMP_BITS)
        return bad(p, "clk_max_bits = " + s(c.clk_max_bits) + " (v1.4's timestamp_max_bits): SystemConfig::new asserts it is <= 29 "
                                                                "(arch/config.rs:291)");
    const std::uint64_t limbs = (std::uint64_t{c.clk_max_bits} + c.decomp - 1) / c.decomp;
    if (limbs != 2)
        return bad(p, "clk_max_bits = " + s(c.clk_max_bits) + " with decomp = " + s(c.decomp) + " needs " + s(limbs) +
                          " timestamp limbs; the memory bridge has AUX_LEN = 2 (system/memory/offline_checker/bridge.rs), "
                          "so decomp < clk_max_bits <= 2*decomp");
    if (initial_block_size != chunk)
        return bad(p, "initial_block_size = " + s(initial_block_size) + ": SystemConfig::initial_block_size gives " + s(chunk) +
                          " for this memory (arch/config.rs:380-385)");
    return {};
}

Status volatile_head(const MemoryConfig& c, std::uint64_t ibs) {
    if (auto st = common_head(VOLATILE, c, ibs, 1); !st) return st;
    // R261: VolatileBoundaryAir::new splits the pointer into AUX_LEN = 2 limbs of range_max_bits =
    // decomp each and asserts nothing is left over (OpenVM v1.4.0 system/memory/volatile/mod.rs:87-93,
    // unchanged to v1.7.0), so the volatile memory needs 2*decomp >= 29; the address space's one limb
    // (4 bits for the 9-entry table, lines 80-86) then fits as well.
    if (POINTER_MAX_BITS > 2 * std::uint64_t{c.decomp})
        return bad(VOLATILE, "decomp = " + s(c.decomp) + ": VolatileBoundaryAir asserts pointer_max_bits = 29 fits AUX_LEN = 2 limbs "
                                                           "of decomp bits (system/memory/volatile/mod.rs:87-93), so decomp >= 15");
    return {};
}
Status persistent_head(const MemoryConfig& c, std::uint64_t ibs) { return common_head(PERSISTENT, c, ibs, CHUNK); }

Status volatile_finalize(std::uint64_t chunk) {
    if (chunk == 1) return {};
    return bad(VOLATILE, "finalize_chunk = " + s(chunk) + ": TracingMemory::finalize makes the volatile equipartition with CHUNK 1 "
                                                          "(memory/online.rs:941-944)");
}

Status persistent_finalize(std::uint64_t chunk) { return persistent_finalize_of(PERSISTENT, chunk); }

bool always_empty(std::optional<std::uint64_t>) { return true; }
bool never_empty(std::optional<std::uint64_t>) { return false; }

// R320: the conformance generator's config (conform/scenario_gen.cpp). R261 fixes the table and the
// pointer bits; clk_max_bits (drawn before) gets a decomp giving exactly two timestamp limbs;
// max_access_adapter_n (drawn before, 2..32) bounds v1.4's access sizes (R263 check 4), so it is
// kept, raised only to the smallest value the memory admits: its initial block (R15) and the
// u8 spaces' minimum block of 4; and one scenario in four turns on the legacy-v1-3-mem-align
// switch (R262).
void random_config(ProfileRandom& rng, MemoryConfig& c, std::uint32_t smallest) {
    c.as_offset = AS_OFFSET;
    c.as_height = AS_HEIGHT;
    c.pointer_max_bits = POINTER_MAX_BITS;
    const std::uint32_t lo = (c.clk_max_bits + 1) / 2, hi = c.clk_max_bits - 1;
    c.decomp = lo + static_cast<std::uint32_t>(rng.below(hi - lo + 1));
    c.max_access_adapter_n = std::max(c.max_access_adapter_n, smallest);
    c.legacy_v1_3_mem_align = rng.below(4) == 0;
}
// R261: the volatile boundary needs decomp >= 15 (two limbs hold the 29-bit pointer), so
// clk_max_bits >= 16 and decomp is drawn from [max(15, ceil(clk/2)), clk - 1].
void volatile_random_config(ProfileRandom& rng, MemoryConfig& c) {
    c.clk_max_bits = std::max<std::uint32_t>(c.clk_max_bits, 16);
    random_config(rng, c, 4);
    if (c.decomp < 15) c.decomp = 15 + static_cast<std::uint32_t>(rng.below(c.clk_max_bits - 15));
}
void persistent_random_config(ProfileRandom& rng, MemoryConfig& c) { random_config(rng, c, CHUNK); }

// R261's own rules, one of three chosen by the config at hand (the hook draws no randomness).
void break_own_rule(MemoryConfig& c) {
    switch (c.clk_max_bits % 3) {
        case 0: c.as_height = AS_HEIGHT - 1; break;                // another table
        case 1: c.pointer_max_bits = POINTER_MAX_BITS - 1; break;  // another pointer width
        default: c.as_offset = AS_OFFSET + 1; break;               // another ADDR_SPACE_OFFSET
    }
}

}  // namespace

Status persistent_head_of(std::string_view profile, const MemoryConfig& config, std::uint64_t initial_block_size) {
    return common_head(profile, config, initial_block_size, CHUNK);
}

Status persistent_finalize_of(std::string_view profile, std::uint64_t chunk) {
    if (chunk == CHUNK) return {};
    return bad(profile, "finalize_chunk = " + s(chunk) + ": TracingMemory::finalize makes the persistent equipartition with CHUNK 8 "
                                                         "(memory/online.rs:945-947)");
}

ProfileEntry persistent_entry(Profile id, std::string_view name, std::span<const std::string_view> tags, std::string_view summary,
                              ChipSetId chips, Status (*check_head)(const MemoryConfig&, std::uint64_t),
                              Status (*check_finalize)(std::uint64_t), int c_abi_code, bool generated) {
    return ProfileEntry{
        .id = id,
        .name = name,
        .openvm_tags = tags,
        .semantics = Semantics::openvm_v1_4,
        .c_abi_code = c_abi_code,
        .summary = summary,
        .chunk = CHUNK,
        .check_head = check_head,
        .check_finalize = check_finalize,
        .image_must_be_empty = never_empty,
        .check_image_cell = check_image_cell,
        .records = {},
        .result_roots = false,
        .chips = chips,
        .random_config = generated ? persistent_random_config : nullptr,  // R320
        .break_ways = generated ? 10u : 0u,
        .break_own_rule = generated ? break_own_rule : nullptr,
        .finalize_order_free = false,
        .setup_shrinkable = false,
        .legacy_mem_align_switch = true,
    };
}

}  // namespace v1_4

const ProfileEntry& openvm_v1_4_volatile_profile() {
    static const ProfileEntry entry{
        .id = Profile::openvm_v1_4_volatile,
        .name = v1_4::VOLATILE,
        .openvm_tags = v1_4::VOLATILE_TAGS,
        .semantics = Semantics::openvm_v1_4,
        .c_abi_code = 4,  // R323: MEMSPEC_PROFILE_OPENVM_V1_4_VOLATILE
        .summary = "OpenVM v1.4-v1.7's volatile memory: per-space minimum blocks, split-to-minimum-then-merge adapters, CHUNK 1",
        .chunk = 1u,
        .check_head = v1_4::volatile_head,
        .check_finalize = v1_4::volatile_finalize,
        .image_must_be_empty = v1_4::always_empty,
        .check_image_cell = v1_4::check_image_cell,
        .records = {},
        .result_roots = false,
        .chips = ChipSetId::openvm_v1_0_by_chunk,  // R272: v1.0's AIRs, unchanged in v1.4.0
        .random_config = v1_4::volatile_random_config,  // R320
        .break_ways = 10,
        .break_own_rule = v1_4::break_own_rule,
        .finalize_order_free = false,
        .setup_shrinkable = false,
        .legacy_mem_align_switch = true,
    };
    return entry;
}

const ProfileEntry& openvm_v1_4_persistent_profile() {
    static const ProfileEntry entry = v1_4::persistent_entry(
        Profile::openvm_v1_4_persistent, v1_4::PERSISTENT, v1_4::PERSISTENT_TAGS,
        "OpenVM v1.4-v1.5's persistent memory: per-space minimum blocks, split-to-minimum-then-merge adapters, CHUNK 8",
        ChipSetId::openvm_v1_0_by_chunk,  // R272: v1.0's AIRs, unchanged to v1.5.0 (R274)
        v1_4::persistent_head, v1_4::persistent_finalize,
        5,      // R323: MEMSPEC_PROFILE_OPENVM_V1_4_PERSISTENT
        true);  // R320: `memspec diff` generates its scenarios
    return entry;
}

}  // namespace memspec
