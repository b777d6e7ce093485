// OpenVM v2.0's chips in the bus argument (spec/memory.md §17b, R284-R287), proofs-private,
// Z3-free: the chips' guards, the access-only instances of L5 and the one-chunk bus instance,
// shared by the catalogue entries (properties_v2_0.cpp) and the necessity table (necessity_v2_0.cpp).
#pragma once

#include <cstddef>

#include "proofs/problem.hpp"
#include "spec/air/air.hpp"
#include "spec/vocabulary/config.hpp"

namespace memspec::proofs::detail {

MemoryConfig v2_config();  // R213's values (29-bit timestamps, 17-bit limbs, as_offset 1)
air::Air v2_access_air();    // access (R224)
air::Air v2_boundary_air();  // persistent_boundary (R225, R226)

// R284: the access chip's guards, one row, no timestamp bound but its own where stated.
enum class V2AccessGuard { SilentOrOneAccess, ReadOrWrite, ConsumesLowOrNeg };
inline constexpr V2AccessGuard V2_ACCESS_GUARDS[] = {V2AccessGuard::SilentOrOneAccess, V2AccessGuard::ReadOrWrite,
                                                     V2AccessGuard::ConsumesLowOrNeg};
Problem v2_access_guard(const air::Air& access, V2AccessGuard guard);
// R284: the boundary's guards, one row, no timestamp bound.
enum class V2BoundaryGuard { CountsAreTrits, CreatesAtZero };
inline constexpr V2BoundaryGuard V2_BOUNDARY_GUARDS[] = {V2BoundaryGuard::CountsAreTrits, V2BoundaryGuard::CreatesAtZero};
Problem v2_boundary_guard(const air::Air& boundary, V2BoundaryGuard guard);

// R285: `rows` live access rows alone on a balanced memory bus (goal false: none may exist).
Problem v2_access_cycle(std::size_t rows, bool under_l4);
// R285: a read of block (2, 0) at timestamp 1 and rows - 1 symbolic access rows; goal: it returns zeros.
Problem v2_read_before_any_write(std::size_t rows, bool under_l4);

// R286: the one-chunk instance (program r0 w4 w0 r0 r4 on chunk (1, 0) at timestamps 1..5, the
// boundary with R79's Merkle abstraction and `boundary_rows` symbolic rows).
struct V2BusShape {
    std::size_t boundary_rows = 3;
};
Problem v2_bus_problem(const air::Air& access, const air::Air& boundary, const V2BusShape& shape, bool vacuity);

}  // namespace memspec::proofs::detail
