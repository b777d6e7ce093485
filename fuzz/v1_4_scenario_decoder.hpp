// R324: bytes -> an OpenVM v1.4 scenario (openvm-v1.4-volatile or openvm-v1.4-persistent) for the
// differential_v1_4 fuzz target. It reaches every switch of R261 and R262 — each config field v1.4
// fixes broken in turn, one or two timestamp limbs, every max_access_adapter_n, the legacy
// alignment switch — initial block sizes and finalize chunks v1.4 takes and refuses, images (refused
// by the volatile memory, R13; cells outside the table or too large for a u8 cell, R271), and
// operations over address spaces 0-9 and 2^32 + 1 that reach each check of R263 in turn: sizes that
// are whole minimum blocks up to 32 and ones that are not powers of two, above 32 or above the
// largest adapter, or not whole minimum blocks; places at a space's start, at its end, one past it,
// at a 4096-cell page boundary, unaligned to the minimum block, or anywhere aligned; values each cell
// type holds and ones it cannot; and ticks to the clock's last values (R264).
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "fuzz/fuzzed_data.hpp"
#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::fuzz {

class V14ScenarioDecoder {
public:
    explicit V14ScenarioDecoder(FuzzedData& in) : in_(in) {}

    Scenario scenario() {
        Scenario sc;
        const std::uint8_t head = in_.byte();
        sc.profile = head % 2 ? Profile::openvm_v1_4_persistent : Profile::openvm_v1_4_volatile;
        const std::uint64_t chunk = head % 2 ? 8 : 1;  // R261
        sc.config = config(static_cast<std::uint32_t>(chunk));
        legacy_ = sc.config.legacy_v1_3_mem_align;
        static constexpr std::uint64_t BAD_SIZES[] = {0, 1, 3, 4, 8, 16, 64};
        const std::uint8_t ibs = in_.byte();
        sc.initial_block_size = ibs % 8 != 0 ? chunk : BAD_SIZES[(ibs >> 3) % 7];
        const std::uint8_t fin = in_.byte();
        if (fin % 4 == 1) sc.finalize_chunk = BAD_SIZES[(fin >> 2) % 7];
        else if (fin % 4 != 0) sc.finalize_chunk = chunk;
        // Images in one persistent scenario in four, where R271 admits them, and now and then under the
        // volatile memory, which refuses any (R13).
        const std::uint8_t img = in_.byte();
        const std::size_t cells = (head % 2 && img % 4 == 0) || img % 32 == 1 ? std::min<std::size_t>((img >> 3) % 5, MAX_INITIAL_CELLS) : 0;
        for (std::size_t i = 0; i < cells; ++i) {
            InitialCell cell;
            cell.address_space = address_space();
            cell.pointer = place(cell.address_space, 1) + in_.byte() % 8;
            cell.value = value(cell.address_space);
            sc.initial_memory.push_back(cell);
        }
        std::uint64_t clock = 1;
        const std::uint64_t limit = std::uint64_t{1} << std::min<std::uint32_t>(sc.config.clk_max_bits, 40);
        while (!in_.empty() && sc.ops.size() < MAX_OPS) {
            Op o = op(clock, limit, sc.config.max_access_adapter_n);
            clock = std::min<std::uint64_t>(clock + (o.kind == OpKind::Tick ? o.by : 1), std::uint64_t{1} << 40);
            sc.ops.push_back(std::move(o));
        }
        return sc;
    }

private:
    // `chunk`: the profile's initial block, which max_access_adapter_n must admit (R15) unless the
    // input chooses the one config field that breaks it.
    MemoryConfig config(std::uint32_t chunk) {
        MemoryConfig c;  // R261: as_offset 1, as_height 3, pointer_max_bits 29 are the defaults
        const std::uint8_t b = in_.byte();
        static constexpr std::uint32_t CLOCKS[] = {3, 4, 6, 12, 29};
        c.clk_max_bits = CLOCKS[(b >> 3) % 5];
        const std::uint32_t lo = (c.clk_max_bits + 1) / 2, hi = c.clk_max_bits - 1;
        c.decomp = lo + in_.byte() % (hi - lo + 1);
        const std::uint8_t a = in_.byte();
        c.max_access_adapter_n = std::max(2u << (a % 5), chunk);  // 2..32 (R263 check 4), at least the initial block
        c.legacy_v1_3_mem_align = (a >> 3) % 4 == 0;  // R262
        if (b % 8 != 0) return c;
        switch ((b >> 6) % 4 + 4 * ((a >> 5) % 2)) {  // one field of R261 broken
            case 0: c.as_height = 2; break;
            case 1: c.pointer_max_bits = 28; break;
            case 2: c.decomp = c.clk_max_bits; break;  // one timestamp limb
            case 3: c.strict_alignment = true; break;
            case 4: c.as_offset = 2; break;
            case 5: c.clk_max_bits = 30, c.decomp = 15; break;
            case 6: c.max_access_adapter_n = 3; break;  // R3
            default: c.decomp = (c.clk_max_bits + 3) / 4; break;  // three or more limbs
        }
        return c;
    }

