// R67, R68 on traces large enough for the checker to evaluate chips in parallel: the verdict must
// be the same as the sequential one would be — acceptance for a valid run, and for a mutated one
// the first failure in AIR order.
#include "spec/workloads/workloads.hpp"
#include "tests/unit/air_fixtures.hpp"

using namespace memspec;
using namespace memspec::airtest;

// Covers R67, R68.
TEST(AirParallel, R67_R68_large_traces_verdicts_are_deterministic) {
    auto sc = make_workload("mixed", 6000);
    ASSERT_TRUE(sc.ok());
    sc->config.decomp = 8;  // a small range-checker table; the traces stay large
    auto t = run_and_trace(*sc);
    ASSERT_TRUE(t.has_value());
    const auto airs = t->chips.airs();
    std::size_t cells = 0;
    for (const auto& tr : t->traces.traces) cells += tr.cells.size();
    ASSERT_GT(cells, std::size_t{1} << 20) << "the trace must be large enough to take the parallel path";
    EXPECT_TRUE(air::check(airs, t->traces.traces).accepted);

    // Break two chips: a later one (the volatile or persistent boundary comes after the access
    // chip in AIR order) and the access chip; the access chip's failure must be the one reported.
    air::TraceSet broken = t->traces;
    air::Trace* access = broken.find("access");
    ASSERT_NE(access, nullptr);
    const std::uint32_t ts_col = t->chips.access.timestamp;
    access->at(3, ts_col) = access->at(3, ts_col) + BabyBear::from_canonical(1 << 20);
    air::Trace& last = broken.traces.back();
    last.at(0, 0) = last.at(0, 0) + BabyBear::from_canonical(7);
    for (int i = 0; i < 3; ++i) {  // the same answer every time, whichever thread finishes first
        const air::Verdict v = air::check(airs, broken.traces);
        ASSERT_FALSE(v.accepted);
        EXPECT_EQ(v.reason->chip, "access");
        EXPECT_EQ(v.reason->row, 3u);
    }
}
