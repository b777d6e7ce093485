// R265-R270: OpenVM v1.4's oracle and impl agree on random scenarios — results and errors, byte for
// byte as JSON — and both agree with a naive model written here from spec/memory.md section 20: a
// partition kept as one entry per cell (the block start it belongs to), rebuilt by brute force at
// every access, and the adapter rows derived from it.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "impl/v1_4/engine.hpp"
#include "oracle/v1_4/engine.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/vocabulary/engine.hpp"

using namespace memspec;

namespace {

std::string describe(const Result<RunResult>& r) { return r.ok() ? to_json(*r) : to_json(r.error()); }

// R262, restated: cells and minimum block per address space.
std::uint64_t cells_of(std::uint64_t as) {
    switch (as) {
        case 1: return 128;
        case 2: return std::uint64_t{1} << 29;
        case 3: return 32;
        case 4: return std::uint64_t{1} << 29;
        default: return 0;
    }
}
std::uint32_t min_of(std::uint64_t as, bool legacy) { return as == 4 || as > 4 || (as == 2 && legacy) ? 1 : 4; }

Scenario gen_scenario() {
    Scenario sc;
    const bool persistent = *rc::gen::arbitrary<bool>();
    sc.profile = persistent ? Profile::openvm_v1_4_persistent : Profile::openvm_v1_4_volatile;
    sc.initial_block_size = persistent ? 8 : 1;
    sc.config.legacy_v1_3_mem_align = *rc::gen::inRange(0, 4) == 0;
    const bool faults = *rc::gen::inRange(0, 4) == 0;
    if (persistent) {
        const int image = *rc::gen::inRange(0, 5);
        std::map<std::pair<std::uint64_t, std::uint64_t>, bool> seen;
        for (int i = 0; i < image; ++i) {
            const std::uint64_t as = *rc::gen::inRange<std::uint64_t>(1, 5);
            const std::uint64_t ptr = *rc::gen::inRange<std::uint64_t>(0, 32);
            if (seen[{as, ptr}]) continue;
            seen[{as, ptr}] = true;
            sc.initial_memory.push_back({as, ptr, *rc::gen::inRange<std::uint64_t>(0, 256)});
        }
    }
    const int n = *rc::gen::inRange(0, 30);
    for (int i = 0; i < n; ++i) {
        const int kind = *rc::gen::inRange(0, 9);
        if (kind == 8) {
            sc.ops.push_back(Op::tick(*rc::gen::inRange<std::uint64_t>(0, 3)));
            continue;
        }
        std::uint64_t as = *rc::gen::inRange<std::uint64_t>(1, 5);
        if (faults && *rc::gen::inRange(0, 20) == 0) as = *rc::gen::element<std::uint64_t>(0, 5, 9);
        const std::uint32_t min = min_of(as, sc.config.legacy_v1_3_mem_align);
        // Sizes from the minimum up to 16, pointers in a 48-cell window aligned to the minimum, so
        // that blocks overlap often.
        std::uint64_t len = min << *rc::gen::inRange(0, min == 1 ? 5 : 3);
        std::uint64_t ptr = min * *rc::gen::inRange<std::uint64_t>(0, 48 / min);
        if (faults && *rc::gen::inRange(0, 10) == 0) ptr += 1;
        if (faults && *rc::gen::inRange(0, 10) == 0) len = *rc::gen::element<std::uint64_t>(1, 2, 3, 64);
        if (as == 1 || as == 3) ptr %= cells_of(as);
        if (kind < 4) {
            sc.ops.push_back(Op::read(as, ptr, len));
        } else {
            std::vector<std::uint64_t> data;
            for (std::uint64_t k = 0; k < len; ++k) data.push_back(*rc::gen::inRange<std::uint64_t>(0, faults ? 300 : 256));
            sc.ops.push_back(Op::write(as, ptr, std::move(data)));
        }
    }
    if (*rc::gen::inRange(0, 5) != 0) sc.finalize_chunk = persistent ? 8 : 1;
    return sc;
}

// The naive model. `owner[cell]` is the first cell of the block holding it (absent: untouched),
// `size[start]` and `ts[start]` the block's size and timestamp. Each access is replayed from the
// rules and the adapter rows it must produce are compared row by row.
struct Naive {
    bool legacy;
    std::uint32_t initial;
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::uint64_t> value, owner;
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::uint32_t> size, ts;
    std::vector<AccessAdapterRecord> rows;

