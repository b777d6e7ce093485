// R180: a proof's outcome depends on Z3's deterministic resource count, not on wall time. A
// budget that is too small ends in ResourceLimit, the same way every time; budgets are shared by
// a property's problems; every catalogue property has one and expects a real answer.
#include <gtest/gtest.h>

#include <iterator>
#include <set>
#include <stdexcept>
#include <string>

#include "spec/air/gadgets.hpp"
#include "proofs/catalogue.hpp"
#include "proofs/outcome_json.hpp"
#include "proofs/props_util.hpp"

using namespace memspec;
using namespace memspec::proofs;

namespace {

// R85's one-row IsLessThan at 29 bits: proved, with a few hundred thousand resource units.
Problem is_less_than_sound_29() {
    air::AirBuilder b;
    b.air.name = "is_less_than";
    auto x = b.add_column("x"), y = b.add_column("y"), out = b.add_column("out");
    air::is_less_than(b, "lt", "R44", air::local(y) - air::local(x), air::local(out), 1, 29, 17);
    Problem p;
    p.name = "is_less_than sound";
    p.blocks.push_back(Block{b.air, 1, {}, {}});
    Term tx{0, 0, air::local(x)}, ty{0, 0, air::local(y)}, to{0, 0, air::local(out)};
    p.assumptions = {int_lt(lin(tx), lin_const(std::int64_t{1} << 29)), int_lt(lin(ty), lin_const(std::int64_t{1} << 29))};
    Claim less = int_lt(lin(tx), lin(ty));
    p.goal = implies(less, field_eq(to, 1)) && implies(!less, field_eq(to, 0));
    return p;
}

Settings with_rlimit(std::uint64_t rlimit, smt::Strategy strategy = smt::Strategy::Plain) {
    Settings s;
    s.rlimit = rlimit;
    s.strategy = strategy;
    return s;
}

const Property& property_named(const std::vector<Property>& all, const std::string& name) {
    for (const auto& p : all)
        if (p.name == name) return p;
    throw std::runtime_error("no property " + name);
}

}  // namespace

// R180: with an ample budget the problem proves, reports its budget and what it spent, and spends
// the same count on a second run (the count is the solver's, not the clock's).
TEST(ProofsRlimit, R180_CountIsReportedAndRepeatable) {
    const Outcome a = solve(is_less_than_sound_29(), with_rlimit(DEFAULT_RLIMIT));
    const Outcome b = solve(is_less_than_sound_29(), with_rlimit(DEFAULT_RLIMIT));
    ASSERT_EQ(a.status, ProofStatus::Proved) << a.detail;
    ASSERT_EQ(b.status, ProofStatus::Proved) << b.detail;
    EXPECT_EQ(a.rlimit, DEFAULT_RLIMIT);
    EXPECT_GT(a.rlimit_used, 0u);
    EXPECT_LT(a.rlimit_used, a.rlimit);
    EXPECT_EQ(a.rlimit_used, b.rlimit_used);
}

// R180: a tiny budget gives ResourceLimit — not Error, not a proof — and the same outcome twice,
// in this process and in the isolated child of the catalogue runner.
TEST(ProofsRlimit, R180_TinyBudgetIsResourceLimitEveryTime) {
    constexpr std::uint64_t tiny = 100;  // the plain solver proves it in well under a thousand units
    for (int run = 0; run < 2; ++run) {
        const Outcome o = solve(is_less_than_sound_29(), with_rlimit(tiny));
        EXPECT_EQ(o.status, ProofStatus::ResourceLimit) << "run " << run << ": " << o.detail;
        EXPECT_EQ(o.rlimit, tiny);
        EXPECT_GE(o.rlimit_used, tiny);
        EXPECT_NE(o.detail.find("resource limit"), std::string::npos) << o.detail;
        EXPECT_FALSE(o.counterexample);
    }
    Property p;
    p.name = "tiny";
    p.rule = "R180";
    p.run = [](const Settings& s) { return solve(is_less_than_sound_29(), s); };
    p.rlimit = tiny;
    std::uint64_t first_used = 0;
    for (int run = 0; run < 2; ++run) {
        const auto r = run_catalogue({p}, "", Settings{});
        ASSERT_EQ(r.size(), 1u);
        const Outcome& o = r[0].outcome;
        EXPECT_EQ(o.status, ProofStatus::ResourceLimit) << "run " << run << ": " << o.detail;
        EXPECT_EQ(o.rlimit, tiny) << "the property's own budget applies";
        EXPECT_EQ(o.wall_guard_seconds, DEFAULT_WALL_GUARD_SECONDS);
        EXPECT_GE(o.rlimit_used, tiny);
        if (run == 0) first_used = o.rlimit_used;
        else EXPECT_EQ(o.rlimit_used, first_used);
    }
    // A run-wide override replaces the property's own budget.
    Settings ample;
    ample.rlimit = DEFAULT_RLIMIT;
    const auto r = run_catalogue({p}, "", ample, LimitOverride{true, false});
    EXPECT_EQ(r[0].outcome.status, ProofStatus::Proved) << r[0].outcome.detail;
    EXPECT_EQ(r[0].outcome.rlimit, DEFAULT_RLIMIT);
}

