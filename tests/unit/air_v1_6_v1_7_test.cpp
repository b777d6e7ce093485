// OpenVM v1.6.0 and v1.7.0 as profiles (R309-R311): which profile stands for which tag, that their
// memory is v1.4's, that their chips are v1.0's but for the Merkle chip (v1.6.0: root rows labelled
// 0; v1.7.0: v2.0.0's chip), that their runs are traced with their own chips and accepted on both
// engines, and a targeted mutation for each constraint those Merkle chips add.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "spec/air/check.hpp"
#include "spec/air/chips.hpp"
#include "spec/air/tracegen.hpp"
#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/merkle.hpp"
#include "spec/vocabulary/profiles/registry.hpp"
#include "tests/support/engines.hpp"
#include "tests/unit/air_fixtures.hpp"

namespace memspec {
namespace {

using air::Trace;
using air::Variant;
using airtest::air_named;
using airtest::describe;
BabyBear f(std::int64_t x) { return BabyBear::from_i64(x); }

// A persistent scenario of the v1.4 family under `profile`, with a small clock (10 bits in limbs of
// 5, allowed by R261), an image and accesses in spaces 2 and 4, as tests/data/v1_4/persistent.json.
Scenario persistent_scenario(Profile profile) {
    Scenario sc;
    sc.profile = profile;
    sc.config.clk_max_bits = 10;
    sc.config.decomp = 5;
    sc.initial_block_size = 8;
    sc.finalize_chunk = 8;
    sc.initial_memory = {{2, 5, 55}, {4, 3, 9}};
    sc.ops = {Op::write(2, 0, {1, 2, 3, 4}), Op::read(2, 4, 8), Op::write(4, 3, {7}), Op::tick(2), Op::read(4, 0, 8)};
    return sc;
}

std::optional<airtest::TracedAirs> trace_run(const char* engine, const Scenario& sc, std::string* why = nullptr) {
    return airtest::trace_run(*engines::by_name(engine), sc, why);
}

std::vector<std::string> column_names(const air::Air& a) { return a.columns; }

std::set<std::pair<std::string, std::string>> constraints(const air::Air& a) {
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& c : a.constraints) out.insert({c.name, c.rule});
    return out;
}

// R309: every OpenVM release tag from v1.0.0 to v2.0.1 (the tags of the mirror, release candidates
// left out), written out here rather than taken from the registry.
const std::vector<std::string_view> RELEASE_TAGS = {"v1.0.0", "v1.1.0", "v1.1.1", "v1.1.2", "v1.2.0", "v1.3.0", "v1.4.0", "v1.4.1",
                                                    "v1.4.2", "v1.4.3", "v1.5.0", "v1.6.0", "v1.7.0", "v2.0.0", "v2.0.1"};

// R309: each tag has exactly one profile per boundary kind (a profile fixing chunk 1 is volatile, any
// other fixed chunk persistent; generalized fixes none and stands for no tag). v2.0 has no volatile
// memory, so its tags have one persistent profile and no volatile one.
TEST(AirV16V17, R309_every_tag_has_one_profile_per_boundary_kind) {
    const std::map<std::string_view, std::pair<std::string_view, std::string_view>> expected = {
        {"v1.0.0", {"openvm-v1.0-volatile", "openvm-v1.0-persistent"}}, {"v1.1.0", {"openvm-v1.0-volatile", "openvm-v1.0-persistent"}},
        {"v1.1.1", {"openvm-v1.0-volatile", "openvm-v1.0-persistent"}}, {"v1.1.2", {"openvm-v1.0-volatile", "openvm-v1.0-persistent"}},
        {"v1.2.0", {"openvm-v1.0-volatile", "openvm-v1.0-persistent"}}, {"v1.3.0", {"openvm-v1.0-volatile", "openvm-v1.0-persistent"}},
        {"v1.4.0", {"openvm-v1.4-volatile", "openvm-v1.4-persistent"}}, {"v1.4.1", {"openvm-v1.4-volatile", "openvm-v1.4-persistent"}},
        {"v1.4.2", {"openvm-v1.4-volatile", "openvm-v1.4-persistent"}}, {"v1.4.3", {"openvm-v1.4-volatile", "openvm-v1.4-persistent"}},
        {"v1.5.0", {"openvm-v1.4-volatile", "openvm-v1.4-persistent"}}, {"v1.6.0", {"openvm-v1.4-volatile", "openvm-v1.6-persistent"}},
        {"v1.7.0", {"openvm-v1.4-volatile", "openvm-v1.7-persistent"}}, {"v2.0.0", {"", "openvm-v2.0"}},
        {"v2.0.1", {"", "openvm-v2.0"}},
    };
    for (std::string_view tag : RELEASE_TAGS) {
        SCOPED_TRACE(std::string(tag));
        std::vector<std::string_view> volatile_profiles, persistent_profiles;
        for (const ProfileEntry& e : profile_registry())
            for (std::string_view t : e.openvm_tags)
                if (t == tag) {
                    ASSERT_TRUE(e.chunk.has_value()) << e.name;
                    (*e.chunk == 1 ? volatile_profiles : persistent_profiles).push_back(e.name);
                }
        const auto& [vol, per] = expected.at(tag);
        ASSERT_EQ(persistent_profiles.size(), 1u);
        EXPECT_EQ(persistent_profiles[0], per);
        if (vol.empty()) {
            EXPECT_TRUE(volatile_profiles.empty());
        } else {
            ASSERT_EQ(volatile_profiles.size(), 1u);
            EXPECT_EQ(volatile_profiles[0], vol);
        }
    }
    // No profile names a tag outside the list.
    for (const ProfileEntry& e : profile_registry())
        for (std::string_view t : e.openvm_tags) EXPECT_TRUE(expected.count(t)) << e.name << " names " << t;
}

// R309: the v1.6 and v1.7 profiles run v1.4's memory: same engines, config rules (each error naming
// its own profile), and, on both engines, the same result as openvm-v1.4-persistent.
class V16V17Engines : public testing::EachEngine {};
MEMSPEC_ON_EACH_ENGINE(V16V17Engines);

TEST_P(V16V17Engines, R309_v1_6_and_v1_7_run_v1_4s_memory) {
    const auto v14 = run(persistent_scenario(Profile::openvm_v1_4_persistent));
    ASSERT_TRUE(v14.ok()) << v14.error().message;
    for (Profile p : {Profile::openvm_v1_6_persistent, Profile::openvm_v1_7_persistent}) {
        const ProfileEntry& e = profile_entry(p);
        SCOPED_TRACE(std::string(e.name));
        EXPECT_EQ(e.semantics, Semantics::openvm_v1_4);
        EXPECT_EQ(e.chunk, std::optional<std::uint32_t>(8u));
        EXPECT_FALSE(e.result_roots);
        EXPECT_TRUE(e.legacy_mem_align_switch);
        const auto r = run(persistent_scenario(p));
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r->reads, v14->reads);
        EXPECT_EQ(r->records, v14->records);
        EXPECT_EQ(r->adapter_records, v14->adapter_records);
        EXPECT_EQ(r->final_memory, v14->final_memory);
        EXPECT_EQ(r->final_timestamp, v14->final_timestamp);
        // R261 under the new name: as_height 2 is refused, the message naming the profile and R261.
        Scenario bad = persistent_scenario(p);
        bad.config.as_height = 2;
        auto s = validate_setup(bad);
        ASSERT_FALSE(s.ok());
        EXPECT_EQ(s.error().kind, ErrorKind::InvalidConfig);
        EXPECT_NE(s.error().message.find(std::string(e.name)), std::string::npos) << s.error().message;
        EXPECT_NE(s.error().message.find("R261"), std::string::npos) << s.error().message;
    }
}

