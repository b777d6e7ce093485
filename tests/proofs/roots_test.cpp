// R280-R282, R290-R292: what the Merkle roots commit to, one tree level per query (the leaf, one
// Merkle row, the two root rows) against a reference tree, with Poseidon2 as an injective
// uninterpreted function. Each property runs as its own R98 ctest (FastCatalogue); this test checks
// that the catalogue states each lemma for each chip with the status spec/memory.md §13b gives,
// a calibrated budget, in the default run.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "proofs/catalogue.hpp"

namespace memspec::proofs {
namespace {

// R290 (one level), R291 (the leaf), R292 (the root, with the root-label constraint of v1.6.0 and
// v1.7.0/v2.0.0) proved; R282 (the root under v1.0.0-v1.5.0's chip) refuted; vacuity witnesses.
TEST(ProofsRoots, R280_R281_R282_R290_R291_R292_CatalogueDecidesEachLemmaPerChip) {
    const std::map<std::string, ProofStatus> stated = {
        {"roots.leaf.persistent_boundary", ProofStatus::Proved},
        {"roots.leaf.persistent_boundary.vacuity", ProofStatus::Counterexample},
        {"roots.leaf.persistent_boundary_v2_0", ProofStatus::Proved},
        {"roots.leaf.persistent_boundary_v2_0.vacuity", ProofStatus::Counterexample},
        {"roots.node.openvm_v1_0", ProofStatus::Proved},
        {"roots.node.openvm_v1_0.vacuity", ProofStatus::Counterexample},
        {"roots.node.openvm_v1_6", ProofStatus::Proved},
        {"roots.node.openvm_v1_6.vacuity", ProofStatus::Counterexample},
        {"roots.node.openvm_v1_7", ProofStatus::Proved},
        {"roots.node.openvm_v1_7.vacuity", ProofStatus::Counterexample},
        {"roots.root.initial.openvm_v1_0", ProofStatus::Counterexample},
        {"roots.root.initial.openvm_v1_6", ProofStatus::Proved},
        {"roots.root.initial.openvm_v1_6.vacuity", ProofStatus::Counterexample},
        {"roots.root.initial.openvm_v1_7", ProofStatus::Proved},
        {"roots.root.initial.openvm_v1_7.vacuity", ProofStatus::Counterexample},
        {"roots.root.final.openvm_v1_0", ProofStatus::Counterexample},
        {"roots.root.final.openvm_v1_6", ProofStatus::Proved},
        {"roots.root.final.openvm_v1_6.vacuity", ProofStatus::Counterexample},
        {"roots.root.final.openvm_v1_7", ProofStatus::Proved},
        {"roots.root.final.openvm_v1_7.vacuity", ProofStatus::Counterexample},
    };
    std::size_t found = 0;
    for (const auto& p : catalogue()) {
        if (p.name.rfind("roots.", 0) != 0) continue;
        auto it = stated.find(p.name);
        ASSERT_NE(it, stated.end()) << p.name << ": not stated in spec/memory.md §13b";
        ++found;
        EXPECT_EQ(p.expected, it->second) << p.name;
        EXPECT_GT(p.rlimit, 0u) << p.name;
        EXPECT_FALSE(p.extended) << p.name << ": calibrated, so in the default run";
        EXPECT_TRUE(p.fast) << p.name << ": asserted by its own ctest (R98)";
    }
    EXPECT_EQ(found, stated.size());
}

// R282, R292: the counterexample of the root lemma under v1.0.0-v1.5.0's chip is a relabelling: a
// root row (is_root 1) whose labels are not both 0, the freedom the root-label constraint of
// v1.6.0 removes. Checked on the rows the solver returns, for the initial and the final root row.
TEST(ProofsRoots, R282_R292_V1_0CounterexampleIsARelabelledRoot) {
    for (const char* name : {"roots.root.initial.openvm_v1_0", "roots.root.final.openvm_v1_0"}) {
        const Property* found = nullptr;
        const auto all = catalogue();
        for (const auto& p : all)
            if (p.name == name) found = &p;
        ASSERT_NE(found, nullptr) << name;
        const auto runs = run_catalogue({*found}, "", Settings{});
        ASSERT_EQ(runs.size(), 1u);
        const Outcome& o = runs[0].outcome;
        ASSERT_EQ(o.status, ProofStatus::Counterexample) << name << ": " << o.detail;
        ASSERT_TRUE(o.counterexample.has_value());
        bool relabelled = false;
        for (const auto& row : o.counterexample->rows) {
            if (row.chip != "memory_merkle" || row.cells.at("is_root") != 1) continue;
            if (row.cells.at("parent_as_label") != 0 || row.cells.at("parent_address_label") != 0) relabelled = true;
        }
        EXPECT_TRUE(relabelled) << name << ": no root row with a non-zero label\n" << o.counterexample->text;
    }
}

}  // namespace
}  // namespace memspec::proofs
