#include "conform/scenario_gen.hpp"

#include <algorithm>

#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/profiles/openvm_v1_4.hpp"
#include "spec/vocabulary/profiles/openvm_v2_0.hpp"
#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec::conform {

namespace {

std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

constexpr std::uint64_t P = BabyBear::P;

std::uint64_t pow2(std::uint32_t k) { return std::uint64_t{1} << k; }

// A power of two in [1, cap].
std::uint64_t pow2_upto(Rng& rng, std::uint64_t cap) { return pow2(static_cast<std::uint32_t>(rng.below(log2_exact(cap) + 1))); }

// Conform's Rng as the registry's random source, so a profile's config hook draws from the same stream.
class RngSource final : public ProfileRandom {
public:
    explicit RngSource(Rng& rng) : rng_(rng) {}
    std::uint64_t below(std::uint64_t n) override { return rng_.below(n); }

private:
    Rng& rng_;
};

MemoryConfig random_config(Rng& rng, Profile profile) {
    MemoryConfig c;
    // Small clocks often, so that the limit of R9 is within a dozen operations.
    static constexpr std::uint32_t CLOCKS[] = {3, 4, 4, 5, 6, 8, 12, 29, 29};
    c.clk_max_bits = rng.pick(CLOCKS);
    c.max_access_adapter_n = static_cast<std::uint32_t>(pow2(1 + static_cast<std::uint32_t>(rng.below(5))));
    // R3a, R210: the rest within the profile's own rules.
    RngSource source(rng);
    profile_entry(profile).random_config(source, c);
    return c;
}

// One field out of the bounds of R3 (any profile) or of R3a (the OpenVM profiles).
void break_config(Rng& rng, Scenario& sc) {
    MemoryConfig& c = sc.config;
    const ProfileEntry& profile = profile_entry(sc.profile);
    switch (rng.below(profile.break_ways)) {
        case 0: c.as_height = 29 + static_cast<std::uint32_t>(rng.below(4)); break;
        case 1: c.as_offset = 0; break;
        case 2: c.pointer_max_bits = 30 + static_cast<std::uint32_t>(rng.below(3)); break;
        case 3: c.clk_max_bits = rng.one_in(2) ? 0 : 30; break;
        case 4: c.decomp = rng.one_in(2) ? 0 : 30; break;
        case 5: c.max_access_adapter_n = rng.one_in(2) ? 3 : 64; break;
        case 6: c.as_offset = (1u << 29) - 1; break;
        case 7: c.strict_alignment = true; break;                 // R3a: OpenVM checks no alignment
        case 8: c.decomp = c.clk_max_bits; break;                  // R3a: one timestamp limb
        default: profile.break_own_rule(c); break;  // R3a: a rule of the profile's own
    }
}

struct Window {
    std::uint64_t base, width;
};

std::uint64_t memory_as(Rng& rng, const MemoryConfig& c) {
    return c.as_offset + rng.below(std::min<std::uint64_t>(pow2(c.as_height), 3));
}

std::uint64_t value(Rng& rng) {
    switch (rng.below(8)) {
        case 0: return P - 1;
        case 1: return rng.below(P);
        default: return rng.below(10);
    }
}

Op random_op(Rng& rng, const MemoryConfig& c, Window w) {
    const std::uint64_t kind = rng.below(9);  // 4 reads, 4 writes, 1 tick
    if (kind == 8) return Op::tick(rng.below(4));
    const std::uint64_t mem = c.memory_size();
    const std::uint64_t len = pow2_upto(rng, std::min<std::uint64_t>(c.max_access_adapter_n, std::min(mem, w.width)));
    if (kind < 4 && rng.one_in(8)) return Op::read(0, rng.one_in(4) ? P - 1 : rng.below(100), 1);  // R5: an immediate
    std::uint64_t ptr = w.base + rng.below(w.width - len + 1);
    if (c.strict_alignment || rng.one_in(2)) ptr -= ptr % len;  // R8: aligned half the time
    const std::uint64_t as = memory_as(rng, c);
    if (kind < 4) return Op::read(as, ptr, len);
    std::vector<std::uint64_t> data(len);
    for (auto& v : data) v = value(rng);
    return Op::write(as, ptr, std::move(data));
}

// An op that fails one check of R27 (the check chosen at random; the config decides which apply).
Op faulty_op(Rng& rng, const MemoryConfig& c, Window w) {
    const std::uint64_t mem = c.memory_size();
    const std::uint64_t as = memory_as(rng, c);
    switch (rng.below(9)) {
        case 0: {  // R7: not a power of two
            static constexpr std::uint64_t SIZES[] = {0, 3, 5, 6, 7};
            return Op::read(as, w.base, rng.pick(SIZES));
        }
        case 1: return Op::read(as, 0, 2 * std::uint64_t{c.max_access_adapter_n});  // R7: above the largest adapter
        case 2: {  // R4
            const std::uint64_t bad[] = {c.as_end(), c.as_offset - 1, pow2(32) + c.as_offset};
            return Op::write(rng.pick(bad), w.base, {1});
        }
        case 3: return rng.one_in(2) ? Op::write(0, w.base, {1}) : Op::read(0, w.base, 2);  // R5
        case 4: {  // R6: past the end of the space
            const std::uint64_t len = std::min<std::uint64_t>(2, c.max_access_adapter_n);
            const std::uint64_t ptrs[] = {mem - len + 1, mem, pow2(33)};
            return Op::read(as, rng.pick(ptrs), len);
        }
        case 5: return Op::read(0, P + rng.below(3), 1);  // R5: an immediate that is not a field element
        case 6: {  // R1
            std::vector<std::uint64_t> data(std::min<std::uint64_t>(2, c.max_access_adapter_n), 1);
            data.back() = rng.one_in(2) ? P : ~std::uint64_t{0};
            const std::uint64_t ptr = w.base - w.base % data.size();  // before `data` is moved from
            return Op::write(as, ptr, std::move(data));
        }
        case 7:  // R8 (strict only; otherwise an unaligned access that is fine)
            return Op::read(as, (w.base | 1) < mem ? w.base | 1 : 0, std::min<std::uint64_t>(2, c.max_access_adapter_n));
        default: return Op::tick(rng.one_in(2) ? c.timestamp_limit() : pow2(40));  // R9
    }
}

// R9: one tick, at a random place, after which the ops end with the clock 2 below, 1 below, at or
// 1 past 2^clk_max_bits — the last few timestamps, where off-by-one errors live.
void approach_clock_limit(Rng& rng, Scenario& sc) {
    const std::uint64_t limit = sc.config.timestamp_limit();
    std::uint64_t advance = 0;
    for (const Op& o : sc.ops) advance += o.kind == OpKind::Tick ? std::min(o.by, limit) : 1;
    static constexpr std::uint64_t BELOW[] = {2, 1, 1, 0, 0};  // how far below the limit; 0: at it (an error)
    const std::uint64_t target = limit - rng.pick(BELOW) + (rng.one_in(8) ? 1 : 0);  // the clock after the last op
    if (1 + advance >= target) return;
    sc.ops.insert(sc.ops.begin() + static_cast<std::ptrdiff_t>(rng.below(sc.ops.size() + 1)), Op::tick(target - 1 - advance));
}

// ---- OpenVM v2.0 (R213-R221): aligned 4-cell accesses over its fixed address-space table ----
// A generator per semantics family, as engines are chosen per family (R210): v2.0's accesses have
// one size and one alignment, and its address spaces each their own number and type of cells.

constexpr std::uint64_t V2_BLOCK = v2_0::BLOCK_SIZE;
constexpr std::uint64_t V2_SPACES = std::uint64_t{1} << v2_0::AS_HEIGHT;  // address spaces 1..8 (R214)

// Per address space with cells, a window of four blocks (two 8-cell chunks, where a second 4-cell
// access of an 8-cell operand lands): at the space's start, at its end (where the bounds check
// lives), or anywhere, aligned to 8.
struct V2Windows {
    std::uint64_t base[V2_SPACES + 1] = {};
};

V2Windows v2_windows(Rng& rng) {
    V2Windows w;
    for (std::uint64_t as = 1; as <= V2_SPACES; ++as) {
        const std::uint64_t cells = v2_0::address_space(as).num_cells;
        if (cells < 16) continue;
        switch (rng.below(3)) {
            case 0: w.base[as] = 0; break;
            case 1: w.base[as] = cells - 16; break;
            default: w.base[as] = rng.below(cells / 8 - 1) * 8; break;
        }
    }
    return w;
}

// An address space with cells, the small ones (whose end is within reach) as often as the big one.
std::uint64_t v2_space(Rng& rng) {
    static constexpr std::uint64_t SPACES[] = {1, 1, 2, 2, 3, 3, 4};
    return rng.pick(SPACES);
}

std::uint64_t v2_block(Rng& rng, const V2Windows& w, std::uint64_t as) { return w.base[as] + V2_BLOCK * rng.below(4); }

// R217: a value its cell type holds, biased to the edges (255 in a u8 cell, p - 1 in a field cell).
std::uint64_t v2_value(Rng& rng, std::uint64_t as) {
    if (v2_0::address_space(as).cells == v2_0::CellType::field) return value(rng);
    return rng.one_in(6) ? 255 : rng.one_in(2) ? rng.below(256) : rng.below(10);
}

Op v2_op(Rng& rng, const V2Windows& w) {
    const std::uint64_t kind = rng.below(9);  // 4 reads, 4 writes, 1 tick (an immediate is a tick of 1, R218)
    if (kind == 8) return Op::tick(rng.below(3));
    const std::uint64_t as = v2_space(rng);
    const std::uint64_t ptr = v2_block(rng, w, as);
    if (kind < 4) return Op::read(as, ptr, V2_BLOCK);
    std::vector<std::uint64_t> data(V2_BLOCK);
    for (auto& v : data) v = v2_value(rng, as);
    return Op::write(as, ptr, std::move(data));
}

// An op that fails one check of R217 (or R215 for a tick); which check fails first is memspec's to say.
Op v2_faulty_op(Rng& rng, const MemoryConfig& c, const V2Windows& w) {
    const std::uint64_t as = v2_space(rng);
    const std::uint64_t ptr = v2_block(rng, w, as);
    switch (rng.below(8)) {
        case 0: return rng.one_in(2) ? Op::read(0, ptr, rng.one_in(2) ? 1 : V2_BLOCK) : Op::write(0, ptr, {1, 2, 3, 4});  // 1, R221
        case 1: {  // 2: beyond the table
            const std::uint64_t bad[] = {V2_SPACES + 1, V2_SPACES + 2, pow2(32) + 1};
            return Op::read(rng.pick(bad), 0, V2_BLOCK);
        }
        case 2: {  // 3: not a power of two
            static constexpr std::uint64_t SIZES[] = {0, 3, 5, 6, 7};
            return Op::read(as, ptr, rng.pick(SIZES));
        }
        case 3: {  // 4: a power of two other than 4 (v1.0's sizes, R221)
            static constexpr std::uint64_t SIZES[] = {1, 2, 8, 16};
            const std::uint64_t len = rng.pick(SIZES);
            if (rng.one_in(2)) return Op::read(as, ptr, len);
            return Op::write(as, ptr, std::vector<std::uint64_t>(len, 1));
        }
        case 4: return Op::read(as, ptr + 1 + rng.below(V2_BLOCK - 1), V2_BLOCK);  // 5: unaligned
        case 5: {  // 6: past the cells: the block at a small space's end, or any block of a space without cells
            static constexpr std::uint64_t SMALL[] = {1, 3, 4};
            const std::uint64_t at = rng.pick(SMALL);
            const std::uint64_t cells = v2_0::address_space(at).num_cells;
            if (rng.one_in(3)) return Op::read(5 + rng.below(V2_SPACES - 4), rng.one_in(2) ? 0 : V2_BLOCK, V2_BLOCK);
            return Op::read(at, rng.one_in(3) ? cells + V2_BLOCK : cells, V2_BLOCK);
        }
        case 6: {  // 7: a value its cell type cannot hold
            std::vector<std::uint64_t> data(V2_BLOCK, 1);
            const bool bytes = v2_0::address_space(as).cells == v2_0::CellType::u8;
            // In a u8 space mostly a value a field cell could hold (256, 257 or p - 1): the fault that
            // forgets the cell type; otherwise not a field element at all.
            static constexpr std::uint64_t FIELD_ONLY[] = {256, 257, P - 1};
            data[rng.below(V2_BLOCK)] = bytes && !rng.one_in(4) ? rng.pick(FIELD_ONLY) : rng.one_in(2) ? P : ~std::uint64_t{0};
            return Op::write(as, ptr, std::move(data));
        }
        default: return Op::tick(rng.one_in(2) ? c.timestamp_limit() : pow2(40));  // R215
    }
}

// R214: an initial cell outside the table, past its space's cells, or not fitting its cell type
// (after R4, R6 and R1, which these also reach).
InitialCell v2_bad_cell(Rng& rng) {
    const InitialCell bad[] = {{0, 0, 1},   {V2_SPACES + 1, 0, 1}, {1, 128, 1}, {3, 32, 1},      {5, 0, 0},
                               {2, 0, 256}, {4, 0, P},             {1, 0, P},   {2, pow2(29), 1}, {4, pow2(14), 1}};
    return rng.pick(bad);
}

void fill_v2_0_scenario(Rng& rng, Scenario& sc) {
    const MemoryConfig& c = sc.config;
    sc.initial_block_size = V2_BLOCK;
    if (!rng.one_in(6)) sc.finalize_chunk = V2_BLOCK;
    const V2Windows w = v2_windows(rng);
    // R214: v2.0 memory is persistent, so any image the table admits.
    if (rng.one_in(3)) {
        const std::uint64_t n = 1 + rng.below(4);
        for (std::uint64_t i = 0; i < n; ++i) {
            const std::uint64_t as = v2_space(rng);
            const InitialCell cell{as, v2_block(rng, w, as) + rng.below(V2_BLOCK), v2_value(rng, as)};
            if (std::none_of(sc.initial_memory.begin(), sc.initial_memory.end(),
                             [&](const InitialCell& x) { return x.address_space == cell.address_space && x.pointer == cell.pointer; }))
                sc.initial_memory.push_back(cell);
        }
    }
    const std::uint64_t n_ops = rng.below(std::min<std::uint64_t>(13, c.timestamp_limit() - 1));
    for (std::uint64_t i = 0; i < n_ops; ++i) sc.ops.push_back(v2_op(rng, w));
    if (rng.one_in(4)) approach_clock_limit(rng, sc);
    const std::uint64_t plan = rng.below(100);
    if (plan < 4) {
        break_config(rng, sc);  // R3, R213
    } else if (plan < 7) {
        // R15, R26, R213, R221: a block size or chunk v2.0 does not admit (v1.0's 1 and 8 among them).
        const std::uint64_t bad[] = {0, 1, 2, 3, 8, 2 * std::uint64_t{c.max_access_adapter_n}};
        if (rng.one_in(2)) sc.initial_block_size = rng.pick(bad);
        else sc.finalize_chunk = rng.pick(bad);
    } else if (plan < 9) {
        if (rng.one_in(3)) {  // R13: a good cell repeated
            if (sc.initial_memory.empty()) sc.initial_memory.push_back({2, v2_block(rng, w, 2), v2_value(rng, 2)});
            sc.initial_memory.push_back(sc.initial_memory.front());
        } else {
            sc.initial_memory.push_back(v2_bad_cell(rng));
        }
    } else if (plan < 22) {
        const Op bad = v2_faulty_op(rng, c, w);
        sc.ops.insert(sc.ops.begin() + static_cast<std::ptrdiff_t>(rng.below(sc.ops.size() + 1)), bad);
    }
}

// ---- OpenVM v1.4 to v1.7 (R260-R271, R320): whole minimum blocks over v1.4's fixed table ----
// Address spaces 1-4 each have a minimum block (4 for the u8 spaces, 1 for native and for AS2 under
// the legacy switch, R262), and v1.4's record algorithm differs from v1.0's where blocks of several
// sizes overlap: so every space gets a window of 64 cells (two of the largest blocks) at its start,
// at its end (where the bounds check lives) or anywhere aligned to 32, and accesses of every size
// its minimum admits.

constexpr std::uint64_t V14_SPACES = std::uint64_t{1} << v1_4::AS_HEIGHT;  // address spaces 1..8 (R262)
constexpr std::uint64_t V14_WINDOW = 2 * v1_4::MAX_BLOCK_SIZE;

struct V14Windows {
    std::uint64_t base[V14_SPACES + 1] = {};
};

V14Windows v14_windows(Rng& rng) {
    V14Windows w;
    for (std::uint64_t as = 1; as <= V14_SPACES; ++as) {
        const std::uint64_t cells = v1_4::address_space(as, false).num_cells;
        if (cells < V14_WINDOW) continue;  // AS3's 32 cells: the window is the whole space
        switch (rng.below(3)) {
            case 0: w.base[as] = 0; break;
            case 1: w.base[as] = cells - V14_WINDOW; break;
            default: w.base[as] = rng.below(cells / 32 - 1) * 32; break;
        }
    }
    return w;
}

std::uint64_t v14_space(Rng& rng) {
    static constexpr std::uint64_t SPACES[] = {1, 2, 2, 3, 4, 4};
    return rng.pick(SPACES);
}

std::uint64_t v14_window_cells(std::uint64_t as) { return std::min<std::uint64_t>(V14_WINDOW, v1_4::address_space(as, false).num_cells); }

// R263: a power of two that is whole minimum blocks, up to MAX_BLOCK_SIZE and max_access_adapter_n.
std::uint64_t v14_size(Rng& rng, const MemoryConfig& c, std::uint64_t as) {
    const std::uint64_t min = v1_4::address_space(as, c.legacy_v1_3_mem_align).min_block_size;
    const std::uint64_t cap = std::min<std::uint64_t>({v1_4::MAX_BLOCK_SIZE, c.max_access_adapter_n, v14_window_cells(as)});
    if (cap < min) return min;  // a size the adapters cannot take: an error the generator keeps (R263 check 4)
    return min << rng.below(log2_exact(cap / min) + 1);
}

// A pointer in the space's window aligned to its minimum block; half the time aligned to the size too,
// so that an access often meets a block of its own size (R265) and as often straddles one (R266).
std::uint64_t v14_ptr(Rng& rng, const MemoryConfig& c, const V14Windows& w, std::uint64_t as, std::uint64_t len) {
    const std::uint64_t min = v1_4::address_space(as, c.legacy_v1_3_mem_align).min_block_size;
    const std::uint64_t width = v14_window_cells(as);
    std::uint64_t off = rng.below(width - std::min(len, width) + 1);
    off -= off % (rng.one_in(2) ? len : min);
    return w.base[as] + off;
}

std::uint64_t v14_value(Rng& rng, std::uint64_t as) {
    if (v1_4::address_space(as, false).cells == v1_4::CellType::field) return value(rng);
    return rng.one_in(6) ? 255 : rng.one_in(2) ? rng.below(256) : rng.below(10);
}

Op v14_op(Rng& rng, const MemoryConfig& c, const V14Windows& w) {
    const std::uint64_t kind = rng.below(9);  // 4 reads, 4 writes, 1 tick (an immediate is a tick of 1)
    if (kind == 8) return Op::tick(rng.below(3));
    const std::uint64_t as = v14_space(rng);
    const std::uint64_t len = v14_size(rng, c, as);
    const std::uint64_t ptr = v14_ptr(rng, c, w, as, len);
    if (kind < 4) return Op::read(as, ptr, len);
    std::vector<std::uint64_t> data(len);
    for (auto& v : data) v = v14_value(rng, as);
    return Op::write(as, ptr, std::move(data));
}

// An op that fails one check of R263 (or R264 for a tick); which check fails first is memspec's to say.
Op v14_faulty_op(Rng& rng, const MemoryConfig& c, const V14Windows& w) {
    const std::uint64_t as = v14_space(rng);
    const std::uint64_t min = v1_4::address_space(as, c.legacy_v1_3_mem_align).min_block_size;
    const std::uint64_t ptr = v14_ptr(rng, c, w, as, min);
    switch (rng.below(9)) {
        // 1: address space 0, mostly as v1.0's immediate (a 1-cell read), which v1.4 has as a tick
        case 0: return rng.one_in(4) ? Op::write(0, ptr, {1}) : Op::read(0, ptr, rng.one_in(4) ? 4 : 1);
        case 1: {  // 2: beyond the table
            const std::uint64_t bad[] = {V14_SPACES + 1, V14_SPACES + 2, pow2(32) + 1};
            return Op::read(rng.pick(bad), 0, 4);
        }
        case 2: {  // 3: not a power of two
            static constexpr std::uint64_t SIZES[] = {0, 3, 5, 6, 12};
            return Op::read(as, ptr, rng.pick(SIZES));
        }
        case 3: {  // 4: above MAX_BLOCK_SIZE, or above the largest adapter
            const std::uint64_t len = rng.one_in(2) ? 2 * std::uint64_t{v1_4::MAX_BLOCK_SIZE} : 2 * std::uint64_t{c.max_access_adapter_n};
            return Op::read(rng.one_in(2) ? 4 : 2, 0, len);
        }
        case 4: {  // 5: a size that is not whole minimum blocks (a u8 space without the switch)
            const std::uint64_t at = rng.one_in(2) ? 1 : 3;
            return rng.one_in(2) ? Op::read(at, 0, rng.one_in(2) ? 1 : 2) : Op::write(at, 0, {1, 2});
        }
        case 5: return Op::read(rng.one_in(2) ? 1 : 3, 4 * rng.below(4) + 1 + rng.below(3), 4);  // 6: unaligned
        case 6: {  // 7: past the cells: the block at a small space's end, or any block of a space without cells
            if (rng.one_in(3)) return Op::read(5 + rng.below(V14_SPACES - 4), rng.one_in(2) ? 0 : 4, rng.one_in(2) ? 1 : 4);
            const std::uint64_t at = rng.one_in(2) ? 1 : 3;
            const std::uint64_t cells = v1_4::address_space(at, false).num_cells;
            return Op::read(at, rng.one_in(2) ? cells : cells - 4, rng.one_in(2) ? 8 : 4);
        }
        case 7: {  // 8: a value its cell type cannot hold
            std::vector<std::uint64_t> data(min, 1);
            const bool bytes = v1_4::address_space(as, false).cells == v1_4::CellType::u8;
            static constexpr std::uint64_t FIELD_ONLY[] = {256, 257, P - 1};
            data[rng.below(min)] = bytes && !rng.one_in(4) ? rng.pick(FIELD_ONLY) : rng.one_in(2) ? P : ~std::uint64_t{0};
            return Op::write(as, ptr, std::move(data));
        }
        default: return Op::tick(rng.one_in(2) ? c.timestamp_limit() : pow2(40));  // 9: R264
    }
}

// R271: an initial cell outside the table, past its space's cells, or not fitting its cell type
// (after R4, R6 and R1, which these also reach).
InitialCell v14_bad_cell(Rng& rng) {
    const InitialCell bad[] = {{0, 0, 1},   {V14_SPACES + 1, 0, 1}, {1, 128, 1}, {3, 32, 1}, {5, 0, 0},
                               {2, 0, 256}, {4, 0, P},              {1, 0, P},   {2, pow2(29), 1}};
    return rng.pick(bad);
}

void fill_v1_4_scenario(Rng& rng, Scenario& sc) {
    const MemoryConfig& c = sc.config;
    const std::uint64_t chunk = *profile_chunk(sc.profile);  // R261: 1 volatile, 8 persistent
    sc.initial_block_size = chunk;
    if (!rng.one_in(6)) sc.finalize_chunk = chunk;
    const V14Windows w = v14_windows(rng);
    const bool image_allowed = !image_must_be_empty(sc.profile, sc.finalize_chunk);  // R271: persistent only
    if (image_allowed && rng.one_in(3)) {
        const std::uint64_t n = 1 + rng.below(4);
        for (std::uint64_t i = 0; i < n; ++i) {
            const std::uint64_t as = v14_space(rng);
            const InitialCell cell{as, w.base[as] + rng.below(v14_window_cells(as)), v14_value(rng, as)};
            if (std::none_of(sc.initial_memory.begin(), sc.initial_memory.end(),
                             [&](const InitialCell& x) { return x.address_space == cell.address_space && x.pointer == cell.pointer; }))
                sc.initial_memory.push_back(cell);
        }
    }
    const std::uint64_t n_ops = rng.below(std::min<std::uint64_t>(13, c.timestamp_limit() - 1));
    for (std::uint64_t i = 0; i < n_ops; ++i) sc.ops.push_back(v14_op(rng, c, w));
    if (rng.one_in(4)) approach_clock_limit(rng, sc);
    const std::uint64_t plan = rng.below(100);
    if (plan < 4) {
        break_config(rng, sc);  // R3, R261
    } else if (plan < 7) {
        // R15, R26, R261: a block size or chunk v1.4 does not admit (the other memory's among them).
        const std::uint64_t bad[] = {0, 3, 4, chunk == 1 ? 8u : 1u, 2 * std::uint64_t{c.max_access_adapter_n}};
        if (rng.one_in(2)) sc.initial_block_size = rng.pick(bad);
        else sc.finalize_chunk = rng.pick(bad);
    } else if (plan < 9) {
        if (!image_allowed) {  // R13: any image under the volatile profile
            sc.initial_memory.push_back({2, w.base[2], 1});
        } else if (rng.one_in(3)) {  // R13: a good cell repeated
            if (sc.initial_memory.empty()) sc.initial_memory.push_back({2, w.base[2], v14_value(rng, 2)});
            sc.initial_memory.push_back(sc.initial_memory.front());
        } else {
            sc.initial_memory.push_back(v14_bad_cell(rng));
        }
    } else if (plan < 24) {
        const Op bad = v14_faulty_op(rng, c, w);
        sc.ops.insert(sc.ops.begin() + static_cast<std::ptrdiff_t>(rng.below(sc.ops.size() + 1)), bad);
    }
}

}  // namespace