// R310: OpenVM v1.6.0's chips are v1.0's with two constraints more in the Merkle chip (both root
// labels 0, merkle/air.rs:78-85 at v1.6.0) and no new column.
TEST(AirV16V17, R310_v1_6_chips_are_v1_0s_with_root_labels_zero) {
    const MemoryConfig c = persistent_scenario(Profile::openvm_v1_6_persistent).config;
    ASSERT_TRUE(air::traceable(c, 8, Variant::OpenVmV1_6).ok());
    const auto v10 = air::make_chip_set(c, 8, Variant::OpenVmV1_0).airs();
    const auto v16 = air::make_chip_set(c, 8, Variant::OpenVmV1_6).airs();
    ASSERT_EQ(v10.size(), v16.size());
    for (std::size_t i = 0; i < v10.size(); ++i) {
        SCOPED_TRACE(v10[i].name);
        EXPECT_EQ(v10[i].name, v16[i].name);
        EXPECT_EQ(column_names(v10[i]), column_names(v16[i]));
        EXPECT_EQ(v10[i].interactions.size(), v16[i].interactions.size());
        auto extra = constraints(v16[i]);
        for (const auto& k : constraints(v10[i])) EXPECT_EQ(extra.erase(k), 1u) << k.first;
        if (v10[i].name == "memory_merkle") {
            EXPECT_EQ(extra, (std::set<std::pair<std::string, std::string>>{{"memory_merkle.root_as_label_zero", "R310"},
                                                                            {"memory_merkle.root_address_label_zero", "R310"}}));
        } else {
            EXPECT_TRUE(extra.empty());
        }
    }
    // Only the persistent chips with a Merkle side are v1.6.0's.
    EXPECT_FALSE(air::traceable(c, 1, Variant::OpenVmV1_6).ok());
    EXPECT_FALSE(air::traceable(c, 1, Variant::OpenVmV1_7).ok());
}

