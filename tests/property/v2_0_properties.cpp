// R216, R220: OpenVM v2.0's oracle and impl agree on random scenarios — results and errors, byte
// for byte as JSON — and both agree with a naive model written here from spec/memory.md
// section 17 (a map from block to last-access timestamp, a map from cell to value).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "impl/v2_0/engine.hpp"
#include "oracle/v2_0/engine.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/vocabulary/engine.hpp"

using namespace memspec;

namespace {

std::string describe(const Result<RunResult>& r) { return r.ok() ? to_json(*r) : to_json(r.error()); }

// The address spaces' sizes as R214 lists them (restated, not taken from the vocabulary).
std::uint64_t cells_of(std::uint64_t as) {
    switch (as) {
        case 1: return 128;
        case 2: return std::uint64_t{1} << 29;
        case 3: return 32;
        case 4: return std::uint64_t{1} << 14;
        default: return 0;
    }
}

// A pointer near the start or the end of the address space, mostly aligned and in bounds.
std::uint64_t gen_pointer(std::uint64_t as, bool faults) {
    const std::uint64_t cells = cells_of(as);
    const std::uint64_t block = *rc::gen::inRange<std::uint64_t>(0, 6);
    std::uint64_t ptr = *rc::gen::element(0, 1) == 0 || cells < 32 ? 4 * block : cells - 4 * (block + 1);
    if (faults && *rc::gen::inRange(0, 12) == 0) ptr += *rc::gen::inRange<std::uint64_t>(1, 4);  // R217: unaligned
    if (faults && *rc::gen::inRange(0, 16) == 0) ptr = cells;                                      // R217: past the end
    return ptr;
}

std::uint64_t gen_as(bool faults) {
    if (faults && *rc::gen::inRange(0, 20) == 0) return *rc::gen::element<std::uint64_t>(0, 5, 8, 9);  // R217: not memory
    return *rc::gen::inRange<std::uint64_t>(1, 5);
}

std::uint64_t gen_value(std::uint64_t as, bool faults) {
    if (faults && *rc::gen::inRange(0, 30) == 0) return *rc::gen::element<std::uint64_t>(256, BabyBear::P);  // R217: too big
    return as == 4 ? *rc::gen::element<std::uint64_t>(0, 1, BabyBear::P - 1) : *rc::gen::inRange<std::uint64_t>(0, 256);
}

Scenario gen_scenario() {
    Scenario sc;
    sc.profile = Profile::openvm_v2_0;
    sc.initial_block_size = 4;
    // A quarter of the scenarios carry faulty operations (R217, R220); the rest run to the end, so
    // that the naive model sees long runs.
    const bool faults = *rc::gen::inRange(0, 4) == 0;
    if (*rc::gen::inRange(0, 6) == 0) {  // a small clock: R215's limit within a few dozen ops
        sc.config.clk_max_bits = 6;
        sc.config.decomp = 3;
    }
    const int image = *rc::gen::inRange(0, 5);
    std::map<std::pair<std::uint64_t, std::uint64_t>, bool> seen;
    for (int i = 0; i < image; ++i) {
        const std::uint64_t as = *rc::gen::inRange<std::uint64_t>(1, 5);
        const std::uint64_t ptr = gen_pointer(as, false) % cells_of(as);
        if (seen[{as, ptr}]) continue;
        seen[{as, ptr}] = true;
        sc.initial_memory.push_back({as, ptr, as == 4 ? *rc::gen::inRange<std::uint64_t>(0, BabyBear::P) : *rc::gen::inRange<std::uint64_t>(0, 256)});
    }
    const int n = *rc::gen::inRange(0, 40);
    for (int i = 0; i < n; ++i) {
        const int kind = *rc::gen::inRange(0, 9);
        if (kind == 8) {
            sc.ops.push_back(Op::tick(*rc::gen::inRange<std::uint64_t>(0, 4)));
            continue;
        }
        const std::uint64_t as = gen_as(faults);
        const std::uint64_t ptr = gen_pointer(as, faults);
        const std::uint64_t len = faults && *rc::gen::inRange(0, 15) == 0 ? *rc::gen::element<std::uint64_t>(1, 2, 3, 8) : 4;
        if (kind < 4) {
            sc.ops.push_back(Op::read(as, ptr, len));
        } else {
            std::vector<std::uint64_t> data;
            for (std::uint64_t k = 0; k < len; ++k) data.push_back(gen_value(as, faults));
            sc.ops.push_back(Op::write(as, ptr, std::move(data)));
        }
    }
    if (*rc::gen::inRange(0, 5) != 0) sc.finalize_chunk = 4;
    return sc;
}

// The naive model: per block its last-access timestamp, per cell its value; the ops of a
// successful run replayed against the records.
void check_against_naive_model(const Scenario& sc, const RunResult& r) {
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::uint64_t> value;
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::uint32_t> last;
    for (const InitialCell& c : sc.initial_memory) value[{c.address_space, c.pointer}] = c.value;
    std::uint32_t clock = 1;
    std::size_t rec = 0;
    for (const Op& op : sc.ops) {
        if (op.kind == OpKind::Tick) {
            clock += static_cast<std::uint32_t>(op.by);
            continue;
        }
        RC_ASSERT(rec < r.records.size());
        const AccessRecord& a = r.records[rec++];
        RC_ASSERT(a.timestamp == clock);
        RC_ASSERT((a.prev_timestamp == last[{op.address_space, op.pointer / 4}]));
        for (std::uint64_t i = 0; i < 4; ++i) {
            const std::uint64_t before = value[{op.address_space, op.pointer + i}];
            if (op.kind == OpKind::Read) {
                RC_ASSERT(a.data[i].v == before);
            } else {
                RC_ASSERT(a.prev_data[i].v == before);
                value[{op.address_space, op.pointer + i}] = op.data[i];
            }
        }
        last[{op.address_space, op.pointer / 4}] = clock;
        ++clock;
    }
    RC_ASSERT(r.final_timestamp == clock);
    if (r.final_memory) {
        std::size_t i = 0;
        for (const auto& [block, ts] : last) {  // std::map: (as, block) order, every touched block
            RC_ASSERT(i < r.final_memory->blocks.size());
            const FinalBlock& b = r.final_memory->blocks[i++];
            RC_ASSERT(b.address_space == block.first);
            RC_ASSERT(b.pointer == block.second * 4);
            RC_ASSERT(b.timestamp == ts);
            for (std::uint64_t k = 0; k < 4; ++k) RC_ASSERT((b.values[k].v == value[{block.first, block.second * 4 + k}]));
        }
        RC_ASSERT(i == r.final_memory->blocks.size());
    }
}

}  // namespace

RC_GTEST_PROP(V2Differential, R216_oracle_and_impl_agree, ()) {
    const Scenario sc = gen_scenario();
    const auto o = run_to_result(oracle::v2_0::make_engine, sc);
    const auto i = run_to_result(impl::v2_0::make_engine, sc);
    RC_ASSERT(describe(o) == describe(i));
    RC_CLASSIFY(!o.ok(), "error");
    if (o.ok()) check_against_naive_model(sc, *o);
}
