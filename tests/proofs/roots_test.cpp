// R280-R282: what the Merkle roots commit to, on a tree of height 2 whose Merkle and boundary rows
// are symbolic in every column, with Poseidon2 as an injective uninterpreted function. The
// properties are --extended and not yet calibrated (proofs/README.md "Root commitments"): this
// test checks that the catalogue holds them with the statuses spec/memory.md states, each with
// its own budget; `memspec prove --extended --filter roots.` runs them.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "proofs/catalogue.hpp"

namespace memspec::proofs {
namespace {

// R280, R281, R282: the claims, each against OpenVM v1.0's MemoryMerkleAir (root labels free,
// refuted: the relabelled tree) and with v1.6.0's root-label constraint (proved), plus the
// vacuity witnesses of the latter.
TEST(ProofsRoots, R280_R281_R282_CatalogueStatesEachClaimWithItsOwnBudget) {
    const std::map<std::string, ProofStatus> stated = {
        {"roots.initial.tree2.symbolic", ProofStatus::Counterexample},
        {"roots.initial.tree2.symbolic.root_labels_zero", ProofStatus::Proved},
        {"roots.initial.tree2.symbolic.root_labels_zero.vacuity", ProofStatus::Counterexample},
        {"roots.final.tree2.symbolic", ProofStatus::Counterexample},
        {"roots.final.tree2.symbolic.root_labels_zero", ProofStatus::Proved},
        {"roots.final.tree2.symbolic.root_labels_zero.vacuity", ProofStatus::Counterexample},
    };
    std::size_t found = 0;
    for (const auto& p : catalogue()) {
        auto it = stated.find(p.name);
        if (it == stated.end()) continue;
        ++found;
        EXPECT_EQ(p.expected, it->second) << p.name;
        EXPECT_GT(p.rlimit, 0u) << p.name;
        EXPECT_TRUE(p.extended) << p.name << ": not calibrated, so not in the default run";
    }
    EXPECT_EQ(found, stated.size());
}

}  // namespace
}  // namespace memspec::proofs
