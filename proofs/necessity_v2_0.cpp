// The constraint-necessity table of OpenVM v2.0's chips (R287, after R97): each named constraint
// and range request of access (R224), persistent_boundary (R225) and the v2.0 MemoryMerkleAir
// (R227) is removed in turn and the chip's guards are run: the access chip's and the boundary's
// row lemmas of R284, then the one-chunk bus instance of R286 with the weakened chip in place; the
// Merkle chip's guards of R78 (row, step, whole trace) on its v2.0 variant. Every entry states its
// outcome, a counterexample or "redundant" with the reason, and ctest asserts it.
#include <map>

#include "proofs/props_util.hpp"
#include "proofs/v2_0.hpp"

namespace memspec::proofs {
using namespace detail;

namespace {

enum class V2Chip { Access, Boundary, Merkle };

const std::map<std::string, std::string>& v2_redundant() {
    static const std::map<std::string, std::string> r = {
        {"access.write_is_valid",
         "both counts are is_valid, so a padding row is silent whatever is_write is; is_write is part of no message"},
        {"access.is_write_bool",
         "is_write is part of no message or count: a row with is_write = 5 satisfies read_keeps_data only with "
         "data = prev_data, so it acts as a read"},
        {"memory_merkle.last_is_root",
         "as for v1.0's chip (R97): root_directions wraps from the last row to the first, so a root last row would "
         "need direction 3"},
        {"memory_merkle.height_section_step",
         "as for v1.0's chip (R97): on a whole trace the two switch rules change height_section once, from 1 to 0"},
        {"memory_merkle.root_as_label_zero",
         "the guards of the tree argument (R78) fix the labels of neither root; the rule decides which tree the "
         "roots commit to (R280-R282), not what the memory bus carries"},
        {"memory_merkle.root_address_label_zero",
         "as root_as_label_zero: the guards read no root label"},
        {"memory_merkle.parent_height_nonzero",
         "the guards' trace is sorted by height from the root down to height 1 (the leaves' parents), so no row "
         "at height 0 claims children; the rule matters for traces the guards do not cover"},
    };
    return r;
}

std::vector<std::string> names_of(const air::Air& a) {
    std::vector<std::string> names;
    for (const auto& k : a.constraints) names.push_back(k.name);
    for (const auto& it : a.interactions)
        if (it.bus == air::RANGE_BUS) names.push_back(it.name);
    return names;
}

air::Air without_name(const air::Air& a, const std::string& n) {
    air::Air weak = a;
    const std::size_t before = weak.constraints.size() + weak.interactions.size();
    std::erase_if(weak.constraints, [&](const air::Constraint& k) { return k.name == n; });
    std::erase_if(weak.interactions, [&](const air::Interaction& i) { return i.name == n; });
    if (weak.constraints.size() + weak.interactions.size() == before)
        throw std::runtime_error("no constraint or range request " + n + " in " + a.name);
    return weak;
}

std::vector<Problem> v2_guards(V2Chip chip, const air::Air& weak) {
    std::vector<Problem> g;
    switch (chip) {
        case V2Chip::Access:
            for (V2AccessGuard guard : V2_ACCESS_GUARDS) g.push_back(v2_access_guard(weak, guard));
            g.push_back(v2_bus_problem(weak, v2_boundary_air(), V2BusShape{}, false));
            break;
        case V2Chip::Boundary:
            for (V2BoundaryGuard guard : V2_BOUNDARY_GUARDS) g.push_back(v2_boundary_guard(weak, guard));
            g.push_back(v2_bus_problem(v2_access_air(), weak, V2BusShape{}, false));
            break;
        case V2Chip::Merkle:
            for (MerkleGuard guard : MERKLE_GUARDS) g.push_back(merkle_guard(weak, merkle_config(), guard));
            break;
    }
    return g;
}

// R180: every entry with preprocessing and no cuts (the strategy of R97's Merkle entries and of the
// one-chunk instance, R286), measured on Z3 4.8.12, seed 0: an access or boundary entry that every
// row guard survives runs the one-chunk instance too (1.54 million units at most), a Merkle entry at
// most the whole-trace guard (1.05 million, last_is_root); the budgets are about 10 times that.
std::uint64_t rlimit_for(V2Chip chip) { return chip == V2Chip::Merkle ? 10'000'000 : 15'000'000; }

}  // namespace

std::vector<Property> v2_0_necessity_properties() {
    const std::vector<std::pair<V2Chip, air::Air>> chips = {
        {V2Chip::Access, v2_access_air()},
        {V2Chip::Boundary, v2_boundary_air()},
        {V2Chip::Merkle, air::make_memory_merkle_chip(merkle_config(), air::Variant::OpenVmV2_0).air},
    };
    std::vector<Property> ps;
    for (const auto& [chip, a] : chips)
        for (const auto& n : names_of(a)) {
            auto it = v2_redundant().find(n);
            const bool is_redundant = it != v2_redundant().end();
            Property p{"necessity.v2_0." + n, "R287",
                       is_redundant ? "redundant: " + it->second : "removing " + n + " breaks a guard of v2.0's " + a.name,
                       is_redundant ? ProofStatus::Proved : ProofStatus::Counterexample, false,
                       [chip = chip, weak = without_name(a, n)](const Settings& s) {
                           Outcome o = solve_all(v2_guards(chip, weak), s);
                           if (o.status == ProofStatus::Proved) o.detail = "redundant: every guard still proves without it";
                           return o;
                       },
                       rlimit_for(chip), 600};
            p.strategy = smt::Strategy::PreprocessNoCuts;
            ps.push_back(std::move(p));
        }
    return ps;
}

}  // namespace memspec::proofs
