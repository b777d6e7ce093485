#include "spec/workloads/workloads.hpp"

#include <algorithm>
#include <functional>

#include "spec/workloads/patterns.hpp"

namespace memspec {

namespace {

// splitmix64: a small, well-distributed deterministic generator (no dependence on <random>'s
// implementation-defined distributions, so every platform builds the same scenario).
struct Rng {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    std::uint64_t value() { return below(BabyBear::P); }
};

Scenario base(std::uint64_t ibs, std::uint64_t chunk) {
    Scenario sc;
    sc.initial_block_size = ibs;
    sc.finalize_chunk = chunk;
    return sc;
}

using Emit = std::function<void(Op&&)>;

// seq8: the sequential chunked pattern (R30), 8-cell writes one after another in address space 1:
// what patterns::sequential_write makes of 8n values, generated write by write.
void seq8(std::uint64_t n, const Emit& emit) {
    Rng rng{1};
    for (std::uint64_t i = 0; i < n; ++i) {
        std::vector<std::uint64_t> data(8);
        for (auto& v : data) v = rng.value();
        emit(Op::write(1, i * 8, std::move(data)));
    }
}

// rand1: single-cell reads and writes, half each, spread over 2^20 cells.
void rand1(std::uint64_t n, const Emit& emit) {
    Rng rng{2};
    for (std::uint64_t i = 0; i < n; ++i) {
        const std::uint64_t ptr = rng.below(1u << 20);
        if (rng.next() & 1) emit(Op::write(1, ptr, {rng.value()}));
        else emit(Op::read(1, ptr, 1));
    }
}

// mixed: aligned accesses of every size 1..32 within 2^16 cells.
void mixed(std::uint64_t n, const Emit& emit) {
    Rng rng{3};
    for (std::uint64_t i = 0; i < n; ++i) {
        const std::uint64_t size = std::uint64_t{1} << rng.below(6);
        const std::uint64_t ptr = rng.below((1u << 16) / size) * size;
        if (rng.next() & 1) {
            std::vector<std::uint64_t> data(size);
            for (auto& v : data) v = rng.value();
            emit(Op::write(1, ptr, std::move(data)));
        } else {
            emit(Op::read(1, ptr, size));
        }
    }
}

// pingpong: a 32-cell write alternating between the halves of a 64-cell region, then 1-cell reads
// of each written cell: every round splits a 32-block into cells and merges them back.
void pingpong(std::uint64_t n, const Emit& emit) {
    const std::uint64_t rounds = std::max<std::uint64_t>(1, n / 33);
    for (std::uint64_t r = 0; r < rounds; ++r) {
        const std::uint64_t start = (r % 2) * 32;
        std::vector<std::uint64_t> data(32);
        for (std::uint64_t i = 0; i < 32; ++i) data[i] = (r * 32 + i) % BabyBear::P;
        emit(Op::write(1, start, std::move(data)));
        for (std::uint64_t i = 0; i < 32; ++i) emit(Op::read(1, start + i, 1));
    }
}

// default: a bit of everything — sizes 1..32, unaligned pointers, four address spaces, immediates,
// ticks — in a small window so that splits and merges are frequent; persistent profile.
void default_mix(std::uint64_t n, const Emit& emit) {
    Rng rng{4};
    for (std::uint64_t i = 0; i < n; ++i) {
        const std::uint64_t kind = rng.below(16);
        if (kind == 0) {
            emit(Op::tick(1 + rng.below(4)));
            continue;
        }
        if (kind == 1) {
            emit(Op::read(0, rng.below(1u << 20), 1));
            continue;
        }
        const std::uint64_t as = 1 + rng.below(4);
        const std::uint64_t size = std::uint64_t{1} << rng.below(6);
        const std::uint64_t ptr = rng.below(4096 - size);
        if (kind < 9) {
            std::vector<std::uint64_t> data(size);
            for (auto& v : data) v = rng.value();
            emit(Op::write(as, ptr, std::move(data)));
        } else {
            emit(Op::read(as, ptr, size));
        }
    }
}

// allocation: the per-address-space bump allocator of R33, then reads of what it handed out.
Scenario allocation(std::uint64_t n) {
    Scenario sc = base(1, 1);
    patterns::Allocator alloc;
    Rng rng{5};
    std::vector<std::pair<std::uint32_t, std::uint32_t>> cells;
    const patterns::AddressSpace spaces[] = {patterns::AddressSpace::Program, patterns::AddressSpace::Stack,
                                             patterns::AddressSpace::Heap, patterns::AddressSpace::Global};
    while (sc.ops.size() < n / 2) {
        const auto space = spaces[rng.below(4)];
        const std::uint64_t size = 1 + rng.below(16);
        auto ptr = alloc.allocate(sc.ops, sc.config, space, size);
        if (!ptr) break;
        cells.push_back({static_cast<std::uint32_t>(space), *ptr});
    }
    patterns::random_reads(sc.ops, cells);
    return sc;
}

// program: a program image in address space 1 and a zeroed stack in 2 (R34), then reads of the
// program and pushes on the stack; persistent profile since the image is not empty.
Scenario program(std::uint64_t n) {
    Scenario sc = base(8, 8);
    Rng rng{6};
    std::vector<std::uint8_t> bytes((std::max<std::uint64_t>(64, n / 4) + 3) / 4 * 4);  // whole 4-cell words
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng.next());
    sc.initial_memory = patterns::load_program_image(bytes);
    for (std::uint64_t i = 0; i < n; ++i) {
        if (i % 2 == 0) sc.ops.push_back(Op::read(1, (i / 2 * 4) % bytes.size() / 4 * 4, 4));
        else sc.ops.push_back(Op::write(2, patterns::STACK_START + (i / 2) % patterns::STACK_SIZE, {i % BabyBear::P}));
    }
    return sc;
}

// buffered: overlapping writes through the order-preserving write buffer (R31).
Scenario buffered(std::uint64_t n) {
    Scenario sc = base(1, 1);
    Rng rng{7};
    patterns::WriteBuffer buffer(16);
    for (std::uint64_t i = 0; i < n; ++i) {
        const std::uint64_t size = std::uint64_t{1} << rng.below(4);
        std::vector<std::uint64_t> data(size);
        for (auto& v : data) v = rng.value();
        buffer.buffered_write(sc.ops, 1, static_cast<std::uint32_t>(rng.below(256)), std::move(data));
    }
    buffer.flush(sc.ops);
    return sc;
}

// variable: reads of arbitrary sizes 1..32 rounded up to powers of two (R32).
Scenario variable(std::uint64_t n) {
    Scenario sc = base(4, 4);
    Rng rng{8};
    for (std::uint64_t i = 0; i < n; ++i) {
        const std::uint64_t size = 1 + rng.below(32);
        (void)patterns::variable_size_read(sc.ops, sc.config, 1, static_cast<std::uint32_t>(rng.below(1024)), size);
    }
    return sc;
}

}  // namespace

