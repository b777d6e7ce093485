// The shared input decoder of the byte-driven fuzz targets: turns libFuzzer's bytes into a
// Scenario biased toward the cases where memory systems break (small windows, sizes 1..32 and
// non powers of two, address space 0 and just-outside address spaces, unaligned pointers,
// values near p, clocks near 2^clk_max_bits, small configs).
//
// Pointers reach anywhere in a 2^29-cell address space (16 evenly spread places, the 4096-cell
// page boundaries of impl/paged.hpp, and 4-byte literals); the small configs choose decomp (17 as
// in OpenVM, 1..29) and access_capacity too.
//
// Unlike clang's FuzzedDataProvider (which takes integers from the end of the input), this
// reader consumes bytes front to back, one self-delimiting token per choice. That makes the
// format invertible: ScenarioEncoder writes any Scenario as bytes that decode back to the same
// Scenario, which is how fuzz/corpus_gen.cpp turns the JSON seed scenarios into seed inputs
// for the byte-driven targets.
//
// Format (all integers little endian):
//   number   := tag [payload]
//               tag 0xFD: 1-byte literal, 0xFE: 4-byte literal, 0xFF: 8-byte literal;
//               tag < 0xFD: a biased value chosen by the context (see NumberKind)
//   config   := 0xFF number{as_height as_offset pointer_max_bits clk_max_bits decomp
//                           max_access_adapter_n access_capacity} strict_byte   (explicit)
//             | m n d                                                (a small valid config)
//   scenario := config number(initial_block_size) fin_byte [number(finalize_chunk)]
//               count_byte {number(as) number(ptr) number(value)}  op*
//   op       := kind_byte (%3: 0 read, 1 write, 2 tick)
//               read: number(as) number(len) number(ptr)
//               write: number(as) number(len) data_mode [values]   tick: number(by)
// A missing byte reads as 0, so every input, including the empty one, decodes to something.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::fuzz {

inline constexpr std::size_t MAX_INITIAL_CELLS = 64;
inline constexpr std::size_t MAX_OPS = 128;
inline constexpr std::uint64_t MAX_WRITE_LEN = 64;  // above max_access_adapter_n = 32, to hit R7

inline constexpr std::uint8_t TAG_LIT8 = 0xFD;
inline constexpr std::uint8_t TAG_LIT32 = 0xFE;
inline constexpr std::uint8_t TAG_LIT64 = 0xFF;
inline constexpr std::uint8_t CONFIG_EXPLICIT = 0xFF;
inline constexpr std::uint64_t PAGE_CELLS = 4096;  // impl/paged.hpp's page size

class FuzzedData {
public:
    FuzzedData(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    bool empty() const { return pos_ >= size_; }
    std::size_t remaining() const { return size_ - pos_; }
    std::uint8_t byte() { return empty() ? 0 : data_[pos_++]; }
    std::uint64_t little_endian(int bytes) {
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i) v |= std::uint64_t{byte()} << (8 * i);
        return v;
    }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

// What a biased number means; each kind has its own table of interesting values.
enum class NumberKind { Small, AddressSpace, Size, Pointer, Value, Tick };

// The decoder never trusts the config it decoded (it may be invalid on purpose), so every
// derived quantity is computed with saturation instead of MemoryConfig's shifts.
inline std::uint64_t safe_pow2(std::uint64_t bits) { return bits >= 40 ? std::uint64_t{1} << 40 : std::uint64_t{1} << bits; }
inline std::uint64_t sat_sub(std::uint64_t a, std::uint64_t b) { return a > b ? a - b : 0; }

// A cell value for address space `as` of OpenVM's default table: u8 cells everywhere but the native
// space 4 (field cells), drawn at each side of the cell type's bound and at 2^64 - 1, so every decoder
// of that table reaches each check on values.
inline std::uint64_t table_value(FuzzedData& in, std::uint64_t as) {
    const std::uint8_t b = in.byte();
    const bool bytes = as != 4;
    switch (b % 16) {
        case 0: return bytes ? 255 : BabyBear::P - 1;
        case 1: return bytes ? 256 : BabyBear::P;
        case 2: return std::numeric_limits<std::uint64_t>::max();
        default: return bytes ? b : std::uint64_t{b} * 7919u;
    }
}

// An address space of OpenVM's default table of `as_height = 3` (v1.4's R262, v2.0's R214): 0 (never
// a memory), 1..4 (the spaces with cells), 5..8 (in the table, no cells) or beyond it (9, and one
// past 2^32), so every decoder of that table reaches each check on the address space.
inline std::uint64_t table_address_space(FuzzedData& in) {
    const std::uint8_t b = in.byte();
    switch (b % 16) {
        case 0: return 0;
        case 1: return 5 + (b >> 4) % 4;  // 5..8: no cells
        case 2: return (b >> 4) % 2 ? 9 : (std::uint64_t{1} << 32) + 1;
        default: return 1 + b % 4;
    }
}

class ScenarioDecoder {
public:
    explicit ScenarioDecoder(FuzzedData& in) : in_(in) {}

