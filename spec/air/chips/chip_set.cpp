#include "spec/air/chips.hpp"

#include <string>

namespace memspec::air {

std::string_view to_string(Variant v) { return v == Variant::FixedAdapter ? "fixed-adapter" : "openvm-v1.0"; }

std::optional<Variant> parse_variant(std::string_view name) {
    if (name == "openvm-v1.0") return Variant::OpenVmV1_0;
    if (name == "fixed-adapter") return Variant::FixedAdapter;
    return std::nullopt;
}

Status traceable(const MemoryConfig& config, std::uint32_t chunk) {
    if (auto s = validate(config); !s) return s;
    if (chunk != 1 && chunk != PERSISTENT_CHUNK)
        return make_error(ErrorKind::Untraceable, "finalize_chunk " + std::to_string(chunk) +
                                                      " has no boundary chip: tracing needs chunk 1 (volatile) or 8 "
                                                      "(persistent) (R66)");
    if (config.decomp > MAX_TRACEABLE_DECOMP)
        return make_error(ErrorKind::Untraceable, "decomp " + std::to_string(config.decomp) +
                                                      " would need a range-checker table of 2^" +
                                                      std::to_string(config.decomp + 1) + " rows; tracing allows decomp <= " +
                                                      std::to_string(MAX_TRACEABLE_DECOMP) + " (R66)");
    return {};
}

ChipSet make_chip_set(const MemoryConfig& config, std::uint32_t chunk, Variant variant) {
    ChipSet s;
    s.config = config;
    s.chunk = chunk;
    s.variant = variant;
    s.access = make_access_chip(config);
    for (std::uint32_t n = 2; n <= config.max_access_adapter_n; n *= 2) s.adapters.push_back(make_adapter_chip(config, n, variant));
    s.volatile_boundary = make_volatile_boundary_chip(config);
    s.persistent_boundary = make_persistent_boundary_chip(config);
    s.memory_merkle = make_memory_merkle_chip(config);
    s.poseidon2_compression = make_poseidon2_compression_chip();
    s.range_checker = make_range_checker_chip(config);
    s.system = make_system_chip(config);
    return s;
}

std::vector<Air> ChipSet::airs() const {
    std::vector<Air> out{access.air};
    for (const auto& a : adapters) out.push_back(a.air);
    if (chunk == 1) {
        out.push_back(volatile_boundary.air);
    } else {
        // R76-R78: the persistent side is the boundary, the Merkle chip and the compression lookup.
        out.push_back(persistent_boundary.air);
        if (has_merkle_side(config)) {
            out.push_back(memory_merkle.air);
            out.push_back(poseidon2_compression.air);
        }
    }
    out.push_back(range_checker.air);
    out.push_back(system.air);
    return out;
}

std::vector<Air> ChipSet::every_air() const {
    std::vector<Air> out{access.air};
    for (const auto& a : adapters) out.push_back(a.air);
    out.insert(out.end(), {volatile_boundary.air, persistent_boundary.air, memory_merkle.air, poseidon2_compression.air, range_checker.air,
                           system.air});
    return out;
}

}  // namespace memspec::air