// R311: OpenVM v1.7.0's chips are v1.0's with v2.0.0's Merkle chip (merkle/air.rs and
// merkle/columns.rs at v1.7.0 and v2.0.0 differ only in derives and imports): v1.6.0's constraints,
// the column parent_height_inv after parent_height and parent_height_nonzero.
TEST(AirV16V17, R311_v1_7_chips_are_v1_0s_with_v2_0s_merkle_chip) {
    const MemoryConfig c = persistent_scenario(Profile::openvm_v1_7_persistent).config;
    const air::ChipSet v17 = air::make_chip_set(c, 8, Variant::OpenVmV1_7);
    const air::ChipSet v10 = air::make_chip_set(c, 8, Variant::OpenVmV1_0);
    const air::Air v20_merkle = air::make_memory_merkle_chip(c, Variant::OpenVmV2_0).air;
    EXPECT_EQ(column_names(v17.memory_merkle.air), column_names(v20_merkle));
    EXPECT_EQ(constraints(v17.memory_merkle.air), constraints(v20_merkle));
    std::vector<std::string> cols = column_names(v10.memory_merkle.air);
    cols.insert(cols.begin() + 3, "parent_height_inv");  // expand_direction, height_section, parent_height, then it
    EXPECT_EQ(column_names(v17.memory_merkle.air), cols);
    auto extra = constraints(v17.memory_merkle.air);
    for (const auto& k : constraints(v10.memory_merkle.air)) EXPECT_EQ(extra.erase(k), 1u) << k.first;
    std::set<std::string> names;
    for (const auto& k : extra) names.insert(k.first);
    EXPECT_EQ(names, (std::set<std::string>{"memory_merkle.root_as_label_zero", "memory_merkle.root_address_label_zero",
                                            "memory_merkle.parent_height_nonzero"}));
    const auto a17 = v17.airs(), a10 = v10.airs();
    ASSERT_EQ(a17.size(), a10.size());
    for (std::size_t i = 0; i < a10.size(); ++i)
        if (a10[i].name != "memory_merkle") {
            EXPECT_EQ(column_names(a17[i]), column_names(a10[i])) << a10[i].name;
            EXPECT_EQ(constraints(a17[i]), constraints(a10[i])) << a10[i].name;
        }
}