    std::vector<BabyBear> values(std::uint64_t as, std::uint64_t p, std::uint64_t n) {
        std::vector<BabyBear> v;
        for (std::uint64_t i = 0; i < n; ++i) v.push_back(BabyBear::from_canonical(static_cast<std::uint32_t>(value[{as, p + i}])));
        return v;
    }
    void rows_of(AdapterKind kind, std::uint64_t as, std::uint64_t p, std::uint32_t n, std::uint32_t lowest, const std::vector<BabyBear>& data,
                 const std::vector<std::uint32_t>& piece_ts) {
        for (std::uint32_t m = 2 * lowest; m <= n; m *= 2)
            for (std::uint32_t off = 0; off < n; off += m) {
                std::uint32_t l = 0, r = 0;
                for (std::uint32_t c = off; c < off + m; c += lowest) (c < off + m / 2 ? l : r) = std::max(c < off + m / 2 ? l : r, piece_ts[c / lowest]);
                rows.push_back({m, kind, static_cast<std::uint32_t>(as), static_cast<std::uint32_t>(p + off), l, r,
                                std::vector<BabyBear>(data.begin() + off, data.begin() + off + m)});
            }
    }
    void set_block(std::uint64_t as, std::uint64_t p, std::uint32_t n, std::uint32_t t) {
        for (std::uint64_t i = 0; i < n; ++i) owner[{as, p + i}] = p;
        size[{as, p}] = n;
        ts[{as, p}] = t;
    }
    void split(std::uint64_t as, std::uint64_t p, std::uint32_t n, std::uint32_t t) {
        const std::uint32_t min = min_of(as, legacy);
        if (n == min) return;
        rows_of(AdapterKind::Split, as, p, n, min, values(as, p, n), std::vector<std::uint32_t>(n / min, t));
        for (std::uint32_t i = 0; i < n; i += min) set_block(as, p + i, min, t);
    }
    std::uint32_t access(std::uint64_t as, std::uint64_t p, std::uint32_t n, std::uint32_t clock) {
        const std::uint32_t min = min_of(as, legacy);
        std::uint32_t prev = 0;
        const auto o = owner.find({as, p});
        if (o != owner.end() && o->second == p && size[{as, p}] == n) {
            prev = ts[{as, p}];
        } else {
            std::vector<std::uint64_t> starts;
            for (std::uint64_t c = p; c < p + n; ++c) {
                const auto it = owner.find({as, c});
                if (it != owner.end() && size[{as, it->second}] > min && (starts.empty() || starts.back() != it->second)) starts.push_back(it->second);
            }
            for (std::uint64_t s : starts) split(as, s, size[{as, s}], ts[{as, s}]);
            std::vector<std::uint32_t> piece_ts;
            for (std::uint64_t c = p; c < p + n; c += min) {
                if (!owner.count({as, c})) {
                    if (initial >= min)
                        split(as, c - c % initial, initial, 0);
                    else
                        rows_of(AdapterKind::Merge, as, c, min, initial, std::vector<BabyBear>(min), std::vector<std::uint32_t>(min, 0));
                    piece_ts.push_back(0);
                } else {
                    piece_ts.push_back(ts[{as, c}]);
                }
            }
            prev = *std::max_element(piece_ts.begin(), piece_ts.end());
            if (n > min) rows_of(AdapterKind::Merge, as, p, n, min, values(as, p, n), piece_ts);
        }
        for (std::uint64_t c = p; c < p + n; ++c) {
            const auto it = owner.find({as, c});
            if (it != owner.end() && it->second == c) {
                size.erase({as, c});
                ts.erase({as, c});
            }
        }
        set_block(as, p, n, clock);
        return prev;
    }
};

void check_against_naive_model(const Scenario& sc, const RunResult& r) {
    Naive m{sc.config.legacy_v1_3_mem_align, static_cast<std::uint32_t>(sc.initial_block_size), {}, {}, {}, {}, {}};
    for (const InitialCell& c : sc.initial_memory) m.value[{c.address_space, c.pointer}] = c.value;
    std::uint32_t clock = 1;
    std::size_t rec = 0;
    for (const Op& op : sc.ops) {
        if (op.kind == OpKind::Tick) {
            clock += static_cast<std::uint32_t>(op.by);
            continue;
        }
        const std::uint32_t n = static_cast<std::uint32_t>(op.kind == OpKind::Read ? op.len : op.data.size());
        const auto before = m.values(op.address_space, op.pointer, n);
        const std::uint32_t prev = m.access(op.address_space, op.pointer, n, clock);
        RC_ASSERT(rec < r.records.size());
        const AccessRecord& a = r.records[rec++];
        RC_ASSERT(a.timestamp == clock);
        RC_ASSERT(a.prev_timestamp == prev);
        if (op.kind == OpKind::Read) {
            RC_ASSERT(a.data == before);
        } else {
            RC_ASSERT(a.prev_data == before);
            for (std::uint32_t i = 0; i < n; ++i) m.value[{op.address_space, op.pointer + i}] = op.data[i];
        }
        ++clock;
    }
    RC_ASSERT(r.final_timestamp == clock);
    // Finalize's rows follow the steps' rows; the steps' rows must be a prefix, exactly.
    RC_ASSERT(r.adapter_records.size() >= m.rows.size());
    RC_ASSERT(std::equal(m.rows.begin(), m.rows.end(), r.adapter_records.begin()));
    if (!sc.finalize_chunk) RC_ASSERT(r.adapter_records.size() == m.rows.size());
}

}  // namespace

// R265-R270: the literal oracle and the fast impl give the same bytes, results and errors alike.
RC_GTEST_PROP(V14Differential, R266_oracle_and_impl_agree, ()) {
    const Scenario sc = gen_scenario();
    const auto a = run_to_result(EngineFactory(oracle::v1_4::make_engine), sc);
    const auto b = run_to_result(EngineFactory(impl::v1_4::make_engine), sc);
    RC_ASSERT(describe(a) == describe(b));
    if (a.ok()) check_against_naive_model(sc, *a);
}
