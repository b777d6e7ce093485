// Coverage floors of the property generators (tests/property/generators.hpp): the differential
// properties only test what the generators produce, so this samples them with fixed seeds and
// fails when a hard path falls below its floor — accesses straddling impl's 4096-cell pages,
// runs that reach impl's parallel finalize, clocks within 8 of 2^clk_max_bits, OpenVM's decomp 17
// (R9, R50, R70). Each case is classified here, from the scenario alone: an op counts only if
// every op before it passes its checks (R27, R28), as the engines would run it.
#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <set>
#include <string>
#include <utility>

#include "spec/vocabulary/preconditions.hpp"
#include "tests/property/generators.hpp"

using namespace memspec;

namespace {

struct Reach {
    bool valid_setup = false;
    bool page_crossing = false;     // a successful access covers cells of two 4096-cell pages
    bool parallel_finalize = false;  // finalize runs with >= 2 address spaces and >= 256 pages touched
    bool clock_near_limit = false;  // the clock reaches 2^clk_max_bits - 8 or more
    bool decomp_17 = false;
};

constexpr std::uint64_t PAGE = 4096;
// impl/offline_memory.cpp: parallel once pages * 4096 * 4 >= util/parallel.hpp's 2^22.
constexpr std::uint64_t PARALLEL_PAGES = (std::uint64_t{1} << 22) / (PAGE * 4);

Reach classify(const Scenario& sc) {
    Reach r;
    const MemoryConfig& c = sc.config;
    if (!validate(c).ok() || !check_initial_block_size(c, sc.initial_block_size).ok()) return r;
    if (sc.finalize_chunk && !check_finalize_chunk(c, *sc.finalize_chunk).ok()) return r;
    r.valid_setup = true;
    r.decomp_17 = c.decomp == 17;
    std::set<std::pair<std::uint64_t, std::uint64_t>> pages;  // (address space, page)
    std::set<std::uint64_t> spaces;
    for (const InitialCell& cell : sc.initial_memory) {
        pages.insert({cell.address_space, cell.pointer / PAGE});
        spaces.insert(cell.address_space);
    }
    std::uint64_t clock = 1;
    bool all_ran = true;
    for (const Op& op : sc.ops) {
        Status st = op.kind == OpKind::Tick   ? check_tick(c, op.by, clock)
                    : op.kind == OpKind::Read ? check_read(c, op.address_space, op.pointer, op.len, clock)
                                              : check_write(c, op.address_space, op.pointer, op.data, clock);
        if (!st.ok()) {
            all_ran = false;
            break;
        }
        clock += op.kind == OpKind::Tick ? op.by : 1;
        if (op.kind == OpKind::Tick || op.address_space == 0) continue;
        const std::uint64_t len = op.kind == OpKind::Read ? op.len : op.data.size();
        r.page_crossing |= op.pointer / PAGE != (op.pointer + len - 1) / PAGE;
        pages.insert({op.address_space, op.pointer / PAGE});
        pages.insert({op.address_space, (op.pointer + len - 1) / PAGE});
        spaces.insert(op.address_space);
    }
    r.clock_near_limit = clock + 8 >= c.timestamp_limit();
    r.parallel_finalize = all_ran && sc.finalize_chunk && spaces.size() >= 2 && pages.size() >= PARALLEL_PAGES;
    return r;
}

struct Counts {
    int cases = 0, valid = 0, page_crossing = 0, parallel_finalize = 0, clock_near_limit = 0, decomp_17 = 0;
};

// RapidCheck's runner grows the size from 0 to 100 over a run; sampling every size alike.
Counts sample(const rc::Gen<Scenario>& gen, int cases, std::uint64_t seed) {
    Counts n;
    for (int i = 0; i < cases; ++i) {
        const Scenario sc = gen(rc::Random(seed + static_cast<std::uint64_t>(i)), i % 101).value();
        const Reach r = classify(sc);
        ++n.cases;
        n.valid += r.valid_setup;
        n.page_crossing += r.page_crossing;
        n.parallel_finalize += r.parallel_finalize;
        n.clock_near_limit += r.clock_near_limit;
        n.decomp_17 += r.decomp_17;
    }
    // The measured proportions, as RapidCheck's RC_CLASSIFY would print them.
    const auto pct = [&](int k) { return std::to_string(100.0 * k / n.cases).substr(0, 5) + "% "; };
    std::cout << n.cases << " scenarios: " << pct(n.page_crossing) << "page crossing, " << pct(n.parallel_finalize)
              << "parallel finalize, " << pct(n.clock_near_limit) << "clock within 8 of the limit, " << pct(n.decomp_17)
              << "decomp 17\n";
    return n;
}

// At least `floor_percent` of the cases.
void expect_floor(int hits, int cases, double floor_percent, const std::string& what) {
    EXPECT_GE(100.0 * hits / cases, floor_percent) << what << ": " << hits << " of " << cases << " sampled scenarios";
}

constexpr int CASES = 3000;

}  // namespace

