// R210: the profile registry. Every profile is one registry entry with every piece a profile must
// have — a name that round-trips, a config check, a finalize check, an image rule, a semantics
// family with both engines, a chip set — so a profile added without one of them fails here.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "engines/engines.hpp"
#include "spec/vocabulary/profiles/registry.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec {
namespace {

// Every enumerator of Profile. The switch has no default and -Wswitch is an error here, so a new
// enumerator does not compile until it is listed, and then the tests below ask for its entry.
#pragma GCC diagnostic push
#pragma GCC diagnostic error "-Wswitch"
bool listed(Profile p) {
    switch (p) {
        case Profile::generalized:
        case Profile::openvm_v1_0_volatile:
        case Profile::openvm_v1_0_persistent:
        case Profile::openvm_v2_0:
        case Profile::openvm_v1_4_volatile:
        case Profile::openvm_v1_4_persistent:
        case Profile::openvm_v1_6_persistent:
        case Profile::openvm_v1_7_persistent:
            return true;
    }
    return false;
}
#pragma GCC diagnostic pop

const std::vector<Profile>& every_enumerator() {
    static const std::vector<Profile> all = {Profile::generalized, Profile::openvm_v1_0_volatile, Profile::openvm_v1_0_persistent,
                                              Profile::openvm_v2_0, Profile::openvm_v1_4_volatile, Profile::openvm_v1_4_persistent,
                                              Profile::openvm_v1_6_persistent, Profile::openvm_v1_7_persistent};
    return all;
}

TEST(ProfileRegistry, R210_every_enumerator_has_exactly_one_entry) {
    for (Profile p : every_enumerator()) {
        ASSERT_TRUE(listed(p));
        int n = 0;
        for (const ProfileEntry& e : profile_registry()) n += e.id == p;
        EXPECT_EQ(n, 1) << "profile enumerator " << static_cast<int>(p);
        EXPECT_EQ(profile_entry(p).id, p);
    }
    EXPECT_EQ(profile_registry().size(), every_enumerator().size());
}

TEST(ProfileRegistry, R210_names_are_distinct_and_round_trip) {
    std::set<std::string_view> names;
    for (const ProfileEntry& e : profile_registry()) {
        EXPECT_FALSE(e.name.empty());
        EXPECT_TRUE(names.insert(e.name).second) << e.name;
        ASSERT_TRUE(profile_from_name(e.name).has_value()) << e.name;
        EXPECT_EQ(*profile_from_name(e.name), e.id);
        EXPECT_EQ(profile_name(e.id), e.name);
        EXPECT_FALSE(e.summary.empty()) << e.name;
    }
    EXPECT_FALSE(profile_from_name("openvm-v1.0").has_value());
    EXPECT_FALSE(profile_from_name("").has_value());
}

TEST(ProfileRegistry, R210_every_entry_has_its_rules) {
    for (const ProfileEntry& e : profile_registry()) {
        SCOPED_TRACE(std::string(e.name));
        ASSERT_NE(e.check_head, nullptr);
        ASSERT_NE(e.check_finalize, nullptr);
        ASSERT_NE(e.image_must_be_empty, nullptr);
        EXPECT_TRUE(e.records.access) << "every profile emits its accesses";
        // A generator hook comes with its ways to break a config: R3's seven at least, and the
        // profile's own rule when it counts more.
        if (e.random_config) {
            EXPECT_GE(e.break_ways, 7u);
            if (e.break_ways > 7) {
                EXPECT_NE(e.break_own_rule, nullptr);
            }
        }
        // A profile that fixes the chunk accepts its own chunk and no other at finalize.
        if (e.chunk) {
            EXPECT_TRUE(e.check_finalize(*e.chunk));
            EXPECT_FALSE(e.check_finalize(*e.chunk * 2));
        }
    }
}

TEST(ProfileRegistry, R210_every_family_has_both_engines) {
    for (const ProfileEntry& e : profile_registry()) {
        SCOPED_TRACE(std::string(e.name));
        for (const engines::NamedEngine& named : engines::all())
            EXPECT_NE(engines::family_engine(e.semantics, named.name), nullptr) << semantics_name(e.semantics) << " has no " << named.name;
    }
}

TEST(ProfileRegistry, R210_every_entry_names_a_chip_set_and_c_abi_codes_are_distinct) {
    std::set<int> codes;
    for (const ProfileEntry& e : profile_registry()) {
        EXPECT_NE(chip_set_name(e.chips), "unknown") << e.name;
        EXPECT_NE(semantics_name(e.semantics), "unknown") << e.name;
        if (e.c_abi_code >= 0) {
            EXPECT_TRUE(codes.insert(e.c_abi_code).second) << e.name;
        }
    }
    // The C ABI's values are fixed by include/memspec/memspec.h.
    EXPECT_EQ(profile_entry(Profile::generalized).c_abi_code, 0);
    EXPECT_EQ(profile_entry(Profile::openvm_v1_0_volatile).c_abi_code, 1);
    EXPECT_EQ(profile_entry(Profile::openvm_v1_0_persistent).c_abi_code, 2);
    EXPECT_EQ(profile_entry(Profile::openvm_v2_0).c_abi_code, 3);  // R238: MEMSPEC_PROFILE_OPENVM_V2_0
    // R323: MEMSPEC_PROFILE_OPENVM_V1_4_VOLATILE and _PERSISTENT.
    EXPECT_EQ(profile_entry(Profile::openvm_v1_4_volatile).c_abi_code, 4);
    EXPECT_EQ(profile_entry(Profile::openvm_v1_4_persistent).c_abi_code, 5);
    // R323: MEMSPEC_PROFILE_OPENVM_V1_6_PERSISTENT and _V1_7_PERSISTENT.
    EXPECT_EQ(profile_entry(Profile::openvm_v1_6_persistent).c_abi_code, 6);
    EXPECT_EQ(profile_entry(Profile::openvm_v1_7_persistent).c_abi_code, 7);
}

// The registry's data for today's profiles, as R3a and R75a state it.
TEST(ProfileRegistry, R210_v1_entries_state_R3a) {
    EXPECT_EQ(profile_chunk(Profile::openvm_v1_0_volatile), 1u);
    EXPECT_EQ(profile_chunk(Profile::openvm_v1_0_persistent), 8u);
    EXPECT_FALSE(profile_chunk(Profile::generalized).has_value());
    EXPECT_TRUE(profile_has_roots(Profile::openvm_v1_0_persistent));
    EXPECT_FALSE(profile_has_roots(Profile::openvm_v1_0_volatile));
    EXPECT_FALSE(profile_has_roots(Profile::generalized));
    EXPECT_TRUE(image_must_be_empty(Profile::openvm_v1_0_volatile, std::nullopt));
    EXPECT_FALSE(image_must_be_empty(Profile::openvm_v1_0_persistent, 8u));
    EXPECT_TRUE(image_must_be_empty(Profile::generalized, 1u));
    EXPECT_FALSE(image_must_be_empty(Profile::generalized, 8u));
    EXPECT_EQ(profile_names_quoted(), R"("openvm-v1.0-volatile", "openvm-v1.0-persistent", "generalized", "openvm-v2.0", "openvm-v1.4-volatile", "openvm-v1.4-persistent", "openvm-v1.6-persistent" or "openvm-v1.7-persistent")");
}

}  // namespace
}  // namespace memspec