Rng::Rng(std::uint64_t seed) {
    for (auto& s : s_) s = splitmix(seed);
}

std::uint64_t Rng::next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0], s_[3] ^= s_[1], s_[1] ^= s_[2], s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

std::uint64_t Rng::below(std::uint64_t n) {
    // Rejection: uniform, and the same numbers on every platform.
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
    std::uint64_t x;
    do x = next();
    while (x >= limit);
    return x % n;
}

Scenario random_scenario(std::uint64_t seed, std::uint64_t index, Profile profile) {
    std::uint64_t mixed = seed ^ 0x6D656D73706563ull;  // "memspec"
    Rng rng(splitmix(mixed) ^ (index * 0xD1B54A32D192ED03ull));
    Scenario sc;
    sc.profile = profile;
    sc.config = random_config(rng, profile);
    if (profile_entry(profile).semantics == Semantics::openvm_v2_0) {
        fill_v2_0_scenario(rng, sc);
        return sc;
    }
    if (profile_entry(profile).semantics == Semantics::openvm_v1_4) {  // R320
        fill_v1_4_scenario(rng, sc);
        return sc;
    }
    MemoryConfig& c = sc.config;
    const std::uint64_t mem = c.memory_size();
    const std::uint64_t cap = std::min<std::uint64_t>(c.max_access_adapter_n, mem);
    const auto fixed = profile_chunk(profile);
    sc.initial_block_size = fixed ? *fixed : pow2_upto(rng, cap);
    if (!rng.one_in(6)) sc.finalize_chunk = fixed ? *fixed : pow2_upto(rng, cap);
    const std::uint64_t width = std::min<std::uint64_t>(mem, rng.one_in(2) ? 8 : rng.one_in(2) ? 16 : 32);
    const std::uint64_t base = rng.one_in(2) ? 0 : rng.one_in(2) ? mem - width : rng.below(mem - width + 1);
    const Window w{base, width};
    // R13: an image only where the boundary is persistent.
    const bool image_allowed = !image_must_be_empty(profile, sc.finalize_chunk);
    if (image_allowed && rng.one_in(3)) {
        const std::uint64_t n = 1 + rng.below(4);
        for (std::uint64_t i = 0; i < n; ++i) {
            const InitialCell cell{memory_as(rng, c), w.base + rng.below(w.width), value(rng)};
            if (std::none_of(sc.initial_memory.begin(), sc.initial_memory.end(),
                             [&](const InitialCell& x) { return x.address_space == cell.address_space && x.pointer == cell.pointer; }))
                sc.initial_memory.push_back(cell);
        }
    }
    // Fewer ops than the clock admits: running out of clock is the deliberate fault below, not an accident.
    const std::uint64_t n_ops = rng.below(std::min<std::uint64_t>(13, c.timestamp_limit() - 1));
    for (std::uint64_t i = 0; i < n_ops; ++i) sc.ops.push_back(random_op(rng, c, w));
    if (rng.one_in(4)) approach_clock_limit(rng, sc);
    // Errors at a steady rate: a deliberate fault in about one scenario in five; with the clock's limit
    // and the setups the profile rejects, about a third of the scenarios end in an error.
    const std::uint64_t plan = rng.below(100);
    if (plan < 4) {
        break_config(rng, sc);
    } else if (plan < 7) {
        // R15, R26, R3a: a block size or chunk the config or the profile does not admit.
        const std::uint64_t bad[] = {0, 3, 6, 2 * std::uint64_t{c.max_access_adapter_n}, fixed ? 4 : 2 * mem};
        if (rng.one_in(2)) sc.initial_block_size = rng.pick(bad);
        else sc.finalize_chunk = rng.pick(bad);
    } else if (plan < 9) {
        // R13: a cell outside the image's bounds, a repeated cell, or an image the volatile boundary forbids.
        const InitialCell bad[] = {{0, 0, 1}, {c.as_end(), 0, 1}, {c.as_offset, mem, 1}, {c.as_offset, w.base, P}};
        sc.initial_memory.push_back(rng.pick(bad));
        if (!sc.initial_memory.empty() && rng.one_in(3)) sc.initial_memory.push_back(sc.initial_memory.front());
    } else if (plan < 22) {
        const Op bad = faulty_op(rng, c, w);
        sc.ops.insert(sc.ops.begin() + static_cast<std::ptrdiff_t>(rng.below(sc.ops.size() + 1)), bad);
    }
    return sc;
}

Scenario restrict_to_access_sizes(Scenario scenario, const std::set<std::size_t>& access_sizes) {
    if (access_sizes.empty()) return scenario;
    std::erase_if(scenario.ops, [&](const Op& op) {
        const std::size_t size = op.kind == OpKind::Read ? op.len : op.kind == OpKind::Write ? op.data.size() : 0;
        return op.kind != OpKind::Tick && !access_sizes.count(size);
    });
    return scenario;
}

}  // namespace memspec::conform