    MemoryConfig config() {
        MemoryConfig c;
        const std::uint8_t m = in_.byte();
        if (m == CONFIG_EXPLICIT) {
            // Any field value up to 2^32 - 1: invalid configs must fail validation (R3), never crash.
            c.as_height = u32(number(NumberKind::Small));
            c.as_offset = u32(number(NumberKind::Small));
            c.pointer_max_bits = u32(number(NumberKind::Small));
            c.clk_max_bits = u32(number(NumberKind::Small));
            c.decomp = u32(number(NumberKind::Small));
            c.max_access_adapter_n = u32(number(NumberKind::Small));
            c.access_capacity = number(NumberKind::Small);
            c.strict_alignment = (in_.byte() & 1) != 0;
        } else {
            // Small valid configs: windows of 4..64 cells make boundaries and neighbours collide;
            // 13 and 29 bits give memories of several 4096-cell impl pages (page crossings).
            static constexpr std::array<std::uint32_t, 8> pmb{2, 3, 4, 6, 8, 13, 16, 29};
            static constexpr std::array<std::uint32_t, 8> clk{3, 4, 5, 6, 8, 10, 16, 29};
            static constexpr std::array<std::uint32_t, 5> max_n{2, 4, 8, 16, 32};
            // decomp: OpenVM's 17 first, then narrow and wide limbs (R3, R50); access_capacity
            // is only a hint (R3), 0 and tiny ones must not matter.
            static constexpr std::array<std::uint32_t, 8> decomp{17, 1, 2, 3, 4, 8, 12, 29};
            static constexpr std::array<std::uint64_t, 4> capacity{std::uint64_t{1} << 24, 0, 1, 7};
            const std::uint8_t n = in_.byte();
            const std::uint8_t d = in_.byte();
            c.as_height = m & 3;
            c.pointer_max_bits = pmb[(m >> 2) & 7];
            c.as_offset = (m >> 5) == 7 ? 2 : 1;
            c.clk_max_bits = clk[n & 7];
            c.max_access_adapter_n = max_n[((n >> 3) & 15) % 5];
            c.strict_alignment = (n >> 7) != 0;
            c.decomp = decomp[d & 7];
            c.access_capacity = capacity[(d >> 3) & 3];
        }
        config_ = c;
        return c;
    }

    // The scenario's static part; ops follow (see op()).
    Scenario setup() {
        Scenario sc;
        sc.config = config();
        sc.initial_block_size = number(NumberKind::Size);
        if (in_.byte() % 4 != 0) sc.finalize_chunk = number(NumberKind::Size);
        const std::size_t cells = std::min<std::size_t>(in_.byte(), MAX_INITIAL_CELLS);
        for (std::size_t i = 0; i < cells; ++i) {
            InitialCell cell{};
            cell.address_space = number(NumberKind::AddressSpace);
            len_ = 1;
            cell.pointer = number(NumberKind::Pointer);
            cell.value = number(NumberKind::Value);
            sc.initial_memory.push_back(cell);
        }
        return sc;
    }