// R310, R311, R212: a run of each profile is traced with its own tag's chips (the trace set says so)
// and accepted on both engines; another version's chips are refused, and v1.4-persistent's runs are
// not traced with v1.6's or v1.7's chips.
TEST_P(V16V17Engines, R310_R311_runs_are_traced_with_their_own_chips_and_accepted) {
    const std::vector<std::pair<Profile, Variant>> cases = {{Profile::openvm_v1_6_persistent, Variant::OpenVmV1_6},
                                                            {Profile::openvm_v1_7_persistent, Variant::OpenVmV1_7}};
    for (const auto& [profile, variant] : cases) {
        const Scenario sc = persistent_scenario(profile);
        SCOPED_TRACE(std::string(profile_name(profile)));
        auto setup = validate_setup(sc);
        ASSERT_TRUE(setup.ok());
        auto result = run(sc);
        ASSERT_TRUE(result.ok());
        auto traces = air::generate_traces(*setup, *result);
        ASSERT_TRUE(traces.ok()) << traces.error().message;
        EXPECT_EQ(traces->variant, variant);
        EXPECT_EQ(traces->chunk, 8u);
        const air::Verdict v = air::check(*traces);
        EXPECT_TRUE(v.accepted) << describe(v);
        // Its own variant named explicitly is the same trace set.
        auto again = air::generate_traces(*setup, *result, variant);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(*again, *traces);
        // The root rows' labels are 0 and the public roots are memspec's tree's (R75).
        const Trace* m = traces->find("memory_merkle");
        ASSERT_NE(m, nullptr);
        const air::Air merkle = air::make_memory_merkle_chip(sc.config, variant == Variant::OpenVmV1_7 ? Variant::OpenVmV2_0 : variant).air;
        for (std::size_t r = 0; r < 2; ++r) {
            EXPECT_EQ(m->at(r, *merkle.column("is_root")), f(1));
            EXPECT_EQ(m->at(r, *merkle.column("parent_as_label")), f(0));
            EXPECT_EQ(m->at(r, *merkle.column("parent_address_label")), f(0));
        }
        for (Variant other : {Variant::FixedAdapter, Variant::OpenVmV2_0,
                              variant == Variant::OpenVmV1_6 ? Variant::OpenVmV1_7 : Variant::OpenVmV1_6}) {
            auto refused = air::generate_traces(*setup, *result, other);
            ASSERT_FALSE(refused.ok()) << air::to_string(other);
            EXPECT_EQ(refused.error().kind, ErrorKind::Untraceable);
            EXPECT_NE(refused.error().message.find("R212"), std::string::npos) << refused.error().message;
        }
    }
    const Scenario v14 = persistent_scenario(Profile::openvm_v1_4_persistent);
    auto setup = validate_setup(v14);
    ASSERT_TRUE(setup.ok());
    auto result = run(v14);
    ASSERT_TRUE(result.ok());
    for (Variant other : {Variant::OpenVmV1_6, Variant::OpenVmV1_7}) {
        auto refused = air::generate_traces(*setup, *result, other);
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().kind, ErrorKind::Untraceable);
    }
}

void set(Trace& t, const air::Air& a, std::size_t row, const std::string& col, BabyBear v) {
    auto c = a.column(col);
    ASSERT_TRUE(c.has_value()) << col;
    t.at(row, *c) = v;
}

struct Mutation {
    std::string target;
    std::function<void(Trace&, const air::Air&)> edit;
};

