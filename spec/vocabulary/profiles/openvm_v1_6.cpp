// OpenVM v1.6.0's persistent memory as a profile (R309, R310): v1.4's TracingMemory, config and
// v1.0's chips, except the Merkle chip, whose root rows have both labels 0 (commit 790f090ec8,
// crates/vm/src/system/memory/merkle/air.rs:78-85 at v1.6.0). Between v1.5.0 and v1.6.0 only
// merkle/air.rs and its tests change in crates/vm/src/system/memory (R309). Its volatile memory is
// openvm-v1.4-volatile's.
#include "spec/vocabulary/profiles/openvm_v1_4.hpp"

#include <array>

#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec {

namespace v1_6 {
namespace {

constexpr std::array<std::string_view, 1> TAGS = {"v1.6.0"};
constexpr std::string_view PERSISTENT = "openvm-v1.6-persistent";

Status head(const MemoryConfig& c, std::uint64_t ibs) { return v1_4::persistent_head_of(PERSISTENT, c, ibs); }
Status finalize(std::uint64_t chunk) { return v1_4::persistent_finalize_of(PERSISTENT, chunk); }

}  // namespace
}  // namespace v1_6

const ProfileEntry& openvm_v1_6_persistent_profile() {
    static const ProfileEntry entry = v1_4::persistent_entry(
        Profile::openvm_v1_6_persistent, v1_6::PERSISTENT, v1_6::TAGS,
        "OpenVM v1.6's persistent memory: v1.4's memory, CHUNK 8, the Merkle chip's root rows labelled 0",
        ChipSetId::openvm_v1_6,  // R310
        v1_6::head, v1_6::finalize,
        6,      // R323: MEMSPEC_PROFILE_OPENVM_V1_6_PERSISTENT
        true);  // R320: `memspec diff` generates its scenarios (v1.4's generator)
    return entry;
}

}  // namespace memspec
