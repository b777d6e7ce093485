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

}  // namespace
}  // namespace memspec::proofs