    // One operation; `clock` is the clock before it, so that ticks can aim at 2^clk_max_bits (R9).
    Op op(std::uint64_t clock) {
        clock_ = clock;
        const std::uint8_t kind = in_.byte() % 3;
        if (kind == 2) return Op::tick(number(NumberKind::Tick));
        const std::uint64_t as = number(NumberKind::AddressSpace);
        std::uint64_t len = number(NumberKind::Size);
        if (kind == 0) {
            len_ = len;
            return Op::read(as, number(NumberKind::Pointer), len);
        }
        len = std::min(len, MAX_WRITE_LEN);
        len_ = len;
        const std::uint64_t ptr = number(NumberKind::Pointer);
        std::vector<std::uint64_t> data;
        const std::uint8_t mode = in_.byte() % 3;
        if (mode == 0) {
            for (std::uint64_t i = 0; i < len; ++i) data.push_back(number(NumberKind::Value));
        } else if (mode == 1) {
            const std::uint64_t base = number(NumberKind::Value);
            for (std::uint64_t i = 0; i < len; ++i) data.push_back(base + i);  // may cross p (R1)
        } else {
            data.assign(len, 0);
        }
        return Op::write(as, ptr, std::move(data));
    }

    // The whole scenario, with the clock it would reach if every op succeeded.
    Scenario scenario() {
        Scenario sc = setup();
        std::uint64_t clock = 1;
        while (!in_.empty() && sc.ops.size() < MAX_OPS) {
            Op o = op(clock);
            clock = std::min<std::uint64_t>(clock + (o.kind == OpKind::Tick ? o.by : 1), std::uint64_t{1} << 40);
            sc.ops.push_back(std::move(o));
        }
        return sc;
    }

    std::uint64_t number(NumberKind kind) {
        const std::uint8_t t = in_.byte();
        if (t == TAG_LIT8) return in_.little_endian(1);
        if (t == TAG_LIT32) return in_.little_endian(4);
        if (t == TAG_LIT64) return in_.little_endian(8);
        return biased(kind, t);
    }

private:
    static std::uint32_t u32(std::uint64_t v) {
        return static_cast<std::uint32_t>(std::min<std::uint64_t>(v, std::numeric_limits<std::uint32_t>::max()));
    }

    std::uint64_t biased(NumberKind kind, std::uint8_t t) const {
        const std::uint64_t hi = t >> 3;  // 0..31
        const MemoryConfig& c = config_;
        const std::uint64_t memory_size = safe_pow2(c.pointer_max_bits);
        const std::uint64_t window = std::uint64_t{1} << std::min<std::uint32_t>(c.as_height, 30);
        switch (kind) {
            case NumberKind::Small:
                return t;
            case NumberKind::AddressSpace:  // R4, R5
                switch (t & 7) {
                    case 0: return 0;                                            // immediates
                    case 4: return std::uint64_t{c.as_offset} + window;         // one past the last
                    case 5: return c.as_offset - 1;                              // one before the first
                    case 7: return hi & 1 ? (std::uint64_t{1} << 32) + c.as_offset : std::numeric_limits<std::uint64_t>::max();
                    default: return c.as_offset + hi % window;                   // valid
                }
            case NumberKind::Size:  // R7, R15, R26
                switch (t & 7) {
                    case 4: return hi;                                           // 0..31, mostly not powers of two
                    case 5: return c.max_access_adapter_n;
                    case 6: return std::uint64_t{c.max_access_adapter_n} * 2;    // one adapter too far
                    case 7: return hi & 1 ? std::uint64_t{1} << 32 : 3 + (std::uint64_t{1} << 31);
                    default: return std::uint64_t{1} << (hi % 6);                // 1..32
                }
            case NumberKind::Pointer: {  // R6, R8, audit class B7
                const std::uint64_t len = std::max<std::uint64_t>(len_, 1);
                switch (t & 7) {
                    case 0: return (hi % 16) * len;                              // aligned, near 0
                    case 1: {  // around one of the first 8 boundaries of impl's 4096-cell pages
                        const std::uint64_t edge = PAGE_CELLS * (1 + (hi >> 2));
                        return memory_size > edge ? sat_sub(edge, len) + (hi & 3) * std::max<std::uint64_t>(len / 4, 1) : hi;
                    }
                    case 2:  // small and mostly unaligned, or one of 16 places spread over the memory
                        return hi & 1 ? (hi >> 1) * (memory_size / 16) + (hi >> 1) : hi >> 1;
                    case 3: return sat_sub(memory_size, len) + (hi % 2);         // last fit, and one past it
                    case 4: return sat_sub(memory_size, 1 + (hi & 7));           // straddling the end
                    case 5: return memory_size + (hi & 3);                       // past the end
                    case 6: return BabyBear::P - 2 + (hi & 3);                   // immediates near p (R5)
                    default: return hi & 1 ? (std::uint64_t{1} << 32) + (hi >> 1) : std::numeric_limits<std::uint64_t>::max();
                }
            }
            case NumberKind::Value:  // R1
                switch (t & 3) {
                    case 0: return t >> 2;
                    case 1: return BabyBear::P - 1 - ((t >> 2) & 3);
                    case 2: return BabyBear::P + ((t >> 2) & 3);
                    default: {
                        static constexpr std::array<std::uint64_t, 4> big{(std::uint64_t{1} << 31) - 1, (std::uint64_t{1} << 32) - 1,
                                                                          std::uint64_t{1} << 32, std::numeric_limits<std::uint64_t>::max()};
                        return big[(t >> 2) & 3];
                    }
                }
            case NumberKind::Tick: {  // R9, audit class B3
                const std::uint64_t room = sat_sub(safe_pow2(c.clk_max_bits), clock_);  // advances that still fit: < room
                switch (t & 3) {
                    case 0: return t >> 2;
                    case 1: return sat_sub(room, 1 + ((t >> 2) & 3));  // leave 0..3 ticks of room
                    case 2: return sat_sub(room, 1) + ((t >> 2) & 1);   // the last legal advance, and one more
                    default: return (t >> 2) & 1 ? std::uint64_t{1} << 32 : std::numeric_limits<std::uint64_t>::max();
                }
            }
        }
        return t;
    }

