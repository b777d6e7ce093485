// R180: a proof's outcome depends on Z3's deterministic resource count, not on wall time. A
// budget that is too small ends in ResourceLimit, the same way every time; budgets are shared by
// a property's problems; every catalogue property has one and expects a real answer.
#include <gtest/gtest.h>

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

Settings with_rlimit(std::uint64_t rlimit) {
    Settings s;
    s.rlimit = rlimit;
    return s;
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
    constexpr std::uint64_t tiny = 1000;
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

// R180: every property of the catalogue (default and --extended) has a resource budget and a
// wall-clock guard, and expects a real answer, never a limit or an error.
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
        own += p.rlimit > 0;
    }
    EXPECT_GT(own, 0u) << "the expensive properties carry their own calibrated budgets";
}
