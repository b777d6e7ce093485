// RapidCheck generators for differential properties: small scenarios (<= 40 ops) biased to the
// hard cases of the block partition and of the checks (R3-R9, R13-R27), plus the paths a small
// window never reaches: accesses crossing impl's 4096-cell pages, spread scenarios that touch
// enough pages in two address spaces for impl's parallel finalize, clocks brought within 8 of
// 2^clk_max_bits, and OpenVM's decomp 17. tests/unit/generator_coverage_test.cpp samples these
// generators and fails when any of those cases falls below its floor.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

#include <rapidcheck.h>

#include "spec/interchange/interchange.hpp"
#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec {
// Counterexamples print as interchange JSON, ready for `memspec run --engine oracle|impl`.
inline void showValue(const Scenario& sc, std::ostream& os) { os << to_json(sc); }
}  // namespace memspec

namespace memspec::gen {

constexpr std::uint64_t P = BabyBear::P;

// What a generated scenario may contain beyond valid operations.
struct Mix {
    bool invalid_setup = true;  // sometimes invalid config, block sizes, chunks, image cells (R3, R13, R15, R26)
    bool invalid_ops = true;    // sometimes ops that fail a check of R4-R9 or R1
    bool always_faulty = false; // with invalid_ops: every scenario carries faults, not half of them
};

inline std::uint64_t pow2(std::uint32_t k) { return std::uint64_t{1} << k; }

// True one time in n, whatever the current size (gen::inRange narrows with size, so a rare
// event drawn from it would fire on most small cases).
inline bool chance(std::size_t n) { return *rc::gen::weightedElement<bool>({{1, true}, {n - 1, false}}); }

// R3: small pointer_max_bits / clk_max_bits often, every max_access_adapter_n, strict_alignment both.
inline rc::Gen<MemoryConfig> config(Mix mix) {
    return rc::gen::exec([mix] {
        MemoryConfig c;
        c.as_height = *rc::gen::weightedElement<std::uint32_t>({{6, 0}, {6, 1}, {3, 2}, {1, 3}, {1, 5}});
        c.as_offset = *rc::gen::weightedElement<std::uint32_t>({{8, 1}, {2, 2}, {1, 3}, {1, 1000}});
        c.pointer_max_bits = *rc::gen::weightedElement<std::uint32_t>(
            {{1, 0}, {1, 1}, {2, 2}, {3, 3}, {3, 4}, {3, 5}, {3, 6}, {2, 7}, {1, 8}, {4, 13}, {2, 16}, {2, 29}});
        if (mix.invalid_ops)
            c.clk_max_bits = *rc::gen::weightedElement<std::uint32_t>(
                {{1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 5}, {1, 6}, {16, 8}, {8, 12}, {4, 20}, {12, 29}});
        else
            c.clk_max_bits = *rc::gen::weightedElement<std::uint32_t>({{2, 8}, {1, 12}, {1, 20}, {2, 29}});
        // OpenVM's decomp 17 a third of the time, any other limb width otherwise (R3, R50).
        c.decomp = *rc::gen::weightedOneOf<std::uint32_t>({{1, rc::gen::just<std::uint32_t>(17)}, {2, rc::gen::inRange<std::uint32_t>(1, 30)}});
        c.max_access_adapter_n = *rc::gen::element<std::uint32_t>(2, 4, 8, 16, 32);
        c.access_capacity = *rc::gen::element<std::uint64_t>(0, 1, 7, pow2(24));
        c.strict_alignment = *rc::gen::weightedElement<bool>({{2, false}, {1, true}});
        if (mix.invalid_setup && chance(40)) {
            switch (*rc::gen::element(0, 1, 2, 3, 4, 5, 6)) {
                case 0: c.as_height = *rc::gen::inRange<std::uint32_t>(29, 40); break;
                case 1: c.as_offset = 0; break;
                case 2: c.as_offset = *rc::gen::element<std::uint32_t>(1u << 29, (1u << 29) - 1, 0xFFFFFFFFu); break;
                case 3: c.pointer_max_bits = *rc::gen::inRange<std::uint32_t>(30, 64); break;
                case 4: c.clk_max_bits = *rc::gen::element<std::uint32_t>(0, 30, 31); break;
                case 5: c.decomp = *rc::gen::element<std::uint32_t>(0, 30); break;
                default: c.max_access_adapter_n = *rc::gen::element<std::uint32_t>(0, 1, 3, 64); break;
            }
        }
        return c;
    });
}

// A block size for initial_block_size / finalize_chunk: a power of two the config admits
// (R15, R26), sometimes one it rejects.
inline rc::Gen<std::uint64_t> block_size(const MemoryConfig& c, Mix mix) {
    return rc::gen::exec([c, mix] {
        if (mix.invalid_setup && chance(25))
            return *rc::gen::element<std::uint64_t>(0, 3, 6, 64, 2 * std::uint64_t{c.max_access_adapter_n}, c.memory_size() * 2);
        const std::uint64_t cap = std::min<std::uint64_t>(c.max_access_adapter_n, c.memory_size());
        return pow2(*rc::gen::inRange<std::uint32_t>(0, log2_exact(cap) + 1));
    });
}

// The cells ops touch: a small window, placed at 0, at the end of the address space, or across
// one of impl's 4096-cell page boundaries (R70: blocks and accesses straddling two pages), so
// that splits and merges collide.
constexpr std::uint64_t PAGE_CELLS = 4096;  // impl/paged.hpp
struct Window {
    std::uint64_t base;
    std::uint64_t width;
};

inline rc::Gen<Window> window(const MemoryConfig& c) {
    return rc::gen::exec([c] {
        const std::uint64_t mem = c.memory_size();
        const std::uint64_t width = std::min<std::uint64_t>(mem, *rc::gen::element<std::uint64_t>(8, 16, 32, 64));
        std::uint64_t base = 0;
        switch (*rc::gen::element(0, 1, 2, 2, 2, 3)) {
            case 0: base = 0; break;
            case 1: base = mem - width; break;
            case 2:
                base = mem >= 2 * PAGE_CELLS ? PAGE_CELLS * *rc::gen::inRange<std::uint64_t>(1, mem / PAGE_CELLS) - width / 2 : 0;
                break;
            default: base = *rc::gen::inRange<std::uint64_t>(0, mem - width + 1); break;
        }
        return Window{base, width};
    });
}

inline std::uint64_t memory_as(const MemoryConfig& c) {
    const std::uint64_t spaces = std::min<std::uint64_t>(pow2(c.as_height), 3);
    return c.as_offset + *rc::gen::inRange<std::uint64_t>(0, spaces);
}

// R1: field elements, near p sometimes; values >= p only as a deliberate fault.
inline std::uint64_t value(bool invalid) {
    if (invalid) return *rc::gen::element<std::uint64_t>(P + 0, P + 1, pow2(32) - 1, pow2(32), ~std::uint64_t{0});
    return *rc::gen::weightedOneOf<std::uint64_t>(
        {{6, rc::gen::inRange<std::uint64_t>(0, 100)}, {1, rc::gen::element<std::uint64_t>(P - 1, P - 2, pow2(30))},
         {1, rc::gen::inRange<std::uint64_t>(0, P)}});
}

// The one deliberate fault an op carries, if any (R1, R4-R9, R27).
enum class Fault { None, Size, AddressSpace, Immediate, Pointer, Value, Clock };

inline rc::Gen<Fault> fault(bool allowed, std::size_t none_weight = 120) {
    if (!allowed) return rc::gen::just(Fault::None);
    return rc::gen::weightedElement<Fault>({{none_weight, Fault::None},
                                            {2, Fault::Size},
                                            {1, Fault::AddressSpace},
                                            {1, Fault::Immediate},
                                            {3, Fault::Pointer},
                                            {1, Fault::Value},
                                            {2, Fault::Clock}});
}

inline Op op(const MemoryConfig& c, Window w, Fault f) {
    const std::uint32_t max_n = c.max_access_adapter_n;
    const std::uint64_t mem = c.memory_size();
    int kind = *rc::gen::weightedElement<int>({{4, 0}, {4, 1}, {1, 2}});
    if (f == Fault::Clock) kind = 2;
    if (f == Fault::Immediate) kind = 0;
    if (f == Fault::Value) kind = 1;
    if (kind == 2) {
        // R9: ticks, some landing just below, at or past 2^clk_max_bits (the clock is ~1 + #ops).
        const std::uint64_t limit = c.timestamp_limit();
        if (f == Fault::Clock) {
            const std::uint64_t back = *rc::gen::inRange<std::uint64_t>(0, 48);
            const std::uint64_t near = limit > back ? limit - back : 0;
            return Op::tick(*rc::gen::weightedElement<std::uint64_t>(
                {{6, std::uint64_t{near}}, {1, limit + 0}, {1, limit + 1}, {1, ~std::uint64_t{0}}}));
        }
        return Op::tick(*rc::gen::inRange<std::uint64_t>(0, 4));
    }
    // Sizes: admissible powers of two; as a fault, any of 1..32 (non-powers, above the adapter
    // limit or the address space) or absurd ones.
    const std::uint64_t cap = std::min<std::uint64_t>(max_n, mem);
    std::uint64_t len = pow2(*rc::gen::inRange<std::uint32_t>(0, log2_exact(cap) + 1));
    if (f == Fault::Size)
        len = *rc::gen::weightedOneOf<std::uint64_t>(
            {{6, rc::gen::inRange<std::uint64_t>(1, 33)}, {1, rc::gen::element<std::uint64_t>(0, 64, pow2(32) + 1)}});
    std::uint64_t as = memory_as(c);
    if (f == Fault::AddressSpace)
        as = *rc::gen::element<std::uint64_t>(c.as_end(), c.as_offset - 1, pow2(32) + c.as_offset, ~std::uint64_t{0});
    else if (kind == 0 && (f == Fault::Immediate || chance(8)))
        as = 0;  // R5: immediates
    if (as == 0 && kind == 0) {
        if (f == Fault::Immediate)
            return *rc::gen::element<Op>(Op::read(0, P, 1), Op::read(0, pow2(40), 1), Op::read(0, 0, 2), Op::read(0, 5, len));
        return Op::read(0, *rc::gen::weightedOneOf<std::uint64_t>({{4, rc::gen::inRange<std::uint64_t>(0, 100)},
                                                                   {1, rc::gen::just<std::uint64_t>(P - 1)}}),
                        1);
    }
    const std::uint64_t span = len < w.width ? w.width - len + 1 : 1;
    std::uint64_t ptr = w.base + *rc::gen::inRange<std::uint64_t>(0, span);
    // Aligned half the time, always under strict_alignment unless misalignment is the fault (R8).
    const bool misalign = f == Fault::Pointer && c.strict_alignment && chance(2);
    if (((c.strict_alignment && !misalign) || chance(2)) && is_power_of_two(len)) ptr -= ptr % len;
    if (misalign && len > 1 && ptr % len == 0) ptr += ptr + len < mem ? 1 : -1;
    // A window across a page boundary: often an access straddling it (unaligned, so only
    // without strict_alignment; aligned accesses never straddle a page).
    const std::uint64_t edge = (w.base + w.width - 1) / PAGE_CELLS * PAGE_CELLS;
    if (!c.strict_alignment && f != Fault::Pointer && len > 1 && edge > w.base && edge + len <= mem && chance(2))
        ptr = edge - *rc::gen::inRange<std::uint64_t>(1, len);
    if (ptr + len > mem) ptr = len <= mem ? mem - len : 0;
    if (f == Fault::Pointer && !misalign)
        ptr = *rc::gen::element<std::uint64_t>(mem - (len > 1 ? len - 1 : 0), mem + 0, pow2(32), ~std::uint64_t{0} - 1);
    if (kind == 0) return Op::read(as, ptr, len);
    std::vector<std::uint64_t> data;
    for (std::uint64_t i = 0; i < std::min<std::uint64_t>(len, 64); ++i) data.push_back(value(false));
    if (f == Fault::Value && !data.empty()) data[*rc::gen::inRange<std::size_t>(0, data.size())] = value(true);
    return Op::write(as, ptr, std::move(data));
}

// R9 near the limit: one tick, at a random place, that leaves the clock 1..8 below
// 2^clk_max_bits after the last op (if every op succeeds), so the last accesses run at the
// largest timestamps the config admits. Nothing when the ops already advance too far.
inline void approach_clock_limit(Scenario& sc) {
    const std::uint64_t limit = sc.config.timestamp_limit();
    std::uint64_t advance = 0;  // the clock starts at 1 and ends at 1 + advance
    for (const Op& o : sc.ops) {
        advance += o.kind == OpKind::Tick ? std::min<std::uint64_t>(o.by, limit) : 1;
        if (advance >= limit) return;
    }
    const std::uint64_t room = *rc::gen::inRange<std::uint64_t>(1, 9);  // the final clock is limit - room
    if (1 + advance + room > limit) return;
    const std::uint64_t by = limit - room - 1 - advance;
    sc.ops.insert(sc.ops.begin() + static_cast<std::ptrdiff_t>(*rc::gen::inRange<std::size_t>(0, sc.ops.size() + 1)),
                  Op::tick(by));
}

// R70, impl's parallel finalize (impl/offline_memory.cpp): it runs address spaces on their own
// threads once at least two are in use and their pages times 4096 times PARALLEL_FINALIZE_SCALE
// (4) reach util/parallel.hpp's PARALLEL_WORK (2^22), i.e. from 256 pages on. A spread scenario
// touches 130..160 pages in each of two address spaces (2^21 cells each, widened if needed) with
// single-cell writes and small reads, some straddling a page end. false if the config cannot be
// widened validly.
inline bool spread(Scenario& sc) {
    MemoryConfig c = sc.config;
    c.pointer_max_bits = std::max<std::uint32_t>(c.pointer_max_bits, 21);
    c.as_height = std::max<std::uint32_t>(c.as_height, 1);
    c.clk_max_bits = std::max<std::uint32_t>(c.clk_max_bits, 12);
    if (!validate(c).ok()) return false;
    if (sc.initial_block_size > c.max_access_adapter_n || (sc.finalize_chunk && *sc.finalize_chunk > c.max_access_adapter_n))
        return false;
    sc.config = c;
    const std::uint64_t pages = *rc::gen::inRange<std::uint64_t>(130, 161);
    const std::uint64_t stride = *rc::gen::inRange<std::uint64_t>(1, c.memory_size() / PAGE_CELLS / pages + 1);
    for (std::uint64_t p = 0; p < pages; ++p)
        for (std::uint64_t as = c.as_offset; as < c.as_offset + 2; ++as) {
            const std::uint64_t page = p * stride;
            if (chance(4)) {
                const std::uint64_t len = std::min<std::uint64_t>(2, c.max_access_adapter_n);
                const std::uint64_t at = c.strict_alignment || page == 0 ? page * PAGE_CELLS : page * PAGE_CELLS - 1;
                sc.ops.push_back(Op::read(as, at, len));
            } else {
                sc.ops.push_back(Op::write(as, page * PAGE_CELLS + *rc::gen::inRange<std::uint64_t>(0, PAGE_CELLS), {value(false)}));
            }
        }
    return true;
}

// Which finalize chunk a scenario gets: any (sometimes none), exactly 1 (volatile boundary),
// or an admissible chunk > 1 (persistent boundary).
enum class Chunk { Any, One, AboveOne };

inline rc::Gen<Scenario> scenario(Mix mix, Chunk chunk = Chunk::Any) {
    return rc::gen::exec([mix, chunk] {
        Scenario sc;
        sc.config = *config(mix);
        MemoryConfig& c = sc.config;
        if (chunk == Chunk::AboveOne && c.pointer_max_bits == 0) c.pointer_max_bits = 1;
        // Past an invalid config, generate only what stays in range of the arithmetic below.
        const bool config_ok = validate(c).ok();
        if (!config_ok) {
            sc.ops.push_back(Op::read(1, 0, 1));
            return sc;
        }
        sc.initial_block_size = *block_size(c, mix);
        if (chunk == Chunk::One) {
            sc.finalize_chunk = 1;
        } else if (chunk == Chunk::AboveOne) {
            const std::uint64_t cap = std::min<std::uint64_t>(c.max_access_adapter_n, c.memory_size());
            sc.finalize_chunk = pow2(*rc::gen::inRange<std::uint32_t>(1, log2_exact(cap) + 1));
        } else if (!chance(6)) {
            sc.finalize_chunk = *block_size(c, mix);
        }
        const Window w = *window(c);
        // R13: an initial image only when the boundary is persistent (chunk != 1).
        if (sc.finalize_chunk != std::optional<std::uint64_t>(1) && chance(3)) {
            const int n = *rc::gen::inRange(1, 9);
            for (int i = 0; i < n; ++i) {
                const std::uint64_t as = memory_as(c);
                const std::uint64_t ptr = w.base + *rc::gen::inRange<std::uint64_t>(0, w.width);
                bool dup = false;
                for (const auto& cell : sc.initial_memory) dup |= cell.address_space == as && cell.pointer == ptr;
                if (!dup) sc.initial_memory.push_back({as, ptr, value(false)});
            }
            if (mix.invalid_setup && chance(30))
                sc.initial_memory.push_back(*rc::gen::element<InitialCell>(
                    InitialCell{0, 0, 1}, InitialCell{c.as_end(), 0, 1}, InitialCell{c.as_offset, c.memory_size(), 1},
                    InitialCell{c.as_offset, 0, P}, InitialCell(sc.initial_memory.front())));
        } else if (mix.invalid_setup && sc.finalize_chunk == std::optional<std::uint64_t>(1) && chance(40)) {
            sc.initial_memory.push_back({c.as_offset, 0, 5});  // R13: rejected with the volatile boundary
        }
        // Half the scenarios carry faults (about one op in 15), so the other half run to the end;
        // always_faulty scenarios get about one in 5.
        const bool faulty = mix.invalid_ops && (mix.always_faulty || chance(2));
        const std::size_t none_weight = mix.always_faulty ? 40 : 120;
        if (chance(25) && spread(sc)) return sc;
        const int n_ops = *rc::gen::inRange(0, 41);
        for (int i = 0; i < n_ops; ++i) sc.ops.push_back(op(c, w, *fault(faulty, none_weight)));
        if (chance(5)) approach_clock_limit(sc);
        return sc;
    });
}

}  // namespace memspec::gen