    FuzzedData& in_;
    MemoryConfig config_{};
    std::uint64_t clock_ = 1;
    std::uint64_t len_ = 1;
};

// The inverse of ScenarioDecoder for any Scenario within its limits (at most MAX_INITIAL_CELLS
// cells, MAX_OPS ops, writes of at most MAX_WRITE_LEN values): literal numbers only.
class ScenarioEncoder {
public:
    // nullopt when the scenario is outside the decodable limits.
    static std::optional<std::vector<std::uint8_t>> encode(const Scenario& sc) {
        if (sc.initial_memory.size() > MAX_INITIAL_CELLS || sc.ops.size() > MAX_OPS) return std::nullopt;
        ScenarioEncoder e;
        const MemoryConfig& c = sc.config;
        e.out_.push_back(CONFIG_EXPLICIT);
        for (std::uint64_t v : {std::uint64_t{c.as_height}, std::uint64_t{c.as_offset}, std::uint64_t{c.pointer_max_bits},
                                std::uint64_t{c.clk_max_bits}, std::uint64_t{c.decomp}, std::uint64_t{c.max_access_adapter_n},
                                c.access_capacity})
            e.number(v);
        e.out_.push_back(c.strict_alignment ? 1 : 0);
        e.number(sc.initial_block_size);
        e.out_.push_back(sc.finalize_chunk ? 1 : 0);
        if (sc.finalize_chunk) e.number(*sc.finalize_chunk);
        e.out_.push_back(static_cast<std::uint8_t>(sc.initial_memory.size()));
        for (const InitialCell& cell : sc.initial_memory) {
            e.number(cell.address_space);
            e.number(cell.pointer);
            e.number(cell.value);
        }
        for (const Op& op : sc.ops) {
            switch (op.kind) {
                case OpKind::Read:
                    e.out_.push_back(0);
                    e.number(op.address_space);
                    e.number(op.len);
                    e.number(op.pointer);
                    break;
                case OpKind::Write:
                    if (op.data.size() > MAX_WRITE_LEN) return std::nullopt;
                    e.out_.push_back(1);
                    e.number(op.address_space);
                    e.number(op.data.size());
                    e.number(op.pointer);
                    e.out_.push_back(0);  // data mode: explicit values
                    for (std::uint64_t v : op.data) e.number(v);
                    break;
                case OpKind::Tick:
                    e.out_.push_back(2);
                    e.number(op.by);
                    break;
            }
        }
        return std::move(e.out_);
    }

private:
    void number(std::uint64_t v) {
        const int bytes = v <= 0xFF ? 1 : v <= 0xFFFFFFFFu ? 4 : 8;
        out_.push_back(bytes == 1 ? TAG_LIT8 : bytes == 4 ? TAG_LIT32 : TAG_LIT64);
        for (int i = 0; i < bytes; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }

    std::vector<std::uint8_t> out_;
};

// The decoder of OpenVM v2.0 scenarios (spec/memory.md section 17), for fuzz/differential_v2_0.cpp:
// the same bytes-front-to-back reading, but choices in v2.0's terms, so that most inputs run far:
//   config   := byte: %8 != 0 a config R213 admits (clk_max_bits from {3, 4, 6, 12, 29} and a
//               decomp giving two limbs), else one field broken (R3, R213)
//   setup    := byte(initial_block_size: %8 != 0 -> 4, else 0, 1, 2, 3, 8, 16) byte(finalize: %4
//               0 none, 1 a chunk from the same table, else 4) count_byte {cell}
//   cell     := byte(as) byte(place) byte(value)
//   op       := kind_byte (%3: 0 read, 1 write, 2 tick)
//               read: byte(as) byte(len) byte(place)   write: the same, then one byte per value
//               tick: byte (small, or to the clock's last values, R215)
// as: 1..4 mostly, and 0, 5..8 (no cells), 9, 2^32 + 1 (R217 checks 1, 2, 6); len: 4 mostly, and
// 0, 1, 2, 3, 5, 8, 16 (checks 3, 4); place: a block at the space's start, at its end, one past its
// end, at a 4096-cell page boundary of AS2 or AS4, or unaligned (checks 5, 6); values: what the
// cell type holds, 255 and p - 1, and 256, p, 2^64 - 1 (check 7).
class V2ScenarioDecoder {
public:
    explicit V2ScenarioDecoder(FuzzedData& in) : in_(in) {}

