#include "spec/vocabulary/scenario.hpp"

#include <set>
#include <string>
#include <utility>

#include "spec/vocabulary/preconditions.hpp"
#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec {

namespace {
std::string s(std::uint64_t x) { return std::to_string(x); }

}  // namespace

Status check_setup_head(Profile profile, const MemoryConfig& c, std::uint64_t initial_block_size) {
    if (auto st = validate(c); !st) return st;
    if (auto st = check_initial_block_size(c, initial_block_size); !st) return st;
    // R262: the legacy-v1-3-mem-align switch exists only where OpenVM has the feature.
    if (c.legacy_v1_3_mem_align && !profile_entry(profile).legacy_mem_align_switch)
        return make_error(ErrorKind::InvalidConfig, "profile " + std::string(profile_entry(profile).name) +
                                                        ": legacy_v1_3_mem_align is OpenVM v1.4's legacy-v1-3-mem-align feature; "
                                                        "only the openvm-v1.4 profiles have it (R262)");
    if (auto st = check_profile_head(profile, c, initial_block_size); !st) return st;
    // R330: per-address-space cell counts exist only where the profile models OpenVM's table.
    if (!c.num_cells.empty()) {
        const auto rule = profile_entry(profile).check_num_cells;
        if (!rule)
            return make_error(ErrorKind::InvalidConfig, "profile " + std::string(profile_entry(profile).name) +
                                                            ": num_cells is OpenVM v2.0's per-address-space cell count; "
                                                            "only the openvm-v2.0 profile has it (R330)");
        if (auto st = rule(c); !st) return st;
    }
    return {};
}

Status check_setup_finalize(Profile profile, const MemoryConfig& c, std::optional<std::uint64_t> finalize_chunk, bool image_empty) {
    if (finalize_chunk) {
        if (auto st = check_finalize_chunk(c, *finalize_chunk); !st) return st;
        if (auto st = check_profile_finalize(profile, *finalize_chunk); !st) return st;
    }
    if (!image_empty && image_must_be_empty(profile, finalize_chunk))
        return make_error(ErrorKind::InvalidConfig,
                          "initial memory must be empty with the volatile boundary (finalize_chunk = 1, or profile "
                          "openvm-v1.0-volatile): it sends every touched cell's initial value as 0, so a non-zero image could "
                          "not be proved; OpenVM asserts \"Cannot set initial memory for volatile memory\" (R13)");
    return {};
}

Result<MemoryImage> build_image(Profile profile, const MemoryConfig& c, const std::vector<InitialCell>& cells) {
    MemoryImage image;
    std::set<std::pair<std::uint64_t, std::uint64_t>> seen;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const InitialCell& cell = cells[i];
        const std::string where = "initial_memory[" + s(i) + "]: ";
        if (cell.address_space < c.as_offset || cell.address_space >= c.as_end())
            return make_error(ErrorKind::InvalidAddressSpace, where + "address space " + s(cell.address_space) +
                                                                  " is not a memory address space [" + s(c.as_offset) + ", " +
                                                                  s(c.as_end()) + ") (R4, R13)");
        if (cell.pointer >= c.memory_size())
            return make_error(ErrorKind::OutOfBounds, where + "pointer " + s(cell.pointer) + " is not below 2^pointer_max_bits = " +
                                                          s(c.memory_size()) + " (R6, R13)");
        auto value = BabyBear::from_u64(cell.value);
        if (!value)
            return make_error(ErrorKind::InvalidValue, where + "value " + s(cell.value) +
                                                           " is not a field element (must be < p = 2013265921) (R1, R13)");
        if (const auto own = profile_entry(profile).check_image_cell)
            if (auto st = own(c, cell.address_space, cell.pointer, cell.value); !st) return make_error(st.error().kind, where + st.error().message);
        if (!seen.insert({cell.address_space, cell.pointer}).second)
            return make_error(ErrorKind::ParseError, where + "cell (" + s(cell.address_space) + ", " + s(cell.pointer) +
                                                         ") is listed twice (R13)");
        image.insert(static_cast<std::uint32_t>(cell.address_space), static_cast<std::uint32_t>(cell.pointer), *value);
    }
    return image;
}

Result<Setup> validate_setup(const Scenario& sc) {
    if (auto st = check_setup_head(sc.profile, sc.config, sc.initial_block_size); !st) return st.error();
    if (auto st = check_setup_finalize(sc.profile, sc.config, sc.finalize_chunk, sc.initial_memory.empty()); !st) return st.error();
    auto image = build_image(sc.profile, sc.config, sc.initial_memory);
    if (!image) return image.error();
    return setup_of(sc, std::move(*image));
}

Setup setup_of(const Scenario& sc, MemoryImage image, bool with_finalize) {
    std::optional<std::uint32_t> chunk;
    if (with_finalize && sc.finalize_chunk) chunk = static_cast<std::uint32_t>(*sc.finalize_chunk);
    return Setup{sc.profile, sc.config, static_cast<std::uint32_t>(sc.initial_block_size), chunk, std::move(image)};
}

}  // namespace memspec
