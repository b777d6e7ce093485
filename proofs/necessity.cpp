// The constraint-necessity table (R97). Each named constraint and range request of the chips on
// the memory bus is removed (alone, or together with the constraint that implies it) and the
// chip's guards are run: its row lemmas, then the small bus instance. Every entry states the
// outcome it must reach, so the table is asserted, not just printed: a constraint that becomes
// redundant, or a redundant one that starts to matter, fails `memspec prove` and the R97 test.
#include <algorithm>
#include <map>

#include "proofs/props_util.hpp"

namespace memspec::proofs {
using namespace detail;

namespace {

// Chips whose constraints are removed; each has its own guards below.
enum Chip { Access, Adapter2, Adapter4, VolatileBoundary, System, PersistentBoundary, MemoryMerkle };

// Entries whose removal every guard survives, with the reason. Everything else must give a
// counterexample. A pair "a+b" removes both constraints at once.
const std::map<std::string, std::string>& redundant() {
    static const std::map<std::string, std::string> r = {
        {"access.write_is_valid",
         "a padding row has no size flag (one_size_iff_valid), so all its counts vanish whatever is_write is; "
         "is_write is part of no message"},
        {"access.is_write_bool",
         "is_write is part of no message or count: a row with is_write = 5 satisfies read_keeps_data only with "
         "data = prev_data, i.e. it acts as a read"},
        {"volatile_boundary.addr_lt.marker_bool[0]",
         "out is the constant 1: a non-boolean marker still has to pass marker_differs, at_most_one_marker and "
         "the IsLessThan on Σ marker_i·diff_i, which leave the pair sorted"},
        {"volatile_boundary.addr_lt.marker_bool[1]",
         "with marker[0] = 0, equal_before_marker[1] and marker_differs[1] force marker[1] to 0 or 1; with "
         "marker[0] = 1, at_most_one_marker allows 0 or -1 and -1 fails marker_differs[1]"},
        {"volatile_boundary.addr_lt.marker_differs[0]",
         "out is the constant 1: a marker on an equal entry makes Σ marker·diff = 0 and lt.decomp needs it "
         "positive (B6 needs a free out, audit.B6)"},
        {"volatile_boundary.addr_lt.marker_differs[1]", "as marker_differs[0]: out is the constant 1"},
        {"volatile_boundary.addr_lt.equal_before_marker[1]",
         "the prefix at index 1 is 1 whenever a marker is set; with no marker, equal_not_less (out = 1) fails"},
        {"volatile_boundary.addr_lt.at_most_one_marker",
         "two markers make the prefix 2 at index 1, and equal_before_marker[1] then forces diff_1 = 0, which "
         "marker_differs[1] forbids"},
        {"volatile_boundary.addr_lt.equal_not_less",
         "with no marker Σ marker·diff = 0, and the IsLessThan with out = 1 rejects 0"},
        {"volatile_boundary.addr_lt.marker_differs[0]+volatile_boundary.addr_lt.marker_differs[1]",
         "out is the constant 1, so lt.decomp alone rejects a marked equal entry (diff 0); marker_differs matters "
         "only for a free out (audit.B6)"},
        {"volatile_boundary.addr_lt.equal_before_marker[1]+volatile_boundary.addr_lt.equal_not_less",
         "equal_before_marker[0] and the IsLessThan (out = 1) on the marked difference still order the pair"},
        {"volatile_boundary.addr_lt.at_most_one_marker+volatile_boundary.addr_lt.equal_before_marker[1]",
         "two markers give Σ marker·diff = diff_0 + diff_1 with diff_0 = 0 forced by equal_before_marker[0] only "
         "when no marker precedes; marker_differs and the 29-bit IsLessThan keep the pair sorted"},
        {"volatile_boundary.addr_lt.marker_bool[0]+volatile_boundary.addr_lt.marker_differs[0]",
         "a marker on an equal first entry contributes 0 to Σ marker·diff; equal_before_marker[1] then forces the "
         "second entry to carry the positive difference"},
        {"system.initial_timestamp_is_one",
         "no guard reads the initial timestamp: bus.symbolic assumes the accesses' timestamps start at it, and "
         "its link to the execution bus is out of scope (R64)"},
        {"memory_merkle.last_is_root",
         "root_directions applies on every row, the last one too with the first row as its next row (R40, "
         "Plonky3's wrap-around): rows 0 and 1 are roots with e = 1, -1, so a root last row would need "
         "e = e_0 + 2 = 3, which direction_trit forbids"},
        {"memory_merkle.height_section_step",
         "on a whole trace height_section changes only where parent_height passes from address_height + 1 "
         "to address_height (the two switch rules), which the sorted heights do once in fewer than p rows; "
         "it starts at 1 and ends at 0, so that one change is 1 -> 0. A 2-row window without the rule can "
         "step by any amount, but no whole trace contains that window"},
    };
    return r;
}

// R180: the deterministic strategy (smt/solver.hpp) and resource budget of an entry, measured on
// Z3 4.8.12, seed 0 (proofs/README.md). The plain solver answers most entries with the smallest
// count; the Merkle chip's entries take about half its count with preprocessing and no cuts
// (0.55 million at most); marker_bool[1] the plain solver and the no-cuts pipeline leave
// unanswered after minutes of CPU, preprocessing with cuts answers it in 0.43 million. Every
// entry of the default run then spends at most 0.49 million (volatile_boundary.addr_lt.marker_bool[0]),
// so 5 million is 10 times that. is_write_bool (--extended) was not calibrated: it takes minutes,
// so it gets the most one Z3 check takes.
smt::Strategy strategy_for(const std::string& key) {
    if (key == "volatile_boundary.addr_lt.marker_bool[1]") return smt::Strategy::Preprocess;
    if (key.rfind("memory_merkle.", 0) == 0) return smt::Strategy::PreprocessNoCuts;
    return smt::Strategy::Plain;
}

std::uint64_t rlimit_for(const std::string& key) {
    if (key == "access.is_write_bool") return 4'000'000'000;
    return 5'000'000;
}

// Own wall-clock guards (seconds, R80), only for a starved or hung child: 10 times the old
// wall-clock limits.
double wall_guard_for(const std::string& key) {
    if (key == "access.is_write_bool") return 6000;
    return 600;
}

std::vector<std::string> names_of(const air::Air& a) {
    std::vector<std::string> names;
    for (const auto& k : a.constraints) names.push_back(k.name);
    for (const auto& it : a.interactions)
        if (it.bus == air::RANGE_BUS) names.push_back(it.name);
    return names;
}

// Removes every name in `names` (exact match); throws when one is unknown.
air::Air without_names(const air::Air& a, const std::vector<std::string>& names) {
    air::Air weak = a;
    for (const auto& n : names) {
        const std::size_t before = weak.constraints.size() + weak.interactions.size();
        std::erase_if(weak.constraints, [&](const air::Constraint& k) { return k.name == n; });
        std::erase_if(weak.interactions, [&](const air::Interaction& i) { return i.name == n; });
        if (weak.constraints.size() + weak.interactions.size() == before)
            throw std::runtime_error("no constraint or range request " + n + " in " + a.name);
    }
    return weak;
}

std::vector<Problem> guards(Chip chip, const air::Air& weak, const MemoryConfig& c) {
    std::vector<Problem> g;
    switch (chip) {
        case Access: g = bridge_problems(weak, c); break;
        case Adapter2: g = adapter_row_problems(weak, 2, c); break;
        case Adapter4: g = adapter_row_problems(weak, 4, c); break;
        case VolatileBoundary: {
            // sorted_pair and address_bounded imply sorted_distinct on any number of rows (the
            // lexicographic order of bounded integers is transitive, and valid rows come first),
            // so the 5-row instance, which times out on some weakenings, is not needed here.
            for (BoundaryGuard guard : BOUNDARY_GUARDS) g.push_back(boundary_row_guard(weak, c, guard));
            g.push_back(boundary_initial_at_zero_problem(weak));
            break;
        }
        case System: g = {system_final_problem(weak, c)}; break;
        case PersistentBoundary: g = {persistent_counts_problem(weak), persistent_initial_problem(weak)}; break;
        case MemoryMerkle:
            // Built on merkle_config() (its heights are constants of the constraints), not on c.
            for (MerkleGuard guard : MERKLE_GUARDS) g.push_back(merkle_guard(weak, merkle_config(), guard));
            break;
    }
    // The chips on the memory bus of the small instance also run it, with the weakened chip in place.
    BusChips chips = bus_chips();
    switch (chip) {
        case Access: chips.access = weak; break;
        case Adapter2: chips.adapter_2 = weak; break;
        case VolatileBoundary: chips.volatile_boundary = weak; break;
        default: return g;
    }
    g.push_back(bus_problem(bus_instance("bus.consistency.2cells.w2r1.adapters2"), chips, false));
    return g;
}

// Pairs removed together: each member is redundant alone because the other implies it (or they
// guard the same fact), so only removing both shows whether the pair is needed.
const std::vector<std::pair<std::string, std::string>>& pairs() {
    static const std::vector<std::pair<std::string, std::string>> p = {
        {"access.is_valid_bool", "access.one_size_iff_valid"},
        {"access.immediate_is_read", "access.immediate_one_cell"},
        {"volatile_boundary.addr_lt.marker_differs[0]", "volatile_boundary.addr_lt.marker_differs[1]"},
        {"volatile_boundary.addr_lt.equal_before_marker[1]", "volatile_boundary.addr_lt.equal_not_less"},
        {"volatile_boundary.addr_lt.at_most_one_marker", "volatile_boundary.addr_lt.equal_before_marker[1]"},
        {"volatile_boundary.addr_lt.marker_bool[0]", "volatile_boundary.addr_lt.marker_differs[0]"},
    };
    return p;
}

Property entry(Chip chip, const air::Air& a, std::vector<std::string> removed, const MemoryConfig& c) {
    std::string key;
    for (const auto& n : removed) key += (key.empty() ? "" : "+") + n;
    auto it = redundant().find(key);
    const bool is_redundant = it != redundant().end();
    Property p{"necessity." + key, "R97",
               is_redundant ? "redundant: " + it->second : "removing " + key + " breaks a guard of " + a.name,
               is_redundant ? ProofStatus::Proved : ProofStatus::Counterexample, false,
               [=](const Settings& s) {
                   Outcome o = solve_all(guards(chip, without_names(a, removed), c), s);
                   if (o.status == ProofStatus::Proved) o.detail = "redundant: every guard still proves without it";
                   return o;
               },
               rlimit_for(key), wall_guard_for(key)};
    // Free is_write times out the row guards' solver (is_immediate * is_write becomes a product of
    // two free cells): proved only in the --extended run (proofs/README.md has the time).
    p.extended = key == "access.is_write_bool";
    p.strategy = strategy_for(key);
    return p;
}

}  // namespace

std::vector<Property> necessity_properties() {
    const MemoryConfig c = small_config();
    const BusChips bus = bus_chips();
    const std::vector<std::pair<Chip, air::Air>> chips = {
        {Access, bus.access},
        {Adapter2, bus.adapter_2},
        {Adapter4, bus.adapter_4},
        {VolatileBoundary, bus.volatile_boundary},
        {System, air::make_system_chip(c).air},
        {PersistentBoundary, air::make_persistent_boundary_chip(c).air},
        {MemoryMerkle, air::make_memory_merkle_chip(merkle_config()).air},
    };
    std::vector<Property> ps;
    for (const auto& [chip, a] : chips)
        for (const auto& n : names_of(a)) ps.push_back(entry(chip, a, {n}, c));
    for (const auto& [x, y] : pairs()) {
        auto owner = std::find_if(chips.begin(), chips.end(), [&](const auto& ca) {
            return ca.second.find_constraint(x) || ca.second.find_interaction(x);
        });
        if (owner == chips.end()) throw std::runtime_error("necessity pair names an unknown constraint " + x);
        ps.push_back(entry(owner->first, owner->second, {x, y}, c));
    }
    // R287: OpenVM v2.0's chips, after the same pattern (necessity_v2_0.cpp).
    auto v2 = v2_0_necessity_properties();
    ps.insert(ps.end(), v2.begin(), v2.end());
    return ps;
}

}  // namespace memspec::proofs