const std::vector<WorkloadInfo>& workloads() {
    static const std::vector<WorkloadInfo> list = {
        {"default", "mixed sizes, unaligned pointers, 4 address spaces, immediates, ticks; ibs 8, chunk 8", 1u << 16},
        {"seq8", "sequential 8-cell writes in address space 1 (seed R30); ibs 8, chunk 8", 1u << 20},
        {"rand1", "random 1-cell reads/writes over 2^20 cells (seed R36); ibs 1, chunk 1", 1u << 20},
        {"mixed", "aligned accesses of sizes 1..32 within 2^16 cells; ibs 8, chunk 8", 1u << 20},
        {"pingpong", "2^18 rounds: a 32-cell write alternating halves of 64 cells, then 1-cell reads; ibs 1, chunk 1", 33u << 18},
        {"allocation", "per-address-space allocation with zero fill, then reads (seed R33); chunk 1", 1u << 14},
        {"program", "program image in AS 1, zeroed stack in AS 2 (seed R34); ibs 8, chunk 8", 1u << 14},
        {"buffered", "overlapping writes through the order-preserving write buffer (R31); chunk 1", 1u << 14},
        {"variable", "variable-size reads rounded to powers of two (seed R32); ibs 4, chunk 4", 1u << 14},
    };
    return list;
}

namespace {

// One workload: its head (everything but the ops) and its ops, streamed. The small pattern-based
// workloads build their scenario and replay its ops.
struct Generator {
    std::uint64_t ibs, chunk;
    void (*stream)(std::uint64_t, const Emit&);
    Scenario (*build)(std::uint64_t);
};

Generator generator(std::string_view name) {
    if (name == "default") return {8, 8, default_mix, nullptr};
    if (name == "seq8") return {8, 8, seq8, nullptr};
    if (name == "rand1") return {1, 1, rand1, nullptr};
    if (name == "mixed") return {8, 8, mixed, nullptr};
    if (name == "pingpong") return {1, 1, pingpong, nullptr};
    if (name == "allocation") return {0, 0, nullptr, allocation};
    if (name == "program") return {0, 0, nullptr, program};
    if (name == "buffered") return {0, 0, nullptr, buffered};
    return {0, 0, nullptr, variable};
}

Result<std::uint64_t> size_of(std::string_view name, std::uint64_t n) {
    for (const auto& w : workloads())
        if (w.name == name) return n == 0 ? w.default_accesses : n;
    std::string known;
    for (const auto& w : workloads()) known += (known.empty() ? "" : ", ") + w.name;
    return make_error(ErrorKind::ParseError, "unknown workload '" + std::string(name) + "' (known: " + known + ")");
}

}  // namespace

Result<Scenario> make_workload(std::string_view name, std::uint64_t n) {
    auto head = workload_head(name, n);
    if (!head) return head;
    Scenario sc = std::move(*head);
    if (auto st = for_each_workload_op(name, n, [&](Op&& op) { sc.ops.push_back(std::move(op)); }); !st) return st.error();
    return sc;
}

Result<Scenario> workload_head(std::string_view name, std::uint64_t n) {
    auto size = size_of(name, n);
    if (!size) return size.error();
    const Generator g = generator(name);
    if (g.stream) return base(g.ibs, g.chunk);
    Scenario sc = g.build(*size);
    sc.ops.clear();
    return sc;
}

Status for_each_workload_op(std::string_view name, std::uint64_t n, const std::function<void(Op&&)>& emit) {
    auto size = size_of(name, n);
    if (!size) return size.error();
    const Generator g = generator(name);
    if (g.stream) {
        g.stream(*size, emit);
        return {};
    }
    for (Op& op : g.build(*size).ops) emit(std::move(op));
    return {};
}

}  // namespace memspec
