#include "impl/memory.hpp"

#include <algorithm>

#include "spec/vocabulary/preconditions.hpp"

namespace memspec::impl {

namespace {
// Fresh pages hold zeros (R13: cells outside the image read as 0); value-initialisation does it.
constexpr auto no_init = [](auto&, std::uint32_t) {};
// Log entries and values reserved up front, capped so a large access_capacity hint (R2) does
// not allocate gigabytes for a short program.
constexpr std::uint64_t RESERVE_CAP = std::uint64_t{1} << 16;
}  // namespace

Memory::Memory(const MemoryConfig& config, const MemoryImage& initial) : config_(config) {
    for (const auto& cell : initial.cells())
        cells_.space(cell.address_space).get(cell.pointer >> PAGE_BITS, no_init).values[cell.pointer & PAGE_MASK] = cell.value;
    const auto reserve = static_cast<std::size_t>(std::min(config.access_capacity, RESERVE_CAP));
    log_.reserve(reserve);
    data_.reserve(reserve);
}

BabyBear Memory::get(std::uint32_t as, std::uint32_t ptr) const {
    const auto* sp = cells_.find_space(as);
    if (!sp) return BabyBear{};
    const Page* pg = sp->find(ptr >> PAGE_BITS);
    return pg ? pg->values[ptr & PAGE_MASK] : BabyBear{};
}

Result<std::vector<BabyBear>> Memory::read(std::uint64_t as, std::uint64_t ptr, std::uint64_t len) {
    if (auto st = check_read(config_, as, ptr, len, timestamp_); !st) return st.error();
    const auto as32 = static_cast<std::uint32_t>(as);
    const auto ptr32 = static_cast<std::uint32_t>(ptr);
    std::vector<BabyBear> values;
    if (as == 0) {
        values.push_back(BabyBear::from_canonical(ptr32));  // R5: the immediate itself
    } else {
        values.reserve(len);
        for (std::uint32_t i = 0; i < len; ++i) values.push_back(get(as32, ptr32 + i));
    }
    log_.push_back({LogKind::Read, as32, ptr32, static_cast<std::uint32_t>(len), 0, 0});
    timestamp_ += 1;  // R9
    return values;
}

Result<std::vector<BabyBear>> Memory::write(std::uint64_t as, std::uint64_t ptr, std::span<const BabyBear> values) {
    if (auto st = check_write(config_, as, ptr, values, timestamp_); !st) return st.error();
    const auto as32 = static_cast<std::uint32_t>(as);
    const auto ptr32 = static_cast<std::uint32_t>(ptr);
    const auto len = static_cast<std::uint32_t>(values.size());
    std::vector<BabyBear> prev(len);
    auto& sp = cells_.space(as32);
    for (std::uint32_t i = 0; i < len; ++i) {
        const std::uint32_t p = ptr32 + i;  // R6 was checked: no wrap-around
        BabyBear& cell = sp.get(p >> PAGE_BITS, no_init).values[p & PAGE_MASK];
        prev[i] = cell;
        cell = values[i];
    }
    log_.push_back({LogKind::Write, as32, ptr32, len, 0, data_.size()});
    data_.insert(data_.end(), values.begin(), values.end());
    timestamp_ += 1;  // R9
    return prev;
}

Status Memory::increment_timestamp_by(std::uint64_t k) {
    if (auto st = check_tick(config_, k, timestamp_); !st) return st;
    log_.push_back({LogKind::IncrementTimestampBy, 0, 0, 0, static_cast<std::uint32_t>(k), 0});
    timestamp_ += static_cast<std::uint32_t>(k);
    return {};
}

std::vector<MemoryLogEntry> Memory::log() const {
    std::vector<MemoryLogEntry> out;
    out.reserve(log_.size());
    for (const FlatLog& e : log_) {
        switch (e.kind) {
            case LogKind::Read: out.push_back({LogKind::Read, e.address_space, e.pointer, e.len, {}, 0}); break;
            case LogKind::Write:
                out.push_back({LogKind::Write, e.address_space, e.pointer, e.len,
                               std::vector<BabyBear>(data_.begin() + static_cast<std::ptrdiff_t>(e.data_off),
                                                     data_.begin() + static_cast<std::ptrdiff_t>(e.data_off + e.len)),
                               0});
                break;
            case LogKind::IncrementTimestampBy: out.push_back({LogKind::IncrementTimestampBy, 0, 0, 0, {}, e.by}); break;
        }
    }
    return out;
}

}  // namespace memspec::impl