// R180: a property's problems share one budget: two copies of a problem, with room for one and a
// half, prove the first and stop at the second, whose name the outcome gives.
TEST(ProofsRlimit, R180_ProblemsShareTheBudget) {
    Problem first = is_less_than_sound_29(), second = is_less_than_sound_29();
    first.name = "first";
    second.name = "second";
    const Outcome one = solve(first, with_rlimit(DEFAULT_RLIMIT));
    ASSERT_EQ(one.status, ProofStatus::Proved) << one.detail;
    const std::uint64_t budget = one.rlimit_used + one.rlimit_used / 2;
    const Outcome both = solve_all({first, second}, with_rlimit(budget));
    EXPECT_EQ(both.status, ProofStatus::ResourceLimit) << both.detail;
    EXPECT_EQ(both.detail.rfind("second: ", 0), 0u) << both.detail;
    EXPECT_EQ(both.rlimit, budget);
    EXPECT_GE(both.rlimit_used, budget);
    EXPECT_EQ(solve_all({first, second}, with_rlimit(3 * one.rlimit_used)).status, ProofStatus::Proved);
}

// R180: the status and the limits cross the pipe from the child as they are.
TEST(ProofsRlimit, R180_ResourceLimitSurvivesTheEdge) {
    Outcome o;
    o.status = ProofStatus::ResourceLimit;
    o.rlimit = 1234;
    o.rlimit_used = 1300;
    o.wall_guard_seconds = 600;
    o.cpu_seconds = 0.25;
    o.detail = "resource limit: 1300 of 1234 units spent";
    const nlohmann::json j = to_json(o);
    EXPECT_EQ(j.at("status"), "resource_limit");
    const Outcome back = outcome_from_json(nlohmann::json::parse(j.dump()));
    EXPECT_EQ(back.status, ProofStatus::ResourceLimit);
    EXPECT_EQ(back.rlimit, 1234u);
    EXPECT_EQ(back.rlimit_used, 1300u);
    EXPECT_EQ(back.wall_guard_seconds, 600);
    EXPECT_EQ(back.cpu_seconds, 0.25);
    EXPECT_EQ(back.detail, o.detail);
}

// R180: every property of the catalogue (default and --extended) has a resource budget, a
// wall-clock guard and a deterministic strategy, and expects a real answer, never a limit or an error.
TEST(ProofsRlimit, R180_EveryPropertyHasABudgetAndExpectsAnAnswer) {
    const Settings defaults;
    ASSERT_GT(defaults.rlimit, 0u);
    std::size_t own = 0;
    for (const auto& p : catalogue()) {
        EXPECT_TRUE(p.expected == ProofStatus::Proved || p.expected == ProofStatus::Counterexample) << p.name;
        const std::uint64_t budget = p.rlimit > 0 ? p.rlimit : defaults.rlimit;
        EXPECT_GT(budget, 0u) << p.name;
        const double guard = p.wall_guard_seconds > 0 ? p.wall_guard_seconds : defaults.wall_guard_seconds;
        EXPECT_GE(guard, DEFAULT_WALL_GUARD_SECONDS) << p.name;
        // R180: one of the deterministic strategies, by its name.
        const auto named = smt::strategy_from_string(smt::to_string(p.strategy));
        EXPECT_TRUE(named && *named == p.strategy) << p.name;
        own += p.rlimit > 0;
    }
    EXPECT_GT(own, 0u) << "the expensive properties carry their own calibrated budgets";
}

