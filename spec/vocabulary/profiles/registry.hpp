// The profile registry (R210): one entry per profile, each a plain struct of data and functions, so
// that what differs between OpenVM versions is stated once, where the version is described, and
// shared code asks the entry instead of comparing profiles. A new OpenVM version arrives as a new
// file in this folder (its entry and its config rules), one line in registry.cpp, and its engines
// in engines/engines.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/profile.hpp"

namespace memspec {

// The generation of memory semantics a profile follows: which pair of engines (oracle, impl)
// executes it (engines/engines.hpp maps each family to its factories).
enum class Semantics {
    openvm_v1_0,  // online Memory + OfflineMemory with access adapters (R1-R29)
    openvm_v2_0,  // TracingMemory: one last-access timestamp per aligned 4-cell block (R211-R229)
    openvm_v1_4,  // TracingMemory with per-space minimum blocks and access adapters (R260-R271)
};
std::string_view semantics_name(Semantics semantics);

// The chips the AIR layer builds for a profile's traces (spec/air/chips.hpp).
enum class ChipSetId {
    openvm_v1_0_by_chunk,  // v1.0's chips; the boundary follows finalize_chunk (1 volatile, 8 persistent)
    openvm_v2_0,           // v2.0's chips: 4-cell accesses, persistent boundary with two timestamps, Merkle side (R223)
    openvm_v1_6,           // v1.0's chips with OpenVM v1.6.0's Merkle chip: root rows' labels 0 (R310)
    openvm_v1_7,           // v1.0's chips with OpenVM v1.7.0's Merkle chip, which is v2.0's (R311, R227)
    none,                  // no chips modelled for this profile yet: traces are refused (R212)
};
std::string_view chip_set_name(ChipSetId chips);

// The record kinds a run under a profile may emit (spec/interchange.md, "Result").
struct RecordKinds {
    bool access = true;
    bool adapter = true;
    bool final_blocks = true;
};

// A source of uniform draws, for the conformance generator's per-profile config hook (so the
// generator's draws stay those of conform/scenario_gen.cpp whatever the profile).
class ProfileRandom {
public:
    virtual ~ProfileRandom() = default;
    virtual std::uint64_t below(std::uint64_t n) = 0;  // uniform in [0, n); n > 0
    bool one_in(std::uint64_t n) { return below(n) == 0; }
    template <class T, std::size_t N>
    T pick(const T (&items)[N]) {
        return items[below(N)];
    }
};

struct ProfileEntry {
    Profile id;
    std::string_view name;                          // the scenario's "profile" value; round-trips
    std::span<const std::string_view> openvm_tags;  // the OpenVM releases it describes (empty: none)
    Semantics semantics;
    int c_abi_code;                                 // its memspec_profile value in the C ABI; -1: none
    std::string_view summary;                       // one line for --help and errors
    // The one block size it fixes for both initial_block_size and finalize_chunk; none: free.
    std::optional<std::uint32_t> chunk;
    // R3a / R213: its config rules, checked after R3 and R15, then its initial_block_size rule.
    Status (*check_head)(const MemoryConfig& config, std::uint64_t initial_block_size);
    // R3a / R213: its finalize_chunk rule (called only when a finalize_chunk is given).
    Status (*check_finalize)(std::uint64_t finalize_chunk);
    // R13: must the initial image be empty, given the finalize_chunk?
    bool (*image_must_be_empty)(std::optional<std::uint64_t> finalize_chunk);
    // R214: its own rule for one initial cell, after R4, R6 and R1 (nullptr: none); the config gives
    // its address-space table (R330).
    Status (*check_image_cell)(const MemoryConfig& config, std::uint64_t address_space, std::uint64_t pointer, std::uint64_t value);
    RecordKinds records;
    bool result_roots;  // does its result carry "roots" (R75a)?
    ChipSetId chips;
    // The conformance generator (conform/scenario_gen.cpp): after the common draws (clk_max_bits,
    // max_access_adapter_n), the profile draws the rest of a config within its rules...
    void (*random_config)(ProfileRandom& rng, MemoryConfig& config);
    // ...and, to break a config, how many ways it knows (R3's seven, plus its own), and its last way.
    std::uint32_t break_ways;
    void (*break_own_rule)(MemoryConfig& config);
    // R23: OpenVM v1.0 visits finalize's blocks in hash-set order, so `diff` accepts any order.
    bool finalize_order_free;
    // The shrinker may change initial_block_size and finalize_chunk (only where the profile leaves them free).
    bool setup_shrinkable;
    // R262: does it accept config.legacy_v1_3_mem_align (OpenVM v1.4's legacy-v1-3-mem-align feature)?
    bool legacy_mem_align_switch = false;
    // R330: its rule for config.num_cells (OpenVM v2.0's per-address-space cell counts), called
    // after its config rules when the config gives them; nullptr: the profile has no such key.
    Status (*check_num_cells)(const MemoryConfig& config) = nullptr;
};

// Every registered profile, in registration order (the order `memspec diff` runs them).
std::span<const ProfileEntry> profile_registry();
// The entry of a profile (every enumerator has one: tests/unit/profile_registry_test.cpp).
const ProfileEntry& profile_entry(Profile profile);
// The entry named `name`; nullptr for a name no profile has.
const ProfileEntry* profile_entry_named(std::string_view name);
// "a", "b" or "c": every registered name, for error messages.
std::string profile_names_quoted();

// The entries themselves, one per file in this folder (registered in registry.cpp).
const ProfileEntry& generalized_profile();
const ProfileEntry& openvm_v1_0_volatile_profile();
const ProfileEntry& openvm_v1_0_persistent_profile();
const ProfileEntry& openvm_v2_0_profile();
const ProfileEntry& openvm_v1_4_volatile_profile();
const ProfileEntry& openvm_v1_4_persistent_profile();
const ProfileEntry& openvm_v1_6_persistent_profile();
const ProfileEntry& openvm_v1_7_persistent_profile();

}  // namespace memspec
