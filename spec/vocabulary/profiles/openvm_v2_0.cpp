// OpenVM v2.0's memory as a profile (R211-R222), covering tags v2.0.0 and v2.0.1 (their memory code,
// crates/vm/src/system/memory/ and crates/vm/src/arch/config.rs, is identical). Paths below are
// OpenVM v2.0.0's.
#include "spec/vocabulary/profiles/openvm_v2_0.hpp"

#include <array>
#include <string>

#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec {

namespace v2_0 {

namespace {

std::string s(std::uint64_t v) { return std::to_string(v); }

// R330: a bounds error names R330 too when the count it checked came from the config's num_cells
// (without it the messages stay those of R214 and R217).
std::string from_config(const MemoryConfig& config) { return config.num_cells.empty() ? "" : ", R330"; }

MemoryError config_error(const std::string& msg) {
    return make_error(ErrorKind::InvalidConfig, "profile openvm-v2.0: " + msg + " (R213)");
}

}  // namespace

AddressSpace address_space(std::uint64_t as) {
    switch (as) {
        case 1: return {128, CellType::u8};                         // RV32_REGISTER_AS: 32 registers of 4 bytes
        case 2: return {std::uint64_t{1} << 29, CellType::u8};      // RV32_MEMORY_AS
        case 3: return {32, CellType::u8};                          // PUBLIC_VALUES_AS: DEFAULT_MAX_NUM_PUBLIC_VALUES
        case 4: return {std::uint64_t{1} << 14, CellType::field};   // DEFERRAL_AS: DEFAULT_DEFERRAL_ADDR_SPACE_CELLS
        default: return {0, CellType::field};                       // AS5..AS8: empty_address_space_configs
    }
}

AddressSpace address_space(const MemoryConfig& config, std::uint64_t as) {
    AddressSpace space = address_space(as);
    if (as < config.num_cells.size()) space.num_cells = config.num_cells[as];
    return space;
}

Status check_num_cells(const MemoryConfig& c) {
    // R330: one AddressSpaceHostConfig per entry of the (1 << addr_space_height) + 1 table
    // (MemoryConfig's doc comment, crates/vm/src/arch/config.rs:177-179).
    constexpr std::uint64_t entries = (std::uint64_t{1} << AS_HEIGHT) + AS_OFFSET;
    if (c.num_cells.size() != entries)
        return make_error(ErrorKind::InvalidConfig, "profile openvm-v2.0: config.num_cells has " + s(c.num_cells.size()) +
                                                        " entries; OpenVM v2.0's table has one per address space 0.." +
                                                        s(entries - 1) + ", " + s(entries) + " in all (arch/config.rs:177) (R330)");
    // AddressMap::new asserts "Address space 0 must have 0 cells" (memory/online.rs:147).
    if (c.num_cells[0] != 0)
        return make_error(ErrorKind::InvalidConfig, "profile openvm-v2.0: config.num_cells[0] = " + s(c.num_cells[0]) +
                                                        ": OpenVM asserts \"Address space 0 must have 0 cells\" (memory/online.rs:147) (R330)");
    // memspec's bound: the memory Merkle tree (R71) labels 2^pointer_max_bits cells per address
    // space, so a cell beyond could be accessed but never committed to.
    for (std::size_t as = 1; as < c.num_cells.size(); ++as)
        if (c.num_cells[as] > c.memory_size())
            return make_error(ErrorKind::InvalidConfig, "profile openvm-v2.0: config.num_cells[" + s(as) + "] = " + s(c.num_cells[as]) +
                                                            " is above 2^pointer_max_bits = " + s(c.memory_size()) +
                                                            ": the memory Merkle tree commits no cell beyond it (R330)");
    return {};
}

Status check_access(const MemoryConfig& config, std::uint64_t as, std::uint64_t ptr, std::uint64_t len) {
    // 1. TracingMemory::assert_valid_access: debug_assert_ne!(addr_space, 0) (memory/online.rs:404).
    //    An immediate is no memory access in v2.0: tracing_read_imm only advances the clock
    //    (extensions/rv32im/circuit/src/adapters/mod.rs:160), which is a tick of 1 here (R218).
    if (as == 0)
        return make_error(ErrorKind::InvalidAddressSpace,
                          "address space 0 is not memory in OpenVM v2.0 (debug_assert_ne!(addr_space, 0), memory/online.rs:404); "
                          "an immediate only advances the clock: write it as a tick of 1 (R217)");
    // 2. The table has (1 << addr_space_height) + 1 entries; an index beyond it is undefined
    //    behaviour in OpenVM (get_unchecked, memory/online.rs:423).
    if (as > (std::uint64_t{1} << AS_HEIGHT))
        return make_error(ErrorKind::InvalidAddressSpace,
                          "address space " + s(as) + " is outside OpenVM v2.0's table [1, " + s((std::uint64_t{1} << AS_HEIGHT) + 1) +
                              ") (undefined behaviour in OpenVM: the table is indexed unchecked, memory/online.rs:423) (R217)");
    // 3. debug_assert!(block_size.is_power_of_two()) (memory/online.rs:405).
    if (!is_power_of_two(len))
        return make_error(ErrorKind::SizeNotPowerOfTwo,
                          "access size " + s(len) + " is not a power of two (debug_assert!, memory/online.rs:405) (R217)");
    // 4. debug_assert_eq!(block_size, DEFAULT_BLOCK_SIZE) (memory/online.rs:406-409).
    if (len != BLOCK_SIZE)
        return make_error(ErrorKind::OutOfBounds,
                          "access size " + s(len) + ": OpenVM v2.0's memory only supports 4-cell accesses (debug_assert_eq!(block_size, "
                          "DEFAULT_BLOCK_SIZE), memory/online.rs:406); a larger operand is consecutive 4-cell accesses (R217)");
    // 5. assert_eq!(ptr % block_size, 0), a release assertion (memory/online.rs:410-414).
    if (ptr % BLOCK_SIZE != 0)
        return make_error(ErrorKind::UnalignedAccess,
                          "pointer " + s(ptr) + " is not a multiple of 4 (OpenVM panics: \"pointer not aligned to block_size\", "
                          "memory/online.rs:410) (R217)");
    // 6. MmapMemory::check_bounds panics "Memory access out of bounds" (memory/online/memmap.rs:43-47,198).
    // R330: the table's counts are the config's when it gives them.
    const std::uint64_t cells = address_space(config, as).num_cells;
    if (ptr >= cells || BLOCK_SIZE > cells - ptr)
        return make_error(ErrorKind::OutOfBounds, "access [" + s(ptr) + ", " + s(ptr) + " + 4) runs past address space " + s(as) + "'s " +
                                                      s(cells) + " cells (OpenVM panics \"Memory access out of bounds\", "
                                                      "memory/online/memmap.rs:198) (R217" + from_config(config) + ")");
    return {};
}

Status check_values(std::uint64_t as, std::span<const std::uint64_t> values) {
    const bool bytes = address_space(as).cells == CellType::u8;
    for (std::size_t i = 0; i < values.size(); ++i) {
        // A u8 address space's cells are Rust u8s (MemoryCellType::U8, arch/config.rs:339): a value
        // above 255 cannot be passed to TracingMemory::write::<u8, 4> at all.
        if (bytes && values[i] > 255)
            return make_error(ErrorKind::InvalidValue, "value " + s(values[i]) + " at index " + s(i) + " does not fit address space " + s(as) +
                                                           "'s u8 cells (MemoryCellType::U8) (R217)");
        if (values[i] >= BabyBear::P)
            return make_error(ErrorKind::InvalidValue, "value " + s(values[i]) + " at index " + s(i) +
                                                           " is not a field element (must be < p = 2013265921) (R217)");
    }
    return {};
}

Status check_clock(const MemoryConfig& c, std::uint64_t clock, std::uint64_t advance) {
    // OpenVM v2.0 does not check the clock while executing (TracingMemory adds with +=,
    // memory/online.rs:449,475,485); a run past 2^timestamp_max_bits cannot be proved, since the
    // memory bridge range-checks every timestamp difference in two limbs and the connector the
    // final timestamp. memspec refuses the operation instead.
    // (Written so that no sum overflows: `advance` is a parsed 64-bit number.)
    const std::uint64_t limit = c.timestamp_limit();
    if (clock >= limit || advance >= limit - clock)
        return make_error(ErrorKind::TimestampViolation, "advancing the clock " + s(clock) + " by " + s(advance) + " would reach 2^clk_max_bits = " +
                                                             s(limit) + " or beyond: no proof could range-check it (R215)");
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

Status check_image_cell(const MemoryConfig& config, std::uint64_t as, std::uint64_t ptr, std::uint64_t value) {
    // R214: after R4, R6 and R1 (build_image): the cell must exist in the table and fit its type;
    // R330: the table's counts are the config's when it gives them.
    const AddressSpace space = address_space(config, as);
    if (ptr >= space.num_cells)
        return make_error(ErrorKind::OutOfBounds, "pointer " + s(ptr) + " is not below address space " + s(as) + "'s " + s(space.num_cells) +
                                                      " cells in OpenVM v2.0 (R214" + from_config(config) + ")");
    if (space.cells == CellType::u8 && value > 255)
        return make_error(ErrorKind::InvalidValue, "value " + s(value) + " does not fit address space " + s(as) + "'s u8 cells (R214)");
    return {};
}

namespace {

constexpr std::array<std::string_view, 2> TAGS = {"v2.0.0", "v2.0.1"};

Status head(const MemoryConfig& c, std::uint64_t initial_block_size) {
    if (c.strict_alignment)
        return config_error("strict_alignment is a memspec extension of v1.0: OpenVM v2.0 always requires aligned 4-cell accesses (R217)");
    if (c.as_offset != AS_OFFSET)
        return config_error("as_offset = " + s(c.as_offset) + ": OpenVM v2.0 fixes ADDR_SPACE_OFFSET = 1 (arch/config.rs:40)");
    if (c.as_height != AS_HEIGHT)
        return config_error("as_height = " + s(c.as_height) + ": memspec models OpenVM v2.0's default address-space table, "
                                                                "addr_space_height = 3 (arch/config.rs:187-197)");
    if (c.pointer_max_bits != POINTER_MAX_BITS)
        return config_error("pointer_max_bits = " + s(c.pointer_max_bits) + ": OpenVM v2.0 uses POINTER_MAX_BITS = 29 "
                                                                          "(system/memory/mod.rs:30; its RV32 memory has 2^29 cells)");
    if (c.clk_max_bits > MAX_TIMESTAMP_BITS)
        return config_error("clk_max_bits = " + s(c.clk_max_bits) + ": SystemConfig::new asserts \"Timestamp max bits must be <= 29 for "
                                                                     "LessThan to work in 31-bit field\" (arch/config.rs:250)");
    const std::uint64_t limbs = (std::uint64_t{c.clk_max_bits} + c.decomp - 1) / c.decomp;
    if (limbs != 2)
        return config_error("clk_max_bits = " + s(c.clk_max_bits) + " with decomp = " + s(c.decomp) + " needs " + s(limbs) +
                            " timestamp limbs; the memory bridge has AUX_LEN = 2 (system/memory/offline_checker/bridge.rs:23-25), "
                            "so decomp < clk_max_bits <= 2*decomp");
    if (initial_block_size != BLOCK_SIZE)
        return config_error("initial_block_size = " + s(initial_block_size) +
                            ": OpenVM v2.0 tracks memory in blocks of DEFAULT_BLOCK_SIZE = 4 cells (arch/config.rs:125)");
    return {};
}

Status finalize(std::uint64_t finalize_chunk) {
    if (finalize_chunk == BLOCK_SIZE) return {};
    return config_error("finalize_chunk = " + s(finalize_chunk) + ": OpenVM v2.0 finalizes to its touched 4-cell blocks "
                                                                  "(TracingMemory::finalize, memory/online.rs:494-523)");
}

bool never_empty(std::optional<std::uint64_t>) { return false; }

// The conformance generator's config (conform/scenario_gen.cpp): R213 fixes the table and the
// pointer bits; clk_max_bits (drawn before) gets a decomp giving exactly two timestamp limbs, and
// the largest adapter size must admit the 4-cell block (R15 still applies, R213).
void random_config(ProfileRandom& rng, MemoryConfig& c) {
    c.as_offset = AS_OFFSET;
    c.as_height = AS_HEIGHT;
    c.pointer_max_bits = POINTER_MAX_BITS;
    const std::uint32_t lo = (c.clk_max_bits + 1) / 2, hi = c.clk_max_bits - 1;
    c.decomp = lo + static_cast<std::uint32_t>(rng.below(hi - lo + 1));
    if (c.max_access_adapter_n < BLOCK_SIZE) c.max_access_adapter_n = BLOCK_SIZE;
}

// R213's own rules, one of three chosen by the config at hand (the hook draws no randomness).
void break_own_rule(MemoryConfig& c) {
    switch (c.clk_max_bits % 3) {
        case 0: c.as_height = AS_HEIGHT - 1; break;                // item 3: another table
        case 1: c.pointer_max_bits = POINTER_MAX_BITS - 1; break;  // item 4
        default: c.as_offset = AS_OFFSET + 1; break;               // item 2
    }
}

}  // namespace

}  // namespace v2_0

const ProfileEntry& openvm_v2_0_profile() {
    static const ProfileEntry entry{
        .id = Profile::openvm_v2_0,
        .name = "openvm-v2.0",
        .openvm_tags = v2_0::TAGS,
        .semantics = Semantics::openvm_v2_0,
        .c_abi_code = 3,  // R238: MEMSPEC_PROFILE_OPENVM_V2_0
        .summary = "OpenVM v2.0's memory: aligned 4-cell accesses, one last-access timestamp per block, no access adapters",
        .chunk = v2_0::BLOCK_SIZE,
        .check_head = v2_0::head,
        .check_finalize = v2_0::finalize,
        .image_must_be_empty = v2_0::never_empty,
        .check_image_cell = v2_0::check_image_cell,
        .records = {.access = true, .adapter = false, .final_blocks = true},
        .result_roots = false,
        .chips = ChipSetId::openvm_v2_0,
        .random_config = v2_0::random_config,
        .break_ways = 10,
        .break_own_rule = v2_0::break_own_rule,
        .finalize_order_free = false,
        .setup_shrinkable = false,
        .check_num_cells = v2_0::check_num_cells,
    };
    return entry;
}

}  // namespace memspec