// R180: every strategy is deterministic: two fresh solvers spend the same count on the same query,
// and the strategy both proves (unsat) and finds models the concrete semantics accept (sat: a
// preprocessing step that eliminated variables must still give a model of the whole query).
TEST(ProofsRlimit, R180_EveryStrategyIsRepeatableAndItsModelsCheck) {
    for (smt::Strategy strategy : smt::ALL_STRATEGIES) {
        const std::string name(smt::to_string(strategy));
        const Outcome a = solve(is_less_than_sound_29(), with_rlimit(DEFAULT_RLIMIT, strategy));
        const Outcome b = solve(is_less_than_sound_29(), with_rlimit(DEFAULT_RLIMIT, strategy));
        ASSERT_EQ(a.status, ProofStatus::Proved) << name << ": " << a.detail;
        ASSERT_EQ(b.status, ProofStatus::Proved) << name << ": " << b.detail;
        EXPECT_GT(a.rlimit_used, 0u) << name;
        EXPECT_EQ(a.rlimit_used, b.rlimit_used) << name;
        Problem sat = is_less_than_sound_29();
        sat.goal = truth(false);  // any row of the AIR is a counterexample
        const Outcome c = solve(sat, with_rlimit(DEFAULT_RLIMIT, strategy));
        const Outcome d = solve(sat, with_rlimit(DEFAULT_RLIMIT, strategy));
        EXPECT_EQ(c.status, ProofStatus::Counterexample) << name << ": " << c.detail;
        EXPECT_TRUE(c.counterexample) << name;
        EXPECT_EQ(c.rlimit_used, d.rlimit_used) << name;
    }
}

// R180: the strategies are a closed set, each named once; Z3's default (timed) solver has no name,
// so neither a property nor `memspec prove --strategy` can select it.
TEST(ProofsRlimit, R180_StrategiesAreAClosedSetOfNames) {
    std::set<std::string> names;
    for (smt::Strategy s : smt::ALL_STRATEGIES) {
        const auto back = smt::strategy_from_string(smt::to_string(s));
        ASSERT_TRUE(back) << smt::to_string(s);
        EXPECT_EQ(*back, s);
        names.insert(std::string(smt::to_string(s)));
    }
    EXPECT_EQ(names.size(), std::size(smt::ALL_STRATEGIES));
    EXPECT_FALSE(smt::strategy_from_string("default"));
    EXPECT_FALSE(smt::strategy_from_string(""));
}

// R180: the properties whose answer used to depend on the load (the default solver's timed
// tactics answered them with a count that varied from process to process, or not at all when
// starved) reach their expected status with the same count in two fresh child processes.
TEST(ProofsRlimit, R180_LoadSensitivePropertiesRepeatInFreshProcesses) {
    const std::vector<Property> all = catalogue();
    for (const std::string name : {"necessity.volatile_boundary.addr_lt.marker_bool[0]",
                                   "necessity.access_adapter_4.timestamp_lt.out_bool",
                                   "audit.B1.boundary_without_limb_range_checks"}) {
        const Property& p = property_named(all, name);
        const auto first = run_catalogue({p}, "", Settings{});
        const auto second = run_catalogue({p}, "", Settings{});
        ASSERT_EQ(first.size(), 1u);
        ASSERT_EQ(second.size(), 1u);
        EXPECT_TRUE(first[0].as_expected()) << name << ": " << first[0].outcome.detail;
        EXPECT_EQ(first[0].outcome.status, second[0].outcome.status) << name;
        EXPECT_GT(first[0].outcome.rlimit_used, 0u) << name;
        EXPECT_EQ(first[0].outcome.rlimit_used, second[0].outcome.rlimit_used) << name;
        EXPECT_LE(first[0].outcome.rlimit_used * 5, first[0].outcome.rlimit) << name << ": budget below 5 times the count";
    }
}
