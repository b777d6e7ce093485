#include "spec/air/chips.hpp"

namespace memspec::air {

ChipSet make_chip_set(const MemoryConfig& config, std::uint32_t chunk) {
    ChipSet s;
    s.config = config;
    s.chunk = chunk;
    s.access = make_access_chip(config);
    for (std::uint32_t n = 2; n <= config.max_access_adapter_n; n *= 2) s.adapters.push_back(make_adapter_chip(config, n));
    s.volatile_boundary = make_volatile_boundary_chip(config);
    s.persistent_boundary = make_persistent_boundary_chip(config);
    s.range_checker = make_range_checker_chip(config);
    s.system = make_system_chip(config);
    return s;
}

std::vector<Air> ChipSet::airs() const {
    std::vector<Air> out{access.air};
    for (const auto& a : adapters) out.push_back(a.air);
    out.push_back(chunk == 1 ? volatile_boundary.air : persistent_boundary.air);
    out.push_back(range_checker.air);
    out.push_back(system.air);
    return out;
}

}  // namespace memspec::air