    Scenario scenario() {
        Scenario sc;
        sc.profile = Profile::openvm_v2_0;
        sc.config = config();
        static constexpr std::uint64_t BAD_SIZES[] = {0, 1, 2, 3, 8, 16};
        const std::uint8_t ibs = in_.byte();
        sc.initial_block_size = ibs % 8 != 0 ? 4 : BAD_SIZES[(ibs >> 3) % 6];
        const std::uint8_t fin = in_.byte();
        if (fin % 4 == 1) sc.finalize_chunk = BAD_SIZES[(fin >> 2) % 6];
        else if (fin % 4 != 0) sc.finalize_chunk = 4;
        const std::size_t cells = std::min<std::size_t>(in_.byte() % 9, MAX_INITIAL_CELLS);
        for (std::size_t i = 0; i < cells; ++i) {
            InitialCell cell;
            cell.address_space = address_space();
            cell.pointer = place(cell.address_space) + in_.byte() % 4;
            cell.value = value(cell.address_space);
            sc.initial_memory.push_back(cell);
        }
        std::uint64_t clock = 1;
        const std::uint64_t limit = std::uint64_t{1} << std::min<std::uint32_t>(sc.config.clk_max_bits, 40);
        while (!in_.empty() && sc.ops.size() < MAX_OPS) {
            Op o = op(clock, limit);
            clock = std::min<std::uint64_t>(clock + (o.kind == OpKind::Tick ? o.by : 1), std::uint64_t{1} << 40);
            sc.ops.push_back(std::move(o));
        }
        return sc;
    }

private:
    MemoryConfig config() {
        MemoryConfig c;  // R213: as_offset 1, as_height 3, pointer_max_bits 29 are the defaults
        const std::uint8_t b = in_.byte();
        static constexpr std::uint32_t CLOCKS[] = {3, 4, 6, 12, 29};
        c.clk_max_bits = CLOCKS[(b >> 3) % 5];
        const std::uint32_t lo = (c.clk_max_bits + 1) / 2, hi = c.clk_max_bits - 1;
        c.decomp = lo + in_.byte() % (hi - lo + 1);
        num_cells(c);
        if (b % 8 != 0) return c;
        switch ((b >> 6) % 4) {  // one field broken
            case 0: c.as_height = 2; break;
            case 1: c.pointer_max_bits = 28; break;
            case 2: c.decomp = c.clk_max_bits; break;
            default: c.strict_alignment = true; break;
        }
        return c;
    }

