// OpenVM v1.7.0's persistent memory as a profile (R309, R311): v1.4's TracingMemory, config and
// v1.0's chips, except the Merkle chip, which adds to v1.6.0's the column parent_height_inv and
// parent_height * parent_height_inv = 1 on rows with expand_direction != 0 (commit bb123f6073,
// crates/vm/src/system/memory/merkle/air.rs:118-121 and merkle/columns.rs:15 at v1.7.0). Between
// v1.6.0 and v1.7.0 only merkle/air.rs, merkle/columns.rs, merkle/tree.rs (the new column's value)
// and the Merkle tests change in crates/vm/src/system/memory (R309). Its volatile memory is
// openvm-v1.4-volatile's.
#include "spec/vocabulary/profiles/openvm_v1_4.hpp"

#include <array>

#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec {

namespace v1_7 {
namespace {

constexpr std::array<std::string_view, 1> TAGS = {"v1.7.0"};
constexpr std::string_view PERSISTENT = "openvm-v1.7-persistent";

Status head(const MemoryConfig& c, std::uint64_t ibs) { return v1_4::persistent_head_of(PERSISTENT, c, ibs); }
Status finalize(std::uint64_t chunk) { return v1_4::persistent_finalize_of(PERSISTENT, chunk); }

}  // namespace
}  // namespace v1_7

const ProfileEntry& openvm_v1_7_persistent_profile() {
    static const ProfileEntry entry = v1_4::persistent_entry(
        Profile::openvm_v1_7_persistent, v1_7::PERSISTENT, v1_7::TAGS,
        "OpenVM v1.7's persistent memory: v1.4's memory, CHUNK 8, the Merkle chip of v1.6 plus parent_height_inv",
        ChipSetId::openvm_v1_7,  // R311
        v1_7::head, v1_7::finalize,
        7,      // R323: MEMSPEC_PROFILE_OPENVM_V1_7_PERSISTENT
        true);  // R320: `memspec diff` generates its scenarios (v1.4's generator)
    return entry;
}

}  // namespace memspec