// R310, R311: one targeted mutation per constraint the v1.6.0 and v1.7.0 Merkle chips add to v1.0's
// (rows 0 and 1 are the root rows, initial then final; the last row with e != 0 is at parent height 1):
// exactly the named constraint fails, and the checker's verdict names it with its rule. v1.0's chip
// (openvm-v1.4-persistent) accepts the label mutations on their constraints, which is R282's gap.
TEST(AirV16V17Mutation, R310_R311_every_new_merkle_constraint_has_a_targeted_mutation) {
    const std::string mm = "memory_merkle.";
    const std::vector<Mutation> label_mutations = {
        {mm + "root_as_label_zero", [](Trace& t, const air::Air& a) { set(t, a, 0, "parent_as_label", f(1)); }},
        {mm + "root_address_label_zero", [](Trace& t, const air::Air& a) { set(t, a, 1, "parent_address_label", f(1)); }},
    };
    // The last row that takes part in the tree (e != 0; below it come padding rows, e = 0).
    const Mutation height_mutation{mm + "parent_height_nonzero", [](Trace& t, const air::Air& a) {
                                       std::size_t r = t.height - 1;
                                       while (r > 0 && t.at(r, *a.column("expand_direction")) == f(0)) --r;
                                       set(t, a, r, "parent_height_inv", f(0));
                                   }};
    const std::vector<std::tuple<Profile, std::vector<Mutation>, std::string>> cases = {
        {Profile::openvm_v1_6_persistent, label_mutations, "R310"},
        {Profile::openvm_v1_7_persistent, {label_mutations[0], label_mutations[1], height_mutation}, "R227"},
    };
    for (const auto& [profile, mutations, rule] : cases) {
        SCOPED_TRACE(std::string(profile_name(profile)));
        auto base = trace_run("oracle", persistent_scenario(profile));
        ASSERT_TRUE(base);
        ASSERT_TRUE(air::check(base->traces).accepted);
        const air::Air& a = air_named(base->airs, "memory_merkle");
        std::set<std::string> covered;
        for (const Mutation& mu : mutations) {
            SCOPED_TRACE(mu.target);
            ASSERT_NE(a.find_constraint(mu.target), nullptr);
            EXPECT_EQ(a.find_constraint(mu.target)->rule, rule);
            air::TraceSet ts = base->traces;
            mu.edit(*ts.find("memory_merkle"), a);
            std::set<std::string> failing;
            for (auto& [name, row] : air::failing_constraints(a, *ts.find("memory_merkle"))) failing.insert(name);
            EXPECT_EQ(failing, std::set<std::string>{mu.target});
            const auto v = air::check(ts);
            ASSERT_FALSE(v.accepted);
            ASSERT_EQ(v.reason->kind, air::RejectionKind::Constraint) << describe(v);
            EXPECT_EQ(v.reason->constraint, mu.target) << describe(v);
            EXPECT_EQ(v.reason->rule, rule);
            if (failing == std::set<std::string>{mu.target}) covered.insert(mu.target);
        }
        // Every constraint the chip has beyond v1.0's has its mutation.
        const air::Air v10 = air::make_memory_merkle_chip(base->traces.config, Variant::OpenVmV1_0).air;
        for (const auto& c : a.constraints)
            if (v10.find_constraint(c.name) == nullptr) {
                EXPECT_TRUE(covered.count(c.name)) << "no mutation for " << c.name;
            }
    }
    // The same label edits break no constraint of v1.0's Merkle chip (only the Merkle bus notices).
    auto v14 = trace_run("oracle", persistent_scenario(Profile::openvm_v1_4_persistent));
    ASSERT_TRUE(v14);
    const air::Air& a = air_named(v14->airs, "memory_merkle");
    for (const Mutation& mu : label_mutations) {
        air::TraceSet ts = v14->traces;
        mu.edit(*ts.find("memory_merkle"), a);
        EXPECT_TRUE(air::failing_constraints(a, *ts.find("memory_merkle")).empty()) << mu.target;
    }
}

}  // namespace
}  // namespace memspec
