#include "spec/air/chips.hpp"

#include <string>

namespace memspec::air {

std::string_view to_string(Variant v) {
    switch (v) {
        case Variant::FixedAdapter: return "fixed-adapter";
        case Variant::OpenVmV2_0: return "openvm-v2.0";
        case Variant::OpenVmV1_6: return "openvm-v1.6";
        case Variant::OpenVmV1_7: return "openvm-v1.7";
        case Variant::OpenVmV1_0: break;
    }
    return "openvm-v1.0";
}

std::optional<Variant> parse_variant(std::string_view name) {
    if (name == "openvm-v1.0") return Variant::OpenVmV1_0;
    if (name == "fixed-adapter") return Variant::FixedAdapter;
    if (name == "openvm-v2.0") return Variant::OpenVmV2_0;
    if (name == "openvm-v1.6") return Variant::OpenVmV1_6;
    if (name == "openvm-v1.7") return Variant::OpenVmV1_7;
    return std::nullopt;
}

Status traceable(const MemoryConfig& config, std::uint32_t chunk, Variant variant) {
    if (auto s = validate(config); !s) return s;
    // R223: v2.0's boundary is always the persistent one, and its Merkle chip needs both tree sections.
    if (variant == Variant::OpenVmV2_0 && chunk != PERSISTENT_CHUNK)
        return make_error(ErrorKind::Untraceable, "chunk " + std::to_string(chunk) +
                                                      ": OpenVM v2.0's chips have only the persistent boundary, chunk 8 (R223)");
    if (variant == Variant::OpenVmV2_0 && !has_merkle_side(config))
        return make_error(ErrorKind::Untraceable,
                          "OpenVM v2.0's chips need a Merkle side: as_height >= 1 and pointer_max_bits >= 4 (R223, R78)");
    // R310, R311: OpenVM v1.6.0's and v1.7.0's chips are the persistent ones, whose Merkle chip they change.
    const bool v1_6_or_v1_7 = variant == Variant::OpenVmV1_6 || variant == Variant::OpenVmV1_7;
    if (v1_6_or_v1_7 && (chunk != PERSISTENT_CHUNK || !has_merkle_side(config)))
        return make_error(ErrorKind::Untraceable, std::string(to_string(variant)) + "'s chips are persistent memory's with its Merkle chip: "
                                                                                   "chunk 8, as_height >= 1 and pointer_max_bits >= 4 (R310, R311, R78)");
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
    if (variant == Variant::OpenVmV2_0) {
        // R223: v2.0's chips only; the v1.0 fields stay empty.
        s.access_v2 = make_access_v2_chip(config);
        s.persistent_boundary_v2 = make_persistent_boundary_v2_chip(config);
        s.memory_merkle = make_memory_merkle_chip(config, variant);
        s.poseidon2_compression = make_poseidon2_compression_chip();
        s.range_checker = make_range_checker_chip(config);
        s.system = make_system_chip(config);
        return s;
    }
    s.access = make_access_chip(config);
    for (std::uint32_t n = 2; n <= config.max_access_adapter_n; n *= 2) s.adapters.push_back(make_adapter_chip(config, n, variant));
    s.volatile_boundary = make_volatile_boundary_chip(config);
    s.persistent_boundary = make_persistent_boundary_chip(config);
    // R310, R311: the Merkle chip is the one thing OpenVM v1.6.0 and v1.7.0 change in these chips;
    // v1.7.0's is v2.0.0's (merkle/air.rs and merkle/columns.rs differ only in derives and imports).
    s.memory_merkle = make_memory_merkle_chip(config, variant == Variant::OpenVmV1_7 ? Variant::OpenVmV2_0 : variant);
    s.poseidon2_compression = make_poseidon2_compression_chip();
    s.range_checker = make_range_checker_chip(config);
    s.system = make_system_chip(config);
    return s;
}

std::vector<Air> ChipSet::airs() const {
    // R223: OpenVM v2.0's proof of memory: accesses, the persistent boundary and its Merkle side.
    if (variant == Variant::OpenVmV2_0)
        return {access_v2.air, persistent_boundary_v2.air, memory_merkle.air, poseidon2_compression.air, range_checker.air,
                system.air};
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
    if (variant == Variant::OpenVmV2_0) return airs();
    std::vector<Air> out{access.air};
    for (const auto& a : adapters) out.push_back(a.air);
    out.insert(out.end(), {volatile_boundary.air, persistent_boundary.air, memory_merkle.air, poseidon2_compression.air, range_checker.air,
                           system.air});
    return out;
}

}  // namespace memspec::air
