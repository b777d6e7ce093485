// Helpers shared by the property files (proofs-private, Z3-free): Terms that name columns and
// interaction parts of the spec's AIRs, so properties never restate a constraint.
#pragma once

#include <stdexcept>
#include <string>

#include "spec/air/chips.hpp"
#include "proofs/catalogue.hpp"

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

// The memory-bus message (R41) of one interaction on one row of a block, as terms: its parts by
// the names of air::MemoryMessage, at the positions air::MemoryMessageLayout gives, so no property
// counts positions in it.
class MemoryMessageTerms {
public:
    using Layout = air::MemoryMessageLayout;
    MemoryMessageTerms(std::uint32_t block, std::size_t row, const air::Interaction& it) : block_(block), row_(row), it_(&it) {
        if (it.bus != air::MEMORY_BUS || it.message.size() <= Layout::PARTS_BESIDE_VALUES)
            throw std::runtime_error(it.name + " is no memory-bus message [address_space, pointer, values..., timestamp]");
    }
    std::size_t size() const { return Layout::value_count(it_->message.size()); }  // the number of values
    Term address_space() const { return at(Layout::ADDRESS_SPACE); }
    Term pointer() const { return at(Layout::POINTER); }
    Term value(std::size_t i) const {
        if (i >= size()) throw std::runtime_error(it_->name + " carries " + std::to_string(size()) + " values, not " + std::to_string(i + 1));
        return at(Layout::value(i));
    }
    Term timestamp() const { return at(Layout::timestamp(it_->message.size())); }
    Term count() const { return Term{block_, row_, it_->count}; }

private:
    Term at(std::size_t i) const { return Term{block_, row_, it_->message[i]}; }
    std::uint32_t block_;
    std::size_t row_;
    const air::Interaction* it_;
};
// The memory-bus message of the named interaction of block b on row r.
inline MemoryMessageTerms message(const Problem& p, std::uint32_t b, std::size_t r, const std::string& name) {
    return MemoryMessageTerms(b, r, interaction(p, b, name));
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

inline Property prop(std::string name, std::string rule, std::string statement, ProofStatus expected, bool fast,
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

// Row-level problems over one chip, each named, reused by the necessity table with a weakened AIR.
std::vector<Problem> adapter_row_problems(const air::Air& adapter, std::uint32_t n, const MemoryConfig& c);
// R88: the access chip's row lemmas, in catalogue order.
enum class BridgeLemma {
    TimestampIncreases,
    ReadKeepsData,
    ImmediateYieldsPointer,
    PaddingSilent,
    OneMessageEachWay,
    ImmediateIsOneCellRead,
    EveryRowSilentOrOneAccess,
};
inline constexpr BridgeLemma BRIDGE_LEMMAS[] = {
    BridgeLemma::TimestampIncreases, BridgeLemma::ReadKeepsData,     BridgeLemma::ImmediateYieldsPointer,
    BridgeLemma::PaddingSilent,      BridgeLemma::OneMessageEachWay, BridgeLemma::ImmediateIsOneCellRead,
    BridgeLemma::EveryRowSilentOrOneAccess,
};
std::string name_of(BridgeLemma lemma);  // "timestamp_increases", ...
Problem bridge_problem(const air::Air& access, const MemoryConfig& c, BridgeLemma lemma);
std::vector<Problem> bridge_problems(const air::Air& access, const MemoryConfig& c);  // every lemma
// R89: the volatile boundary.
Problem boundary_sorted_distinct_problem(const air::Air& boundary, std::size_t rows);
Problem boundary_initial_at_zero_problem(const air::Air& boundary);
enum class BoundaryGuard { CountsAreBits, AddressBounded, SortedPair };
inline constexpr BoundaryGuard BOUNDARY_GUARDS[] = {BoundaryGuard::CountsAreBits, BoundaryGuard::AddressBounded,
                                                    BoundaryGuard::SortedPair};
std::string name_of(BoundaryGuard guard);  // "counts_are_bits", ...
Problem boundary_row_guard(const air::Air& boundary, const MemoryConfig& c, BoundaryGuard guard);
Problem persistent_counts_problem(const air::Air& persistent_boundary);
Problem system_final_problem(const air::Air& system, const MemoryConfig& c);
Problem persistent_initial_problem(const air::Air& persistent_boundary);
// R78: MemoryMerkleAir's guards (properties_merkle.cpp) on the tree of merkle_config()
// (as_height 1, pointer_max_bits 4: height 2, address_height 1): one row and two consecutive
// rows from anywhere in a trace, and a whole 6-row trace.
MemoryConfig merkle_config();
enum class MerkleGuard { Row, Step, Trace };
inline constexpr MerkleGuard MERKLE_GUARDS[] = {MerkleGuard::Row, MerkleGuard::Step, MerkleGuard::Trace};
std::string name_of(MerkleGuard guard);  // "row", "step", "trace"
Problem merkle_guard(const air::Air& merkle, const MemoryConfig& c, MerkleGuard guard);
std::vector<Property> merkle_properties();  // each guard and its vacuity witness
// Replaces each product constraint a·b·… = 0 of block b by "a = 0 ∨ b = 0 ∨ …" on every row it
// applies to (the same constraint in a field; linear cases for Z3 when the factors are linear).
void split_products(Problem& p, std::uint32_t b);

// The chips of the bus instances (small_config()), by role; a weakened instance replaces one.
struct BusChips {
    air::Air access, adapter_2, adapter_4, volatile_boundary;
};
BusChips bus_chips();

// Bus consistency on a fixed program: cells, accesses, symbolic adapter rows (R95).
struct ProgramAccess {
    bool write;
    std::uint32_t ptr, len;  // the access's timestamp is its index + 1
};
struct BusInstance {
    std::string name;
    std::uint32_t cells = 2;
    std::vector<ProgramAccess> program;
    std::size_t adapter2_rows = 2, adapter4_rows = 0;
    bool fast = false;       // in the ctest subset
    std::uint64_t rlimit = 0;      // R180: the property's own resource budget (0: the default)
    double wall_guard = 1200;      // R80: the property's own wall-clock guard
    bool extended = false;   // only with --extended
    smt::Strategy strategy = smt::Strategy::Plain;  // R180: the measured cheapest deterministic strategy
};
// Every fixed-program instance, in catalogue order; one by name (throws if unknown).
const std::vector<BusInstance>& bus_instances();
const BusInstance& bus_instance(const std::string& name);
Problem bus_problem(const BusInstance& inst, const BusChips& chips, bool vacuity);

}  // namespace memspec::proofs::detail
