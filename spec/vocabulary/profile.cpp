// The profile functions shared code calls, answered by the registry (R210): nothing here knows a
// particular profile.
#include "spec/vocabulary/profile.hpp"

#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec {

std::string_view profile_name(Profile profile) { return profile_entry(profile).name; }

std::optional<Profile> profile_from_name(std::string_view name) {
    if (const ProfileEntry* e = profile_entry_named(name)) return e->id;
    return std::nullopt;
}

std::optional<std::uint32_t> profile_chunk(Profile profile) { return profile_entry(profile).chunk; }

Status check_profile_head(Profile p, const MemoryConfig& c, std::uint64_t initial_block_size) {
    return profile_entry(p).check_head(c, initial_block_size);
}

Status check_profile_finalize(Profile p, std::uint64_t finalize_chunk) { return profile_entry(p).check_finalize(finalize_chunk); }

bool image_must_be_empty(Profile profile, std::optional<std::uint64_t> finalize_chunk) {
    return profile_entry(profile).image_must_be_empty(finalize_chunk);
}

bool profile_has_roots(Profile profile) { return profile_entry(profile).result_roots; }

}  // namespace memspec
