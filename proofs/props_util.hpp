// Helpers shared by the property files (proofs-private, Z3-free): Terms that name columns and
// interaction parts of the spec's AIRs, so properties never restate a constraint.
#pragma once

#include <stdexcept>
#include <string>

#include "proofs/catalogue.hpp"
#include "spec/air/chips.hpp"

namespace memspec::proofs::detail {

inline const air::Air& air_of(const Problem& p, std::uint32_t b) { return p.blocks.at(b).air; }

// A column of block b on row r. Unknown names throw; the child process reports them as errors.
inline Term col(const Problem& p, std::uint32_t b, std::size_t r, const std::string& name) {
    auto c = air_of(p, b).column(name);
    if (!c) throw std::runtime_error("no column " + name + " in " + air_of(p, b).name);
    return Term{b, r, air::local(*c)};
}
inline const air::Interaction& interaction(const Problem& p, std::uint32_t b, const std::string& name) {
    const air::Interaction* it = air_of(p, b).find_interaction(name);
    if (!it) throw std::runtime_error("no interaction " + name + " in " + air_of(p, b).name);
    return *it;
}
inline Term count(const Problem& p, std::uint32_t b, std::size_t r, const std::string& name) {
    return Term{b, r, interaction(p, b, name).count};
}
inline Term field(const Problem& p, std::uint32_t b, std::size_t r, const std::string& name, std::size_t i) {
    const auto& it = interaction(p, b, name);
    if (i >= it.message.size()) throw std::runtime_error("message of " + name + " is shorter");
    return Term{b, r, it.message[i]};
}
inline Term pub(const Problem&, std::uint32_t b, std::uint32_t i) { return Term{b, 0, air::public_value(i)}; }
inline Claim eq(Term a, Term b) { return field_eq(std::move(a), std::move(b)); }
inline Claim is(Term a, std::int64_t v) { return field_eq(std::move(a), static_cast<std::uint64_t>(BabyBear::from_i64(v).v)); }
inline Claim below(Term a, std::uint32_t bits) { return int_lt(lin(std::move(a)), lin_const(std::int64_t{1} << bits)); }
inline Claim lt(Term a, Term b) { return int_lt(lin(std::move(a)), lin(std::move(b))); }
inline Claim ieq(Term a, Term b) { return int_eq(lin(std::move(a)), lin(std::move(b))); }

// Drops every constraint / interaction whose name starts with `prefix`; throws if none matched,
// so a renamed constraint cannot silently weaken nothing.
air::Air without_prefix(const air::Air& a, const std::string& prefix);

inline Property prop(std::string name, std::string rule, std::string statement, Status expected, bool fast,
                     std::function<std::vector<Problem>()> make) {
    return Property{std::move(name), std::move(rule), std::move(statement), expected, fast,
                    [make](const Settings& s) { return solve_all(make(), s); }};
}

// The configuration of the bus-consistency and necessity instances: OpenVM's defaults (29-bit
// timestamps, 17-bit limbs) except max_access_adapter_n = 4, which keeps the access chip narrow.
inline MemoryConfig small_config() {
    MemoryConfig c;
    c.max_access_adapter_n = 4;
    return c;
}

// Row-level problems over one chip, reused by the necessity table with a weakened AIR.
std::vector<Problem> adapter_row_problems(const air::Air& adapter, std::uint32_t n, const MemoryConfig& c);
std::vector<Problem> bridge_problems(const air::Air& access, const MemoryConfig& c);
std::vector<Problem> boundary_problems(const air::Air& boundary, const MemoryConfig& c, std::size_t rows = 3);
std::vector<Problem> boundary_row_guards(const air::Air& boundary, const MemoryConfig& c);
Problem persistent_counts_problem(const air::Air& persistent_boundary);
Problem system_final_problem(const air::Air& system, const MemoryConfig& c);
Problem persistent_initial_problem(const air::Air& persistent_boundary);
// Bus consistency on a fixed program: cells, accesses, symbolic adapter rows (R95).
struct BusInstance {
    std::string name;
    std::uint32_t cells = 2;
    int variant = 0;  // which program (see properties_bus.cpp)
    std::size_t adapter2_rows = 2, adapter4_rows = 0;
};
Problem bus_problem(const BusInstance& inst, const std::vector<air::Air>& airs, bool vacuity);
// access, access_adapter_2, access_adapter_4, volatile_boundary of small_config().
std::vector<air::Air> real_airs();

}  // namespace memspec::proofs::detail
