// R197: the counts a run returns (RunEnd::counts, what `memspec run --workload` summarises) are
// those of the records it made, on either engine: here they are worked out again, independently,
// from the records themselves, and from the ops for ticks.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <bit>
#include <cstdint>
#include <set>
#include <utility>

#include "engines/engines.hpp"
#include "spec/vocabulary/engine.hpp"
#include "tests/property/generators.hpp"
#include "tests/support/scenario_helpers.hpp"

using namespace memspec;

namespace {

// Counts from the records alone, R22's touched cells as the set of cells some record covers.
struct Recount final : RecordSink {
    RunCounts c;
    std::set<std::pair<std::uint32_t, std::uint32_t>> touched;
    void access(const AccessRecordView& r) override {
        ++(r.op == AccessKind::Read ? c.reads : c.writes);
        if (r.address_space != 0)  // R5: immediates touch no memory
            for (std::uint32_t i = 0; i < r.data.size(); ++i) touched.insert({r.address_space, r.pointer + i});
    }
    void adapter(const AdapterRecordView& r) override {
        ++c.adapter_records;
        AdapterCounts& a = c.adapters_by_log_n.at(static_cast<std::size_t>(std::bit_width(r.n) - 1));
        ++(r.kind == AdapterKind::Split ? a.splits : a.merges);
        for (std::uint32_t i = 0; i < r.n; ++i) touched.insert({r.address_space, r.pointer + i});
    }
    void final_block(const FinalBlockView&) override { ++c.final_blocks; }
};

void expect_counts(const Scenario& sc, const engines::NamedEngine& engine) {
    Recount records;
    auto end = run_scenario(engine.make, sc, records);
    if (!end) return;  // a failed run returns no counts
    records.c.touched_cells = records.touched.size();
    for (const Op& op : sc.ops) records.c.ticks += op.kind == OpKind::Tick;
    const RunCounts& got = end->counts;
    RC_ASSERT(got.reads == records.c.reads);
    RC_ASSERT(got.writes == records.c.writes);
    RC_ASSERT(got.ticks == records.c.ticks);
    RC_ASSERT(got.adapter_records == records.c.adapter_records);
    for (std::size_t k = 0; k < got.adapters_by_log_n.size(); ++k) {
        RC_ASSERT(got.adapters_by_log_n[k].splits == records.c.adapters_by_log_n[k].splits);
        RC_ASSERT(got.adapters_by_log_n[k].merges == records.c.adapters_by_log_n[k].merges);
    }
    RC_ASSERT(got.final_blocks == records.c.final_blocks);
    RC_ASSERT(got.touched_cells == records.c.touched_cells);
}

}  // namespace

// Random scenarios (valid setups; failing ops included, which end the run without counts), on
// both engines, finalized or not.
RC_GTEST_PROP(RunCounts, R197_counts_are_those_of_the_records, ()) {
    const Scenario sc = *gen::scenario(gen::Mix{false, true});
    for (const engines::NamedEngine& e : engines::all()) expect_counts(sc, e);
}

// The cases a summary meets most: touching happens in whole initial blocks (R22), reads of
// address space 0 touch nothing, and finalize's merges touch the rest of each touched chunk.
TEST(RunCounts, R197_touched_cells_by_hand) {
    struct Case {
        const char* scenario;
        std::uint64_t touched;
    };
    const Case cases[] = {
        // An initial block of 8: a 1-cell write touches all 8 cells (split 8 -> 4 -> 2 -> 1).
        {R"({"initial_block_size":8,"ops":[{"op":"write","as":1,"ptr":3,"data":[5]}]})", 8},
        // Initial blocks of 1: a 1-cell write touches one cell; a read of address space 0 none.
        {R"({"initial_block_size":1,"ops":[{"op":"write","as":1,"ptr":3,"data":[5]},{"op":"read","as":0,"ptr":7,"len":1}]})", 1},
        // ...and finalize with chunk 4 merges the chunk it lies in: 4 cells.
        {R"({"initial_block_size":1,"ops":[{"op":"write","as":1,"ptr":3,"data":[5]}],"finalize_chunk":4})", 4},
        // Two address spaces count apart.
        {R"({"initial_block_size":2,"ops":[{"op":"write","as":1,"ptr":0,"data":[1]},{"op":"write","as":2,"ptr":0,"data":[1]}]})", 4},
    };
    for (const Case& c : cases)
        for (const engines::NamedEngine& e : engines::all()) {
            NullSink sink;
            auto end = run_scenario(e.make, memspec::testing::scenario(c.scenario), sink);
            ASSERT_TRUE(end.ok()) << c.scenario << " on " << e.name << ": " << end.error().message;
            EXPECT_EQ(end->counts.touched_cells, c.touched) << c.scenario << " on " << e.name;
        }
}
