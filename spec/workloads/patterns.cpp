#include "spec/workloads/patterns.hpp"

#include <algorithm>

namespace memspec::patterns {

void sequential_write(std::vector<Op>& ops, std::uint32_t as, std::uint32_t start, std::span<const std::uint64_t> data,
                      std::uint32_t chunk) {
    for (std::size_t i = 0; i < data.size(); i += chunk) {
        std::vector<std::uint64_t> values(chunk, 0);  // R30: zero padding of the last chunk
        std::copy_n(data.begin() + i, std::min<std::size_t>(chunk, data.size() - i), values.begin());
        ops.push_back(Op::write(as, std::uint64_t{start} + i, std::move(values)));
    }
}

void random_reads(std::vector<Op>& ops, std::span<const std::pair<std::uint32_t, std::uint32_t>> addresses) {
    for (const auto& [as, ptr] : addresses) ops.push_back(Op::read(as, ptr, 1));
}

Status variable_size_read(std::vector<Op>& ops, const MemoryConfig& config, std::uint32_t as, std::uint32_t ptr,
                          std::uint64_t size) {
    if (size == 0) return make_error(ErrorKind::SizeNotPowerOfTwo, "a variable-size access of 0 cells has no size (R32)");
    std::uint64_t rounded = 1;
    while (rounded < size) rounded <<= 1;
    if (rounded > config.max_access_adapter_n)
        return make_error(ErrorKind::OutOfBounds, "access of " + std::to_string(size) + " cells rounds up to " +
                                                      std::to_string(rounded) + " > max_access_adapter_n (R32)");
    ops.push_back(Op::read(as, ptr, rounded));
    return {};
}

Result<std::uint32_t> Allocator::allocate(std::vector<Op>& ops, const MemoryConfig& config, AddressSpace space,
                                          std::uint64_t size) {
    const auto idx = static_cast<std::uint32_t>(space);
    const std::uint64_t ptr = next_ptr[idx];
    if (size > config.memory_size() - ptr)
        return make_error(ErrorKind::OutOfBounds, "allocating " + std::to_string(size) + " cells at " + std::to_string(ptr) +
                                                      " in address space " + std::to_string(idx) +
                                                      " runs past 2^pointer_max_bits (R33)");
    next_ptr[idx] = ptr + size;
    for (std::uint64_t i = 0; i < size; ++i) ops.push_back(Op::write(idx, ptr + i, {0}));
    return static_cast<std::uint32_t>(ptr);
}

std::vector<InitialCell> load_program_image(std::span<const std::uint8_t> program) {
    std::vector<InitialCell> cells;
    cells.reserve(program.size() + STACK_SIZE);
    for (std::size_t i = 0; i < program.size(); ++i)
        cells.push_back({static_cast<std::uint64_t>(AddressSpace::Program), i, program[i]});
    for (std::uint32_t i = 0; i < STACK_SIZE; ++i)
        cells.push_back({static_cast<std::uint64_t>(AddressSpace::Stack), std::uint64_t{STACK_START} + i, 0});
    return cells;
}

bool WriteBuffer::overlaps_pending(std::uint32_t as, std::uint32_t ptr, std::size_t len) const {
    return std::any_of(pending_.begin(), pending_.end(), [&](const Op& w) {
        return w.address_space == as && w.pointer < std::uint64_t{ptr} + len && std::uint64_t{ptr} < w.pointer + w.data.size();
    });
}

void WriteBuffer::buffered_write(std::vector<Op>& ops, std::uint32_t as, std::uint32_t ptr, std::vector<std::uint64_t> values) {
    // R31: an overlapping write must not be reordered with the pending one it overlaps.
    if (overlaps_pending(as, ptr, values.size())) flush(ops);
    pending_.push_back(Op::write(as, ptr, std::move(values)));
    if (pending_.size() >= threshold_) flush(ops);
}

void WriteBuffer::flush(std::vector<Op>& ops) {
    std::sort(pending_.begin(), pending_.end(),
              [](const Op& a, const Op& b) { return std::pair(a.address_space, a.pointer) < std::pair(b.address_space, b.pointer); });
    for (Op& w : pending_) ops.push_back(std::move(w));
    pending_.clear();
}

std::vector<std::string> verify_final_memory(const Expectation& expected, const TimestampedEquipartition& fm) {
    std::vector<std::string> errors;
    for (const auto& [cell, value] : expected.cells) {
        const auto [as, ptr] = cell;
        const std::uint32_t start = fm.chunk == 0 ? ptr : ptr - ptr % fm.chunk;
        auto it = std::lower_bound(fm.blocks.begin(), fm.blocks.end(), std::pair(as, start),
                                   [](const FinalBlock& b, std::pair<std::uint32_t, std::uint32_t> key) {
                                       return std::pair(b.address_space, b.pointer) < key;
                                   });
        if (it == fm.blocks.end() || it->address_space != as || it->pointer != start) {
            errors.push_back("Missing memory at (" + std::to_string(as) + ", " + std::to_string(ptr) + ")");
            continue;
        }
        const std::uint64_t got = it->values[ptr - start].v;
        if (got != value)
            errors.push_back("Mismatch at (" + std::to_string(as) + ", " + std::to_string(ptr) + "): expected " +
                             std::to_string(value) + ", got " + std::to_string(got));
    }
    return errors;
}

Expectation last_write_wins(const Scenario& sc) {
    // Written cells only: untouched initial cells are absent from a final memory (R24).
    Expectation e;
    for (const Op& op : sc.ops)
        if (op.kind == OpKind::Write)
            for (std::size_t i = 0; i < op.data.size(); ++i)
                e.cells[{static_cast<std::uint32_t>(op.address_space), static_cast<std::uint32_t>(op.pointer + i)}] = op.data[i];
    return e;
}

}  // namespace memspec::patterns
