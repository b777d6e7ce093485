// R252: L5 (every memory-bus timestamp below 2^29) is a per-row lemma of the fixed adapters
// (R251) and is refuted for OpenVM v1.0's (R250), each at the status the catalogue states and
// within the property's own resource budget.
#include <gtest/gtest.h>

#include <string>

#include "proofs/catalogue.hpp"

namespace memspec::proofs {
namespace {

Outcome run_named(const std::string& name) {
    for (const auto& p : catalogue())
        if (p.name == name) {
            auto r = run_catalogue({p}, "", Settings{});
            EXPECT_EQ(r.size(), 1u);
            return r.empty() ? Outcome{} : r[0].outcome;
        }
    ADD_FAILURE() << "no property " << name;
    return Outcome{};
}

TEST(ProofsTimeLoop, R252_FixedAdapterSendsOnlyBoundedTimestamps) {
    for (const char* n : {"N2", "N8"}) {
        const std::string base = std::string("lemma.L5.fixed_adapter.") + n;
        Outcome bounded = run_named(base + ".sends_bounded");
        EXPECT_EQ(bounded.status, ProofStatus::Proved) << base << ": " << bounded.detail;
        Outcome closed = run_named(base + ".neg_closed");
        EXPECT_EQ(closed.status, ProofStatus::Proved) << base << ": " << closed.detail;
        // Not vacuous: the fixed chip still admits a merge of halves 2^29 - 2 apart.
        Outcome merge = run_named(base + ".merge_possible");
        EXPECT_EQ(merge.status, ProofStatus::Counterexample) << base << ": " << merge.detail;
    }
}

// R250: the same closure on OpenVM v1.0's chip is refuted (the loop's first step).
TEST(ProofsTimeLoop, R250_OpenVmAdapterNegClosureRefuted) {
    Outcome o = run_named("lemma.L5.adapter.N2.neg_closed");
    EXPECT_EQ(o.status, ProofStatus::Counterexample) << o.detail;
}

// R252: each new property carries its own resource budget (R180).
TEST(ProofsTimeLoop, R252_EveryPropertyHasItsOwnBudget) {
    int found = 0;
    for (const auto& p : timeloop_properties()) {
        ++found;
        EXPECT_GT(p.rlimit, 0u) << p.name;
        EXPECT_EQ(p.rule, "R252") << p.name;
    }
    EXPECT_EQ(found, 17);
}

// R252: §13's bus argument with no timestamp bound assumed, on 2 cells (write both, read one) and
// six symbolic fixed AccessAdapter<2> rows: proved within its budget.
TEST(ProofsTimeLoop, R252_UnboundedBusInstanceProvedWithFixedAdapters) {
    Outcome o = run_named("bus.unbounded.fixed_adapter.2cells.w2r1.adapters6");
    EXPECT_EQ(o.status, ProofStatus::Proved) << o.detail;
}

}  // namespace
}  // namespace memspec::proofs