    std::uint64_t address_space() { return table_address_space(in_); }

    // R330: one scenario in four configures the table: counts around a block's size, a page and the
    // defaults for spaces 1-4, mostly none for 5-8; one configured table in eight breaks one of R330's
    // rules (its length, entry 0, a count above 2^29).
    void num_cells(MemoryConfig& c) {
        const std::uint8_t b = in_.byte();
        if (b % 4 != 0) return;
        static constexpr std::uint64_t COUNTS[] = {0, 4, 8, 30, 32, 64, 128, PAGE_CELLS + 8, std::uint64_t{1} << 14,
                                                   std::uint64_t{1} << 29};
        c.num_cells.assign(9, 0);
        for (std::size_t as = 1; as < 9; ++as) {
            const std::uint8_t n = in_.byte();
            c.num_cells[as] = as <= 4 || n % 4 == 0 ? COUNTS[n % 10] : 0;
        }
        switch ((b >> 2) % 8) {
            case 0: c.num_cells.pop_back(); break;                           // 8 entries
            case 1: c.num_cells[0] = 4; break;                               // address space 0 with cells
            case 2: c.num_cells[1 + (b >> 5) % 4] = (std::uint64_t{1} << 29) + 1; break;  // above 2^29
            default: break;
        }
        table_ = c.num_cells;
    }

    // R214's cells per address space, or R330's configured ones (restated here, as the decoder must
    // not trust the engines).
    std::uint64_t cells_of(std::uint64_t as) const {
        if (!table_.empty()) return as < table_.size() ? table_[as] : 0;
        switch (as) {
            case 1: return 128;
            case 2: return std::uint64_t{1} << 29;
            case 3: return 32;
            case 4: return std::uint64_t{1} << 14;
            default: return 0;
        }
    }

    std::uint64_t place(std::uint64_t as) {
        const std::uint8_t b = in_.byte();
        const std::uint64_t cells = cells_of(as), block = 4 * ((b >> 3) % 4);
        switch (b % 8) {
            case 0: case 1: case 2: return block;                               // the start
            case 3: return cells >= 16 ? cells - 16 + block : block;            // the end
            case 4: return cells;                                               // one past the end
            case 5: return cells > PAGE_CELLS ? PAGE_CELLS - 8 + block : block;  // across a page boundary
            case 6: return block + 1 + (b >> 5) % 3;                            // unaligned
            default: return cells > 32 ? (std::uint64_t{b} << 4) % (cells - 16) : block;
        }
    }

    std::uint64_t value(std::uint64_t as) { return table_value(in_, as); }

    Op op(std::uint64_t clock, std::uint64_t limit) {
        const std::uint8_t kind = in_.byte() % 3;
        if (kind == 2) {
            const std::uint8_t b = in_.byte();
            if (b % 4 == 0) return Op::tick(sat_sub(limit, clock) - (b >> 2) % 3 + ((b >> 4) % 2));  // R215's last values
            return Op::tick(b % 3);  // an immediate is a tick of 1 (R218)
        }
        const std::uint64_t as = address_space();
        const std::uint8_t l = in_.byte();
        static constexpr std::uint64_t LENS[] = {0, 1, 2, 3, 5, 8, 16};
        const std::uint64_t len = l % 8 != 0 ? 4 : LENS[(l >> 3) % 7];
        const std::uint64_t ptr = place(as);
        if (kind == 0) return Op::read(as, ptr, len);
        std::vector<std::uint64_t> data;
        for (std::uint64_t i = 0; i < len; ++i) data.push_back(value(as));
        return Op::write(as, ptr, std::move(data));
    }

    FuzzedData& in_;
    std::vector<std::uint64_t> table_;  // R330: the configured counts, empty for R214's
};

}  // namespace memspec::fuzz