// The mix of R28_impl_run_equals_oracle_run and the R24 last-write-wins properties.
TEST(GeneratorCoverage, R70_R9_R50_default_mix_reaches_the_hard_paths) {
    const Counts n = sample(gen::scenario(gen::Mix{}), CASES, 0x6d656d);
    expect_floor(n.page_crossing, n.cases, 5, "an access straddling a 4096-cell page");
    expect_floor(n.parallel_finalize, n.cases, 1.5, "impl's parallel finalize");
    expect_floor(n.clock_near_limit, n.cases, 10, "a clock within 8 of 2^clk_max_bits");
    expect_floor(n.decomp_17, n.cases, 25, "decomp 17");
}

// The all-valid mix of R70_impl_traces_are_accepted, with both boundaries.
TEST(GeneratorCoverage, R70_valid_mix_reaches_the_hard_paths) {
    for (const gen::Chunk chunk : {gen::Chunk::One, gen::Chunk::AboveOne}) {
        const Counts n = sample(gen::scenario(gen::Mix{false, false, false}, chunk), CASES, 0x737065);
        const std::string which = chunk == gen::Chunk::One ? " (chunk 1)" : " (chunk > 1)";
        EXPECT_EQ(n.valid, n.cases) << "a Mix without invalid setups produced one" << which;
        expect_floor(n.page_crossing, n.cases, 6, "an access straddling a 4096-cell page" + which);
        expect_floor(n.parallel_finalize, n.cases, 2.5, "impl's parallel finalize" + which);
        expect_floor(n.clock_near_limit, n.cases, 10, "a clock within 8 of 2^clk_max_bits" + which);
        expect_floor(n.decomp_17, n.cases, 25, "decomp 17" + which);
    }
}

// The classifier itself: each flag fires on a scenario built for it and not on a plain one.
TEST(GeneratorCoverage, classifier_recognises_each_case) {
    Scenario plain;
    plain.config.pointer_max_bits = 21;
    plain.config.as_height = 1;
    plain.config.decomp = 8;
    plain.finalize_chunk = 1;
    plain.ops = {Op::write(1, 4090, {1, 2}), Op::read(1, 4090, 2)};
    Reach r = classify(plain);
    EXPECT_TRUE(r.valid_setup);
    EXPECT_FALSE(r.page_crossing || r.parallel_finalize || r.clock_near_limit || r.decomp_17);

    Scenario crossing = plain;
    crossing.ops.push_back(Op::read(1, 4095, 2));
    EXPECT_TRUE(classify(crossing).page_crossing);

    Scenario near = plain;
    near.config.clk_max_bits = 8;
    near.ops.push_back(Op::tick(256 - 3 - 7));  // clock 3 + 246 = 249 = 256 - 7
    EXPECT_TRUE(classify(near).clock_near_limit);
    near.ops.back().by -= 1;  // 256 - 8: still within 8
    EXPECT_TRUE(classify(near).clock_near_limit);
    near.ops.back().by -= 1;
    EXPECT_FALSE(classify(near).clock_near_limit);

    Scenario spread = plain;
    for (std::uint64_t p = 0; p < 128; ++p)
        for (std::uint64_t as : {1u, 2u}) spread.ops.push_back(Op::write(as, p * PAGE, {7}));
    EXPECT_TRUE(classify(spread).parallel_finalize);
    spread.ops.push_back(Op::write(1, 0, {BabyBear::P}));  // a failing op: no finalize
    EXPECT_FALSE(classify(spread).parallel_finalize);

    Scenario d17 = plain;
    d17.config.decomp = 17;
    EXPECT_TRUE(classify(d17).decomp_17);
}
