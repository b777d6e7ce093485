#include "oracle/memory.hpp"

#include "spec/vocabulary/preconditions.hpp"

namespace memspec::oracle {

Memory::Memory(const MemoryConfig& config, const MemoryImage& initial) : config_(config) {
    for (const auto& cell : initial.cells()) cells_[{cell.address_space, cell.pointer}] = cell.value;
}

BabyBear Memory::get(std::uint32_t as, std::uint32_t ptr) const {
    auto it = cells_.find({as, ptr});
    return it == cells_.end() ? BabyBear{} : it->second;
}

Result<std::vector<BabyBear>> Memory::read(std::uint64_t as, std::uint64_t ptr, std::uint64_t len) {
    if (auto st = check_read(config_, as, ptr, len, timestamp_); !st) return st.error();
    std::vector<BabyBear> values;
    if (as == 0) {
        values.push_back(BabyBear::from_canonical(static_cast<std::uint32_t>(ptr)));  // R5: the immediate itself
    } else {
        for (std::uint64_t i = 0; i < len; ++i)
            values.push_back(get(static_cast<std::uint32_t>(as), static_cast<std::uint32_t>(ptr + i)));
    }
    log_.push_back({LogKind::Read, static_cast<std::uint32_t>(as), static_cast<std::uint32_t>(ptr),
                    static_cast<std::uint32_t>(len), {}, 0});
    timestamp_ += 1;  // R9
    return values;
}

Result<std::vector<BabyBear>> Memory::write(std::uint64_t as, std::uint64_t ptr, std::span<const BabyBear> values) {
    if (auto st = check_write(config_, as, ptr, values, timestamp_); !st) return st.error();
    std::vector<BabyBear> prev;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::pair<std::uint32_t, std::uint32_t> cell{static_cast<std::uint32_t>(as), static_cast<std::uint32_t>(ptr + i)};
        prev.push_back(get(cell.first, cell.second));
        cells_[cell] = values[i];
    }
    log_.push_back({LogKind::Write, static_cast<std::uint32_t>(as), static_cast<std::uint32_t>(ptr),
                    static_cast<std::uint32_t>(values.size()), std::vector<BabyBear>(values.begin(), values.end()), 0});
    timestamp_ += 1;  // R9
    return prev;
}

Status Memory::increment_timestamp_by(std::uint64_t k) {
    if (auto st = check_tick(config_, k, timestamp_); !st) return st;
    log_.push_back({LogKind::IncrementTimestampBy, 0, 0, 0, {}, static_cast<std::uint32_t>(k)});
    timestamp_ += static_cast<std::uint32_t>(k);
    return {};
}

}  // namespace memspec::oracle
