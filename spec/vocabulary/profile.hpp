// Profiles (R3a, R210): which semantics and configurations a scenario may use; each enumerator is
// described by one entry of the registry (spec/vocabulary/profiles/registry.hpp), which the
// functions below consult. A profile is named and versioned, so a vector file says exactly what it
// tests: OpenVM v1.0 as it builds its volatile or its persistent memory, memspec's generalization
// of both (other block sizes, other limb counts), or OpenVM v2.0's memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/error.hpp"

namespace memspec {

enum class Profile {
    generalized,              // today's extensions; the default when a document names none
    openvm_v1_0_volatile,     // CHUNK 1, initial block size 1, empty initial image
    openvm_v1_0_persistent,   // CHUNK 8, initial block size 8, Merkle roots in the result
    openvm_v2_0,              // OpenVM v2.0.0/v2.0.1: aligned 4-cell accesses, no adapters (R211)
    openvm_v1_4_volatile,     // OpenVM v1.4.0-v1.7.0, CHUNK 1: per-space minimum blocks (R260)
    openvm_v1_4_persistent,   // OpenVM v1.4.0-v1.5.0, CHUNK 8 (R260, R309)
    openvm_v1_6_persistent,   // OpenVM v1.6.0: v1.4's memory, the Merkle chip's root labels 0 (R309, R310)
    openvm_v1_7_persistent,   // OpenVM v1.7.0: also parent_height_inv in the Merkle chip (R309, R311)
};

std::string_view profile_name(Profile profile);
std::optional<Profile> profile_from_name(std::string_view name);

// The one block size an OpenVM profile fixes for both initial_block_size and finalize_chunk (1 or 8);
// none for generalized.
std::optional<std::uint32_t> profile_chunk(Profile profile);

// R3a, checked after R3 and R15: the assertions OpenVM v1.0 makes when it builds the memory
// controller for this profile, then the profile's initial_block_size.
Status check_profile_head(Profile profile, const MemoryConfig& config, std::uint64_t initial_block_size);

// R3a, checked after R26: the profile's finalize_chunk (absent is allowed: nothing is finalized).
Status check_profile_finalize(Profile profile, std::uint64_t finalize_chunk);

// R13: must the initial image be empty? Under the volatile profile always; under generalized when
// the volatile boundary (finalize_chunk = 1) is asked for.
bool image_must_be_empty(Profile profile, std::optional<std::uint64_t> finalize_chunk);

// R75a: does a result under this profile carry roots?
bool profile_has_roots(Profile profile);

}  // namespace memspec