    std::uint64_t address_space() { return table_address_space(in_); }

    // R262's table, restated here: the decoder must not trust the engines.
    static std::uint64_t cells_of(std::uint64_t as) {
        switch (as) {
            case 1: return 128;
            case 2: case 4: return std::uint64_t{1} << 29;
            case 3: return 32;
            default: return 0;
        }
    }
    std::uint64_t min_of(std::uint64_t as) const { return as == 1 || as == 3 || (as == 2 && !legacy_) ? 4 : 1; }

    std::uint64_t place(std::uint64_t as, std::uint64_t len) {
        const std::uint8_t b = in_.byte();
        const std::uint64_t cells = cells_of(as), m = min_of(as), off = m * ((b >> 3) % 8);
        switch (b % 8) {
            case 0: case 1: case 2: return off;                                        // the start
            case 3: return cells >= 64 ? cells - 32 + off - std::min<std::uint64_t>(len, 32) + m : off;  // the end
            case 4: return cells;                                                      // one past the end
            case 5: return cells > PAGE_CELLS ? PAGE_CELLS - 16 + off : off;           // across a page boundary
            case 6: return off + 1 + (b >> 6) % 3;                                     // unaligned to 4
            default: return cells > 64 ? ((std::uint64_t{b} << 5) % (cells - 64)) / m * m : off;
        }
    }

    std::uint64_t value(std::uint64_t as) { return table_value(in_, as); }

    std::uint64_t size(std::uint64_t as, std::uint64_t max_adapter) {
        const std::uint8_t l = in_.byte();
        const std::uint64_t m = min_of(as);
        if (l % 8 != 0) {  // whole minimum blocks, a power of two up to 32 and the largest adapter
            const std::uint64_t cap = std::max<std::uint64_t>(m, std::min<std::uint64_t>(32, max_adapter));
            std::uint64_t len = m << ((l >> 3) % 6);
            while (len > cap) len /= 2;
            return std::max(len, m);
        }
        static constexpr std::uint64_t ODD[] = {0, 1, 2, 3, 5, 12, 64, 128};  // R263 checks 3-5
        return ODD[(l >> 3) % 8];
    }

    Op op(std::uint64_t clock, std::uint64_t limit, std::uint64_t max_adapter) {
        const std::uint8_t kind = in_.byte() % 3;
        if (kind == 2) {
            const std::uint8_t b = in_.byte();
            if (b % 4 == 0) return Op::tick(sat_sub(limit, clock) - (b >> 2) % 3 + ((b >> 4) % 2));  // R264's last values
            return Op::tick(b % 3);  // an immediate is a tick of 1
        }
        const std::uint64_t as = address_space();
        const std::uint64_t len = std::min<std::uint64_t>(size(as, max_adapter), MAX_WRITE_LEN * 2);
        const std::uint64_t ptr = place(as, len);
        if (kind == 0) return Op::read(as, ptr, len);
        std::vector<std::uint64_t> data;
        for (std::uint64_t i = 0; i < std::min(len, MAX_WRITE_LEN); ++i) data.push_back(value(as));
        return Op::write(as, ptr, std::move(data));
    }

    FuzzedData& in_;
    bool legacy_ = false;
};

}  // namespace memspec::fuzz
